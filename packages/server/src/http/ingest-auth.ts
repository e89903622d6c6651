import { createPostgresReplayStore, ingestKeySecret, platformAbilityOf, touchIngestKey } from '@rtc-console/core';
import type { RequestHandler } from 'express';
import type { ApiDeps } from '../deps.js';
import { verifySignedRequest } from './signed-request.js';

/**
 * The media edge's requests carry the reseller API's HMAC signature, made with a platform
 * ingest key. Any failure is one 401 (an unknown key and a wrong signature look alike);
 * replays are refused through a Postgres store shared by every API process.
 */
export function requireIngestSignature(deps: ApiDeps): RequestHandler {
  const replayStore = createPostgresReplayStore(deps.core.db);
  return async (req, _res, next) => {
    const { key, accessKeyId } = await verifySignedRequest(req, replayStore, (id) => ingestKeySecret(deps.core.db, id));
    req.ingestKey = { id: key.id, accessKeyId };
    req.ability = platformAbilityOf({ kind: 'ingestKey', keyId: key.id });
    touchIngestKey(deps.core.db, key.id).catch((err: unknown) => req.log.warn({ err }, 'could not record ingest key use'));
    next();
  };
}
