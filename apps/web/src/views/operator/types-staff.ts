import type { OperatorRoleKey } from '@rtc-console/core/shared';

/** A member of the operator staff as GET /api/operator/staff lists them. */
export interface StaffMember {
  userId: number;
  name: string;
  email: string;
  role: OperatorRoleKey;
  lastSignInAt: string | null;
  hasPassword: boolean;
}
