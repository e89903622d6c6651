/** One area of actions in the action filter: its id is the actions' prefix (`project` for `project.`). */
export interface AuditActionGroup {
  area: string;
  actions: readonly string[];
}

/**
 * The audit actions core records in a company's log today, grouped by area for the action
 * filter. An action not listed here (a plugin's) still shows, by its raw name.
 */
export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
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
];

export const AUDIT_TARGET_TYPES = ['Project', 'Member', 'Invitation', 'Role', 'Company'] as const;

/**
 * The platform log's actions: the operator's writes (its staff, resellers, the settings) and
 * users' own account events (target type `user`).
 */
export const PLATFORM_AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
  { area: 'operator', actions: ['operator.staff.invite', 'operator.staff.role.change', 'operator.staff.remove'] },
  { area: 'reseller', actions: ['reseller.create', 'reseller.update', 'reseller.suspend', 'reseller.unsuspend', 'reseller.staff.invite', 'reseller.staff.remove'] },
  { area: 'platform', actions: ['platform.settings.update'] },
  { area: 'signIn', actions: ['signIn.twoFactor'] },
  { area: 'twoFactor', actions: ['twoFactor.enable', 'twoFactor.disable', 'twoFactor.recoveryCodes.regenerate'] },
  { area: 'session', actions: ['session.revoke', 'session.revokeOthers', 'session.signOutEverywhere'] },
  { area: 'rememberedBrowser', actions: ['rememberedBrowser.forget', 'rememberedBrowser.forgetAll'] },
];

export const PLATFORM_AUDIT_TARGET_TYPES = ['OperatorStaff', 'Reseller', 'PlatformSettings', 'user'] as const;

/** i18n key of an action's label: dots would nest (`member.invite` vs `member.invite.revoke`), so they become `_`. */
export const actionKey = (action: string): string => `audit.actions.${action.replace(/\./g, '_')}`;
