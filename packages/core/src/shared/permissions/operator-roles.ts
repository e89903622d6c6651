import type { AppRawRule, Localized } from './types.js';

/**
 * The platform operator's staff roles, declared like company roles: a key, labels, and the
 * subjects each may act on. Admins do everything; the support desk answers tickets, keeps the knowledge base and reads
 * companies and resellers; finance keeps billing and prices and reads the rest.
 */
export const OPERATOR_ROLE_KEYS = ['admin', 'support', 'finance'] as const;
export type OperatorRoleKey = (typeof OPERATOR_ROLE_KEYS)[number];

export interface OperatorRoleDef {
  key: OperatorRoleKey;
  label: Localized;
  description: Localized;
  rules: AppRawRule[];
}

/** What every operator role may read: the overview, companies, resellers. */
const readPlatform: AppRawRule[] = [
  { action: 'read', subject: 'Platform' },
  { action: 'read', subject: 'Company' },
  { action: 'read', subject: 'Reseller' },
];

export const OPERATOR_ROLES: readonly OperatorRoleDef[] = [
  {
    key: 'admin',
    label: { en: 'Operator admin', 'zh-CN': '运营管理员' },
    description: { en: 'Everything: resellers, companies, staff, settings, keys, jobs, tickets, the knowledge base, billing, the platform audit log', 'zh-CN': '全部权限：代理商、公司、员工、平台设置、密钥、任务、工单、知识库、计费、平台审计日志' },
    rules: (['Platform', 'Company', 'Reseller', 'IngestKey', 'Job', 'OperatorStaff', 'PlatformSettings', 'TicketQueue', 'Billing', 'Price', 'PlatformAudit', 'KnowledgeBase'] as const).map((subject) => ({ action: 'manage', subject })),
  },
  {
    key: 'support',
    label: { en: 'Support desk', 'zh-CN': '客服' },
    description: { en: 'Tickets and the knowledge base; companies and resellers read-only', 'zh-CN': '处理工单、维护知识库；只读查看公司和代理商' },
    rules: [...readPlatform, { action: 'manage', subject: 'TicketQueue' }, { action: 'manage', subject: 'KnowledgeBase' }],
  },
  {
    key: 'finance',
    label: { en: 'Finance', 'zh-CN': '财务' },
    description: { en: 'Billing and prices; companies and resellers read-only', 'zh-CN': '计费与价格；只读查看公司和代理商' },
    rules: [...readPlatform, { action: 'manage', subject: 'Billing' }, { action: 'manage', subject: 'Price' }],
  },
];

export function operatorRole(key: OperatorRoleKey): OperatorRoleDef {
  return OPERATOR_ROLES.find((r) => r.key === key)!;
}
