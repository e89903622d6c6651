/** Shapes of the reseller console's API (/api/reseller, packages/server/src/routes/reseller-console.ts); dates are ISO strings. */
import type { ConsoleStatus, FreezeReason, ResellerCompanyView } from '@rtc-console/core/shared';

export { CONSOLE_STATUSES, FREEZE_REASONS, type ConsoleStatus, type FreezeReason } from '@rtc-console/core/shared';

/** The seed 003 company, with what the console adds. */
interface CompanyProfile extends ResellerCompanyView {
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
