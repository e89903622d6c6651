import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { emailSchema } from '../shared/validation/common.js';
import { resellers } from '../schema/tenancy.js';
import { users, type User } from '../schema/users.js';
import { operatorRole, type OperatorRoleKey } from '../shared/permissions/operator-roles.js';
import { findUserByEmail, issuePasswordLink } from './accounts.js';
import type { CoreDeps } from './context.js';
import { templates } from './mail/templates.js';
import { addResellerMember } from './resellers.js';

/**
 * Staff accounts of a real install, made from the command line (`pnpm console …`): there is no
 * demo operator to sign in as, and nobody in the console who could invite the first one.
 */
export interface ProvisionedStaff {
  user: User;
  /** False when the address already had an account, which was promoted instead. */
  created: boolean;
  /** One-time link to choose a password; also mailed (kept in the outbox without SMTP). */
  link: string;
  expiresMinutes: number;
}

/**
 * Creates the user (no password yet) or finds it by address, then makes it operator staff with
 * `role` (the command line's operators are admins). `onlyNew`: refuse an address already on the
 * staff (the console's invitation; the command line promotes again).
 */
export async function provisionOperator(
  deps: CoreDeps,
  p: { email: string; name?: string | undefined; role?: OperatorRoleKey; onlyNew?: boolean },
): Promise<ProvisionedStaff & { before: OperatorRoleKey | null }> {
  const role = p.role ?? 'admin';
  const { user, created } = await findOrCreateUser(deps.db, p);
  if (p.onlyNew && user.platformRole) throw new AppError(409, 'CONFLICT', `${user.email} is already on the operator staff; change their role instead`, { field: 'email' });
  const [promoted] = await deps.db.update(users).set({ platformRole: role, updatedAt: new Date() }).where(eq(users.id, user.id)).returning();
  return { ...(await sendSetupLink(deps, promoted!, created, operatorRole(role).label[promoted!.locale])), before: user.platformRole };
}

/** The same for a reseller's staff: the reseller is found by name, or created when `createReseller`. */
export async function provisionResellerStaff(
  deps: CoreDeps,
  p: { email: string; name?: string | undefined; reseller: string; createReseller?: boolean },
): Promise<ProvisionedStaff & { reseller: { id: number; name: string; created: boolean } }> {
  const resellerName = p.reseller.trim();
  if (!resellerName || resellerName.length > 100) throw new AppError(400, 'VALIDATION_FAILED', 'The reseller name must be 1 to 100 characters', { field: 'reseller' });
  const found = await deps.db.select({ id: resellers.id, name: resellers.name }).from(resellers).where(sql`lower(${resellers.name}) = lower(${resellerName})`).limit(2);
  if (found.length > 1) throw new AppError(409, 'CONFLICT', `Two resellers are named "${resellerName}"`);
  let reseller = found[0] ? { ...found[0], created: false } : null;
  if (!reseller) {
    if (!p.createReseller) throw new AppError(404, 'NOT_FOUND', `No reseller is named "${resellerName}" (add --create-reseller to create it)`);
    const [row] = await deps.db.insert(resellers).values({ name: resellerName }).returning({ id: resellers.id, name: resellers.name });
    reseller = { ...row!, created: true };
  }
  return { ...(await inviteResellerStaff(deps, reseller, p)), reseller };
}

/**
 * Makes the address staff of the reseller (a new user without password, or the existing one)
 * and mails it a one-time link to choose a password; the command line and the operator console
 * invite staff through this. Staff of another reseller is refused (409).
 */
export async function inviteResellerStaff(deps: CoreDeps, reseller: { id: number; name: string }, p: { email: string; name?: string | undefined }): Promise<ProvisionedStaff> {
  const { user, created } = await findOrCreateUser(deps.db, p);
  await addResellerMember(deps.db, reseller.id, user.id);
  return sendSetupLink(deps, user, created, `staff of ${reseller.name}`);
}

async function findOrCreateUser(db: Db, p: { email: string; name?: string | undefined }): Promise<{ user: User; created: boolean }> {
  const email = p.email.trim();
  // The console's one address rule; the address is kept as typed (lookups ignore case).
  if (!emailSchema.safeParse(email).success) throw new AppError(400, 'VALIDATION_FAILED', `"${p.email}" is not an e-mail address`, { field: 'email' });
  const name = (p.name ?? '').trim() || email.split('@')[0]!;
  if (name.length > 100) throw new AppError(400, 'VALIDATION_FAILED', 'The name must be at most 100 characters', { field: 'name' });
  const existing = await findUserByEmail(db, email);
  if (existing) return { user: existing, created: false };
  // No credentials row: nobody can sign in until the link has been used.
  const [user] = await db.insert(users).values({ email, name }).onConflictDoNothing().returning();
  if (user) return { user, created: true };
  // Made at the same moment by another call: use that one.
  return { user: (await findUserByEmail(db, email))!, created: false };
}

async function sendSetupLink(deps: CoreDeps, user: User, created: boolean, role: string): Promise<ProvisionedStaff> {
  const { link, ttl, secret } = await issuePasswordLink(deps, user);
  await deps.mailer.send({ to: user.email, kind: 'account-setup', secret, ...templates.staffAccount(user.locale, { name: user.name, role, link, expiresMinutes: ttl }) });
  return { user, created, link, expiresMinutes: ttl };
}
