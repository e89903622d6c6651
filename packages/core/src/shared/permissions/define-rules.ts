import { createMongoAbility } from '@casl/ability';
import type { AppAbility, AppRawRule, MemberRoleInput, PermissionDef } from './types.js';
import type { PermissionCatalogue } from './catalogue.js';

/** The catalogue entries a member holds in their company, before conditions are attached. */
export function grantedPermissions(member: MemberRoleInput, catalogue: PermissionCatalogue): PermissionDef[] {
  if ('builtin' in member.role) return catalogue.permissionsOf(member.role.builtin);
  // Rules that are no longer in the catalogue (a plugin was removed) are ignored, not fatal.
  return member.role.rules.flatMap((rule) => catalogue.forRule(rule) ?? []);
}

/**
 * The CASL rules of one member in one company. Every rule is conditioned on the company;
 * a custom role limited to some projects also gets the project condition on project-scoped
 * subjects. Shared by the API (checks and SQL filters) and the web app (what to show).
 */
export function defineRulesFor(member: MemberRoleInput, catalogue: PermissionCatalogue): AppRawRule[] {
  const projectIds = 'rules' in member.role ? member.role.projectIds : null;
  return grantedPermissions(member, catalogue).map((p) => {
    const conditions: Record<string, unknown> = { companyId: member.companyId };
    if (projectIds && p.projectField) conditions[p.projectField] = { $in: projectIds };
    return { action: p.action, subject: p.subject, conditions };
  });
}

export function createAppAbility(rules: AppRawRule[] = []): AppAbility {
  return createMongoAbility(rules);
}
