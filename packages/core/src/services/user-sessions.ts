import Bowser from 'bowser';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { sessions } from '../schema/users.js';
import { recordAccountEvent, type AccountActor } from './account-events.js';
import { forgetDevices } from './two-factor.js';

export interface SessionView {
  id: string;
  /** "Chrome 126 on macOS", from the user agent; null when the browser sent none. */
  device: string | null;
  browser: string | null;
  os: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** The session of the request that asked. */
  current: boolean;
  /** Waiting at the second-factor step. */
  pending: string | null;
}

/** A person's name for a user agent, as a maintained parser reads it. */
export function deviceOf(userAgent: string | null): { device: string | null; browser: string | null; os: string | null } {
  if (!userAgent) return { device: null, browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(' ') : null;
  const os = parsed.os.name ? [parsed.os.name, parsed.os.versionName].filter(Boolean).join(' ') : null;
  const device = browser && os ? `${browser} · ${os}` : (browser ?? os ?? userAgent.slice(0, 60));
  return { device, browser, os };
}

/** Every live session of the user, the most recently used first. */
export async function listUserSessions(db: Db, userId: number, currentId: string): Promise<SessionView[]> {
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
  const now = Date.now();
  return rows
    .filter((s) => s.expiresAt.getTime() > now)
    .map((s) => ({ id: s.id, ...deviceOf(s.userAgent), ip: s.ip, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, current: s.id === currentId, pending: s.pending }));
}

/** Ends one session of the user's own (404 for any other id). */
export async function revokeOwnSession(db: Db, userId: number, sessionId: string, actor: AccountActor): Promise<void> {
  const gone = await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId))).returning({ userAgent: sessions.userAgent, ip: sessions.ip });
  if (!gone.length) throw new AppError(404, 'NOT_FOUND', 'Session not found');
  await recordAccountEvent(db, userId, actor, 'session.revoke', { device: deviceOf(gone[0]!.userAgent).device, ip: gone[0]!.ip });
}

/** Ends every other session of the user; how many ended. */
export async function revokeOtherSessions(db: Db, userId: number, currentId: string, actor: AccountActor): Promise<number> {
  const gone = await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, currentId))).returning({ id: sessions.id });
  await recordAccountEvent(db, userId, actor, 'session.revokeOthers', { revoked: gone.length });
  return gone.length;
}

/** "Sign out everywhere": every session, this one included, and every remembered browser. */
export async function signOutEverywhere(db: Db, userId: number, actor: AccountActor): Promise<{ sessions: number; devices: number }> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  const devices = await forgetDevices(db, userId);
  await recordAccountEvent(db, userId, actor, 'session.signOutEverywhere', { revoked: gone.length, devices });
  return { sessions: gone.length, devices };
}
