import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { signUps } from '../schema/sign-ups.js';
import type { User } from '../schema/users.js';
import { SIGN_UP_LINK_HOURS, type SignUpInput } from '../shared/validation/sign-up.js';
import { findUserByEmail } from './accounts.js';
import type { Actor } from './audit.js';
import { insertCompanyWithAdmin } from './companies.js';
import type { CoreDeps } from './context.js';
import { templates } from './mail/templates.js';
import { hashPassword } from './passwords.js';
import { getPlatformSettings } from './platform-settings.js';
import { randomToken, sha256Hex } from './tokens.js';

/**
 * Refuses unless the operator opened direct sign-up. `invitation`: people join through the
 * invitation a company admin sends them, never through this form.
 */
export async function assertSignUpOpen(db: Db): Promise<void> {
  const { signUpMode } = await getPlatformSettings(db);
  if (signUpMode === 'closed') throw new AppError(403, 'SIGN_UP_CLOSED', 'Sign-up is closed on this platform; ask the platform operator for an account');
  if (signUpMode === 'invitation') {
    throw new AppError(403, 'SIGN_UP_BY_INVITATION', 'Sign-up is by invitation only: ask an admin of your company to invite you, then follow the link in that e-mail');
  }
}

/**
 * A self sign-up: the details wait in `sign_ups` and a one-time link is mailed. An address
 * that already has an account gets a notice instead (sign in, or reset the password) and
 * nothing is stored, so nobody can take the account over; the caller answers the same either
 * way. A second sign-up of the same address replaces the first (its link stops working).
 */
export async function requestSignUp(deps: CoreDeps, input: SignUpInput): Promise<void> {
  await assertSignUpOpen(deps.db);
  // Hashed whatever the outcome, so the answer takes as long for a known address.
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(deps.db, input.email);
  if (existing) return notifyExistingOwner(deps, existing);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SIGN_UP_LINK_HOURS * 3_600_000);
  const inserted = await deps.db.transaction(async (tx) => {
    await tx.delete(signUps).where(and(sql`lower(${signUps.email}) = lower(${input.email})`, isNull(signUps.verifiedAt)));
    return tx
      .insert(signUps)
      .values({ email: input.email, name: input.name, passwordHash, companyName: input.companyName, country: input.country, area: input.area, locale: input.locale, tokenHash: sha256Hex(token), expiresAt })
      .onConflictDoNothing()
      .returning({ id: signUps.id });
  });
  // A concurrent sign-up of the same address won the race: its mail is the one that counts.
  if (!inserted.length) return;
  const link = `${deps.config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: input.email,
    kind: 'sign-up',
    secret: { token, expiresAt },
    ...templates.signUpVerify(input.locale, { name: input.name, companyName: input.companyName, link, expiresHours: SIGN_UP_LINK_HOURS }),
  });
}

async function notifyExistingOwner(deps: CoreDeps, user: User): Promise<void> {
  const base = deps.config.publicUrl;
  await deps.mailer.send({ to: user.email, kind: 'sign-up-existing', ...templates.signUpExisting(user.locale, { name: user.name, signInLink: `${base}/sign-in`, resetLink: `${base}/forgot-password` }) });
}

const LINK_USED = () => new AppError(410, 'SIGN_UP_LINK_USED', 'This link was already used; sign in with your e-mail and password');
const LINK_EXPIRED = () => new AppError(410, 'SIGN_UP_LINK_EXPIRED', 'This link has expired; sign up again to get a new one');

/**
 * Uses a sign-up link once: makes the user, a direct company (no reseller) with the platform's
 * default limits, and the user its admin, audited; answers the new user (the caller signs them in).
 */
export async function verifySignUp(deps: CoreDeps, token: string, meta: Pick<Actor, 'ip' | 'requestId'> = {}): Promise<User> {
  await assertSignUpOpen(deps.db);
  const tokenHash = sha256Hex(token);
  const [row] = await deps.db.select().from(signUps).where(eq(signUps.tokenHash, tokenHash));
  if (!row) throw new AppError(400, 'TOKEN_INVALID', 'This link is invalid; open the link from the e-mail again, or sign up again');
  if (row.verifiedAt) throw LINK_USED();
  if (row.expiresAt <= new Date()) throw LINK_EXPIRED();
  const settings = await getPlatformSettings(deps.db);
  return deps.db.transaction(async (tx) => {
    // Claimed first: two uses of the link at once cannot both make a company. The password
    // hash is of no use once the account exists.
    const claimed = await tx
      .update(signUps)
      .set({ verifiedAt: new Date(), passwordHash: '' })
      .where(and(eq(signUps.id, row.id), isNull(signUps.verifiedAt)))
      .returning({ id: signUps.id });
    if (!claimed.length) throw LINK_USED();
    if (await findUserByEmail(tx, row.email)) throw new AppError(409, 'EMAIL_TAKEN', 'This e-mail already has an account; sign in instead');
    const [firstName, ...rest] = row.name.trim().split(/\s+/);
    const { user } = await insertCompanyWithAdmin(
      tx,
      {
        name: row.companyName, email: row.email, firstName: firstName ?? row.name, lastName: rest.join(' '), country: row.country, area: row.area,
        resellerId: null, appLimit: settings.defaultAppLimit, memberLimit: settings.defaultMemberLimit,
      },
      { email: row.email, name: row.name, locale: row.locale },
      row.passwordHash,
      { userId: null, label: row.email, ...meta },
      { via: 'sign-up' },
    );
    return user;
  });
}

/** Pending sign-ups whose link has expired, and used ones past their link's lifetime (housekeeping). */
export async function purgeExpiredSignUps(db: Db, now = new Date()): Promise<number> {
  const gone = await db.delete(signUps).where(lt(signUps.expiresAt, now)).returning({ id: signUps.id });
  return gone.length;
}
