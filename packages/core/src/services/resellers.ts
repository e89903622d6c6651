import { eq } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { resellerMembers } from '../schema/platform.js';
import { resellers, type Reseller } from '../schema/tenancy.js';

/** The reseller a user works for, if any (reseller staff sign in to the same console). */
export async function resellerOfUser(db: Db, userId: number): Promise<{ id: number; name: string; status: Reseller['status'] } | null> {
  const [row] = await db
    .select({ id: resellers.id, name: resellers.name, status: resellers.status })
    .from(resellerMembers)
    .innerJoin(resellers, eq(resellers.id, resellerMembers.resellerId))
    .where(eq(resellerMembers.userId, userId))
    .limit(1);
  return row ?? null;
}

/** Makes the user staff of the reseller; staff of another reseller is refused (one reseller each). */
export async function addResellerMember(db: Db, resellerId: number, userId: number): Promise<void> {
  const [added] = await db.insert(resellerMembers).values({ resellerId, userId }).onConflictDoNothing().returning();
  if (added) return;
  const current = await resellerOfUser(db, userId);
  if (current && current.id !== resellerId) throw new AppError(409, 'CONFLICT', `This user already works for the reseller "${current.name}"`);
}
