import { eq } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { resellerMembers } from '../schema/platform.js';
import { resellers } from '../schema/tenancy.js';

/** The reseller a user works for, if any (reseller staff sign in to the same console). */
export async function resellerOfUser(db: Db, userId: number): Promise<{ id: number; name: string } | null> {
  const [row] = await db
    .select({ id: resellers.id, name: resellers.name })
    .from(resellerMembers)
    .innerJoin(resellers, eq(resellers.id, resellerMembers.resellerId))
    .where(eq(resellerMembers.userId, userId))
    .limit(1);
  return row ?? null;
}

export async function addResellerMember(db: Db, resellerId: number, userId: number): Promise<void> {
  await db.insert(resellerMembers).values({ resellerId, userId }).onConflictDoNothing();
}
