import { sql } from 'drizzle-orm';
import { boolean, char, check, index, pgTable, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { companyId, resellerReadPolicy, tenantPolicy, timestamps } from './_helpers.js';
import { companies } from './tenancy.js';

/**
 * Projects (apps). `id` is the short public project id of seed 003; `appId` the 32-hex App ID
 * the SDKs use, immutable and unique across the platform so the media edge can map it back.
 */
export const projects = pgTable(
  'projects',
  {
    id: varchar('id', { length: 16 }).primaryKey(),
    companyId: companyId(() => companies.id),
    appId: char('app_id', { length: 32 }).notNull().unique(),
    name: varchar('name', { length: 255 }).notNull(),
    /** 1 enabled, 0 disabled (all traffic refused), -1 deleted (data purged, row kept as a tombstone). */
    status: smallint('status').notNull().default(1),
    certificateEnabled: boolean('certificate_enabled').notNull().default(false),
    appCertificate: char('app_certificate', { length: 32 }),
    recordingServers: text('recording_servers').array().notNull().default(sql`'{}'::text[]`),
    region: text('region', { enum: ['CN', 'Non-CN'] }).notNull().default('CN'),
    billingType: text('billing_type', { enum: ['duration', 'peakConcurrency'] }).notNull().default('duration'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('projects_company_created_idx').on(t.companyId, t.createdAt),
    // Names are chosen by users, so they are unique within a company (deleted ones excepted).
    uniqueIndex('projects_company_name_unique').on(t.companyId, sql`lower(${t.name})`).where(sql`${t.status} <> -1`),
    check('projects_status', sql`${t.status} in (-1, 0, 1)`),
    tenantPolicy('projects'),
    resellerReadPolicy('projects'),
  ],
).enableRLS();

export type Project = typeof projects.$inferSelect;
