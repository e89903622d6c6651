import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, smallint, text, varchar } from 'drizzle-orm/pg-core';
import { resellerCompanyPolicy, tenantReadPolicies, timestamps } from './_helpers.js';
import { FREEZE_REASONS } from '../shared/reseller.js';

export const RESELLER_STATUSES = ['active', 'suspended'] as const;

/**
 * A reseller (seed 001): a contact to reach, and a status the operator sets. Suspended, its staff
 * cannot sign in and its API keys are refused; its companies keep working.
 */
export const resellers = pgTable('resellers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 100 }).notNull(),
  contactName: varchar('contact_name', { length: 100 }),
  contactEmail: varchar('contact_email', { length: 254 }),
  phone: varchar('phone', { length: 40 }),
  status: text('status', { enum: RESELLER_STATUSES }).notNull().default('active'),
  ...timestamps,
});

/** The tenant. Fields and ranges of seed 003 "Create a company" (PRODUCT.md "Tenancy"). */
export const companies = pgTable(
  'companies',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    resellerId: integer('reseller_id').references(() => resellers.id, { onDelete: 'set null' }),
    name: varchar('name', { length: 20 }).notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    firstName: varchar('first_name', { length: 255 }).notNull(),
    lastName: varchar('last_name', { length: 255 }).notNull(),
    country: varchar('country', { length: 2 }).notNull(),
    area: text('area', { enum: ['CN', 'Non-CN'] }).notNull(),
    appLimit: integer('app_limit').notNull().default(10),
    memberLimit: integer('member_limit').notNull().default(10),
    industry: smallint('industry').notNull().default(12),
    interest: smallint('interest').notNull().default(1),
    environment: smallint('environment').notNull().default(1),
    /** 0 normal, 1 insufficient balance, 2 automatically suspended, 3 manually suspended. */
    status: smallint('status').notNull().default(0),
    /** Dashboard sign-in refused for every member. */
    blocked: boolean('blocked').notNull().default(false),
    /** Why the reseller froze the company (status 3), kept until it is unfrozen. */
    frozenReason: text('frozen_reason', { enum: FREEZE_REASONS }),
    /** Set by a company admin: every member must sign in with a second factor. */
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index('companies_reseller_idx').on(t.resellerId),
    check('companies_name_len', sql`char_length(${t.name}) between 1 and 20`),
    check('companies_app_limit', sql`${t.appLimit} >= 1`),
    check('companies_member_limit', sql`${t.memberLimit} >= 1`),
    check('companies_industry', sql`${t.industry} between 1 and 19`),
    check('companies_interest', sql`${t.interest} between 1 and 5`),
    check('companies_environment', sql`${t.environment} between 1 and 8`),
    check('companies_status', sql`${t.status} between 0 and 3`),
    check('companies_frozen_reason', sql`${t.frozenReason} is null or ${t.frozenReason} in ('overdue', 'violation', 'customerRequest', 'other')`),
    // A company reads its own row only (its limits and settings); changing them is the
    // reseller's or the operator's business, never the tenant's.
    ...tenantReadPolicies('companies', sql`id`),
    resellerCompanyPolicy(),
  ],
).enableRLS();

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
export type Reseller = typeof resellers.$inferSelect;
