import { and, eq, lt } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../../db/types.js';
import { mailOutbox } from '../../schema/mail.js';
import { getPlatformSettings } from '../platform-settings.js';
import type { MailContent } from './templates.js';

export interface OutgoingMail extends MailContent {
  to: string;
  /** What the mail is for (`invitation`, `password-reset`, …): the mailbox page and tests filter on it. */
  kind: string;
  html?: string;
  /**
   * The one-time token its link carries, and when it expires. Once the mail is sent, the token is
   * blanked out of the stored copy; kept (unsent) mail is purged when the token expires.
   */
  secret?: { token: string; expiresAt: Date };
}

/** What stands in the stored copy of a sent mail where its token was. */
export const REMOVED_TOKEN = '[removed-once-sent]';

/** What became of a mail: delivered over SMTP, kept in the outbox (no SMTP), or failed; and its sender. */
export interface SentMail {
  id: number;
  status: 'sent' | 'kept' | 'failed';
  from: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  /** True when mail only lands in the outbox (no SMTP): the demo mailbox page is useful then. */
  readonly outboxOnly: boolean;
}

export interface MailerOptions {
  db: Db;
  logger: Logger;
  /** `smtp://user:pass@host:587`, `smtps://…`; absent: keep mail in the outbox. */
  smtpUrl?: string | undefined;
  /** MAIL_FROM: the sender unless the operator set one in the platform settings. */
  from: string;
  /** For tests: a ready nodemailer transport (e.g. `jsonTransport`). */
  transport?: Transporter;
}

/**
 * Writes every mail to the outbox first (so nothing is lost when SMTP is down), then sends it
 * through nodemailer when SMTP is configured. Sending failures are recorded, not thrown: the
 * action that triggered the mail has already happened.
 */
export function createMailer(opts: MailerOptions): Mailer {
  const transport = opts.transport ?? (opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined);
  return {
    outboxOnly: !transport,
    async send(mail) {
      // Read for every mail: a sender changed in the settings applies from the next mail on.
      const from = (await getPlatformSettings(opts.db)).mailFrom ?? opts.from;
      const [row] = await opts.db
        .insert(mailOutbox)
        .values({ to: mail.to, from, subject: mail.subject, text: mail.text, html: mail.html, kind: mail.kind, status: transport ? 'pending' : 'kept', expiresAt: mail.secret?.expiresAt })
        .returning({ id: mailOutbox.id });
      const id = row!.id;
      if (!transport) return { id, status: 'kept', from };
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        const stored = mail.secret ? { text: withoutToken(mail.text, mail.secret.token), html: mail.html === undefined ? undefined : withoutToken(mail.html, mail.secret.token) } : {};
        await opts.db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), ...stored }).where(eq(mailOutbox.id, id));
        return { id, status: 'sent', from };
      } catch (err) {
        opts.logger.error({ err, mailId: id }, 'mail delivery failed');
        await opts.db.update(mailOutbox).set({ status: 'failed', error: String((err as Error).message).slice(0, 500) }).where(eq(mailOutbox.id, id));
        return { id, status: 'failed', from };
      }
    },
  };
}

/** The text with every spelling of the token a link may carry (raw, URL-encoded) blanked out. */
function withoutToken(text: string, token: string): string {
  let out = text;
  for (const form of new Set([encodeURIComponent(token), token])) out = out.split(form).join(REMOVED_TOKEN);
  return out;
}

/** Kept mail whose link has expired is of no use to anyone: delete it (the housekeeping timer). */
export async function purgeExpiredMail(db: Db, now = new Date()): Promise<number> {
  const gone = await db
    .delete(mailOutbox)
    .where(and(eq(mailOutbox.status, 'kept'), lt(mailOutbox.expiresAt, now)))
    .returning({ id: mailOutbox.id });
  return gone.length;
}
