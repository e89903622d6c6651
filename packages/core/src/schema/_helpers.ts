import { sql, type SQL } from 'drizzle-orm';
import { integer, pgPolicy, pgRole, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The database role tenant transactions run as (`SET LOCAL ROLE`). It is not a superuser and
 * owns nothing, so row-level security applies to it even when the connection's own user is a
 * superuser. Created by the first migration; `.existing()` keeps drizzle-kit from managing it.
 */
export const TENANT_ROLE = 'console_tenant';
export const tenantRole = pgRole(TENANT_ROLE).existing();

/**
 * The company of the current transaction, set with `set_config('app.company_id', …, true)`.
 * Written as a scalar subquery so Postgres evaluates it once per statement (an InitPlan) rather
 * than once per row: in a policy, the bare expression is re-evaluated for every row scanned,
 * which made row-level security the largest cost of a seq scan on PGlite (docs/benchmarks.md).
 */
export const currentCompanyId: SQL = sql`(select nullif(current_setting('app.company_id', true), '')::integer)`;

/**
 * The row-level security policy of every company-owned table: rows of the current company
 * only, for reading and for writing. `column` is the table's company column.
 */
export function tenantPolicy(name: string, column: SQL = sql`company_id`) {
  return pgPolicy(`${name}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: tenantRole,
    using: sql`${column} = ${currentCompanyId}`,
    withCheck: sql`${column} = ${currentCompanyId}`,
  });
}

/**
 * Like `tenantPolicy` but the tenant may only read its rows, and optionally append (`insert`)
 * or remove them (`delete`: a plugin purging a deleted project's data inside the tenant's
 * transaction). No update, ever.
 */
export function tenantReadPolicies(name: string, column: SQL = sql`company_id`, opts: { insert?: boolean; delete?: boolean } = {}) {
  const policies = [pgPolicy(`${name}_tenant_read`, { for: 'select', to: tenantRole, using: sql`${column} = ${currentCompanyId}` })];
  if (opts.insert) policies.push(pgPolicy(`${name}_tenant_append`, { for: 'insert', to: tenantRole, withCheck: sql`${column} = ${currentCompanyId}` }));
  if (opts.delete) policies.push(pgPolicy(`${name}_tenant_purge`, { for: 'delete', to: tenantRole, using: sql`${column} = ${currentCompanyId}` }));
  return policies;
}

/**
 * The database role a reseller's cross-company reads run as (`inReseller`): like the tenant
 * role it owns nothing and may only read, and the policies below let it see the rows of the
 * companies whose `reseller_id` is the transaction's `app.reseller_id`. A query that forgets
 * the reseller condition still shows nothing of another reseller's companies.
 */
export const RESELLER_ROLE = 'console_reseller';
export const resellerRole = pgRole(RESELLER_ROLE).existing();

/** The reseller of the current transaction (`set_config('app.reseller_id', …, true)`), once per statement. */
export const currentResellerId: SQL = sql`(select nullif(current_setting('app.reseller_id', true), '')::integer)`;

/** The current reseller's companies, as a set the planner evaluates once per statement. */
const resellerCompanies: SQL = sql`(select c.id from companies c where c.reseller_id = ${currentResellerId})`;

/**
 * The reseller's read policy of a company-owned table: rows of its companies only. `column` is
 * the table's company column. (On `companies` itself, use `resellerCompanyPolicy`.)
 */
export function resellerReadPolicy(name: string, column: SQL = sql`company_id`) {
  return pgPolicy(`${name}_reseller_read`, { for: 'select', to: resellerRole, using: sql`${column} in ${resellerCompanies}` });
}

export const resellerCompanyPolicy = () => pgPolicy('companies_reseller_read', { for: 'select', to: resellerRole, using: sql`reseller_id = ${currentResellerId}` });

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** `company_id` for company-owned tables: cascades so purging a company leaves nothing behind. */
export function companyId(companies: () => AnyPgColumn) {
  return integer('company_id').notNull().references(companies, { onDelete: 'cascade' });
}
