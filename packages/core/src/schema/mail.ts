import { index, integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/**
 * Every email the console sends. With SMTP configured it is delivered and marked `sent`, and its
 * one-time token is blanked out of the stored text; without, it stays `kept` here (the demo's
 * mailbox page and the tests read it) until its link expires.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    to: varchar('to', { length: 254 }).notNull(),
    /** The sender it went out as: the platform settings' address, else MAIL_FROM (null on mail older than the column). */
    from: varchar('from_address', { length: 254 }),
    subject: varchar('subject', { length: 300 }).notNull(),
    text: text('text').notNull(),
    html: text('html'),
    kind: varchar('kind', { length: 50 }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'kept'] }).notNull().default('pending'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When the link in it stops working; kept mail is purged then (nobody can use it any more). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_to_idx').on(t.to, t.createdAt)],
);

export type MailMessage = typeof mailOutbox.$inferSelect;
