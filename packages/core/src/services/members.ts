import { and, asc, count, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/types.js';
import { AppError, conflict, limitReached, notFound } from '../errors.js';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { companies } from '../schema/tenancy.js';
import { invitations, memberships, roles, type Role } from '../schema/team.js';
import { users } from '../schema/users.js';
import { diff, recordAudit } from './audit.js';
import { getUser, sendPasswordReset } from './accounts.js';
import type { CompanyContext } from './context.js';
import { assertCan } from './guard.js';
import { searchTerm } from './search.js';
import { templates } from './mail/templates.js';
import { assertCanGrant, resolveRoleRef, roleSpecOf, type RoleRef } from './roles.js';
import { revokeUserSessions } from './sessions.js';
import { randomToken, sha256Hex } from './tokens.js';
import { CORE_EVENTS, publishEvent } from '../events/index.js';

export interface MemberView {
  userId: number;
  email: string;
  name: string;
  role: { id: number; builtin: Role['builtin']; name: string };
  joinedAt: Date;
}

export interface MemberListQuery {
  limit: number;
  offset: number;
  q?: string | undefined;
  sort: 'name' | 'email' | 'joinedAt' | 'role';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = { name: users.name, email: users.email, joinedAt: memberships.createdAt, role: roles.name } as const;

export async function listMembers(ctx: CompanyContext, query: MemberListQuery): Promise<{ rows: MemberView[]; count: number }> {
  assertCan(ctx.ability, 'read', 'Member');
  const term = searchTerm(query.q);
  const where = and(
    accessibleWhere(ctx.ability, 'read', 'Member', { companyId: memberships.companyId, userId: memberships.userId }),
    term ? or(ilike(users.name, term), ilike(users.email, term)) : undefined,
  );
  const dir = query.order === 'asc' ? asc : desc;
  return ctx.tx(async (tx) => {
    const rows = await tx
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: { id: roles.id, builtin: roles.builtin, name: roles.name },
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(where)
      .orderBy(dir(SORT_COLUMNS[query.sort]), asc(users.id))
      .limit(query.limit)
      .offset(query.offset);
    const [total] = await tx
      .select({ n: count() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where);
    return { rows, count: Number(total?.n ?? 0) };
  });
}

async function membershipOf(tx: Tx, ctx: CompanyContext, userId: number) {
  const [row] = await tx
    .select({ membership: memberships, role: roles })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.companyId, ctx.companyId), eq(memberships.userId, userId)));
  if (!row) throw notFound('Member');
  return row;
}

/** Serialises limit and last-admin checks per company (the tenant role may not lock the company row). */
async function lockCompany(tx: Tx, companyId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('company'), ${companyId})`);
}

/** Refuses to leave the company without an admin: counted under the company lock. */
async function assertNotLastAdmin(tx: Tx, ctx: CompanyContext, userId: number): Promise<void> {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.companyId, ctx.companyId), eq(roles.builtin, 'admin')));
  if (admins.length === 1 && admins[0]!.userId === userId) {
    throw new AppError(409, 'LAST_ADMIN', 'The company must keep at least one admin: make someone else admin first');
  }
}

async function memberLimitOf(tx: Tx, companyId: number): Promise<number> {
  const [company] = await tx.select({ memberLimit: companies.memberLimit }).from(companies).where(eq(companies.id, companyId));
  if (!company) throw notFound('Company');
  return company.memberLimit;
}

export interface InvitationView {
  id: number;
  email: string;
  role: { id: number; builtin: Role['builtin']; name: string };
  expiresAt: Date;
  createdAt: Date;
}

/**
 * Invites an email address with a role. The invitee gets a link to set a password and join.
 * Open invitations count against memberLimit, so accepting never exceeds it; inviting the
 * same address again replaces the open invitation (a resend). Returns the raw token only to
 * in-process callers (demo seeding); the HTTP layer does not expose it.
 */
export async function inviteMember(ctx: CompanyContext, p: { email: string; role: RoleRef }): Promise<{ invitation: InvitationView; token: string }> {
  assertCan(ctx.ability, 'create', 'Member');
  const token = randomToken();
  const expiresAt = new Date(Date.now() + ctx.config.invitationTtlHours * 3_600_000);
  const result = await ctx.tx(async (tx) => {
    const role = await resolveRoleRef(tx, p.role);
    assertCanGrant(ctx, roleSpecOf(role));
    await lockCompany(tx, ctx.companyId);
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, ctx.companyId), sql`lower(${users.email}) = lower(${p.email})`));
    if (already) throw conflict(`${p.email} is already a member`, [{ path: ['email'], message: 'Already a member' }]);
    await tx.delete(invitations).where(and(eq(invitations.companyId, ctx.companyId), sql`lower(${invitations.email}) = lower(${p.email})`, isNull(invitations.acceptedAt)));
    const limit = await memberLimitOf(tx, ctx.companyId);
    const [{ n: members } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.companyId, ctx.companyId));
    const [{ n: open } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.companyId, ctx.companyId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)));
    if (Number(members) + Number(open) >= limit) {
      throw limitReached(`The company has reached its member limit of ${limit} (members and open invitations)`, { memberLimit: limit, members: Number(members), openInvitations: Number(open) });
    }
    const [inv] = await tx
      .insert(invitations)
      .values({ companyId: ctx.companyId, email: p.email, roleId: role.id, tokenHash: sha256Hex(token), invitedBy: ctx.actor.userId, expiresAt })
      .returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'member.invite', targetType: 'Invitation', targetId: inv!.id, after: { email: p.email, role: role.name } });
    await publishEvent(tx, { type: CORE_EVENTS.memberInvited, companyId: ctx.companyId, actor: ctx.actor.label, data: { invitationId: inv!.id, email: p.email, role: role.name } });
    const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, ctx.companyId));
    return { inv: inv!, role, companyName: company?.name ?? '' };
  });
  const inviter = ctx.actor.userId ? await getUser(ctx.db, ctx.actor.userId) : null;
  const link = `${ctx.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to: p.email,
    kind: 'invitation',
    secret: { token, expiresAt: result.inv.expiresAt },
    ...templates.invitation(inviter?.locale ?? 'en', {
      companyName: result.companyName,
      inviterName: inviter?.name ?? ctx.actor.label,
      link,
      expiresHours: ctx.config.invitationTtlHours,
    }),
  });
  const { inv, role } = result;
  return { invitation: { id: inv.id, email: inv.email, role: { id: role.id, builtin: role.builtin, name: role.name }, expiresAt: inv.expiresAt, createdAt: inv.createdAt }, token };
}

export async function listInvitations(ctx: CompanyContext, page: { limit: number; offset: number }): Promise<{ rows: InvitationView[]; count: number }> {
  assertCan(ctx.ability, 'read', 'Member');
  return ctx.tx(async (tx) => {
    const where = and(eq(invitations.companyId, ctx.companyId), isNull(invitations.acceptedAt));
    const rows = await tx
      .select({ id: invitations.id, email: invitations.email, role: { id: roles.id, builtin: roles.builtin, name: roles.name }, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
      .from(invitations)
      .innerJoin(roles, eq(roles.id, invitations.roleId))
      .where(where)
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await tx.select({ n: count() }).from(invitations).where(where);
    return { rows, count: Number(total?.n ?? 0) };
  });
}

export async function revokeInvitation(ctx: CompanyContext, id: number): Promise<void> {
  assertCan(ctx.ability, 'create', 'Member');
  await ctx.tx(async (tx) => {
    const [inv] = await tx.delete(invitations).where(and(eq(invitations.id, id), eq(invitations.companyId, ctx.companyId), isNull(invitations.acceptedAt))).returning();
    if (!inv) throw notFound('Invitation');
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'member.invite.revoke', targetType: 'Invitation', targetId: id, before: { email: inv.email } });
  });
}

/** Changes a member's role. Their sessions end, so they sign in again under the new role. */
export async function changeMemberRole(ctx: CompanyContext, userId: number, ref: RoleRef): Promise<MemberView> {
  assertCan(ctx.ability, 'update', 'Member');
  const view = await ctx.tx(async (tx) => {
    const current = await membershipOf(tx, ctx, userId);
    assertCan(ctx.ability, 'update', 'Member', { companyId: ctx.companyId, userId });
    // Nobody may change (or remove) a member whose current rights exceed their own.
    assertCanGrant(ctx, roleSpecOf(current.role));
    const next = await resolveRoleRef(tx, ref);
    assertCanGrant(ctx, roleSpecOf(next));
    await lockCompany(tx, ctx.companyId);
    if (current.role.builtin === 'admin' && next.builtin !== 'admin') await assertNotLastAdmin(tx, ctx, userId);
    await tx.update(memberships).set({ roleId: next.id, updatedAt: new Date() }).where(eq(memberships.id, current.membership.id));
    const user = await getUserInTx(tx, userId);
    await recordAudit(tx, ctx.companyId, ctx.actor, {
      action: 'member.role.change', targetType: 'Member', targetId: userId,
      ...diff({ email: user.email, role: current.role.name }, { email: user.email, role: next.name }),
    });
    if (current.role.id !== next.id) await publishEvent(tx, { type: CORE_EVENTS.memberRoleChanged, companyId: ctx.companyId, actor: ctx.actor.label, data: { userId, email: user.email, from: current.role.name, to: next.name } });
    return { userId, email: user.email, name: user.name, role: { id: next.id, builtin: next.builtin, name: next.name }, joinedAt: current.membership.createdAt };
  });
  await revokeUserSessions(ctx.db, userId);
  return view;
}

async function getUserInTx(tx: Tx, userId: number) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('Member');
  return user;
}

/** Removes a member from the company and ends their sessions. */
export async function removeMember(ctx: CompanyContext, userId: number): Promise<void> {
  assertCan(ctx.ability, 'delete', 'Member');
  await ctx.tx(async (tx) => {
    const current = await membershipOf(tx, ctx, userId);
    assertCanGrant(ctx, roleSpecOf(current.role));
    await lockCompany(tx, ctx.companyId);
    if (current.role.builtin === 'admin') await assertNotLastAdmin(tx, ctx, userId);
    const user = await getUserInTx(tx, userId);
    await tx.delete(memberships).where(eq(memberships.id, current.membership.id));
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'member.remove', targetType: 'Member', targetId: userId, before: { email: user.email, role: current.role.name } });
    await publishEvent(tx, { type: CORE_EVENTS.memberRemoved, companyId: ctx.companyId, actor: ctx.actor.label, data: { userId, email: user.email, role: current.role.name } });
  });
  await revokeUserSessions(ctx.db, userId);
}

/** Emails the member a password-reset link (seed 000 "Reset Member Password"). */
export async function resetMemberPassword(ctx: CompanyContext, userId: number): Promise<void> {
  assertCan(ctx.ability, 'update', 'Member');
  const user = await ctx.tx(async (tx) => {
    const current = await membershipOf(tx, ctx, userId);
    assertCanGrant(ctx, roleSpecOf(current.role));
    const u = await getUserInTx(tx, userId);
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'member.password.reset', targetType: 'Member', targetId: userId, after: { email: u.email } });
    return u;
  });
  await sendPasswordReset(ctx, user, true);
}

