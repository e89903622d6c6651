import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { companyId, resellerReadPolicy, tenantReadPolicies } from './_helpers.js';
import { companies, resellers } from './tenancy.js';
import { users } from './users.js';

/**
 * Plugins the platform operator switched off (or back on) for a company. No row means the
 * plugin's default: on. Tenants may read their own switches, never change them.
 */
export const companyPlugins = pgTable(
  'company_plugins',
  {
    companyId: companyId(() => companies.id),
    pluginId: varchar('plugin_id', { length: 40 }).notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.pluginId] }), ...tenantReadPolicies('company_plugins'), resellerReadPolicy('company_plugins')],
).enableRLS();

/** A reseller's staff: users who work in the reseller console for that reseller. */
export const resellerMembers = pgTable(
  'reseller_members',
  {
    resellerId: integer('reseller_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A person works for one reseller at most: the console shows them that reseller's companies.
  (t) => [primaryKey({ columns: [t.resellerId, t.userId] }), uniqueIndex('reseller_members_one_reseller').on(t.userId)],
);

export type CompanyPlugin = typeof companyPlugins.$inferSelect;

export const SIGN_UP_MODES = ['open', 'invitation', 'closed'] as const;
export type SignUpMode = (typeof SIGN_UP_MODES)[number];

/**
 * The operator's platform settings, one row (id 1): who may sign up on their own, the limits a
 * new company starts with, the sender of the console's mail, and whether operator and reseller
 * staff must sign in with a second factor.
 */
export const platformSettings = pgTable(
  'platform_settings',
  {
    id: integer('id').primaryKey().default(1),
    signUpMode: text('sign_up_mode', { enum: SIGN_UP_MODES }).notNull().default('closed'),
    defaultAppLimit: integer('default_app_limit').notNull().default(10),
    defaultMemberLimit: integer('default_member_limit').notNull().default(10),
    /** Null: the MAIL_FROM of the configuration. */
    mailFrom: varchar('mail_from', { length: 254 }),
    requireStaffTwoFactor: boolean('require_staff_two_factor').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('platform_settings_one_row', sql`${t.id} = 1`),
    check('platform_settings_app_limit', sql`${t.defaultAppLimit} >= 1`),
    check('platform_settings_member_limit', sql`${t.defaultMemberLimit} >= 1`),
  ],
);

export type PlatformSettings = typeof platformSettings.$inferSelect;
