import { companies, companyId, tenantPolicy, timestamps } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * The webhooks plugin's tables, both company-owned with row-level security: a company's
 * endpoints and every delivery of an event to one of them. Deliveries run as their company
 * (`tenant.inCompany`), so a delivery job sees that company's rows and no other's.
 */

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    url: varchar('url', { length: 2048 }).notNull(),
    description: varchar('description', { length: 500 }).notNull().default(''),
    eventTypes: text('event_types').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** `whsec_…`, sealed by the secrets service (the company bound in); shown once, never answered again. */
    secretSealed: text('secret_sealed').notNull(),
    /** Set when the console switched the endpoint off: `failures`. */
    disabledReason: varchar('disabled_reason', { length: 16 }),
    /** The first failed attempt since the last success; a day of failures switches the endpoint off. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('webhook_endpoints_company_idx').on(t.companyId, t.id), tenantPolicy('webhook_endpoints')],
).enableRLS();

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** Also the id of the job of its first attempt, so handing it to the queue twice is one job. */
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: companyId(() => companies.id),
    endpointId: integer('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The event's outbox id (the outbox forgets dispatched events after a week; the delivery keeps it). */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: varchar('event_type', { length: 100 }).notNull(),
    /** `msg_<eventId>_<endpointId>`: the `webhook-id` header, the same on every attempt. */
    messageId: varchar('message_id', { length: 64 }).notNull(),
    /** The body as sent, byte for byte on every attempt. */
    payload: text('payload').notNull(),
    status: varchar('status', { length: 16 }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    durationMs: integer('duration_ms'),
    lastError: varchar('last_error', { length: 500 }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // An event handed to the subscriber twice (at least once) is one delivery per endpoint.
    uniqueIndex('webhook_deliveries_event_endpoint_unique').on(t.eventId, t.endpointId),
    index('webhook_deliveries_endpoint_idx').on(t.companyId, t.endpointId, t.createdAt.desc()),
    index('webhook_deliveries_created_idx').on(t.createdAt).where(sql`${t.status} in ('succeeded', 'failed', 'skipped')`),
    tenantPolicy('webhook_deliveries'),
  ],
).enableRLS();

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
