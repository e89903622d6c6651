import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError, notFound } from '../errors.js';
import { RESELLER_API_KEY_COLUMNS, resellerApiKeys } from '../schema/signing.js';
import { resellers } from '../schema/tenancy.js';
import { randomBase62 } from './tokens.js';

/** How many keys one reseller may hold at once: many, but not without bound. */
export const MAX_RESELLER_API_KEYS = 20;

export interface ResellerApiKeyView {
  id: number;
  accessKeyId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * A new key pair (seed 003 "API Key"): Access Key ID and Secret of 40 characters a–z A–Z 0–9.
 * The secret is returned here and never again. At most MAX_RESELLER_API_KEYS per reseller: the
 * count and the insert run under a lock on the reseller's row, so requests at the same moment
 * (on any API instance) are counted one after the other and cannot pass the limit together.
 */
export async function createResellerApiKey(db: Db, resellerId: number, createdBy: number | null): Promise<ResellerApiKeyView & { secret: string }> {
  return db.transaction(async (tx) => {
    const [reseller] = await tx.select({ id: resellers.id }).from(resellers).where(eq(resellers.id, resellerId)).for('update');
    if (!reseller) throw notFound('Reseller');
    const [held] = await tx.select({ n: sql<number>`count(*)::int` }).from(resellerApiKeys).where(eq(resellerApiKeys.resellerId, resellerId));
    if ((held?.n ?? 0) >= MAX_RESELLER_API_KEYS) {
      throw new AppError(409, 'LIMIT_REACHED', `A reseller may hold at most ${MAX_RESELLER_API_KEYS} API keys; delete one first`, { limit: MAX_RESELLER_API_KEYS });
    }
    const [row] = await tx.insert(resellerApiKeys).values({ resellerId, createdBy, accessKeyId: randomBase62(40), secret: randomBase62(40) }).returning();
    return { id: row!.id, accessKeyId: row!.accessKeyId, secret: row!.secret, createdAt: row!.createdAt, lastUsedAt: null };
  });
}

/** The reseller's keys, newest first, without secrets. */
export async function listResellerApiKeys(db: Db, resellerId: number): Promise<ResellerApiKeyView[]> {
  return db.select(RESELLER_API_KEY_COLUMNS).from(resellerApiKeys).where(eq(resellerApiKeys.resellerId, resellerId)).orderBy(desc(resellerApiKeys.id));
}

/** Deletes a key of this reseller; its next signed request fails (keys are looked up per request). */
export async function deleteResellerApiKey(db: Db, resellerId: number, id: number): Promise<ResellerApiKeyView> {
  const [gone] = await db
    .delete(resellerApiKeys)
    .where(and(eq(resellerApiKeys.id, id), eq(resellerApiKeys.resellerId, resellerId)))
    .returning(RESELLER_API_KEY_COLUMNS);
  if (!gone) throw notFound('API key');
  return gone;
}

/** For the signature verifier: the key's secret and its reseller, or null for an unknown key. */
export async function resellerApiKeySecret(
  db: Db,
  accessKeyId: string,
): Promise<{ id: number; resellerId: number; resellerName: string; resellerStatus: 'active' | 'suspended'; secret: string } | null> {
  const [row] = await db
    .select({ id: resellerApiKeys.id, resellerId: resellerApiKeys.resellerId, resellerName: resellers.name, resellerStatus: resellers.status, secret: resellerApiKeys.secret })
    .from(resellerApiKeys)
    .innerJoin(resellers, eq(resellers.id, resellerApiKeys.resellerId))
    .where(eq(resellerApiKeys.accessKeyId, accessKeyId));
  return row ?? null;
}

export async function touchResellerApiKey(db: Db, id: number): Promise<void> {
  // At most once a minute: "last used" is for people deciding which keys to delete.
  await db
    .update(resellerApiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(resellerApiKeys.id, id), sql`${resellerApiKeys.lastUsedAt} is null or ${resellerApiKeys.lastUsedAt} < now() - interval '1 minute'`));
}
