// Server side: checks a signed request and says why not, without ever throwing on what a client sent.
import { parseAuthorization } from './authorization';
import { fromBase64, fromHex, timingSafeEqual, type Bytes } from './bytes';
import {
  ALGORITHM, AUTHORIZATION, CONTENT_DIGEST, DEFAULT_MAX_SKEW_SECONDS, MAX_LENGTH, REQUEST_TARGET,
  STRONG_SIGNED_HEADERS, X_DATE, X_REQUEST_ID,
} from './constants';
import { bodyBytes, parseSha256Digest, type RequestBody } from './content-digest';
import { readHeader, type HeaderSource } from './header-source';
import { parseHttpDate } from './http-date';
import type { ReplayStore } from './replay-store';
import { requestTarget } from './request-target';
import { stringToSign, type SignedValues } from './string-to-sign';
import { isUuid } from './uuid';
import type { VerifyFailure, VerifyFailureReason, VerifyResult } from './verify-result';
import { hmacSha256, randomSecret, sha256, type Secret } from './webcrypto';

/** Finds the secret of an access key id; null (or undefined) when there is no such key. */
export type KeyLookup = (accessKeyId: string) => Secret | null | undefined | Promise<Secret | null | undefined>;

export interface VerifyOptions {
  /**
   * Where request ids are remembered. Required, so that turning replay protection off is a
   * visible decision (pass null) rather than a forgotten option.
   */
  replayStore: ReplayStore | null;
  /** Tolerated clock difference in seconds, either direction, inclusive. Default 300. */
  maxSkewSeconds?: number;
  /** The server's clock (ms or Date), for tests. Default: Date.now(). */
  now?: Date | number;
  /** Refuse requests that do not sign @request-target and content-digest. */
  requireStrong?: boolean;
  /** Strong mode: the request's method. */
  method?: string;
  /** Strong mode: path and query as received (Node's req.url), or the full URL (Fetch's request.url). */
  target?: string;
  /** Strong mode: the raw body bytes as received, before any parsing; absent means empty. */
  body?: RequestBody | null;
}

const INVALID_SIGNATURE = 'Signature does not match';

const fail = (reason: VerifyFailureReason, message: string): VerifyFailure => ({ ok: false, reason, message });

// Stands in for the secret of an unknown access key so the HMAC is still computed and compared:
// an early "no such key" answer would let response timing tell which key ids exist. A string, so
// its imported key is kept like a real secret's and an unknown key costs no extra import either.
let standInSecret: string | undefined;

/** Awaits only what is a promise: each needless await is another microtask on every request. */
const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | null)?.then === 'function';

/** A signature as sent: Base64 (the seed's sample code and header) or hex (the seed's prose). */
function decodeSignature(text: string): Bytes | null {
  const bytes = (/^[0-9a-fA-F]{64}$/.test(text) ? fromHex(text) : null) ?? fromBase64(text);
  return bytes !== null && bytes.length === 32 ? bytes : null;
}

interface Expected {
  known: boolean;
  hmac: Bytes;
}

/**
 * Looks the key up and computes the HMAC the request should carry. An unknown key costs the same
 * HMAC as a known one (with a stand-in secret), so timing does not tell which key ids exist.
 */
function expectedSignature(lookupKey: KeyLookup, accessKeyId: string, text: string): Promise<Expected> {
  standInSecret ??= randomSecret(40);
  const withSecret = (secret: Secret | null | undefined): Promise<Expected> => {
    const known = secret !== null && secret !== undefined && secret.length > 0;
    return hmacSha256(known ? secret : standInSecret!, text).then((hmac) => ({ known, hmac }));
  };
  try {
    const found = lookupKey(accessKeyId);
    return isPromise(found) ? found.then(withSecret) : withSecret(found);
  } catch (error) {
    return Promise.reject(error);
  }
}

const ignore = () => {};

/**
 * Verifies a request signed with sign() or by any client following seed 003. The key is looked
 * up only for requests whose Authorization is well-formed and whose signed headers are present;
 * the replay store is consulted last, only for requests whose signature (and digest) are good.
 *
 * The HMAC is started as soon as the string to sign is known, and the remaining checks (date,
 * skew, request id, digest syntax) run while WebCrypto computes it off the main thread: done
 * before, they would add to every request's time; done during, they cost nothing (see
 * docs/benchmarks.md). The checks still answer in the same order, so the result is the same.
 */
export async function verify(headers: HeaderSource, lookupKey: KeyLookup, options: VerifyOptions): Promise<VerifyResult> {
  const maxSkewSeconds = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (!Number.isFinite(maxSkewSeconds) || maxSkewSeconds < 0) throw new RangeError('verify: maxSkewSeconds must be a non-negative number');
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (Number.isNaN(now)) throw new RangeError('verify: now is an invalid date');

  // 1. Authorization: present, parseable, our algorithm, signing what it must.
  const authorizationHeader = readHeader(headers, AUTHORIZATION, MAX_LENGTH.authorization);
  if (authorizationHeader.kind === 'missing') return fail('missing_header', 'Authorization header is missing');
  if (authorizationHeader.kind === 'invalid') return fail('malformed_authorization', authorizationHeader.message);
  const parsed = parseAuthorization(authorizationHeader.value);
  if (!parsed.ok) return fail('malformed_authorization', parsed.message);
  const { accessKeyId, algorithm, headerNames } = parsed.value;
  if (algorithm !== ALGORITHM) return fail('unsupported_algorithm', `Algorithm ${JSON.stringify(algorithm)} is not supported; use ${ALGORITHM}`);
  if (headerNames === null || !headerNames.includes(X_DATE) || !headerNames.includes(X_REQUEST_ID)) {
    return fail('missing_signed_headers', 'Authorization headers="…" must include x-date and x-request-id');
  }
  const signsTarget = headerNames.includes(REQUEST_TARGET);
  const signsDigest = headerNames.includes(CONTENT_DIGEST);
  if (options.requireStrong && !(signsTarget && signsDigest)) {
    return fail('missing_signed_headers', `This API requires strong signatures: headers="${STRONG_SIGNED_HEADERS.join(' ')}"`);
  }

  // 2. The signed values as sent; when all are there, start the HMAC now (see above).
  const dateHeader = readHeader(headers, X_DATE, MAX_LENGTH.date);
  const requestIdHeader = readHeader(headers, X_REQUEST_ID, MAX_LENGTH.requestId);
  const digestHeader = signsDigest ? readHeader(headers, CONTENT_DIGEST, MAX_LENGTH.contentDigest) : null;
  const target = signsTarget && options.method !== undefined && options.target !== undefined && options.target.length <= MAX_LENGTH.target
    ? requestTarget(options.method, options.target)
    : null;
  let pending: Promise<Expected> | null = null;
  if (dateHeader.kind === 'present' && requestIdHeader.kind === 'present'
    && (!signsDigest || digestHeader?.kind === 'present') && (!signsTarget || target !== null)) {
    const values: SignedValues = { date: dateHeader.value, requestId: requestIdHeader.value };
    if (digestHeader?.kind === 'present') values.contentDigest = digestHeader.value;
    if (target !== null) values.requestTarget = target;
    pending = expectedSignature(lookupKey, accessKeyId, stringToSign(values, headerNames));
    // A check below may still refuse the request; nobody awaits the HMAC then, and its failure
    // (a key lookup that throws) must not become an unhandled rejection.
    pending.catch(ignore);
  }

  // 3. The signature's encoding.
  const signature = decodeSignature(parsed.value.signature);
  if (signature === null) return fail('malformed_authorization', 'signature must be the Base64 (or hex) of a 32-byte HMAC-SHA256');

  // 4. Date: well-formed and within the window, both directions, boundary included.
  if (dateHeader.kind === 'missing') return fail('missing_header', 'x-date header is missing');
  const date = dateHeader.kind === 'present' ? parseHttpDate(dateHeader.value) : null;
  if (dateHeader.kind !== 'present' || date === null) {
    return fail('bad_date', 'x-date must be an RFC 1123 GMT date such as "Wed, 11 Sep 2019 16:21:09 GMT"');
  }
  const skewMs = maxSkewSeconds * 1000;
  if (Math.abs(now - date.getTime()) > skewMs) {
    return fail('clock_skew', `x-date is more than ${maxSkewSeconds} s from the server's time (${new Date(now).toUTCString()})`);
  }

  // 5. Request id: a UUID.
  if (requestIdHeader.kind === 'missing') return fail('missing_header', 'x-request-id header is missing');
  if (requestIdHeader.kind === 'invalid' || !isUuid(requestIdHeader.value)) return fail('bad_request_id', 'x-request-id must be a UUID');
  const requestId = requestIdHeader.value;

  // 6. Strong mode parts, when signed: the digest header as sent, the target as the server saw it.
  let claimedDigest: Bytes | null = null;
  if (digestHeader !== null) {
    if (digestHeader.kind === 'missing') return fail('missing_header', 'content-digest header is missing but listed in headers="…"');
    if (digestHeader.kind === 'invalid') return fail('digest_mismatch', digestHeader.message);
    claimedDigest = parseSha256Digest(digestHeader.value);
    if (claimedDigest === null) return fail('digest_mismatch', 'content-digest must carry sha-256=:<base64>:');
  }
  if (signsTarget && target === null) {
    return fail('missing_request_context', 'The request signs @request-target but the server did not pass its method and target to verify()');
  }

  // 7. Signature: unknown key and wrong signature get the same answer.
  if (pending === null) throw new Error('verify: every signed value was checked but the HMAC was never started');
  const expected = await pending;
  const matches = timingSafeEqual(expected.hmac, signature);
  if (!(matches && expected.known)) return fail('invalid_signature', INVALID_SIGNATURE);

  // 8. Body: only now, so a digest failure can only come from a holder of the secret or a
  // tampered body, never from a stranger probing.
  if (claimedDigest !== null) {
    const actual = await sha256(bodyBytes(options.body));
    if (!timingSafeEqual(actual, claimedDigest)) return fail('digest_mismatch', 'content-digest does not match the request body');
  }

  // 9. Replay: remembered until the date would fail the skew check anyway.
  const seen = options.replayStore?.seen(accessKeyId, requestId, new Date(date.getTime() + skewMs)) ?? false;
  if (isPromise(seen) ? await seen : seen) {
    return fail('replayed', 'This x-request-id was already used; send a new one with every request');
  }

  return { ok: true, accessKeyId, requestId, date, strong: signsTarget && signsDigest };
}
