import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { memberships } from '../schema/team.js';
import { companies } from '../schema/tenancy.js';
import { resellerMembers } from '../schema/platform.js';
import { recoveryCodes, rememberedDevices, userTotp } from '../schema/two-factor.js';
import type { SessionPendingStep, User } from '../schema/users.js';
import { recordAccountEvent, type AccountActor } from './account-events.js';
import type { CoreDeps } from './context.js';
import { getPlatformSettings } from './platform-settings.js';
import { moveHeldSessionsToCode } from './two-factor-hold.js';
import { decryptSecret, encryptSecret } from './settings-crypto.js';
import { randomToken, sha256Hex } from './tokens.js';
import { randomInt } from 'node:crypto';

/** RFC 6238 with what every authenticator app supports: SHA-1, six digits, 30-second steps. */
const PERIOD = 30;
/** One step either side: a phone's clock a little off, or a code typed as it changed. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
export const REMEMBER_DEVICE_DAYS = 30;
const ISSUER = 'RTC Console';

type KeyDeps = Pick<CoreDeps, 'db' | 'settingsKey'>;

/** The secret is sealed with the settings key, bound to its user (a sealed value moved to another user does not open). */
const sealContext = (userId: number) => `user-totp:${userId}`;

function totpOf(secret: Secret, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });
}

async function totpRow(db: Db, userId: number) {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  return row ?? null;
}

export async function hasTwoFactor(db: Db, userId: number): Promise<boolean> {
  const row = await totpRow(db, userId);
  return !!row?.enabledAt;
}

/**
 * Why the user must sign in with a second factor, if they must: a company of theirs requires it
 * for its members, or the operator requires it of staff (operator staff, reseller staff).
 */
export async function twoFactorRequirement(db: Db, user: Pick<User, 'id' | 'platformRole'>): Promise<{ companies: string[]; staff: boolean } | null> {
  const required = await db
    .select({ name: companies.name })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(and(eq(memberships.userId, user.id), eq(companies.requireTwoFactor, true)));
  let staff = false;
  if ((await getPlatformSettings(db)).requireStaffTwoFactor) {
    const [reseller] = user.platformRole ? [] : await db.select({ id: resellerMembers.userId }).from(resellerMembers).where(eq(resellerMembers.userId, user.id)).limit(1);
    staff = !!user.platformRole || !!reseller;
  }
  return required.length || staff ? { companies: required.map((c) => c.name), staff } : null;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  /** Unused recovery codes. */
  recoveryCodesLeft: number;
  /** Set when a company or the operator requires it (then it cannot be turned off). */
  requiredBy: { companies: string[]; staff: boolean } | null;
}

export async function twoFactorStatus(db: Db, user: Pick<User, 'id' | 'platformRole'>): Promise<TwoFactorStatus> {
  const row = await totpRow(db, user.id);
  const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return { enabled: !!row?.enabledAt, enabledAt: row?.enabledAt ?? null, recoveryCodesLeft: row?.enabledAt ? (left?.n ?? 0) : 0, requiredBy: await twoFactorRequirement(db, user) };
}

/**
 * Set-up, first half: a new secret waiting for its first code (any earlier unconfirmed one is
 * replaced), with the otpauth URI, its QR code and the secret in text for manual entry.
 */
export async function startTwoFactorSetup(deps: KeyDeps, user: Pick<User, 'id' | 'email'>): Promise<{ secret: string; uri: string; qrCode: string }> {
  const existing = await totpRow(deps.db, user.id);
  if (existing?.enabledAt) throw new AppError(409, 'CONFLICT', 'Two-factor sign-in is already on; turn it off first to set up another app');
  const secret = new Secret({ size: 20 });
  const sealed = encryptSecret(deps.settingsKey, secret.base32, sealContext(user.id));
  await deps.db
    .insert(userTotp)
    .values({ userId: user.id, secretSealed: sealed, enabledAt: null, lastStep: null })
    .onConflictDoUpdate({ target: userTotp.userId, set: { secretSealed: sealed, enabledAt: null, lastStep: null, createdAt: new Date() } });
  const uri = totpOf(secret, user.email).toString();
  return { secret: secret.base32, uri, qrCode: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * Checks a code against the user's secret and uses it up: the step it belongs to must be later
 * than the last accepted one (so a code works once), claimed in one conditional update so two
 * requests with the same code cannot both pass.
 */
async function useTotpCode(deps: KeyDeps, userId: number, code: string, opts: { pendingSetup: boolean }): Promise<boolean> {
  const row = await totpRow(deps.db, userId);
  if (!row || !!row.enabledAt === opts.pendingSetup) return false;
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const secret = Secret.fromBase32(decryptSecret(deps.settingsKey, row.secretSealed, sealContext(userId)));
  const now = Date.now();
  const delta = totpOf(secret, '').validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  const claimed = await deps.db
    .update(userTotp)
    .set({ lastStep: step })
    .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
    .returning({ userId: userTotp.userId });
  return claimed.length === 1;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** Ten new recovery codes (the old ones stop working); only their hashes are kept. */
async function replaceRecoveryCodes(db: Db, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256Hex(normalizeRecoveryCode(c)) })));
  return codes;
}

/** Set-up, second half: the first code turns two-factor on; the recovery codes come back once. */
export async function confirmTwoFactorSetup(deps: KeyDeps, userId: number, code: string, actor: AccountActor): Promise<{ recoveryCodes: string[] }> {
  const row = await totpRow(deps.db, userId);
  if (!row) throw new AppError(409, 'CONFLICT', 'Start the set-up first');
  if (row.enabledAt) throw new AppError(409, 'CONFLICT', 'Two-factor sign-in is already on');
  if (!(await useTotpCode(deps, userId, code, { pendingSetup: true }))) throw invalidCode();
  await deps.db.update(userTotp).set({ enabledAt: new Date() }).where(eq(userTotp.userId, userId));
  await moveHeldSessionsToCode(deps.db, userId);
  const codes = await replaceRecoveryCodes(deps.db, userId);
  await recordAccountEvent(deps.db, userId, actor, 'twoFactor.enable');
  return { recoveryCodes: codes };
}

export const invalidCode = () => new AppError(400, 'INVALID_CODE', 'The code is not correct or was already used', [{ path: ['code'], message: 'Not correct or already used' }]);

/** A code of the app or an unused recovery code (which is then used up); which one passed, or null. */
export async function verifySecondFactor(deps: KeyDeps, userId: number, code: string): Promise<'totp' | 'recovery' | null> {
  if (/^\d{6}$/.test(code.replace(/\s+/g, ''))) return (await useTotpCode(deps, userId, code, { pendingSetup: false })) ? 'totp' : null;
  if (!(await hasTwoFactor(deps.db, userId))) return null;
  const hash = sha256Hex(normalizeRecoveryCode(code));
  const used = await deps.db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length ? 'recovery' : null;
}

export async function regenerateRecoveryCodes(deps: KeyDeps, userId: number, actor: AccountActor): Promise<{ recoveryCodes: string[] }> {
  if (!(await hasTwoFactor(deps.db, userId))) throw new AppError(409, 'CONFLICT', 'Two-factor sign-in is off');
  const codes = await replaceRecoveryCodes(deps.db, userId);
  await recordAccountEvent(deps.db, userId, actor, 'twoFactor.recoveryCodes.regenerate');
  return { recoveryCodes: codes };
}

/** Turns two-factor off: the secret, the recovery codes and the remembered browsers go. Refused while required. */
export async function disableTwoFactor(deps: KeyDeps, user: Pick<User, 'id' | 'platformRole'>, actor: AccountActor): Promise<void> {
  if (!(await hasTwoFactor(deps.db, user.id))) throw new AppError(409, 'CONFLICT', 'Two-factor sign-in is already off');
  const required = await twoFactorRequirement(deps.db, user);
  if (required) {
    const by = required.staff ? 'the platform operator' : required.companies.join(', ');
    throw new AppError(409, 'TWO_FACTOR_REQUIRED_BY_POLICY', `Two-factor sign-in is required by ${by}; it cannot be turned off`);
  }
  await deps.db.delete(userTotp).where(eq(userTotp.userId, user.id));
  await deps.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  await forgetDevices(deps.db, user.id);
  await recordAccountEvent(deps.db, user.id, actor, 'twoFactor.disable');
}

// ---- Remembered browsers

/** Remembers this browser for 30 days: the cookie's token comes back, only its hash is stored. */
export async function rememberDevice(db: Db, userId: number, userAgent: string | undefined): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + REMEMBER_DEVICE_DAYS * 86_400_000);
  await db.insert(rememberedDevices).values({ userId, tokenHash: sha256Hex(token), userAgent: userAgent?.slice(0, 300), expiresAt });
  return { token, expiresAt };
}

/** Whether a remembered-device cookie is a live one of this user (an unknown, another user's or an expired one is not). */
export async function isRememberedDevice(db: Db, userId: number, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const [row] = await db
    .select({ id: rememberedDevices.id })
    .from(rememberedDevices)
    .where(and(eq(rememberedDevices.tokenHash, sha256Hex(token)), eq(rememberedDevices.userId, userId), gt(rememberedDevices.expiresAt, new Date())));
  return !!row;
}

export async function forgetDevices(db: Db, userId: number): Promise<number> {
  return (await db.delete(rememberedDevices).where(eq(rememberedDevices.userId, userId)).returning({ id: rememberedDevices.id })).length;
}

/**
 * The step a fresh session of `user` waits at after the password: the code when two-factor is on
 * (unless this browser is remembered), set-up when it is required but off, else none.
 */
export async function pendingStepAfterPassword(db: Db, user: Pick<User, 'id' | 'platformRole'>, rememberedToken: string | undefined): Promise<SessionPendingStep | null> {
  if (await hasTwoFactor(db, user.id)) return (await isRememberedDevice(db, user.id, rememberedToken)) ? null : 'twoFactor';
  return (await twoFactorRequirement(db, user)) ? 'enrollTwoFactor' : null;
}
