// The content-digest header of strong mode (RFC 9530 style): binds a signature to the body bytes.
import { copyBytes, fromBase64, toBase64, utf8, type Bytes } from './bytes';
import { sha256 } from './webcrypto';

/** A request body: text (encoded as UTF-8) or the raw bytes (a Node Buffer is a Uint8Array). */
export type RequestBody = string | Uint8Array | ArrayBuffer;

export function bodyBytes(body: RequestBody | undefined | null): Bytes {
  if (body === undefined || body === null) return new Uint8Array(0);
  return typeof body === 'string' ? utf8(body) : copyBytes(body);
}

/** "sha-256=:<base64 of SHA-256(body)>:"; no body hashes as the empty body. */
export async function contentDigest(body?: RequestBody | null): Promise<string> {
  return `sha-256=:${toBase64(await sha256(bodyBytes(body)))}:`;
}

/**
 * The SHA-256 bytes from a content-digest value. The header is an RFC 8941 dictionary that may
 * list several algorithms ("sha-512=:…:, sha-256=:…:"); we check sha-256 and ignore the others
 * (the whole header value is signed anyway). Null when there is no well-formed sha-256 member.
 */
export function parseSha256Digest(value: string): Bytes | null {
  let found: Bytes | null = null;
  for (const member of value.split(',')) {
    const match = /^\s*([a-z0-9-]+)=:([A-Za-z0-9+/=]*):\s*$/.exec(member);
    if (!match) return null;
    if (match[1] !== 'sha-256') continue;
    if (found) return null; // two sha-256 members: ambiguous
    found = fromBase64(match[2] ?? '');
    if (!found || found.length !== 32) return null;
  }
  return found;
}
