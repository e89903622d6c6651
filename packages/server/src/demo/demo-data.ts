import type { BuiltinRoleKey, CompanyInput } from '@rtc-console/core';

/** The demo's one password, printed at start and listed in the README. */
export const DEMO_PASSWORD = 'rtc-demo-2026';

export interface DemoMember {
  email: string;
  name: string;
  /** A built-in role, or the name of the company's custom role below. */
  role: BuiltinRoleKey | 'custom';
}

export interface DemoCompany {
  input: CompanyInput;
  adminName: string;
  customRole: { name: string; description: string; permissions: string[]; limitToFirstProjects?: number };
  members: DemoMember[];
  projects: { name: string; region: 'CN' | 'Non-CN'; disabled?: boolean }[];
}

export const DEMO_RESELLER = 'Demo Reseller';

/** People who are not company members: the reseller's staff and the platform operator. */
export const DEMO_STAFF = {
  reseller: { email: 'reseller@rtc.demo', name: 'Rita Reseller' },
  operator: { email: 'operator@rtc.demo', name: 'Otto Operator' },
  /** An operator of the support-desk role: companies and resellers read-only, tickets. */
  supportDesk: { email: 'desk@rtc.demo', name: 'Dana Desk' },
} as const;

export const DEMO_COMPANIES: DemoCompany[] = [
  {
    input: {
      name: 'Acme Video', email: 'admin@acme.demo', firstName: 'Alice', lastName: 'Admin', country: 'US', area: 'Non-CN',
      appLimit: 10, memberLimit: 10, industry: 3, interest: 2, environment: 2,
    },
    adminName: 'Alice Admin',
    customRole: {
      name: 'Project viewer', description: 'Sees the first two projects and the team list', permissions: ['project.read', 'member.read'], limitToFirstProjects: 2,
    },
    members: [
      { email: 'ops@acme.demo', name: 'Oscar Ops', role: 'ops' },
      { email: 'support@acme.demo', name: 'Sam Support', role: 'support' },
      { email: 'engineer@acme.demo', name: 'Erin Engineer', role: 'engineer' },
      { email: 'viewer@acme.demo', name: 'Victor Viewer', role: 'custom' },
    ],
    projects: [
      { name: 'Video Classroom', region: 'Non-CN' },
      { name: 'Live Shopping', region: 'Non-CN' },
      { name: 'Support Calls', region: 'Non-CN' },
      { name: 'Legacy Webinar', region: 'Non-CN', disabled: true },
    ],
  },
  {
    input: {
      name: '星河直播', email: 'admin@galaxy.demo', firstName: '李', lastName: '明', country: 'CN', area: 'CN',
      appLimit: 5, memberLimit: 8, industry: 13, interest: 4, environment: 7,
    },
    adminName: '李明',
    customRole: { name: '审计员', description: '查看审计日志和成员', permissions: ['audit.read', 'member.read', 'role.read'] },
    members: [
      { email: 'ops@galaxy.demo', name: '王芳', role: 'ops' },
      { email: 'support@galaxy.demo', name: '张伟', role: 'support' },
      { email: 'engineer@galaxy.demo', name: '刘洋', role: 'engineer' },
      { email: 'auditor@galaxy.demo', name: '陈静', role: 'custom' },
      // One person in both companies, to show the company switcher.
      { email: 'admin@acme.demo', name: 'Alice Admin', role: 'engineer' },
    ],
    projects: [
      { name: '互动直播', region: 'CN' },
      { name: '语音聊天室', region: 'CN' },
      { name: '在线教育', region: 'CN' },
    ],
  },
];
