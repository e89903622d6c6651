import { and, asc, count, desc, eq, ilike, isNotNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/types.js';
import { AppError, notFound } from '../errors.js';
import { users } from '../schema/users.js';
import type { OperatorRoleKey } from '../shared/permissions/operator-roles.js';
import type { StaffListQuery } from '../shared/validation/operator-staff.js';
import { diff, recordPlatformAudit, type Actor } from './audit.js';
import type { CoreDeps } from './context.js';
import { searchTerm } from './search.js';
import { revokeUserSessions } from './sessions.js';
import { provisionOperator } from './staff-accounts.js';

/** One of the operator's staff as the staff page lists it. */
export interface OperatorStaffRow {
  userId: number;
  name: string;
  email: string;
  role: OperatorRoleKey;
  /** The start of their newest session still kept (sessions are purged when they expire): null if none. */
  lastSignInAt: Date | null;
  /** False until the set-password link has been used. */
  hasPassword: boolean;
}

// Spelled out: drizzle leaves the columns of a one-table select unqualified, which the subqueries' own would shadow.
const lastSignIn = sql<Date | null>`(select max(s.created_at) from sessions s where s.user_id = "users"."id")`.mapWith(users.createdAt);
const hasPassword = sql<boolean>`exists (select 1 from user_credentials c where c.user_id = "users"."id")`.mapWith(Boolean);
const SORT = { name: users.name, email: users.email, role: users.platformRole, lastSignInAt: lastSignIn } as const;

export async function listOperatorStaff(deps: Pick<CoreDeps, 'db'>, q: StaffListQuery): Promise<{ rows: OperatorStaffRow[]; count: number }> {
  const term = searchTerm(q.q);
  const where = and(isNotNull(users.platformRole), term ? or(ilike(users.name, term), ilike(users.email, term)) : undefined);
  const dir = q.order === 'asc' ? asc : desc;
  const rows = await deps.db
    .select({ userId: users.id, name: users.name, email: users.email, role: sql<OperatorRoleKey>`${users.platformRole}`, lastSignInAt: lastSignIn, hasPassword })
    .from(users)
    .where(where)
    // Never signed in sorts last either way.
    .orderBy(sql`${dir(SORT[q.sort])} nulls last`, asc(users.id))
    .limit(q.limit)
    .offset(q.offset);
  const [total] = await deps.db.select({ n: count() }).from(users).where(where);
  return { rows, count: Number(total?.n ?? 0) };
}

/** Invites someone to the operator staff: a new account gets a set-password link, an existing one is promoted (and mailed the link too). */
export async function inviteOperatorStaff(deps: CoreDeps, actor: Actor, p: { email: string; name?: string | undefined; role: OperatorRoleKey }) {
  const done = await provisionOperator(deps, { ...p, onlyNew: true });
  await recordPlatformAudit(deps.db, actor, {
    action: 'operator.staff.invite', targetType: 'OperatorStaff', targetId: done.user.id,
    before: { role: done.before }, after: { email: done.user.email, role: p.role, newAccount: done.created },
  });
  return { userId: done.user.id, email: done.user.email, name: done.user.name, role: p.role, created: done.created, expiresMinutes: done.expiresMinutes };
}

/**
 * Locks every operator admin's row (in id order, before any other row, so two callers never
 * deadlock), then the staff member's: run first in the transaction that demotes or removes
 * them, so two requests at once (each removing the other of the last two admins) cannot both
 * see the other still there. Postgres re-checks a waited-for row, so the second sees one admin.
 */
async function lockStaffMember(tx: Tx, userId: number) {
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.platformRole, 'admin')).orderBy(asc(users.id)).for('update');
  const [user] = await tx.select().from(users).where(and(eq(users.id, userId), isNotNull(users.platformRole))).for('update');
  if (!user) throw notFound('Operator staff member');
  const lastAdmin = user.platformRole === 'admin' && !admins.some((a) => a.id !== userId);
  return { user: user as typeof user & { platformRole: OperatorRoleKey }, lastAdmin };
}

const lastAdminRefused = (userId: number) =>
  new AppError(409, 'LAST_ADMIN', 'This is the last operator admin: make someone else an operator admin first', { userId });

/** Gives a staff member another operator role; it applies from their next request (the ability is built from the row each time). */
export async function changeOperatorRole(deps: Pick<CoreDeps, 'db'>, actor: Actor, userId: number, role: OperatorRoleKey) {
  return deps.db.transaction(async (tx) => {
    const { user, lastAdmin } = await lockStaffMember(tx, userId);
    if (lastAdmin && role !== 'admin') throw lastAdminRefused(userId);
    if (user.platformRole !== role) {
      await tx.update(users).set({ platformRole: role, updatedAt: new Date() }).where(eq(users.id, userId));
      await recordPlatformAudit(tx, actor, { action: 'operator.staff.role.change', targetType: 'OperatorStaff', targetId: userId, ...diff({ email: user.email, role: user.platformRole }, { email: user.email, role }) });
    }
    return { userId, email: user.email, name: user.name, role };
  });
}

/** Takes someone off the operator staff (their account stays, with its companies) and signs them out everywhere. */
export async function removeOperatorStaff(deps: Pick<CoreDeps, 'db'>, actor: Actor, userId: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { user, lastAdmin } = await lockStaffMember(tx, userId);
    if (lastAdmin) throw lastAdminRefused(userId);
    await tx.update(users).set({ platformRole: null, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordPlatformAudit(tx, actor, { action: 'operator.staff.remove', targetType: 'OperatorStaff', targetId: userId, before: { email: user.email, role: user.platformRole } });
  });
  await revokeUserSessions(deps.db, userId);
}
