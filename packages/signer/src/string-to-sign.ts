// The exact text that gets HMAC'd. Signer and verifier both build it here so they cannot drift.
import {
  CONTENT_DIGEST, REQUEST_TARGET, SEED_SIGNED_HEADERS, STRONG_SIGNED_HEADERS, X_DATE, X_REQUEST_ID,
  type SignedHeaderName,
} from './constants';

/** The values a signature covers. The last two are only present in strong mode. */
export interface SignedValues {
  /** The x-date header value, e.g. "Wed, 11 Sep 2019 16:21:09 GMT". */
  date: string;
  /** The x-request-id header value (a UUID). */
  requestId: string;
  /** "<lowercase method> <path+query>", e.g. "post /v1/resellers/companies?limit=20". */
  requestTarget?: string;
  /** The content-digest header value, e.g. "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:". */
  contentDigest?: string;
}

function valueOf(values: SignedValues, name: SignedHeaderName): string | undefined {
  switch (name) {
    case X_DATE: return values.date;
    case X_REQUEST_ID: return values.requestId;
    case REQUEST_TARGET: return values.requestTarget;
    case CONTENT_DIGEST: return values.contentDigest;
  }
}

/**
 * One "name: value" line per signed header, in the order of the Authorization header's
 * headers="…" list, joined by "\n" with no trailing newline. With the seed's list this is the
 * seed's StringToSign: "x-date: " + date + "\n" + "x-request-id: " + uuid.
 *
 * Without an explicit list: the seed's two headers, or the strong list when the values include
 * a request target or content digest.
 */
export function stringToSign(values: SignedValues, headerNames?: readonly SignedHeaderName[]): string {
  const names = headerNames
    ?? (values.requestTarget !== undefined || values.contentDigest !== undefined
      ? STRONG_SIGNED_HEADERS.filter((name) => valueOf(values, name) !== undefined)
      : SEED_SIGNED_HEADERS);
  return names.map((name) => {
    const value = valueOf(values, name);
    if (value === undefined) throw new TypeError(`stringToSign: no value for signed header ${name}`);
    // A line break inside a value would let one signed line pose as another.
    if (/[\r\n]/.test(value)) throw new TypeError(`stringToSign: ${name} contains a line break`);
    return `${name}: ${value}`;
  }).join('\n');
}
