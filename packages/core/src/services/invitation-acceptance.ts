import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { inCompany } from '../db/tenant.js';
import type { Tx } from '../db/types.js';
import { AppError, limitReached } from '../errors.js';
import { companies } from '../schema/tenancy.js';
import { invitations, memberships, roles } from '../schema/team.js';
import { checkPassword, createUser, findUserByEmail } from './accounts.js';
import { recordAudit } from './audit.js';
import type { CoreDeps } from './context.js';
import { sha256Hex } from './tokens.js';
import { holdSessionsUntilTwoFactor } from './two-factor-hold.js';
import { CORE_EVENTS, publishEvent } from '../events/index.js';

const invalid = () => new AppError(400, 'TOKEN_INVALID', 'This invitation is invalid, was already used or has expired; ask for a new one');

/** An open invitation by its emailed token (system query: the invitee has no company yet). */
async function openInvitation(deps: CoreDeps, token: string) {
  if (!token || token.length > 200) throw invalid();
  const [row] = await deps.db
    .select({ invitation: invitations, companyName: companies.name, companyBlocked: companies.blocked, requireTwoFactor: companies.requireTwoFactor, roleName: roles.name })
    .from(invitations)
    .innerJoin(companies, eq(companies.id, invitations.companyId))
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .where(and(eq(invitations.tokenHash, sha256Hex(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
  if (!row) throw invalid();
  return row;
}

export interface InvitationPreview {
  email: string;
  companyName: string;
  roleName: string;
  /** The address already has an account: accepting asks for its password instead of a new one. */
  existingAccount: boolean;
  expiresAt: Date;
}

export async function previewInvitation(deps: CoreDeps, token: string): Promise<InvitationPreview> {
  const row = await openInvitation(deps, token);
  const user = await findUserByEmail(deps.db, row.invitation.email);
  return { email: row.invitation.email, companyName: row.companyName, roleName: row.roleName, existingAccount: !!user, expiresAt: row.invitation.expiresAt };
}

/**
 * Accepts an invitation: a new address sets its name and password; an existing account
 * proves itself with its password. The membership is then created as that company (RLS on).
 */
export async function acceptInvitation(deps: CoreDeps, token: string, p: { name?: string | undefined; password: string }): Promise<{ userId: number; companyId: number }> {
  const row = await openInvitation(deps, token);
  const inv = row.invitation;
  let user = await findUserByEmail(deps.db, inv.email);
  if (user) {
    if (!(await checkPassword(deps.db, user.id, p.password))) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'This email already has an account: enter its current password to join');
    }
  } else {
    if (!p.name) throw new AppError(400, 'VALIDATION_FAILED', 'Name is required', [{ path: ['name'], message: 'Name is required' }]);
    // Refuse before creating an account that could then not join (checked again when joining).
    await inCompany(deps.db, inv.companyId, (tx) => assertRoomForMember(tx, inv.companyId));
    user = await createUser(deps.db, { email: inv.email, name: p.name, password: p.password });
  }
  const userId = user.id;
  await inCompany(deps.db, inv.companyId, async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!claimed.length) throw invalid();
    const [already] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.companyId, inv.companyId), eq(memberships.userId, userId)));
    if (already) return;
    await assertRoomForMember(tx, inv.companyId);
    await tx.insert(memberships).values({ companyId: inv.companyId, userId, roleId: inv.roleId });
    await recordAudit(tx, inv.companyId, { userId, label: inv.email }, { action: 'member.join', targetType: 'Member', targetId: userId, after: { email: inv.email, role: row.roleName } });
    await publishEvent(tx, { type: CORE_EVENTS.memberJoined, companyId: inv.companyId, actor: inv.email, data: { userId, email: inv.email, role: row.roleName } });
  });
  // An account joining a company that requires two-factor: its other sessions (other browsers) are held too.
  if (row.requireTwoFactor) await holdSessionsUntilTwoFactor(deps.db, { userId });
  return { userId, companyId: inv.companyId };
}

/** The invitation held a place under memberLimit, but the limit may have been lowered since. */
async function assertRoomForMember(tx: Tx, companyId: number): Promise<void> {
  const [company] = await tx.select({ memberLimit: companies.memberLimit }).from(companies).where(eq(companies.id, companyId));
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.companyId, companyId));
  if (company && Number(n) >= company.memberLimit) throw limitReached(`The company has reached its member limit of ${company.memberLimit}`);
}
