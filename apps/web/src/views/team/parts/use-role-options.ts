import { useAbility } from '@casl/vue';
import { BUILTIN_ROLE_KEYS, BUILTIN_ROLES, type AppAbility, type BuiltinRoleKey } from '@rtc-console/core/shared';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { api, ApiError, type Page } from '@rtc-console/web-kit';
import type { RoleRef, RoleView } from '../../../api/types';
import { useRoleText, type Catalogue } from '../../roles/parts/role-text';

/** What POST /api/members/invitations and PATCH /api/members/:id take as `role`. */
export type RoleValue = BuiltinRoleKey | number;

/** A type alias, not an interface, so it fits Naive UI's index-signed SelectOption. */
export type RoleOption = {
  value: RoleValue;
  label: string;
  description: string;
  disabled: boolean;
};

export const roleValueOf = (role: RoleRef): RoleValue => role.builtin ?? role.id;

/**
 * The roles a member can be given. With `read Role` they come from GET /api/roles (built-in and
 * custom), and roles holding permissions the signed-in member lacks are shown but disabled
 * (the server refuses them with ESCALATION anyway); without it, the four built-in roles.
 */
export function useRoleOptions() {
  const { t } = useI18n();
  const ability = useAbility<AppAbility>();
  const text = useRoleText();
  const roles = ref<RoleView[] | null>(null);
  const catalogue = ref<Catalogue | null>(null);

  async function load(): Promise<void> {
    if (!ability.can('read', 'Role')) return;
    try {
      const [page, cat] = await Promise.all([api.get<Page<RoleView>>('/api/roles'), api.get<Catalogue>('/api/roles/catalogue')]);
      roles.value = page.rows;
      catalogue.value = cat;
    } catch {
      // Fall back to the built-in roles; the server still checks every grant.
      roles.value = null;
    }
  }

  function exceedsMine(permissions: readonly string[]): boolean {
    const cat = catalogue.value;
    if (!cat) return false;
    return permissions.some((key) => {
      const def = cat.permissions.find((p) => p.key === key);
      return !!def && !ability.can(def.action, def.subject);
    });
  }

  const options = computed<RoleOption[]>(() => {
    if (!roles.value) {
      return BUILTIN_ROLE_KEYS.map((k) => ({ value: k, label: text.label({ builtin: k, name: BUILTIN_ROLES[k].label.en }), description: text.description({ builtin: k }), disabled: false }));
    }
    return roles.value.map((r) => {
      const disabled = exceedsMine(r.permissions);
      return {
        value: roleValueOf(r),
        label: disabled ? `${text.label(r)} (${t('team.exceedsYours')})` : text.label(r),
        description: text.description(r),
        disabled,
      };
    });
  });

  /** The lines to show for an ESCALATION refusal: the rule, then what exactly is missing. */
  function escalationLines(err: ApiError): string[] {
    const details = (err.details ?? {}) as { missing?: string[]; projectsWider?: boolean };
    const lines = [t('team.escalation')];
    if (details.missing?.length) lines.push(t('team.escalationMissing', { list: text.permissionList(details.missing, catalogue.value) }));
    if (details.projectsWider) lines.push(t('team.escalationProjects'));
    return lines;
  }

  return { options, load, escalationLines };
}

export type RoleOptions = ReturnType<typeof useRoleOptions>;
