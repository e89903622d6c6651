import { createPostgresReplayStore, resellerApiKeySecret, resellerScope, resellerSuspended, touchResellerApiKey } from '@rtc-console/core';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ApiDeps } from '../deps.js';
import { rateLimited } from './rate-limit.js';
import { verifySignedRequest } from './signed-request.js';

/**
 * The reseller RESTful API's authentication (seed 003 "Signature"): every request carries the
 * HMAC headers made with one of the reseller's API keys. Any failure is the same 401 to the
 * caller, with the reason in `details` and the hmac challenge (an unknown key and a wrong
 * signature look alike: both are `invalid_signature`). Keys are looked up on every request, so a deleted key fails at once.
 */
export function requireResellerSignature(deps: ApiDeps): RequestHandler {
  const replayStore = createPostgresReplayStore(deps.core.db);
  return async (req, _res, next) => {
    const { key, accessKeyId } = await verifySignedRequest(req, replayStore, (id) => resellerApiKeySecret(deps.core.db, id));
    // The signature is good, but the operator suspended the reseller: its keys are refused until it is active again.
    if (key.resellerStatus === 'suspended') throw resellerSuspended();
    // The key's row came with its reseller: no second query on this per-request path.
    req.reseller = resellerScope(deps.core.db, { kind: 'resellerKey', keyId: key.id, resellerId: key.resellerId }, key.resellerName);
    req.ability = req.reseller.ability;
    req.resellerApiKey = { id: key.id, accessKeyId };
    touchResellerApiKey(deps.core.db, key.id).catch((err: unknown) => req.log.warn({ err }, 'could not record API key use'));
    next();
  };
}

/**
 * Per-key request rate (default 10 per second, as Agora publishes): over it, 429 with
 * Retry-After and the RateLimit-* headers. Counted after the signature, per Access Key ID.
 */
export function resellerApiRateLimit(deps: ApiDeps): RequestHandler {
  // One counter per app, whichever route table (core's or a plugin's) the request reaches.
  let limiter = limiters.get(deps);
  if (!limiter) limiters.set(deps, (limiter = createLimiter(deps)));
  return limiter;
}

const limiters = new WeakMap<ApiDeps, RequestHandler>();

function createLimiter(deps: ApiDeps): RequestHandler {
  return rateLimit({
    windowMs: 1000,
    limit: deps.config.resellerApiRate,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    identifier: 'reseller-api',
    keyGenerator: (req) => `reseller-api:${req.resellerApiKey?.accessKeyId ?? ''}`,
    handler: (req, _res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 1000) - Date.now()) / 1000));
      next(rateLimited(`Too many requests for this API key; at most ${deps.config.resellerApiRate} per second`, seconds));
    },
  });
}
