import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { notFound } from '../errors.js';
import { INGEST_KEY_COLUMNS, ingestKeys, signatureReplays } from '../schema/signing.js';
import { randomBase62 } from './tokens.js';

/** Access Key ID and Secret: 40 characters of a–z A–Z 0–9, as the reseller API's keys (seed 003). */
export async function createIngestKey(db: Db, name: string): Promise<{ id: number; name: string; accessKeyId: string; secret: string; createdAt: Date }> {
  const [row] = await db.insert(ingestKeys).values({ name, accessKeyId: randomBase62(40), secret: randomBase62(40) }).returning();
  return { id: row!.id, name: row!.name, accessKeyId: row!.accessKeyId, secret: row!.secret, createdAt: row!.createdAt };
}

/** Keys without their secrets (the secret is shown once, at creation). */
export async function listIngestKeys(db: Db) {
  return db.select(INGEST_KEY_COLUMNS).from(ingestKeys).orderBy(desc(ingestKeys.id));
}

export async function deleteIngestKey(db: Db, id: number): Promise<void> {
  const gone = await db.delete(ingestKeys).where(eq(ingestKeys.id, id)).returning({ id: ingestKeys.id });
  if (!gone.length) throw notFound('Ingest key');
}

export async function ingestKeySecret(db: Db, accessKeyId: string): Promise<{ id: number; secret: string } | null> {
  const [row] = await db.select({ id: ingestKeys.id, secret: ingestKeys.secret }).from(ingestKeys).where(eq(ingestKeys.accessKeyId, accessKeyId));
  return row ?? null;
}

export async function touchIngestKey(db: Db, id: number): Promise<void> {
  // At most once a minute: the key's "last used" is for people, not for auditing each batch.
  await db.update(ingestKeys).set({ lastUsedAt: new Date() }).where(and(eq(ingestKeys.id, id), sql`${ingestKeys.lastUsedAt} is null or ${ingestKeys.lastUsedAt} < now() - interval '1 minute'`));
}

/**
 * Replay store in Postgres for signature verifiers: true when (key, request id) was already
 * accepted and has not expired; otherwise records it. Works across API processes.
 */
export function createPostgresReplayStore(db: Db) {
  let lastSweep = 0;
  return {
    async seen(accessKeyId: string, requestId: string, expiresAt: Date): Promise<boolean> {
      if (Date.now() - lastSweep > 60_000) {
        lastSweep = Date.now();
        await db.delete(signatureReplays).where(lt(signatureReplays.expiresAt, new Date()));
      }
      const inserted = await db
        .insert(signatureReplays)
        .values({ accessKeyId, requestId: requestId.slice(0, 64), expiresAt })
        .onConflictDoUpdate({
          target: [signatureReplays.accessKeyId, signatureReplays.requestId],
          set: { expiresAt },
          // Only an expired entry may be reused; a live one means a replay.
          setWhere: lt(signatureReplays.expiresAt, new Date()),
        })
        .returning({ requestId: signatureReplays.requestId });
      return inserted.length === 0;
    },
  };
}
