import { AppError } from '@rtc-console/core';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import type { RequestHandler } from 'express';

/**
 * Limits failed attempts per client address and account (sign-in, re-authentication,
 * password forms). Successful requests do not count unless `countSuccessful` (reset emails,
 * where every request "succeeds"). The 429 carries Retry-After and the
 * same message whether or not the account exists.
 */
export function attemptLimiter(opts: { limit: number; windowMs: number; name: string; countSuccessful?: boolean }): RequestHandler {
  const options: Partial<Options> = {
    windowMs: opts.windowMs,
    limit: opts.limit,
    skipSuccessfulRequests: !opts.countSuccessful,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: opts.name,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
      const user = req.auth?.user.id ?? '';
      return `${opts.name}:${ipKeyGenerator(req.ip ?? '')}:${email}:${user}`;
    },
    handler: (req, _res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + opts.windowMs) - Date.now()) / 1000));
      next(new AppError(429, 'RATE_LIMITED', `Too many attempts; try again in ${seconds} seconds`, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) }));
    },
  };
  return rateLimit(options);
}
