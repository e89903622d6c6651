import { sql } from 'drizzle-orm';
import { index, integer, pgPolicy, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { currentCompanyId, currentResellerId, resellerRole, tenantRole, timestamps } from './_helpers.js';
import { OPERATOR_ROLE_KEYS } from '../shared/permissions/operator-roles.js';
import { companies } from './tenancy.js';

/**
 * A person. Users are not company-owned (one user may belong to several companies), so the
 * tenant role sees only the users who are members of, or invited to, the current company.
 */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    locale: text('locale', { enum: ['en', 'zh-CN'] }).notNull().default('en'),
    /** Set for the platform operator's staff: their operator role (shared/permissions/operator-roles.ts). */
    platformRole: text('platform_role', { enum: OPERATOR_ROLE_KEYS }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    pgPolicy('users_tenant_members', {
      for: 'select',
      to: tenantRole,
      using: sql`exists (select 1 from memberships m where m.user_id = ${t.id} and m.company_id = ${currentCompanyId})`,
    }),
    // A reseller sees the members of its companies (a company's contact is its first admin).
    pgPolicy('users_reseller_members', {
      for: 'select',
      to: resellerRole,
      using: sql`exists (select 1 from memberships m join companies c on c.id = m.company_id where m.user_id = ${t.id} and c.reseller_id = ${currentResellerId})`,
    }),
  ],
).enableRLS();

/** Secrets live apart from `users` so the tenant role (which can read users) never sees them. */
export const userCredentials = pgTable('user_credentials', {
  userId: integer('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const SESSION_PENDING_STEPS = ['twoFactor', 'enrollTwoFactor'] as const;
export type SessionPendingStep = (typeof SESSION_PENDING_STEPS)[number];

/**
 * Cookie sessions. The cookie holds a random token; only its SHA-256 is stored, so a leaked
 * table cannot be replayed. `companyId` is the company the session currently acts in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'set null' }),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Last time the password was re-entered; secrets are revealed only shortly after. */
    reauthAt: timestamp('reauth_at', { withTimezone: true }),
    /**
     * Set while reseller staff visit a company's dashboard (seed 001 "Visit Dashboard"): the
     * session acts in `companyId` without a membership until this time.
     */
    visitExpiresAt: timestamp('visit_expires_at', { withTimezone: true }),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 300 }),
    /**
     * A session past the password step that may not act yet: `twoFactor` waits for a code,
     * `enrollTwoFactor` for the user to set a second factor up (their company or the operator
     * requires one). Only the two-factor routes accept such a session.
     */
    pending: text('pending', { enum: SESSION_PENDING_STEPS }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_reset_user_idx').on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
