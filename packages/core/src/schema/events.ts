import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { tenantReadPolicies } from './_helpers.js';

/**
 * The events outbox: what happened (a project created, a member removed, a plugin switched…),
 * written in the same transaction as the change, so an event exists exactly when its change
 * committed. The event bus hands each row to its subscribers' job queues after commit and marks
 * it dispatched. Tenants may append and read their own company's events; platform events have
 * no company. No foreign key to the company: an event outlives what it tells of.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    type: varchar('type', { length: 80 }).notNull(),
    companyId: integer('company_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Who caused it, as the audit log shows them ("system" for jobs). */
    actor: varchar('actor', { length: 300 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A dispatcher holds the row until then while it hands it to the queues; another takes over after. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    index('event_outbox_pending_idx').on(t.id).where(sql`dispatched_at is null`),
    index('event_outbox_company_idx').on(t.companyId, t.id),
    ...tenantReadPolicies('event_outbox', undefined, { insert: true }),
  ],
).enableRLS();

export type OutboxEvent = typeof eventOutbox.$inferSelect;
