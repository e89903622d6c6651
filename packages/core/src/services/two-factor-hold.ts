import { and, eq, inArray, isNotNull, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/types.js';
import { AppError } from '../errors.js';
import { resellerMembers } from '../schema/platform.js';
import { memberships } from '../schema/team.js';
import { userTotp } from '../schema/two-factor.js';
import { sessions, users } from '../schema/users.js';

/** Whose sessions a new two-factor requirement reaches. */
export type TwoFactorHoldScope =
  /** Every member of a company that now requires it. */
  | { companyId: number }
  /** Operator staff and reseller staff, when the operator requires it of staff. */
  | { staff: true }
  /** One user who just joined a company that requires it. */
  | { userId: number };

function usersIn(db: Queryable, scope: TwoFactorHoldScope): SQL {
  if ('companyId' in scope) return inArray(sessions.userId, db.select({ id: memberships.userId }).from(memberships).where(sql`${memberships.companyId} = ${scope.companyId}`));
  if ('userId' in scope) return sql`${sessions.userId} = ${scope.userId}`;
  return or(
    inArray(sessions.userId, db.select({ id: users.id }).from(users).where(isNotNull(users.platformRole))),
    inArray(sessions.userId, db.select({ id: resellerMembers.userId }).from(resellerMembers)),
  )!;
}

/**
 * A requirement takes effect at once, not at the next sign-in: every current session of the
 * users it reaches who have no second factor yet is held at `enrollTwoFactor`, so their next
 * request (on any route, `requireSession` decides) takes them to set-up. Sessions already at a
 * step, and users with two-factor on, are left as they are. Returns how many were held.
 */
export async function holdSessionsUntilTwoFactor(db: Queryable, scope: TwoFactorHoldScope): Promise<number> {
  const held = await db
    .update(sessions)
    .set({ pending: 'enrollTwoFactor' })
    .where(
      and(
        isNull(sessions.pending),
        usersIn(db, scope),
        notExists(db.select({ one: sql`1` }).from(userTotp).where(and(sql`${userTotp.userId} = ${sessions.userId}`, isNotNull(userTotp.enabledAt)))),
      ),
    )
    .returning({ id: sessions.id });
  return held.length;
}

/**
 * Set-up finished in one browser: the user's other sessions held at set-up now wait for a code
 * instead (they proved the password, not the new factor), rather than for a set-up already done.
 */
export async function moveHeldSessionsToCode(db: Queryable, userId: number): Promise<void> {
  await db.update(sessions).set({ pending: 'twoFactor' }).where(and(sql`${sessions.userId} = ${userId}`, sql`${sessions.pending} = 'enrollTwoFactor'`));
}

/**
 * Whoever turns a requirement on must have a second factor themselves: their own session would
 * otherwise be held at set-up the moment they save, and the page they used would be gone.
 */
export async function assertOwnTwoFactorFirst(db: Queryable, actorUserId: number | null): Promise<void> {
  if (actorUserId == null) return;
  const [row] = await db.select({ userId: userTotp.userId }).from(userTotp).where(and(eq(userTotp.userId, actorUserId), isNotNull(userTotp.enabledAt)));
  if (!row) throw new AppError(409, 'TWO_FACTOR_SELF_FIRST', 'Turn on two-factor sign-in for your own account first (your profile, "Two-factor sign-in"), then require it of others');
}
