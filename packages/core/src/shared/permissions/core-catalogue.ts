import type { AreaDef, PermissionDef } from './types.js';

/**
 * Core's areas (PRODUCT.md "Roles") and the built-in roles that hold each; plugins reuse these
 * keys or bring their own (the usage plugin brings `usage`). Analytics is here until its plugin
 * comes with its own declaration (its permissions already reach support and engineers).
 */
export const CORE_AREAS: AreaDef[] = [
  { key: 'projects', label: { en: 'Projects', 'zh-CN': '项目' }, roles: ['engineer'] },
  { key: 'team', label: { en: 'Members and roles', 'zh-CN': '成员与角色' } },
  { key: 'audit', label: { en: 'Audit log', 'zh-CN': '审计日志' } },
  { key: 'analytics', label: { en: 'Analytics', 'zh-CN': '数据分析' }, roles: ['support', 'engineer'] },
  { key: 'bans', label: { en: 'User bans', 'zh-CN': '封禁用户' }, roles: ['engineer'] },
  { key: 'tickets', label: { en: 'Tickets', 'zh-CN': '工单' }, roles: ['ops', 'support', 'engineer'] },
  { key: 'credentials', label: { en: 'API credentials', 'zh-CN': 'API 凭证' } },
  { key: 'settings', label: { en: 'Company settings', 'zh-CN': '公司设置' } },
];

export const CORE_PERMISSIONS: PermissionDef[] = [
  { key: 'project.read', action: 'read', subject: 'Project', area: 'projects', projectField: 'id',
    label: { en: 'View projects', 'zh-CN': '查看项目' } },
  { key: 'project.create', action: 'create', subject: 'Project', area: 'projects', projectField: 'id',
    label: { en: 'Create projects', 'zh-CN': '创建项目' } },
  { key: 'project.update', action: 'update', subject: 'Project', area: 'projects', projectField: 'id',
    label: { en: 'Edit, enable and disable projects', 'zh-CN': '编辑、启用和停用项目' } },
  { key: 'project.delete', action: 'delete', subject: 'Project', area: 'projects', projectField: 'id',
    label: { en: 'Delete projects', 'zh-CN': '删除项目' } },
  { key: 'project.certificate', action: 'manage', subject: 'AppCertificate', area: 'projects', projectField: 'id',
    label: { en: 'Reveal and rotate App Certificates', 'zh-CN': '查看和更换 App 证书' } },

  { key: 'member.read', action: 'read', subject: 'Member', area: 'team',
    label: { en: 'View members', 'zh-CN': '查看成员' } },
  { key: 'member.invite', action: 'create', subject: 'Member', area: 'team',
    label: { en: 'Invite members', 'zh-CN': '邀请成员' } },
  { key: 'member.update', action: 'update', subject: 'Member', area: 'team',
    label: { en: "Change members' roles and reset their passwords", 'zh-CN': '修改成员角色、重置成员密码' } },
  { key: 'member.delete', action: 'delete', subject: 'Member', area: 'team',
    label: { en: 'Remove members', 'zh-CN': '移除成员' } },
  { key: 'role.read', action: 'read', subject: 'Role', area: 'team',
    label: { en: 'View roles', 'zh-CN': '查看角色' } },
  { key: 'role.manage', action: 'manage', subject: 'Role', area: 'team',
    label: { en: 'Create, edit and delete custom roles', 'zh-CN': '创建、编辑和删除自定义角色' } },

  { key: 'audit.read', action: 'read', subject: 'AuditLog', area: 'audit',
    label: { en: 'View the audit log', 'zh-CN': '查看审计日志' } },

  { key: 'settings.manage', action: 'manage', subject: 'PluginSettings', area: 'settings',
    label: { en: "View and change the plugins' settings (secrets are never shown)", 'zh-CN': '查看和修改插件设置（密钥从不显示）' } },
];
