import type { EventTypeDef } from './types.js';

/** The events core publishes (PRODUCT.md: what bans, tickets, webhooks and analytics react to). */
export const CORE_EVENTS = {
  projectCreated: 'project.created',
  projectUpdated: 'project.updated',
  projectDisabled: 'project.disabled',
  projectEnabled: 'project.enabled',
  projectDeleted: 'project.deleted',
  memberInvited: 'member.invited',
  memberJoined: 'member.joined',
  memberRemoved: 'member.removed',
  memberRoleChanged: 'member.role_changed',
  companyFrozen: 'company.frozen',
  companyUnfrozen: 'company.unfrozen',
  companyBlocked: 'company.blocked',
  companyUnblocked: 'company.unblocked',
  pluginSwitched: 'plugin.switched',
} as const;

export const CORE_EVENT_TYPES: EventTypeDef[] = [
  { type: CORE_EVENTS.projectCreated, description: { en: 'A project was created', 'zh-CN': '创建了项目' } },
  { type: CORE_EVENTS.projectUpdated, description: { en: 'A project’s settings changed', 'zh-CN': '项目设置已修改' } },
  { type: CORE_EVENTS.projectDisabled, description: { en: 'A project was disabled', 'zh-CN': '项目已停用' } },
  { type: CORE_EVENTS.projectEnabled, description: { en: 'A project was enabled again', 'zh-CN': '项目已重新启用' } },
  { type: CORE_EVENTS.projectDeleted, description: { en: 'A project was deleted', 'zh-CN': '项目已删除' } },
  { type: CORE_EVENTS.memberInvited, description: { en: 'A member was invited', 'zh-CN': '邀请了成员' } },
  { type: CORE_EVENTS.memberJoined, description: { en: 'An invitation was accepted', 'zh-CN': '成员接受了邀请' } },
  { type: CORE_EVENTS.memberRemoved, description: { en: 'A member was removed', 'zh-CN': '移除了成员' } },
  { type: CORE_EVENTS.memberRoleChanged, description: { en: 'A member’s role changed', 'zh-CN': '成员角色已变更' } },
  { type: CORE_EVENTS.companyFrozen, description: { en: 'The company was frozen', 'zh-CN': '公司已冻结' } },
  { type: CORE_EVENTS.companyUnfrozen, description: { en: 'The company was unfrozen', 'zh-CN': '公司已解冻' } },
  { type: CORE_EVENTS.companyBlocked, description: { en: 'The company was blocked', 'zh-CN': '公司已封禁' } },
  { type: CORE_EVENTS.companyUnblocked, description: { en: 'The company was unblocked', 'zh-CN': '公司已解除封禁' } },
  { type: CORE_EVENTS.pluginSwitched, description: { en: 'A plugin was switched on or off for the company', 'zh-CN': '为公司开启或关闭了插件' } },
];
