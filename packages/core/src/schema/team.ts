import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import type { StoredRule } from '../shared/permissions/types.js';
import { companyId, currentCompanyId, resellerReadPolicy, tenantPolicy, tenantRole, timestamps } from './_helpers.js';
import { companies } from './tenancy.js';
import { users } from './users.js';

/**
 * Roles. Built-in roles are rows with no company and a `builtin` key; what they may do comes
 * from the typed table in code (so plugin permissions reach them). Custom roles belong to a
 * company and store their rules as JSON, checked against the catalogue before saving.
 */
export const roles = pgTable(
  'roles',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    builtin: text('builtin', { enum: ['admin', 'ops', 'support', 'engineer'] }).unique(),
    name: varchar('name', { length: 40 }).notNull(),
    description: varchar('description', { length: 200 }).notNull().default(''),
    rules: jsonb('rules').$type<StoredRule[]>().notNull().default([]),
    /** null: every project; otherwise the only projects the role's project permissions reach. */
    projectIds: text('project_ids').array(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('roles_company_name_unique').on(t.companyId, sql`lower(${t.name})`),
    check('roles_builtin_xor_company', sql`(${t.builtin} is null) <> (${t.companyId} is null)`),
    // Built-in rows are shared, read-only reference data; custom rows are the company's own.
    pgPolicy('roles_tenant_read', {
      for: 'select',
      to: tenantRole,
      using: sql`${t.companyId} is null or ${t.companyId} = ${currentCompanyId}`,
    }),
    pgPolicy('roles_tenant_insert', { for: 'insert', to: tenantRole, withCheck: sql`${t.companyId} = ${currentCompanyId}` }),
    pgPolicy('roles_tenant_update', {
      for: 'update',
      to: tenantRole,
      using: sql`${t.companyId} = ${currentCompanyId}`,
      withCheck: sql`${t.companyId} = ${currentCompanyId}`,
    }),
    pgPolicy('roles_tenant_delete', { for: 'delete', to: tenantRole, using: sql`${t.companyId} = ${currentCompanyId}` }),
  ],
).enableRLS();

export const memberships = pgTable(
  'memberships',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    roleId: integer('role_id').notNull().references(() => roles.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('memberships_company_user_unique').on(t.companyId, t.userId),
    index('memberships_user_idx').on(t.userId),
    index('memberships_role_idx').on(t.roleId),
    tenantPolicy('memberships'),
    resellerReadPolicy('memberships'),
  ],
).enableRLS();

export const invitations = pgTable(
  'invitations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    email: varchar('email', { length: 254 }).notNull(),
    roleId: integer('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open invitation per address and company; accepted ones are kept for the record.
    uniqueIndex('invitations_open_unique').on(t.companyId, sql`lower(${t.email})`).where(sql`${t.acceptedAt} is null`),
    tenantPolicy('invitations'),
  ],
).enableRLS();

export type Role = typeof roles.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
