import { count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.js';
import { mailOutbox, type MailMessage } from '../../schema/mail.js';

/** Reads the outbox, newest first (the demo mailbox page and tests). */
export async function listOutbox(db: Db, q: { to?: string | undefined; kind?: string | undefined; limit: number; offset: number }): Promise<{ rows: MailMessage[]; count: number }> {
  const conditions = [q.to ? sql`lower(${mailOutbox.to}) = lower(${q.to})` : undefined, q.kind ? eq(mailOutbox.kind, q.kind) : undefined].filter(Boolean);
  const where = conditions.length ? sql.join(conditions as ReturnType<typeof sql>[], sql` and `) : undefined;
  const rows = await db.select().from(mailOutbox).where(where).orderBy(desc(mailOutbox.id)).limit(q.limit).offset(q.offset);
  const [total] = await db.select({ n: count() }).from(mailOutbox).where(where);
  return { rows, count: Number(total?.n ?? 0) };
}
