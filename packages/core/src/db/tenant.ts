import { sql } from 'drizzle-orm';
import { TENANT_ROLE } from '../schema/_helpers.js';
import type { Db, Tx } from './types.js';

/**
 * Runs `fn` in one transaction that acts as the given company: the company id is set for the
 * row-level security policies and the role switches to the tenant role, so a query that
 * forgets its company filter still sees nothing of another company. Both settings are
 * transaction-local, so a pooled connection carries nothing over to the next request.
 */
export function inCompany<T>(db: Db, companyId: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!Number.isSafeInteger(companyId) || companyId <= 0) throw new Error(`inCompany: bad company id ${companyId}`);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.company_id', ${String(companyId)}, true), set_config('role', ${TENANT_ROLE}, true)`,
    );
    return fn(tx);
  });
}
