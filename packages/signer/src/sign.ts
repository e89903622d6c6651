// Client side: the headers that authenticate one request (seed 003's "Signature" section).
import { toBase64 } from './bytes';
import { formatAuthorization, isValidAccessKeyId } from './authorization';
import {
  AUTHORIZATION, CONTENT_DIGEST, SEED_SIGNED_HEADERS, STRONG_SIGNED_HEADERS, X_DATE, X_REQUEST_ID,
} from './constants';
import { contentDigest, type RequestBody } from './content-digest';
import { formatHttpDate, parseHttpDate } from './http-date';
import { requestTarget } from './request-target';
import { isUuid } from './uuid';
import { stringToSign } from './string-to-sign';
import { hmacSha256, randomUuid, type Secret } from './webcrypto';

export interface SignOptions {
  /** The Access Key ID (username="…" in the Authorization header). */
  accessKeyId: string;
  /** The Access Key Secret. */
  secret: Secret;
  /** x-date: a Date (formatted like Java's RFC_1123_DATE_TIME) or a ready string. Default: now. */
  date?: Date | string;
  /** x-request-id: a UUID, new for every request (the server refuses repeats). Default: crypto.randomUUID(). */
  requestId?: string;
  /** Strong mode: the HTTP method. */
  method?: string;
  /** Strong mode: path and query as sent ("/v1/resellers/companies?limit=20"), or the full URL. */
  target?: string;
  /** Strong mode: the exact body bytes sent (text is encoded as UTF-8). Default: empty. */
  body?: RequestBody | null;
  /**
   * Also sign the method, path, query and body (@request-target and content-digest). Off by
   * default because the seed's clients do not; the server may insist (verify's requireStrong).
   */
  strong?: boolean;
}

/** Headers to add to the request; a plain object, so fetch(), axios and Node's http all take it. */
export type SignedRequestHeaders = {
  'x-date': string;
  'x-request-id': string;
  authorization: string;
  /** Strong mode only. */
  'content-digest'?: string;
};

/**
 * Signs one request. Seed mode gives exactly the seed's three headers:
 *
 *   x-date: Wed, 11 Sep 2019 16:21:09 GMT
 *   x-request-id: 70a0a14b-f38c-4aaf-aa46-04d8fae3e38c
 *   authorization: hmac username="…", algorithm="hmac-sha256", headers="x-date x-request-id", signature="<base64>"
 *
 * Throws TypeError on inputs no server would accept (so the mistake shows where it was made).
 */
export async function sign(options: SignOptions): Promise<SignedRequestHeaders> {
  const { accessKeyId, secret, strong = false } = options;
  if (!isValidAccessKeyId(accessKeyId)) throw new TypeError('sign: accessKeyId must be visible ASCII without quotes, backslashes or commas');
  if (secret.length === 0) throw new TypeError('sign: secret must not be empty');

  const date = typeof options.date === 'string' ? options.date : formatHttpDate(options.date ?? Date.now());
  if (parseHttpDate(date) === null) throw new TypeError(`sign: date ${JSON.stringify(date)} is not an RFC 1123 GMT date`);
  const requestId = options.requestId ?? randomUuid();
  if (!isUuid(requestId)) throw new TypeError(`sign: requestId ${JSON.stringify(requestId)} is not a UUID`);

  if (!strong) {
    const signature = toBase64(await hmacSha256(secret, stringToSign({ date, requestId }, SEED_SIGNED_HEADERS)));
    return {
      [X_DATE]: date,
      [X_REQUEST_ID]: requestId,
      [AUTHORIZATION]: formatAuthorization(accessKeyId, SEED_SIGNED_HEADERS, signature),
    };
  }

  if (options.method === undefined || options.target === undefined) throw new TypeError('sign: strong mode needs method and target');
  const target = requestTarget(options.method, options.target);
  if (target === null) throw new TypeError('sign: method must be letters and target a path ("/…") or http(s) URL of printable ASCII');
  const digest = await contentDigest(options.body);
  const values = { date, requestId, requestTarget: target, contentDigest: digest };
  const signature = toBase64(await hmacSha256(secret, stringToSign(values, STRONG_SIGNED_HEADERS)));
  return {
    [X_DATE]: date,
    [X_REQUEST_ID]: requestId,
    [AUTHORIZATION]: formatAuthorization(accessKeyId, STRONG_SIGNED_HEADERS, signature),
    [CONTENT_DIGEST]: digest,
  };
}
