import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

/**
 * A direct customer's self sign-up waiting for its e-mail to be verified. Nothing else exists
 * yet: the user and the company are made when the one-time link is used, so an unverified
 * address owns no account. Only the link token's SHA-256 and the password's hash are kept.
 */
export const signUps = pgTable(
  'sign_ups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    passwordHash: text('password_hash').notNull(),
    companyName: varchar('company_name', { length: 20 }).notNull(),
    country: varchar('country', { length: 2 }).notNull(),
    area: text('area', { enum: ['CN', 'Non-CN'] }).notNull(),
    locale: text('locale', { enum: ['en', 'zh-CN'] }).notNull().default('en'),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sign_ups_open_unique').on(sql`lower(${t.email})`).where(sql`${t.verifiedAt} is null`)],
);

export type SignUp = typeof signUps.$inferSelect;
