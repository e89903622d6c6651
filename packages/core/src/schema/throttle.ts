import { integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Attempts at guessing a password or flooding a mailbox, per key (`sign-in:account:<email>`,
 * `sign-in:ip:<address>`, …), shared by every API instance. Rows only ever concern a window
 * of time; housekeeping deletes the ones whose window and block are over.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: varchar('key', { length: 400 }).primaryKey(),
  attempts: integer('attempts').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  /** How many times this window went over the limit: each block lasts twice the one before. */
  blocks: integer('blocks').notNull().default(0),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

export type AuthThrottleRow = typeof authThrottle.$inferSelect;
