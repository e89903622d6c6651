import type { Request } from 'express';

/**
 * What the signer's strong mode binds besides the headers: the method, the path with its query
 * as sent, and the body's exact bytes (kept by the JSON parser). Seed-mode signatures ignore them.
 */
export function signedRequest(req: Request): { method: string; target: string; body: Uint8Array } {
  const raw = (req as { rawBody?: Buffer }).rawBody;
  return { method: req.method, target: req.originalUrl, body: raw ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) : new Uint8Array() };
}
