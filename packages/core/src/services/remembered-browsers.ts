import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { rememberedDevices } from '../schema/two-factor.js';
import { recordAccountEvent, type AccountActor } from './account-events.js';
import { sha256Hex } from './tokens.js';
import { forgetDevices } from './two-factor.js';
import { deviceOf } from './user-sessions.js';

/** A browser that skips the second factor until `expiresAt`, as the profile page lists it. */
export interface RememberedBrowserView {
  id: number;
  /** "Chrome 126 · macOS", read from the user agent as "Your sessions" reads it. */
  device: string | null;
  browser: string | null;
  os: string | null;
  createdAt: Date;
  expiresAt: Date;
  /** The browser that asked (its remembered-device cookie matches). */
  current: boolean;
}

/** The user's live remembered browsers, the newest first; `token` is the asking browser's cookie. */
export async function listRememberedBrowsers(db: Db, userId: number, token: string | undefined): Promise<RememberedBrowserView[]> {
  const rows = await db
    .select()
    .from(rememberedDevices)
    .where(and(eq(rememberedDevices.userId, userId), gt(rememberedDevices.expiresAt, new Date())))
    .orderBy(desc(rememberedDevices.createdAt), desc(rememberedDevices.id));
  const mine = token && token.length <= 200 ? sha256Hex(token) : null;
  return rows.map((r) => ({ id: r.id, ...deviceOf(r.userAgent), createdAt: r.createdAt, expiresAt: r.expiresAt, current: r.tokenHash === mine }));
}

/**
 * Forgets one remembered browser of the user's own: the next sign-in there asks for the second
 * factor again. Another user's id is a 404, as an unknown one. Says whether it was the asking browser.
 */
export async function forgetRememberedBrowser(db: Db, userId: number, id: number, token: string | undefined, actor: AccountActor): Promise<{ current: boolean }> {
  const [gone] = await db
    .delete(rememberedDevices)
    .where(and(eq(rememberedDevices.id, id), eq(rememberedDevices.userId, userId)))
    .returning({ userAgent: rememberedDevices.userAgent, tokenHash: rememberedDevices.tokenHash });
  if (!gone) throw new AppError(404, 'NOT_FOUND', 'Remembered browser not found');
  await recordAccountEvent(db, userId, actor, 'rememberedBrowser.forget', { device: deviceOf(gone.userAgent).device });
  return { current: !!token && gone.tokenHash === sha256Hex(token) };
}

/** Forgets every remembered browser of the user; how many there were. */
export async function forgetAllRememberedBrowsers(db: Db, userId: number, actor: AccountActor): Promise<number> {
  const forgotten = await forgetDevices(db, userId);
  await recordAccountEvent(db, userId, actor, 'rememberedBrowser.forgetAll', { forgotten });
  return forgotten;
}
