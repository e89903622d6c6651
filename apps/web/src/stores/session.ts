import { createAppAbility, platformAbilityOf, type Locale } from '@rtc-console/core/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, ApiError, type Viewer } from '@rtc-console/web-kit';
import type { Me } from '../api/types';
import { currentLocale, setLocale } from '../i18n';

/** The CASL ability shared with `@casl/vue`: updated in place at sign-in, switch and sign-out. */
export const ability = createAppAbility();
const noPlatformAbility = createAppAbility([]);

/** Who is signed in, in which company, with what rights. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);

  /** Fully signed in: past the password and any second-factor step. */
  const signedIn = computed(() => me.value !== null && !me.value.pending);
  /** The sign-in step the session still waits at (the router keeps it on that step's page). */
  const pending = computed(() => me.value?.pending ?? null);
  /** The company the session works in: a membership, or the company reseller staff are visiting (as its admin). */
  const company = computed<Me['companies'][number] | null>(() => {
    const m = me.value;
    if (!m) return null;
    const membership = m.companies.find((c) => c.id === m.companyId);
    if (membership) return membership;
    if (m.visit && m.visit.companyId === m.companyId) return { id: m.visit.companyId, name: m.visit.companyName, blocked: false, role: { id: 0, name: 'admin', builtin: 'admin' } };
    return null;
  });

  /** The operator's role or reseller staff's rules: the API's own, from the shared permissions. */
  const platformAbility = computed(() => {
    const m = me.value;
    if (m?.user.platformRole) return platformAbilityOf({ kind: 'operator', userId: m.user.id, role: m.user.platformRole });
    if (m?.reseller) return platformAbilityOf({ kind: 'resellerStaff', userId: m.user.id, resellerId: m.reseller.id });
    return noPlatformAbility;
  });

  /** Whether the operator's role (or reseller staff) may do this on the platform: write buttons ask it. */
  const canPlatform = (action: string, subject: string) => platformAbility.value.can(action, subject);

  /** Who is looking, for the one visibility rule of the nav, the overview, the tabs and the router. */
  const viewer = computed<Viewer>(() => ({
    ability,
    inCompany: company.value !== null,
    reseller: !!me.value?.reseller,
    operator: !!me.value?.user.platformRole,
    disabledPlugins: me.value?.disabledPlugins ?? [],
    platformAbility: platformAbility.value,
  }));

  function adopt(next: Me | null): void {
    me.value = next;
    // The API client keeps the CSRF token from the session answers itself; signed out, it has none.
    if (!next) api.forgetSession();
    ability.update(next?.rules ?? []);
    if (next && next.user.locale !== currentLocale()) setLocale(next.user.locale);
  }

  /** Loads the session once per page load; a signed-out visitor is not an error. */
  async function load(): Promise<void> {
    try {
      adopt(await api.get<Me>('/api/auth/me'));
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'UNAUTHENTICATED') throw err;
      adopt(null);
    } finally {
      loaded.value = true;
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    adopt(await api.post<Me>('/api/auth/sign-in', { email, password }));
  }

  async function signOut(): Promise<void> {
    try {
      await api.post('/api/auth/sign-out');
    } finally {
      adopt(null);
    }
  }

  async function switchCompany(companyId: number): Promise<void> {
    adopt(await api.post<Me>('/api/auth/switch-company', { companyId }));
  }

  /** The language is the user's setting: switched here, saved to the profile when signed in. */
  async function changeLocale(locale: Locale): Promise<void> {
    setLocale(locale);
    if (me.value) {
      await api.patch('/api/profile', { locale });
      me.value = { ...me.value, user: { ...me.value.user, locale } };
    }
  }

  /** Whose console visits go through: the operator's (any company) or the reseller's (its own). */
  const visitBase = () => (me.value?.user.platformRole ? '/api/operator' : '/api/reseller');

  /** Reseller staff (or the operator) enter a company's dashboard (seed 001 "Visit Dashboard"). */
  async function startVisit(companyId: number): Promise<void> {
    await api.post(`${visitBase()}/companies/${companyId}/visit`);
    await load();
  }

  /** Leaves the visited dashboard, back to the reseller (or operator) console. */
  async function endVisit(): Promise<void> {
    await api.post(`${visitBase()}/visit/end`);
    await load();
  }

  function forget(): void {
    adopt(null);
  }

  return { me, loaded, signedIn, pending, company, viewer, canPlatform, adopt, load, signIn, signOut, switchCompany, changeLocale, startVisit, endVisit, forget };
});
