import { findSession } from '@rtc-console/core';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { ApiDeps } from '../deps.js';

export const SESSION_COOKIE = 'rtc_sid';

export function cookieOptions(deps: ApiDeps): CookieOptions {
  return {
    httpOnly: true,
    // Lax keeps the cookie off cross-site sub-requests and form posts, yet a link from an email still opens signed in.
    sameSite: 'lax',
    secure: deps.config.cookieSecure,
    path: '/',
    maxAge: deps.config.session.absoluteHours * 3_600_000,
  };
}

export function setSessionCookie(deps: ApiDeps, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(deps));
}

export function clearSessionCookie(deps: ApiDeps, res: Response): void {
  const { maxAge: _drop, ...opts } = cookieOptions(deps);
  res.clearCookie(SESSION_COOKIE, opts);
}

/** Loads the session named by the cookie, if any and still valid; clears a stale cookie. */
export function sessionMiddleware(deps: ApiDeps): RequestHandler {
  return async (req, res, next) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return next();
    const found = await findSession(deps.core.db, token, deps.config.session);
    if (found) req.auth = found;
    else clearSessionCookie(deps, res);
    next();
  };
}

/**
 * The remembered-device cookie: a random token (only its hash is stored) that lets this browser
 * skip the second factor for 30 days. Sent to the API only (the sign-in routes read it, and the
 * profile's list of remembered browsers, to mark this one).
 */
export const REMEMBER_COOKIE = 'rtc_rd';
const rememberOptions = (deps: ApiDeps): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, path: '/api' });

export function setRememberCookie(deps: ApiDeps, res: Response, token: string, expiresAt: Date): void {
  res.cookie(REMEMBER_COOKIE, token, { ...rememberOptions(deps), expires: expiresAt });
}

export function clearRememberCookie(deps: ApiDeps, res: Response): void {
  res.clearCookie(REMEMBER_COOKIE, rememberOptions(deps));
}

export function rememberedToken(req: Request): string | undefined {
  return (req.cookies as Record<string, string> | undefined)?.[REMEMBER_COOKIE];
}
