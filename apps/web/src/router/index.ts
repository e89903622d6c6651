import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { api } from '@rtc-console/web-kit';
import ConsoleLayout from '../layouts/ConsoleLayout.vue';
import type { NavSection } from '../nav';
import { webPlugins } from '../plugins';
import { useSessionStore } from '../stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable signed out (sign-in, reset, invitation). */
    public?: boolean;
    /** The permission the page needs; without it the page shows "no permission". */
    can?: readonly [action: string, subject: string];
    /** i18n key of the page title. */
    title?: string;
    /** Reseller-console and operator pages; company pages have none. */
    section?: NavSection;
    /** The plugin a page belongs to (set when plugins are registered). */
    plugin?: string;
    /** The page of a sign-in step (second factor, its required set-up): only a session waiting at that step sees it. */
    step?: 'twoFactor' | 'enrollTwoFactor';
  }
}

const publicRoutes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: () => import('../views/auth/SignIn.vue'), meta: { public: true, title: 'auth.signIn' } },
  { path: '/forgot-password', name: 'forgot-password', component: () => import('../views/auth/ForgotPassword.vue'), meta: { public: true, title: 'auth.forgotTitle' } },
  { path: '/reset-password', name: 'reset-password', component: () => import('../views/auth/ResetPassword.vue'), meta: { public: true, title: 'auth.resetTitle' } },
  { path: '/sign-up', name: 'sign-up', component: () => import('../views/auth/SignUp.vue'), meta: { public: true, title: 'signUp.title' } },
  { path: '/verify-email', name: 'verify-email', component: () => import('../views/auth/VerifyEmail.vue'), meta: { public: true, title: 'signUp.verifyTitle' } },
  { path: '/accept-invitation', name: 'accept-invitation', component: () => import('../views/auth/AcceptInvitation.vue'), meta: { public: true, title: 'invite.title' } },
  { path: '/sign-in/two-factor', name: 'sign-in-two-factor', component: () => import('../views/auth/TwoFactorSignIn.vue'), meta: { public: true, step: 'twoFactor', title: 'twoFactor.signInTitle' } },
  { path: '/two-factor-setup', name: 'two-factor-setup', component: () => import('../views/auth/TwoFactorEnroll.vue'), meta: { public: true, step: 'enrollTwoFactor', title: 'twoFactor.enrollTitle' } },
  { path: '/dev/mailbox', name: 'dev-mailbox', component: () => import('../views/system/DevMailbox.vue'), meta: { public: true, title: 'mailbox.title' } },
];

const consoleRoutes: RouteRecordRaw[] = [
  { path: '', name: 'overview', component: () => import('../views/system/OverviewPage.vue'), meta: { title: 'nav.overview' } },
  { path: 'projects', name: 'projects', component: () => import('../views/projects/ProjectList.vue'), meta: { can: ['read', 'Project'], title: 'nav.projects' } },
  { path: 'projects/:id', name: 'project-detail', component: () => import('../views/projects/ProjectDetail.vue'), meta: { can: ['read', 'Project'], title: 'projects.detail' } },
  { path: 'team', name: 'team', component: () => import('../views/team/TeamPage.vue'), meta: { can: ['read', 'Member'], title: 'nav.team' } },
  { path: 'roles', name: 'roles', component: () => import('../views/roles/RolesPage.vue'), meta: { can: ['read', 'Role'], title: 'nav.roles' } },
  { path: 'settings', name: 'company-settings', component: () => import('../views/settings/CompanySettings.vue'), meta: { can: ['manage', 'PluginSettings'], title: 'nav.companySettings' } },
  { path: 'audit', name: 'audit', component: () => import('../views/audit/AuditLog.vue'), meta: { can: ['read', 'AuditLog'], title: 'nav.audit' } },
  { path: 'profile', name: 'profile', component: () => import('../views/profile/ProfilePage.vue'), meta: { title: 'nav.profile' } },
  { path: 'reseller/companies', name: 'reseller-companies', component: () => import('../views/reseller/ResellerCompanies.vue'), meta: { section: 'reseller', title: 'nav.resellerCompanies' } },
  { path: 'reseller/companies/new', name: 'reseller-company-new', component: () => import('../views/reseller/RegisterCompany.vue'), meta: { section: 'reseller', title: 'reseller.register.title' } },
  { path: 'reseller/companies/:id(\\d+)', name: 'reseller-company', component: () => import('../views/reseller/ResellerCompanyDetail.vue'), meta: { section: 'reseller', title: 'reseller.detail.title' } },
  { path: 'reseller/settings', name: 'reseller-settings', component: () => import('../views/reseller/ResellerSettings.vue'), meta: { section: 'reseller', title: 'nav.resellerSettings' } },
  { path: 'operator/companies', name: 'operator-companies', component: () => import('../views/operator/OperatorCompanies.vue'), meta: { section: 'operator', can: ['read', 'Company'], title: 'nav.operatorCompanies' } },
  { path: 'operator/companies/new', name: 'operator-company-new', component: () => import('../views/reseller/RegisterCompany.vue'), props: { operator: true }, meta: { section: 'operator', can: ['create', 'Company'], title: 'opsTenants.register.title' } },
  { path: 'operator/companies/:id(\\d+)', name: 'operator-company', component: () => import('../views/operator/tenants/OperatorCompanyDetail.vue'), meta: { section: 'operator', can: ['read', 'Company'], title: 'reseller.detail.title' } },
  { path: 'operator/resellers', name: 'operator-resellers', component: () => import('../views/operator/tenants/OperatorResellers.vue'), meta: { section: 'operator', can: ['read', 'Reseller'], title: 'opsTenants.nav.resellers' } },
  { path: 'operator/resellers/:id(\\d+)', name: 'operator-reseller', component: () => import('../views/operator/tenants/OperatorResellerDetail.vue'), meta: { section: 'operator', can: ['read', 'Reseller'], title: 'opsTenants.reseller.title' } },
  { path: 'operator/ingest-keys', name: 'operator-ingest-keys', component: () => import('../views/operator/IngestKeys.vue'), meta: { section: 'operator', can: ['read', 'IngestKey'], title: 'nav.ingestKeys' } },
  { path: 'operator/jobs', name: 'operator-jobs', component: () => import('../views/operator/JobQueue.vue'), meta: { section: 'operator', can: ['read', 'Job'], title: 'nav.jobs' } },
  { path: 'operator/staff', name: 'operator-staff', component: () => import('../views/operator/OperatorStaff.vue'), meta: { section: 'operator', can: ['read', 'OperatorStaff'], title: 'operatorStaff.nav' } },
  { path: 'operator/audit', name: 'platform-audit', component: () => import('../views/operator/PlatformAudit.vue'), meta: { section: 'operator', can: ['read', 'PlatformAudit'], title: 'platformAudit.title' } },
  { path: 'operator/settings', name: 'platform-settings', component: () => import('../views/operator/PlatformSettings.vue'), meta: { section: 'operator', can: ['read', 'PlatformSettings'], title: 'platformSettings.nav' } },
  ...webPlugins.flatMap((p) => p.routes.map((r) => ({ ...r, meta: { ...r.meta, plugin: p.manifest.id } }) as RouteRecordRaw)),
  { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/system/NotFound.vue'), meta: { title: 'system.notFound' } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes: [...publicRoutes, { path: '/', component: ConsoleLayout, children: consoleRoutes }],
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.loaded) await session.load();
  // Past the password but not signed in yet: held on the page of the step left (sign-in itself may start over).
  const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : to.meta.public ? undefined : to.fullPath;
  if (session.pending && to.meta.step !== session.pending && to.name !== 'sign-in') {
    return { name: session.pending === 'twoFactor' ? 'sign-in-two-factor' : 'two-factor-setup', query: redirect && redirect !== '/' ? { redirect } : {} };
  }
  if (to.meta.step && !session.pending) return session.signedIn ? '/' : { name: 'sign-in' };
  if (to.meta.public) {
    if (to.name === 'sign-in' && session.signedIn) return typeof to.query.redirect === 'string' ? to.query.redirect : '/';
    return true;
  }
  if (!session.signedIn) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  return true;
});

/**
 * A session that ended on the server (idle timeout, revoked) while the user worked: the API
 * client tells this one handler, whichever page or plugin asked. Sign in again, then back to
 * the same page (SignIn follows `redirect`); no reload, so nothing else of the app restarts.
 */
/**
 * A session the server now holds at a sign-in step (the company or the operator started to
 * require two-factor while the user worked): reload it and go to that step, then back here.
 */
api.onSignInStep(async () => {
  const session = useSessionStore();
  if (!session.signedIn) return;
  await session.load();
  const current = router.currentRoute.value;
  if (session.pending && current.meta.step !== session.pending) {
    void router.replace({ name: session.pending === 'twoFactor' ? 'sign-in-two-factor' : 'two-factor-setup', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } });
  }
});

api.onSessionExpired(() => {
  const session = useSessionStore();
  if (!session.signedIn) return;
  session.forget();
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.replace({ name: 'sign-in', query: { redirect: current.fullPath, expired: '1' } });
});
