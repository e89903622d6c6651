import { jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { companyId, tenantReadPolicies } from './_helpers.js';
import { companies } from './tenancy.js';

/**
 * A plugin's settings for one company: the values its manifest's schema describes, and the
 * secret half (storage credentials, webhook secrets) encrypted with the server's settings key,
 * never sent back. Written by the settings service only; tenants may read their own row, whose
 * secrets they cannot decrypt.
 */
export const pluginSettings = pgTable(
  'plugin_settings',
  {
    companyId: companyId(() => companies.id),
    pluginId: varchar('plugin_id', { length: 40 }).notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull().default({}),
    /** AES-256-GCM of the secrets' JSON: `v1.<iv>.<tag>.<ciphertext>` in base64url; null when none is set. */
    secrets: text('secrets'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.pluginId] }), ...tenantReadPolicies('plugin_settings')],
).enableRLS();
