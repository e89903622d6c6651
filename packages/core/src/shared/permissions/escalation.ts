import type { MemberRoleInput, PermissionDef } from './types.js';
import type { PermissionCatalogue } from './catalogue.js';
import { grantedPermissions } from './define-rules.js';

export type GrantCheck = { ok: true } | { ok: false; missing: string[]; projectsWider: boolean };

/**
 * "Nobody can grant a role with more rights than their own": every permission of the role
 * being granted must be held by the granter, and a granter limited to some projects can only
 * grant roles limited to a subset of those projects.
 */
export function checkGrant(
  granter: MemberRoleInput,
  target: MemberRoleInput['role'],
  catalogue: PermissionCatalogue,
): GrantCheck {
  const held = new Set(grantedPermissions(granter, catalogue).map((p) => p.key));
  const wanted: PermissionDef[] = grantedPermissions({ ...granter, role: target }, catalogue);
  const missing = wanted.filter((p) => !held.has(p.key)).map((p) => p.key);

  const granterProjects = 'rules' in granter.role ? granter.role.projectIds : null;
  const targetProjects = 'rules' in target ? target.projectIds : null;
  const touchesProjects = wanted.some((p) => p.projectField);
  const projectsWider =
    granterProjects !== null &&
    touchesProjects &&
    (targetProjects === null || targetProjects.some((id) => !granterProjects.includes(id)));

  return missing.length === 0 && !projectsWider ? { ok: true } : { ok: false, missing, projectsWider };
}
