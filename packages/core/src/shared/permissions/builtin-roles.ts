import type { BuiltinRoleKey, Localized } from './types.js';

export interface BuiltinRoleDef {
  label: Localized;
  description: Localized;
}

/**
 * The built-in roles of PRODUCT.md "Roles" (seed 000 "Role Permission"), in one typed table. What
 * each holds is declared by the areas (`AreaDef.roles`), so a plugin's area reaches the right
 * roles without core naming it; admin holds every permission of every installed plugin.
 */
export const BUILTIN_ROLES: Record<BuiltinRoleKey, BuiltinRoleDef> = {
  admin: {
    label: { en: 'Admin', 'zh-CN': '管理员' },
    description: {
      en: 'Everything in the company: usage, analytics, projects, members and roles, bans, tickets, credentials, audit log.',
      'zh-CN': '拥有公司内全部权限：用量、数据分析、项目、成员与角色、封禁、工单、凭证、审计日志。',
    },
  },
  ops: {
    label: { en: 'Operations', 'zh-CN': '产品/运营' },
    description: { en: 'Views usage only (plus tickets).', 'zh-CN': '仅能查看用量（及工单）。' },
  },
  support: {
    label: { en: 'Technical support', 'zh-CN': '技术支持/运维' },
    description: { en: 'Uses analytics only (plus tickets).', 'zh-CN': '仅能使用数据分析（及工单）。' },
  },
  engineer: {
    label: { en: 'Engineer', 'zh-CN': '工程师' },
    description: {
      en: 'Analytics, views and manages projects (plus bans and tickets).',
      'zh-CN': '能使用数据分析，查看和管理项目（及封禁和工单）。',
    },
  },
};

export function isBuiltinRoleKey(value: unknown): value is BuiltinRoleKey {
  return typeof value === 'string' && Object.hasOwn(BUILTIN_ROLES, value);
}
