import { BUILTIN_ROLES, type AreaDef, type BuiltinRoleDef, type BuiltinRoleKey, type Locale, type PermissionDef } from '@rtc-console/core/shared';
import { useI18n } from 'vue-i18n';

/** GET /api/roles/catalogue: every grantable permission, core's and each plugin's. */
export interface Catalogue {
  areas: AreaDef[];
  permissions: PermissionDef[];
  builtinRoles: Record<BuiltinRoleKey, BuiltinRoleDef>;
}

export interface AreaGroup {
  area: AreaDef;
  permissions: PermissionDef[];
}

/** The catalogue's permissions under their areas, in catalogue order; areas with nothing installed are left out. */
export function groupByArea(catalogue: Catalogue): AreaGroup[] {
  return catalogue.areas
    .map((area) => ({ area, permissions: catalogue.permissions.filter((p) => p.area === area.key) }))
    .filter((g) => g.permissions.length > 0);
}

/**
 * Role and permission wording in the user's language: built-in roles by their localized label
 * and description (the stored name is English), custom roles by the name their company gave.
 */
export function useRoleText() {
  const { locale, t } = useI18n();
  const loc = () => locale.value as Locale;
  return {
    label: (role: { builtin: BuiltinRoleKey | null; name: string }) => (role.builtin ? BUILTIN_ROLES[role.builtin].label[loc()] : role.name),
    description: (role: { builtin: BuiltinRoleKey | null; description?: string }) =>
      role.builtin ? BUILTIN_ROLES[role.builtin].description[loc()] : (role.description ?? ''),
    localized: (text: Record<Locale, string>) => text[loc()],
    /** Permission keys (e.g. from an ESCALATION error's `missing`) as labels, when the catalogue is known. */
    permissionList: (keys: readonly string[], catalogue: Catalogue | null) =>
      keys.map((k) => catalogue?.permissions.find((p) => p.key === k)?.label[loc()] ?? k).join(t('roles.listSeparator')),
  };
}
