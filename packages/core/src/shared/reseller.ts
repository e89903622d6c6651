// The reseller's view of a company, shared by the API (core's services) and the web console.

/**
 * The reseller console's status column (seed 001): the financial status, or Blocked when the
 * dashboard account is blocked. The first four are in the order of seed 003's status codes 0–3.
 */
export const CONSOLE_STATUSES = ['normal', 'insufficientBalance', 'autoSuspended', 'suspendedManually', 'blocked'] as const;
export type ConsoleStatus = (typeof CONSOLE_STATUSES)[number];

/** Why a reseller froze a company (seed 001 "Freeze"). */
export const FREEZE_REASONS = ['overdue', 'violation', 'customerRequest', 'other'] as const;
export type FreezeReason = (typeof FREEZE_REASONS)[number];

/** A company as the reseller RESTful API shows it (seed 003 "Create a company" response). */
export interface ResellerCompanyView {
  id: number;
  name: string;
  country: string;
  area: 'CN' | 'Non-CN';
  appLimit: number;
  memberLimit: number;
  industry: number;
  interest: number;
  environment: number;
  /** 0 normal, 1 insufficient balance, 2 automatically suspended, 3 manually suspended. */
  status: number;
}
