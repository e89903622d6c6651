// The operator console's resellers and companies, as the API answers them (GET /api/operator/…).
import type { OperatorCompanyView, OperatorResellerView } from '@rtc-console/core/shared';
import type { ResellerCompanyDetail } from '../../reseller/types';

export type OperatorReseller = OperatorResellerView<string>;

export interface ResellerStaffMember {
  userId: number;
  email: string;
  name: string;
  /** False until the set-up link has been used. */
  active: boolean;
  addedAt: string;
}

/** A row of GET /api/operator/companies: `id` keys the row; columns are an array others may extend (usage this month). */
export type OperatorCompany = OperatorCompanyView<string>;

export interface OperatorCompanyDetail extends ResellerCompanyDetail {
  reseller: { id: number; name: string; status: string } | null;
  disabledPlugins: string[];
}
