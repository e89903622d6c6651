import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { memberships, roles } from '../schema/team.js';
import { companies } from '../schema/tenancy.js';
import { sessions, users, type Session, type SessionPendingStep, type User } from '../schema/users.js';
import { membershipColumns, toMembership, type LoadedMembership } from './membership.js';
import { randomToken, sha256Hex } from './tokens.js';

export interface SessionPolicy {
  /** Signed out after this long without a request. */
  idleMinutes: number;
  /** Signed out this long after sign-in, however active. */
  absoluteHours: number;
  /** How recent a password entry must be to reveal secrets. */
  reauthMinutes: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 60, absoluteHours: 12, reauthMinutes: 5 };

/** How long a session may wait at the second-factor step (its code, or its set-up). */
export const PENDING_SESSION_MINUTES = 15;

export interface NewSession {
  /** The cookie value. Only its hash is stored. */
  token: string;
  session: Session;
}

/** A fresh session (a new id at every sign-in: no session fixation). */
export async function createSession(
  db: Db,
  p: { userId: number; companyId: number | null; ip?: string | undefined; userAgent?: string | undefined; policy: SessionPolicy; pending?: SessionPendingStep | null },
): Promise<NewSession> {
  const token = randomToken();
  const [session] = await db
    .insert(sessions)
    .values({
      id: sha256Hex(token),
      userId: p.userId,
      companyId: p.companyId,
      csrfToken: randomToken(24),
      // A session waiting at the second factor lasts minutes: long enough to type a code or set an app up.
      expiresAt: new Date(Date.now() + (p.pending ? PENDING_SESSION_MINUTES * 60_000 : p.policy.absoluteHours * 3_600_000)),
      pending: p.pending ?? null,
      ip: p.ip?.slice(0, 64),
      userAgent: p.userAgent?.slice(0, 300),
    })
    .returning();
  return { token, session: session! };
}

/**
 * The statement behind `findSession`, built once per database handle and prepared: it runs on
 * every request, so neither drizzle's query building nor Postgres' planning of a five-table
 * join should be paid each time.
 */
function sessionLookup(db: Db): ReturnType<typeof buildLookup> {
  let prepared = lookups.get(db);
  if (!prepared) lookups.set(db, (prepared = buildLookup(db)));
  return prepared;
}

const lookups = new WeakMap<Db, ReturnType<typeof buildLookup>>();
function buildLookup(db: Db) {
  return db
    .select({ session: sessions, user: users, ...membershipColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.companyId, sessions.companyId)))
    .leftJoin(roles, eq(roles.id, memberships.roleId))
    .leftJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('find_session');
}

/**
 * The live session for a cookie token, with its user and the user's membership in the session's
 * current company (null when none: no company chosen, a dashboard visit, or no longer a member),
 * all in one statement since every request needs them; null when unknown, past its absolute
 * expiry or idle too long (such a session is deleted on the spot). Refreshes `lastSeenAt` at
 * most once a minute, so reads do not turn every request into a write.
 */
export async function findSession(db: Db, token: string, policy: SessionPolicy): Promise<{ session: Session; user: User; membership: LoadedMembership | null } | null> {
  if (!token || token.length > 200) return null;
  const id = sha256Hex(token);
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  const now = Date.now();
  const idleLimit = row.session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (row.session.expiresAt.getTime() <= now || idleLimit <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return { session: row.session, user: row.user, membership: toMembership(row.user.id, row) };
}

export async function setSessionCompany(db: Db, sessionId: string, companyId: number): Promise<void> {
  // Switching to one's own company ends any dashboard visit.
  await db.update(sessions).set({ companyId, visitExpiresAt: null }).where(eq(sessions.id, sessionId));
}

export async function markReauthenticated(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ reauthAt: new Date() }).where(eq(sessions.id, sessionId));
}

export function recentlyAuthenticated(session: Session, policy: SessionPolicy): boolean {
  return !!session.reauthAt && Date.now() - session.reauthAt.getTime() < policy.reauthMinutes * 60_000;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (password change or reset, role change, removal), optionally but one. */
export async function revokeUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<number> {
  const where = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
  const gone = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return gone.length;
}

/** Housekeeping: drops sessions past their absolute expiry or idle limit. */
export async function purgeExpiredSessions(db: Db, policy: SessionPolicy): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${policy.idleMinutes})`)));
}
