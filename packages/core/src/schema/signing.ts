import { index, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { resellers } from './tenancy.js';
import { users } from './users.js';

/**
 * Platform ingest keys: the media edge signs its reports with one (the reseller API's HMAC
 * scheme). The secret must be kept to verify HMACs, so it is stored; it is shown once at creation.
 */
export const ingestKeys = pgTable('ingest_keys', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 100 }).notNull(),
  accessKeyId: varchar('access_key_id', { length: 40 }).notNull().unique(),
  secret: varchar('secret', { length: 40 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/**
 * Request ids already accepted, per key, until their signature could no longer pass the clock
 * skew check: a replay within the window is refused, across every API process.
 */
export const signatureReplays = pgTable(
  'signature_replays',
  {
    accessKeyId: varchar('access_key_id', { length: 40 }).notNull(),
    requestId: varchar('request_id', { length: 64 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accessKeyId, t.requestId] }), index('signature_replays_expiry_idx').on(t.expiresAt)],
);

export type IngestKey = typeof ingestKeys.$inferSelect;
export const INGEST_KEY_COLUMNS = { id: ingestKeys.id, name: ingestKeys.name, accessKeyId: ingestKeys.accessKeyId, createdAt: ingestKeys.createdAt, lastUsedAt: ingestKeys.lastUsedAt };

/**
 * A reseller's keys for the signed RESTful API (seed 003 "API Key"): many may be active at
 * once, the secret is shown once at creation, and deleting a key refuses its next request.
 * The secret is stored because verifying an HMAC needs it (as with ingest keys).
 */
export const resellerApiKeys = pgTable(
  'reseller_api_keys',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    resellerId: integer('reseller_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
    accessKeyId: varchar('access_key_id', { length: 40 }).notNull().unique(),
    secret: varchar('secret', { length: 40 }).notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('reseller_api_keys_reseller_idx').on(t.resellerId)],
);

export type ResellerApiKey = typeof resellerApiKeys.$inferSelect;
export const RESELLER_API_KEY_COLUMNS = {
  id: resellerApiKeys.id,
  accessKeyId: resellerApiKeys.accessKeyId,
  createdAt: resellerApiKeys.createdAt,
  lastUsedAt: resellerApiKeys.lastUsedAt,
};
