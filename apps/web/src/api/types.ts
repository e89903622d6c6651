import type { AppRawRule, BuiltinRoleKey, Locale } from '@rtc-console/core/shared';

/** Shapes the API answers with (JSON: dates are ISO strings). */
export interface Me {
  user: { id: number; email: string; name: string; locale: Locale; platformRole: 'admin' | 'support' | 'finance' | null };
  companies: { id: number; name: string; blocked: boolean; role: { id: number; name: string; builtin: BuiltinRoleKey | null } }[];
  companyId: number | null;
  rules: AppRawRule[];
  /** Plugins switched off for the current company. */
  disabledPlugins: string[];
  /** Set while reseller staff visit a company's dashboard: that company, until `expiresAt`. */
  visit?: { companyId: number; companyName: string; expiresAt: string } | null;
  /** The reseller this user works for, if any. */
  reseller: { id: number; name: string } | null;
  /** A sign-in step still to finish: the second factor's code, or its set-up (required); null when signed in. */
  pending?: 'twoFactor' | 'enrollTwoFactor' | null;
  csrfToken: string;
  session: { expiresAt: string; idleMinutes: number };
}

export interface Project {
  id: string;
  companyId: number;
  appId: string;
  name: string;
  status: -1 | 0 | 1;
  certificateEnabled: boolean;
  recordingServers: string[];
  region: 'CN' | 'Non-CN';
  billingType: 'duration' | 'peakConcurrency';
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RoleRef {
  id: number;
  builtin: BuiltinRoleKey | null;
  name: string;
}

export interface Member {
  userId: number;
  email: string;
  name: string;
  role: RoleRef;
  joinedAt: string;
}

export interface Invitation {
  id: number;
  email: string;
  role: RoleRef;
  expiresAt: string;
  createdAt: string;
}

export interface RoleView extends RoleRef {
  description: string;
  permissions: string[];
  projectIds: string[] | null;
  memberCount: number;
}

export interface AuditEntry {
  id: number;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
  ip: string | null;
  createdAt: string;
}

export interface CompanySummary {
  id: number;
  name: string;
  area: 'CN' | 'Non-CN';
  country: string;
  status: number;
  appLimit: number;
  memberLimit: number;
  members: number;
  /** Unexpired open invitations; they count against memberLimit. */
  openInvitations: number;
  projects: number;
}
