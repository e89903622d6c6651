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

// Imported HMAC keys by secret: a server verifies many requests of the same few keys, and
// importing the key costs as much as the HMAC itself. Bounded, oldest dropped first; keyed by
// the secret's value, so a deleted API key still fails (its secret is no longer looked up).
const KEY_CACHE_SIZE = 256;
const importedKeys = new Map<string, Promise<CryptoKey>>();

function importHmacKey(secret: Secret): Promise<CryptoKey> {
  const load = () => webCrypto().subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  if (typeof secret !== 'string') return load();
  let key = importedKeys.get(secret);
  if (!key) {
    if (importedKeys.size >= KEY_CACHE_SIZE) importedKeys.delete(importedKeys.keys().next().value!);
    key = load();
    importedKeys.set(secret, key);
    key.catch(() => importedKeys.delete(secret));
  }
  return key;
}

/** HMAC-SHA256 of the UTF-8 message; the key must not be empty (Java's SecretKeySpec refuses it too). */
export async function hmacSha256(secret: Secret, message: string): Promise<Bytes> {
  const key = await importHmacKey(secret);
  return new Uint8Array(await webCrypto().subtle.sign('HMAC', key, utf8(message)));
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
