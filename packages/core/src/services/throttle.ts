import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { authThrottle, type AuthThrottleRow } from '../schema/throttle.js';

/**
 * Throttling of password guessing and reset-mail flooding, kept in Postgres so that every API
 * instance counts the same attempts (a small table rather than rate-limiter-flexible: its
 * Postgres store needs node-postgres, and the console runs on postgres.js and PGlite).
 *
 * Each key allows `limit` attempts per window. The attempt after them is refused and starts a
 * block of `baseDelayMs`; once a block is over, one attempt is let through, and going over
 * again blocks for twice as long, up to `maxDelayMs`. So an attacker gets a slowing trickle,
 * and a real user locked out by one waits minutes, never for good.
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

type State = Pick<AuthThrottleRow, 'attempts' | 'windowStartedAt' | 'blocks' | 'blockedUntil'>;

/** The rule, as a pure function of the stored state: what to answer and what to store. */
export function decideAttempt(state: State | undefined, now: Date, rule: ThrottleRule): { verdict: AttemptVerdict; next: State } {
  const t = now.getTime();
  if (state?.blockedUntil && state.blockedUntil.getTime() > t) {
    return { verdict: { allowed: false, retryAfterMs: state.blockedUntil.getTime() - t }, next: state };
  }
  const fresh = !state || t - state.windowStartedAt.getTime() >= rule.windowMs;
  const s: State = fresh ? { attempts: 0, windowStartedAt: now, blocks: 0, blockedUntil: null } : { ...state };
  s.attempts += 1;
  if (s.attempts <= rule.limit) return { verdict: { allowed: true }, next: s };
  s.blocks += 1;
  const delay = Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(s.blocks - 1, 30));
  s.blockedUntil = new Date(t + delay);
  // The first attempt over the limit is refused; after a block, one attempt goes through.
  return { verdict: s.blocks === 1 ? { allowed: false, retryAfterMs: delay } : { allowed: true }, next: s };
}

/** Counts an attempt under `key` (before it is tried: attempts in flight count too). */
export async function recordAttempt(db: Db, key: string, rule: ThrottleRule, now = new Date()): Promise<AttemptVerdict> {
  return db.transaction(async (tx) => {
    await tx.insert(authThrottle).values({ key, windowStartedAt: now }).onConflictDoNothing();
    // The row lock serialises instances counting the same key at the same moment.
    const [row] = await tx.select().from(authThrottle).where(eq(authThrottle.key, key)).for('update');
    const { verdict, next } = decideAttempt(row, now, rule);
    await tx.update(authThrottle).set(next).where(eq(authThrottle.key, key));
    return verdict;
  });
}

/** A successful attempt: `forget` clears the key (the account proved itself); else it is not counted. */
export async function attemptSucceeded(db: Db, key: string, opts: { forget: boolean }): Promise<void> {
  if (opts.forget) {
    await db.delete(authThrottle).where(eq(authThrottle.key, key));
    return;
  }
  await db.update(authThrottle).set({ attempts: sql`greatest(${authThrottle.attempts} - 1, 0)` }).where(eq(authThrottle.key, key));
}

/** Housekeeping: rows whose window and block are both over hold nothing. */
export async function purgeThrottle(db: Db, windowMs: number, now = new Date()): Promise<void> {
  const windowOver = new Date(now.getTime() - windowMs);
  await db.delete(authThrottle).where(and(lt(authThrottle.windowStartedAt, windowOver), or(isNull(authThrottle.blockedUntil), lt(authThrottle.blockedUntil, now))));
}
