import { resellerReadPolicy, tenantReadPolicies } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { bigint, char, date, index, integer, numeric, pgTable, primaryKey, smallint, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

/**
 * The usage plugin's tables. Raw records are kept (so rollups can be rebuilt) but queries
 * read only the rollups. Every table is company-owned, with row-level security like core's:
 * tenants read their own usage, resellers their companies' (the reseller wall); only ingest (the
 * system) writes it.
 */

/** Call session records from the media edge, idempotent by record id. */
export const usageSessions = pgTable(
  'usage_sessions',
  {
    recordId: varchar('record_id', { length: 128 }).primaryKey(),
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    channel: varchar('channel', { length: 128 }).notNull(),
    uid: varchar('uid', { length: 64 }).notNull(),
    /** 1 host, 2 audience. */
    role: smallint('role').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'string' }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'string' }).notNull(),
    product: smallint('product').notNull(),
    /** Duration metric codes this session counts towards (derived at ingest from product and media). */
    metrics: smallint('metrics').array().notNull(),
    /** Transcoding only: concurrency categories it counts towards. */
    peakMetrics: smallint('peak_metrics').array().notNull().default(sql`'{}'::smallint[]`),
    width: integer('width'),
    height: integer('height'),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // No index on (project_id, joined_at): nothing reads raw sessions by project and time except
  // the peak recompute, which the transcoding index serves; an index nobody reads halved COPY's
  // rate at a million rows (docs/benchmarks.md). Analytics adds the indexes its queries need.
  (t) => [
    index('usage_sessions_transcoding_idx').on(t.projectId, t.joinedAt).where(sql`${t.product} = 5`),
    ...tenantReadPolicies('usage_sessions', undefined, { delete: true }), resellerReadPolicy('usage_sessions'),
  ],
).enableRLS();

/** RTM activity records (a user was active at a time). */
export const usageRtmEvents = pgTable(
  'usage_rtm_events',
  {
    recordId: varchar('record_id', { length: 128 }).primaryKey(),
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    userId: varchar('user_id', { length: 64 }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  () => [...tenantReadPolicies('usage_rtm_events', undefined, { delete: true }), resellerReadPolicy('usage_rtm_events')],
).enableRLS();

/** Each RTM user once per project and day: inserting here is how daily active users are counted. */
export const usageRtmUsers = pgTable(
  'usage_rtm_users',
  {
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    userId: varchar('user_id', { length: 64 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day, t.userId] }), ...tenantReadPolicies('usage_rtm_users', undefined, { delete: true }), resellerReadPolicy('usage_rtm_users')],
).enableRLS();

/** Duration rollup: milliseconds per project, UTC day, product and metric. */
export const usageDaily = pgTable(
  'usage_daily',
  {
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    product: smallint('product').notNull(),
    metric: smallint('metric').notNull(),
    ms: bigint('ms', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.day, t.product, t.metric] }),
    index('usage_daily_company_day_idx').on(t.companyId, t.day),
    ...tenantReadPolicies('usage_daily', undefined, { delete: true }), resellerReadPolicy('usage_daily'),
  ],
).enableRLS();

/**
 * Duration rollup per month ('YYYY-MM-01'): the sum of usage_daily's days of the month. The fees
 * of a time frame need each month's total; reading it here instead of adding up thirty daily
 * rows per project and metric is what keeps the Usage page's 90-day query fast on PGlite.
 */
export const usageMonthly = pgTable(
  'usage_monthly',
  {
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    product: smallint('product').notNull(),
    metric: smallint('metric').notNull(),
    ms: bigint('ms', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.month, t.product, t.metric] }),
    ...tenantReadPolicies('usage_monthly', undefined, { delete: true }), resellerReadPolicy('usage_monthly'),
  ],
).enableRLS();

/** Duration rollup per channel too, for the company page's channel filter. */
export const usageDailyChannel = pgTable(
  'usage_daily_channel',
  {
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    channel: varchar('channel', { length: 128 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    product: smallint('product').notNull(),
    metric: smallint('metric').notNull(),
    ms: bigint('ms', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.channel, t.day, t.product, t.metric] }), ...tenantReadPolicies('usage_daily_channel', undefined, { delete: true }), resellerReadPolicy('usage_daily_channel')],
).enableRLS();

/** Peak rollup: each project's daily peak of concurrent transcoding channels and RTM daily active users. */
export const usageDailyPeak = pgTable(
  'usage_daily_peak',
  {
    companyId: integer('company_id').notNull(),
    projectId: varchar('project_id', { length: 16 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    metric: smallint('metric').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.day, t.metric] }),
    index('usage_daily_peak_company_day_idx').on(t.companyId, t.day),
    ...tenantReadPolicies('usage_daily_peak', undefined, { delete: true }), resellerReadPolicy('usage_daily_peak'),
  ],
).enableRLS();

/**
 * The operator's price table: per 1,000 minutes of a product's metric, with a monthly free
 * allowance, in USD or CNY. Platform-wide (not company-owned), read by every company's bill.
 */
export const usagePrices = pgTable(
  'usage_prices',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    currency: char('currency', { length: 3 }).notNull(),
    product: smallint('product').notNull(),
    metric: smallint('metric').notNull(),
    perThousand: numeric('per_thousand', { precision: 12, scale: 4, mode: 'number' }).notNull(),
    freeMinutes: integer('free_minutes').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('usage_prices_unique').on(t.currency, t.product, t.metric)],
);

export type UsagePrice = typeof usagePrices.$inferSelect;
