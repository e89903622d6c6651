// The only cryptography in the package, all through WebCrypto (globalThis.crypto) so the same code
// signs in a browser and verifies in Node 20+. WebCrypto is asynchronous, hence async sign/verify.
import { copyBytes, utf8, type Bytes } from './bytes';

/** A shared secret as the seed has it (a string of a–z A–Z 0–9) or as raw bytes. */
export type Secret = string | Uint8Array;

function webCrypto(): Crypto {
  const crypto = globalThis.crypto as Crypto | undefined;
  if (!crypto?.subtle) {
    // Browsers only expose crypto.subtle in secure contexts (HTTPS or localhost).
    throw new Error('WebCrypto (globalThis.crypto.subtle) is not available: use Node 20+ or a browser page served over HTTPS or localhost.');
  }
  return crypto;
}

export function secretBytes(secret: Secret): Bytes {
  return typeof secret === 'string' ? utf8(secret) : copyBytes(secret);
}

/** HMAC-SHA256 of the UTF-8 message; the key must not be empty (Java's SecretKeySpec refuses it too). */
export async function hmacSha256(secret: Secret, message: string): Promise<Bytes> {
  const subtle = webCrypto().subtle;
  const key = await subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key, utf8(message)));
}

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await webCrypto().subtle.digest('SHA-256', data));
}

export function randomUuid(): string {
  return webCrypto().randomUUID();
}

/** Random bytes for the stand-in key used when an access key id is unknown (see verify.ts). */
export function randomBytes(length: number): Bytes {
  return webCrypto().getRandomValues(new Uint8Array(length));
}
