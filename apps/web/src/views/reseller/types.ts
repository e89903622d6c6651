/** Shapes of the reseller console's API (/api/reseller, apps/api/src/routes/reseller-console.ts); dates are ISO strings. */

/**
 * The status column (seed 001): the financial status, or Blocked when the dashboard account is
 * blocked. The first four are in the order of seed 003's status codes 0–3.
 */
export const CONSOLE_STATUSES = ['normal', 'insufficientBalance', 'autoSuspended', 'suspendedManually', 'blocked'] as const;
export type ConsoleStatus = (typeof CONSOLE_STATUSES)[number];

/** Why a company is frozen (POST /companies/:id/freeze). */
export const FREEZE_REASONS = ['overdue', 'violation', 'customerRequest', 'other'] as const;
export type FreezeReason = (typeof FREEZE_REASONS)[number];

interface CompanyProfile {
  id: number;
  name: string;
  country: string;
  area: 'CN' | 'Non-CN';
  appLimit: number;
  memberLimit: number;
  industry: number;
  interest: number;
  environment: number;
  status: number;
  email: string;
  blocked: boolean;
  consoleStatus: ConsoleStatus;
  frozenReason: FreezeReason | null;
  createdAt: string;
}

/** A row of GET /api/reseller/companies. */
export interface ResellerCompany extends CompanyProfile {
  /** The contact's "first last" name. */
  contact: string;
}

/** GET /api/reseller/companies/:id: company and user information. */
export interface ResellerCompanyDetail {
  company: CompanyProfile & { firstName: string; lastName: string };
  user: { id: number; email: string; name: string; locale: string; createdAt: string } | null;
  members: number;
  projects: number;
}

/** A key as listed: never with its secret. */
export interface ResellerApiKey {
  id: number;
  accessKeyId: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** What POST /api/reseller/api-keys answers: the only time the secret is ever sent. */
export interface CreatedResellerApiKey extends ResellerApiKey {
  secret: string;
}
