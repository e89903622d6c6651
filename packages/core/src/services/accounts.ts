import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/types.js';
import { AppError, notFound } from '../errors.js';
import { companies } from '../schema/tenancy.js';
import { memberships, roles } from '../schema/team.js';
import { passwordResetTokens, userCredentials, users, type User } from '../schema/users.js';
import type { OperatorRoleKey } from '../shared/permissions/operator-roles.js';
import type { BuiltinRoleKey, Locale } from '../shared/permissions/types.js';
import type { CoreDeps } from './context.js';
import { templates } from './mail/templates.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';
import { randomToken, sha256Hex } from './tokens.js';
import { passwordContextIssue } from '../shared/validation/password.js';

/**
 * No password may contain its account's e-mail address or name (ASVS 6.2.11). The forms check
 * it as the user types where they know both (sign-up); here it holds for every way a password
 * is set: a new account (invitation, staff set-up), a reset, a change.
 */
function assertPasswordFitsAccount(password: string, account: { email: string; name: string }, field = 'password'): void {
  const message = passwordContextIssue(password, account);
  if (message) throw new AppError(400, 'VALIDATION_FAILED', `${field}: ${message}`, [{ path: [field], message }]);
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return user;
}

/** Creates a user with a password (used by invitation acceptance and company creation). */
export async function createUser(db: Db, p: NewUser & { password: string }): Promise<User> {
  assertPasswordFitsAccount(p.password, p);
  const hash = await hashPassword(p.password);
  return db.transaction((tx) => insertUser(tx, p, hash));
}

export interface NewUser {
  email: string;
  name: string;
  locale?: Locale;
  platformRole?: OperatorRoleKey;
}

/** The user and its password hash, inside the caller's transaction (hash first: argon2 is slow). */
export async function insertUser(tx: Queryable, p: NewUser, passwordHash: string): Promise<User> {
  const [user] = await tx.insert(users).values({ email: p.email, name: p.name, locale: p.locale ?? 'en', platformRole: p.platformRole ?? null }).returning();
  await tx.insert(userCredentials).values({ userId: user!.id, passwordHash });
  return user!;
}

/** Email + password → the user, or null. The same answer (and time) for an unknown email and a wrong password. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users, hash: userCredentials.passwordHash })
    .from(users)
    .leftJoin(userCredentials, eq(userCredentials.userId, users.id))
    .where(sql`lower(${users.email}) = lower(${email})`);
  const ok = await verifyPassword(row?.hash, password);
  return ok && row ? row.user : null;
}

export async function checkPassword(db: Db, userId: number, password: string): Promise<boolean> {
  const [row] = await db.select({ hash: userCredentials.passwordHash }).from(userCredentials).where(eq(userCredentials.userId, userId));
  return verifyPassword(row?.hash, password);
}

async function assertPasswordFitsUser(db: Queryable, userId: number, password: string, field?: string): Promise<void> {
  const [account] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  if (account) assertPasswordFitsAccount(password, account, field);
}

/**
 * Sets a user's password and ends their sessions (but `keepSessionId`); other reset links stop
 * working. `field` names the form's field in a refusal (the profile's is `newPassword`).
 */
export async function setPassword(db: Db, userId: number, password: string, keepSessionId?: string, field?: string): Promise<void> {
  await assertPasswordFitsUser(db, userId, password, field);
  const hash = await hashPassword(password);
  await db
    .insert(userCredentials)
    .values({ userId, passwordHash: hash })
    .onConflictDoUpdate({ target: userCredentials.userId, set: { passwordHash: hash, passwordChangedAt: new Date() } });
  await db.update(passwordResetTokens).set({ usedAt: new Date() }).where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
  await revokeUserSessions(db, userId, keepSessionId);
}

/**
 * Emails a one-time reset link when the address has an account, and does nothing otherwise:
 * the caller answers the same either way, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(deps: CoreDeps, email: string, opts: { byAdmin?: boolean } = {}): Promise<void> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return;
  await sendPasswordReset(deps, user, opts.byAdmin ?? false);
}

export async function sendPasswordReset(deps: CoreDeps, user: User, byAdmin: boolean): Promise<void> {
  const { link, ttl, secret } = await issuePasswordLink(deps, user);
  await deps.mailer.send({ to: user.email, kind: 'password-reset', secret, ...templates.passwordReset(user.locale, { name: user.name, link, expiresMinutes: ttl, byAdmin }) });
}

/**
 * A one-time link to set the user's password (the reset-password page), valid for the reset
 * lifetime; only the token's SHA-256 is stored. The caller mails it (and may show it once).
 */
export async function issuePasswordLink(deps: Pick<CoreDeps, 'db' | 'config'>, user: User): Promise<{ link: string; ttl: number; secret: { token: string; expiresAt: Date } }> {
  const token = randomToken();
  const ttl = deps.config.passwordResetTtlMinutes;
  const expiresAt = new Date(Date.now() + ttl * 60_000);
  await deps.db.insert(passwordResetTokens).values({ userId: user.id, tokenHash: sha256Hex(token), expiresAt });
  const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return { link, ttl, secret: { token, expiresAt } };
}

export async function resetPassword(deps: CoreDeps, token: string, password: string): Promise<void> {
  const now = new Date();
  const [row] = await deps.db
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, sha256Hex(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  if (!row) throw new AppError(400, 'TOKEN_INVALID', 'This link is invalid or has expired; ask for a new one');
  // A password refused must not use the link up: checked before the claim (and again in setPassword).
  await assertPasswordFitsUser(deps.db, row.userId, password);
  // Claim the token first so two concurrent uses cannot both succeed.
  const claimed = await deps.db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
    .returning({ id: passwordResetTokens.id });
  if (!claimed.length) throw new AppError(400, 'TOKEN_INVALID', 'This link is invalid or has expired; ask for a new one');
  await setPassword(deps.db, row.userId, password);
}

export interface UserCompany {
  id: number;
  name: string;
  blocked: boolean;
  roleId: number;
  roleName: string;
  builtin: BuiltinRoleKey | null;
}

/** The companies a user belongs to, for the switcher (system query: it spans companies by design). */
export async function listUserCompanies(db: Db, userId: number): Promise<UserCompany[]> {
  return db
    .select({ id: companies.id, name: companies.name, blocked: companies.blocked, roleId: roles.id, roleName: roles.name, builtin: roles.builtin })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(eq(memberships.userId, userId))
    .orderBy(companies.name);
}

export async function getUser(db: Db, userId: number): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  return user;
}
