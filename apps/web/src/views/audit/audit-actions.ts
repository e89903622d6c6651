/**
 * The audit actions core records today, grouped by area for the action filter. An action
 * not listed here (a plugin's) still shows, by its raw name.
 */
export const AUDIT_ACTION_GROUPS = [
  {
    area: 'project',
    actions: [
      'project.create', 'project.update', 'project.enable', 'project.disable', 'project.delete',
      'project.certificate.enable', 'project.certificate.reveal', 'project.certificate.rotate',
    ],
  },
  {
    area: 'member',
    actions: ['member.invite', 'member.invite.revoke', 'member.join', 'member.role.change', 'member.remove', 'member.password.reset'],
  },
  { area: 'role', actions: ['role.create', 'role.update', 'role.delete'] },
  // The last four are the company's reseller acting on it (seed 001: Freeze, Unfreeze, Remove, Visit dashboard).
  { area: 'company', actions: ['company.create', 'company.freeze', 'company.unfreeze', 'company.reseller.remove', 'company.visit'] },
] as const;

export const AUDIT_TARGET_TYPES = ['Project', 'Member', 'Invitation', 'Role', 'Company'] as const;

/** i18n key of an action's label: dots would nest (`member.invite` vs `member.invite.revoke`), so they become `_`. */
export const actionKey = (action: string): string => `audit.actions.${action.replace(/\./g, '_')}`;
