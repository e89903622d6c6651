import { AppError, attemptSucceeded, recordAttempt, type ThrottleRule } from '@rtc-console/core';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { ApiDeps } from '../deps.js';

/**
 * What a throttled form is counted by. `account` keys are strict (few attempts per account,
 * from any number of addresses); `ip` keys are loose (many attempts per address, across
 * accounts), so one office behind one address is not locked out by one user's typos.
 */
export type ThrottleKind = 'sign-in' | 'reauth' | 'password' | 'accept' | 'reset' | 'forgot' | 'sign-up' | 'verify' | 'test-mail' | 'two-factor';

interface CountedKey {
  key: string;
  rule: ThrottleRule;
  /** A success clears the key (the account proved itself) rather than just not counting. */
  forgetOnSuccess: boolean;
}

/** Reset mails per address per window: a few, so nobody can flood an inbox from many addresses. */
export const FORGOT_PER_ADDRESS = 3;

function keysOf(deps: ApiDeps, kind: ThrottleKind, req: Request): CountedKey[] {
  const { limit, ipLimit, windowMs } = deps.config.signInRateLimit;
  const strict: ThrottleRule = { limit, windowMs, baseDelayMs: 30_000, maxDelayMs: windowMs };
  const loose: ThrottleRule = { limit: ipLimit, windowMs, baseDelayMs: 30_000, maxDelayMs: windowMs };
  const ip = { key: `${kind}:ip:${ipKeyGenerator(req.ip ?? '')}`, rule: loose, forgetOnSuccess: false };
  const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
  const userId = req.auth?.user.id;
  switch (kind) {
    case 'sign-in':
      return [{ key: `sign-in:account:${email}`, rule: strict, forgetOnSuccess: true }, ip];
    case 'forgot':
      return [{ key: `forgot:account:${email}`, rule: { ...strict, limit: Math.min(limit, FORGOT_PER_ADDRESS) }, forgetOnSuccess: false }, ip];
    case 'sign-up':
      // Each sign-up mails a link or a notice: every one counts, per address and per client.
      return [{ key: `sign-up:account:${email}`, rule: strict, forgetOnSuccess: false }, ip];
    case 'reauth':
    case 'password':
    case 'two-factor':
      return [{ key: `${kind}:user:${userId ?? ''}`, rule: strict, forgetOnSuccess: true }, ip];
    case 'test-mail':
      // Every test mail counts (like reset mails): a few per operator per window, so nobody floods an inbox.
      return [{ key: `test-mail:user:${userId ?? ''}`, rule: { ...strict, limit: Math.min(limit, FORGOT_PER_ADDRESS) }, forgetOnSuccess: false }];
    case 'accept':
    case 'reset':
    case 'verify':
      // Links carry 256-bit tokens: guessing is hopeless, so only the address is counted.
      return [ip];
  }
}

/**
 * Counts an attempt at a password form (or a reset mail) in Postgres before the handler runs,
 * so attempts in flight count and every API instance sees them. Over the limit: 429 with
 * Retry-After, the same message whether or not the account exists. The handler calls
 * `passedAttempt(req)` on success; reset mails (`forgot`) always count.
 */
export function attemptLimiter(deps: ApiDeps, kind: ThrottleKind): RequestHandler {
  return async (req, _res, next) => {
    const keys = keysOf(deps, kind, req);
    for (const k of keys) {
      const verdict = await recordAttempt(deps.core.db, k.key, k.rule);
      if (!verdict.allowed) {
        const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
        throw rateLimited(`Too many attempts; try again in ${seconds} seconds`, seconds);
      }
    }
    if (kind !== 'forgot' && kind !== 'test-mail') (req as ThrottledRequest).passedAttempt = () => Promise.all(keys.map((k) => attemptSucceeded(deps.core.db, k.key, { forget: k.forgetOnSuccess }))).then(() => undefined);
    next();
  };
}

/** The one 429: the wait in `Retry-After` and in `details.retryAfterSeconds`. */
export function rateLimited(message: string, seconds: number): AppError {
  return new AppError(429, 'RATE_LIMITED', message, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
}

type ThrottledRequest = Request & { passedAttempt?: () => Promise<void> };

/** The attempt succeeded: it does not count (and clears the account's count). Call before answering. */
export async function passedAttempt(req: Request): Promise<void> {
  await (req as ThrottledRequest).passedAttempt?.();
}
