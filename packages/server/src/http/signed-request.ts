import { AppError } from '@rtc-console/core';
import { verify, type ReplayStore } from '@rtc-console/signer';
import type { Request } from 'express';

/**
 * What the signer's strong mode binds besides the headers: the method, the path with its query
 * as sent, and the body's exact bytes (kept by the JSON parser). Seed-mode signatures ignore them.
 */
export function signedRequest(req: Request): { method: string; target: string; body: Uint8Array } {
  const raw = (req as { rawBody?: Buffer }).rawBody;
  return { method: req.method, target: req.originalUrl, body: raw ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) : new Uint8Array() };
}

/** The challenge every 401 of a signed API carries (RFC 9110 §11.6.1): the scheme the caller must use. */
export const HMAC_CHALLENGE = 'hmac realm="rtc-console", algorithm="hmac-sha256", headers="x-date x-request-id"';

/** Headers a signature is made of; each must come once. */
const SIGNING_HEADERS = new Set(['authorization', 'x-date', 'x-request-id', 'content-digest']);

/**
 * Verifies a signed request (reseller API, ingest) with the key `lookup` finds; any failure is one
 * 401 with the reason in `details` and the hmac challenge. A signing header sent twice is refused
 * before anything else: Node keeps only the first Authorization and joins the rest, so the
 * signature checked would not be the one a proxy or log saw.
 */
export async function verifySignedRequest<K extends { secret: string }>(
  req: Request,
  replayStore: ReplayStore,
  lookup: (accessKeyId: string) => Promise<K | null>,
): Promise<{ key: K; accessKeyId: string }> {
  const twice = duplicateSigningHeader(req.rawHeaders);
  if (twice) throw unauthenticated(`The ${twice} header was sent more than once`, 'duplicate_header');
  let key: K | null = null;
  const result = await verify(
    req.headers,
    async (accessKeyId) => {
      key = await lookup(accessKeyId);
      return (key as K | null)?.secret ?? null;
    },
    { replayStore, ...signedRequest(req) },
  );
  if (!result.ok) throw unauthenticated(result.message, result.reason);
  if (!key) throw unauthenticated('Invalid signature', 'invalid_signature');
  return { key, accessKeyId: result.accessKeyId };
}

function unauthenticated(message: string, reason: string): AppError {
  return new AppError(401, 'UNAUTHENTICATED', message, { reason }, { 'WWW-Authenticate': HMAC_CHALLENGE });
}

/** `rawHeaders` alternates names and values, as sent; the first signing header name seen twice. */
function duplicateSigningHeader(raw: string[]): string | null {
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!SIGNING_HEADERS.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}
