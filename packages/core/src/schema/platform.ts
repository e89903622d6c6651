import { boolean, integer, pgTable, primaryKey, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
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
