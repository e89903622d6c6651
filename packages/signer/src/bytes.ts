// Byte helpers written by hand: Buffer is Node-only, and atob/btoa accept loose input (whitespace,
// missing padding) that a signature check should refuse rather than guess at.

/** Bytes backed by a plain ArrayBuffer, which is what WebCrypto's BufferSource accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();

/** UTF-8, like Java's String.getBytes() on every JVM the seed's sample would run on. */
export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** Copies any byte view into fresh bytes (also detaches us from a caller's shared or pooled buffer). */
export function copyBytes(view: ArrayBufferView | ArrayBuffer): Bytes {
  const source = ArrayBuffer.isView(view)
    ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
    : new Uint8Array(view);
  const out = new Uint8Array(source.byteLength);
  out.set(source);
  return out;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Character code → 6-bit value; a table, not a Map, because verify() decodes a signature per request.
const BASE64_VALUES = new Uint8Array(128);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;
// Standard alphabet with mandatory padding: exactly what Java's BASE64Encoder writes for 32 bytes.
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

/** Standard Base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const triple = (b0 << 16) | (b1 << 8) | b2;
    out += BASE64_ALPHABET[(triple >> 18) & 63];
    out += BASE64_ALPHABET[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64_ALPHABET[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64_ALPHABET[triple & 63] : '=';
  }
  return out;
}

/** Strict standard Base64 (padding required, no whitespace); null for anything else, never throws. */
export function fromBase64(text: string): Bytes | null {
  if (!BASE64_PATTERN.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let quad = 0;
    // The pattern above admits only alphabet characters and '=' (whose table entry is 0).
    for (let j = 0; j < 4; j++) quad = (quad << 6) | (BASE64_VALUES[text.charCodeAt(i + j)] ?? 0);
    if (o < out.length) out[o++] = (quad >> 16) & 255;
    if (o < out.length) out[o++] = (quad >> 8) & 255;
    if (o < out.length) out[o++] = quad & 255;
  }
  return out;
}

/** Hex in either case; null for odd lengths or non-hex characters, never throws. */
export function fromHex(text: string): Bytes | null {
  if (!HEX_PATTERN.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Compares in time that depends only on the lengths (which are public: an HMAC-SHA256 is always
 * 32 bytes), so an attacker cannot learn a correct prefix of a signature by timing responses.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
