import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { AppError, notFound } from '../errors.js';
import { resellerMembers } from '../schema/platform.js';
import { companies, resellers, type Reseller } from '../schema/tenancy.js';
import { userCredentials, users } from '../schema/users.js';
import type { AppAbility } from '../shared/permissions/types.js';
import type { OperatorResellerView, ResellerCreateInput, ResellerFields, ResellerListQuery, ResellerStaffInvite } from '../shared/validation/operator-tenants.js';
import { findUserByEmail } from './accounts.js';
import { diff, recordPlatformAudit, type Actor } from './audit.js';
import type { CoreDeps } from './context.js';
import { resellerOfUser } from './resellers.js';
import { searchTerm } from './search.js';
import { revokeUserSessions } from './sessions.js';
import { inviteResellerStaff, type ProvisionedStaff } from './staff-accounts.js';

/** The operator console's resellers (PRODUCT.md "Tenancy"): list, create with the first staff member, edit, suspend, staff. */

export type OperatorResellerRow = OperatorResellerView;

// Qualified by hand: drizzle leaves columns unqualified in a one-table select, and "id" would be the subquery's own.
const companiesCount = sql<number>`(select count(*)::int from ${companies} c where c.reseller_id = "resellers"."id")`;
const staffCount = sql<number>`(select count(*)::int from ${resellerMembers} m where m.reseller_id = "resellers"."id")`;
const ROW = {
  id: resellers.id, name: resellers.name, contactName: resellers.contactName, contactEmail: resellers.contactEmail, phone: resellers.phone,
  status: resellers.status, companies: companiesCount, staff: staffCount, createdAt: resellers.createdAt,
};

/** The resellers the ability may read: search by name or contact (name, e-mail, phone), filter by status, sort, paginate. */
export async function listResellersForOperator(db: Db, ability: AppAbility, q: ResellerListQuery): Promise<{ rows: OperatorResellerRow[]; count: number }> {
  const term = searchTerm(q.q?.trim());
  const search = term
    ? or(ilike(resellers.name, term), ilike(resellers.contactName, term), ilike(resellers.contactEmail, term), ilike(resellers.phone, term))
    : undefined;
  const where = and(accessibleWhere(ability, 'read', 'Reseller', { id: resellers.id }), search, q.status ? eq(resellers.status, q.status) : undefined);
  const column = { id: resellers.id, name: resellers.name, createdAt: resellers.createdAt, companies: companiesCount }[q.sort];
  const [rows, [total]] = await Promise.all([
    db.select(ROW).from(resellers).where(where).orderBy(q.order === 'asc' ? asc(column) : desc(column), asc(resellers.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(resellers).where(where),
  ]);
  return { rows, count: Number(total?.n ?? 0) };
}

export async function getResellerForOperator(db: Db, id: number): Promise<OperatorResellerRow> {
  const [row] = await db.select(ROW).from(resellers).where(eq(resellers.id, id));
  if (!row) throw notFound('Reseller');
  return row;
}

const fieldsOf = (r: Pick<Reseller, 'name' | 'contactName' | 'contactEmail' | 'phone' | 'status'>) => ({
  name: r.name, contactName: r.contactName, contactEmail: r.contactEmail, phone: r.phone, status: r.status,
});

/** Refuses an address already working for a reseller, before anything is created. */
async function assertInvitable(db: Db, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  const current = user && (await resellerOfUser(db, user.id));
  if (current) throw new AppError(409, 'CONFLICT', `This user already works for the reseller "${current.name}"`, { field: 'staff.email' });
}

/** Creates the reseller and invites its first staff member by e-mail (a one-time link to choose a password). */
export async function createResellerForOperator(deps: CoreDeps, input: ResellerCreateInput, actor: Actor): Promise<{ reseller: OperatorResellerRow; staff: ProvisionedStaff }> {
  const { staff, ...fields } = input;
  await assertInvitable(deps.db, staff.email);
  const [row] = await deps.db.insert(resellers).values({ name: fields.name, contactName: fields.contactName ?? null, contactEmail: fields.contactEmail ?? null, phone: fields.phone ?? null }).returning();
  const reseller = row!;
  await recordPlatformAudit(deps.db, actor, { action: 'reseller.create', targetType: 'Reseller', targetId: reseller.id, after: fieldsOf(reseller) });
  const invited = await inviteStaff(deps, reseller, staff, actor);
  return { reseller: await getResellerForOperator(deps.db, reseller.id), staff: invited };
}

async function loadReseller(db: Db, id: number): Promise<Reseller> {
  const [row] = await db.select().from(resellers).where(eq(resellers.id, id));
  if (!row) throw notFound('Reseller');
  return row;
}

export async function updateResellerForOperator(deps: CoreDeps, id: number, input: Partial<ResellerFields>, actor: Actor): Promise<OperatorResellerRow> {
  const before = await loadReseller(deps.db, id);
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length) {
    const [after] = await deps.db.update(resellers).set({ ...set, updatedAt: new Date() }).where(eq(resellers.id, id)).returning();
    const changes = diff(fieldsOf(before), fieldsOf(after!));
    if (Object.keys(changes.after).length) await recordPlatformAudit(deps.db, actor, { action: 'reseller.update', targetType: 'Reseller', targetId: id, ...changes });
  }
  return getResellerForOperator(deps.db, id);
}

/**
 * Suspends the reseller, or makes it active again. Suspended, its staff's sign-in and sessions
 * and its API keys are refused (checked on every request); its companies keep working.
 */
export async function setResellerStatus(deps: CoreDeps, id: number, status: Reseller['status'], actor: Actor): Promise<OperatorResellerRow> {
  const before = await loadReseller(deps.db, id);
  if (before.status !== status) {
    await deps.db.update(resellers).set({ status, updatedAt: new Date() }).where(eq(resellers.id, id));
    await recordPlatformAudit(deps.db, actor, { action: status === 'suspended' ? 'reseller.suspend' : 'reseller.unsuspend', targetType: 'Reseller', targetId: id, before: { status: before.status }, after: { status } });
  }
  return getResellerForOperator(deps.db, id);
}

export interface ResellerStaffRow {
  userId: number;
  email: string;
  name: string;
  /** False until the set-up link has been used (no password yet). */
  active: boolean;
  addedAt: Date;
}

export async function listResellerStaff(db: Db, resellerId: number): Promise<ResellerStaffRow[]> {
  await loadReseller(db, resellerId);
  return db
    .select({ userId: users.id, email: users.email, name: users.name, active: sql<boolean>`${userCredentials.userId} is not null`, addedAt: resellerMembers.createdAt })
    .from(resellerMembers)
    .innerJoin(users, eq(users.id, resellerMembers.userId))
    .leftJoin(userCredentials, eq(userCredentials.userId, users.id))
    .where(eq(resellerMembers.resellerId, resellerId))
    .orderBy(asc(users.email));
}

async function inviteStaff(deps: CoreDeps, reseller: Reseller, input: ResellerStaffInvite, actor: Actor): Promise<ProvisionedStaff> {
  const invited = await inviteResellerStaff(deps, reseller, input);
  await recordPlatformAudit(deps.db, actor, { action: 'reseller.staff.invite', targetType: 'Reseller', targetId: reseller.id, after: { userId: invited.user.id, email: invited.user.email } });
  return invited;
}

/** Invites one more staff member (a one-time set-up link by e-mail). */
export async function inviteResellerStaffForOperator(deps: CoreDeps, resellerId: number, input: ResellerStaffInvite, actor: Actor): Promise<ResellerStaffRow> {
  const reseller = await loadReseller(deps.db, resellerId);
  await assertInvitable(deps.db, input.email);
  const { user } = await inviteStaff(deps, reseller, input, actor);
  return (await listResellerStaff(deps.db, resellerId)).find((s) => s.userId === user.id)!;
}

/** Removes a staff member: the reseller membership goes, and every session of the account ends now. */
export async function removeResellerStaff(deps: CoreDeps, resellerId: number, userId: number, actor: Actor): Promise<void> {
  await loadReseller(deps.db, resellerId);
  const removed = await deps.db
    .delete(resellerMembers)
    .where(and(eq(resellerMembers.resellerId, resellerId), eq(resellerMembers.userId, userId)))
    .returning({ userId: resellerMembers.userId });
  if (!removed.length) throw notFound('Staff member');
  await revokeUserSessions(deps.db, userId);
  const [user] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  await recordPlatformAudit(deps.db, actor, { action: 'reseller.staff.remove', targetType: 'Reseller', targetId: resellerId, before: { userId, email: user?.email ?? null } });
}
