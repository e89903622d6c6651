import { bigint, index, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { companyId, tenantReadPolicies } from './_helpers.js';
import { companies } from './tenancy.js';
import { users } from './users.js';

export interface AuditChange {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** What every audit entry says, in a company's log or the platform's: who did what to which target, and when. */
const entryColumns = () => ({
  actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
  /** The actor as shown at the time (an email, "reseller:…", "system"): survives user deletion. */
  actorLabel: varchar('actor_label', { length: 300 }).notNull(),
  action: varchar('action', { length: 100 }).notNull(),
  targetType: varchar('target_type', { length: 50 }).notNull(),
  targetId: varchar('target_id', { length: 100 }),
  changes: jsonb('changes').$type<AuditChange>().notNull().default({}),
  ip: varchar('ip', { length: 64 }),
  requestId: varchar('request_id', { length: 64 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per write: who did what to which target, with a before/after summary. Append-only for tenants. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    ...entryColumns(),
  },
  (t) => [index('audit_company_time_idx').on(t.companyId, t.createdAt), ...tenantReadPolicies('audit_log', undefined, { insert: true })],
).enableRLS();

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * The operator's writes that belong to no company (its staff, the platform settings): the same
 * shape as a company's log. Only the console's own role reads it; tenants and resellers never.
 */
export const platformAuditLog = pgTable(
  'platform_audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    ...entryColumns(),
  },
  (t) => [index('platform_audit_target_idx').on(t.targetType, t.targetId, t.createdAt), index('platform_audit_time_idx').on(t.createdAt)],
);

export type PlatformAuditEntry = typeof platformAuditLog.$inferSelect;
