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
// A hit hands back the CryptoKey itself, not a promise of it, so the common case awaits only the
// HMAC: every extra await is a trip through the microtask queue on each verified request.
const KEY_CACHE_SIZE = 256;
const importedKeys = new Map<string, CryptoKey>();

function importHmacKey(secret: Secret): Promise<CryptoKey> {
  return webCrypto().subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function importAndKeep(secret: string): Promise<CryptoKey> {
  const key = await importHmacKey(secret);
  if (importedKeys.size >= KEY_CACHE_SIZE) importedKeys.delete(importedKeys.keys().next().value!);
  importedKeys.set(secret, key);
  return key;
}

/** HMAC-SHA256 of the UTF-8 message; the key must not be empty (Java's SecretKeySpec refuses it too). */
export function hmacSha256(secret: Secret, message: string): Promise<Bytes> {
  const key = typeof secret === 'string' ? importedKeys.get(secret) : undefined;
  // A kept key: straight to the HMAC, no async wrapper around it (see above).
  if (key) return webCrypto().subtle.sign('HMAC', key, utf8(message)).then(toBytes);
  const importing = typeof secret === 'string' ? importAndKeep(secret) : importHmacKey(secret);
  return importing.then((imported) => webCrypto().subtle.sign('HMAC', imported, utf8(message))).then(toBytes);
}

const toBytes = (buffer: ArrayBuffer): Bytes => new Uint8Array(buffer);

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await webCrypto().subtle.digest('SHA-256', data));
}

export function randomUuid(): string {
  return webCrypto().randomUUID();
}

const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random secret of a–z A–Z 0–9, like the seed's; verify.ts uses one for unknown access keys. */
export function randomSecret(length: number): string {
  // 62 does not divide 256: drop bytes ≥ 248 so every character is equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of webCrypto().getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && out.length < length) out += SECRET_ALPHABET[byte % 62];
    }
  }
  return out;
}
