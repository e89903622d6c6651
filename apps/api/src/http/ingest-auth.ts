import { AppError, createPostgresReplayStore, ingestKeySecret, touchIngestKey } from '@rtc-console/core';
import { verify } from '@rtc-console/signer';
import type { RequestHandler } from 'express';
import type { ApiDeps } from '../deps.js';
import { signedRequest } from './signed-request.js';

/**
 * The media edge's requests carry the reseller API's HMAC signature, made with a platform
 * ingest key. Any failure is one 401 (an unknown key and a wrong signature look alike);
 * replays are refused through a Postgres store shared by every API process.
 */
export function requireIngestSignature(deps: ApiDeps): RequestHandler {
  const replayStore = createPostgresReplayStore(deps.core.db);
  return async (req, _res, next) => {
    let keyId: number | null = null;
    const result = await verify(
      req.headers,
      async (accessKeyId) => {
        const key = await ingestKeySecret(deps.core.db, accessKeyId);
        keyId = key?.id ?? null;
        return key?.secret ?? null;
      },
      { replayStore, ...signedRequest(req) },
    );
    if (!result.ok || keyId === null) {
      return next(new AppError(401, 'UNAUTHENTICATED', result.ok ? 'Invalid signature' : result.message, { reason: result.ok ? 'invalid_signature' : result.reason }));
    }
    req.ingestKey = { id: keyId, accessKeyId: result.accessKeyId };
    touchIngestKey(deps.core.db, keyId).catch((err: unknown) => req.log.warn({ err }, 'could not record ingest key use'));
    next();
  };
}
