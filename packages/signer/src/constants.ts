// Names and limits shared by the signer and the verifier, so both sides agree on the wire format.

/** The seed's header names, always sent in lowercase (HTTP header names are case-insensitive). */
export const X_DATE = 'x-date';
export const X_REQUEST_ID = 'x-request-id';
export const AUTHORIZATION = 'authorization';
export const CONTENT_DIGEST = 'content-digest';
/** A pseudo-header: "<lowercase method> <path+query>", signed but never sent as a header. */
export const REQUEST_TARGET = '@request-target';

/** The only algorithm the seed defines. */
export const ALGORITHM = 'hmac-sha256';

/** Every name that may appear in the Authorization header's headers="…" list. */
export const SIGNABLE_HEADERS = [X_DATE, X_REQUEST_ID, REQUEST_TARGET, CONTENT_DIGEST] as const;
export type SignedHeaderName = (typeof SIGNABLE_HEADERS)[number];

/** The seed's list: what every reseller client written against the Agora docs sends. */
export const SEED_SIGNED_HEADERS: readonly SignedHeaderName[] = [X_DATE, X_REQUEST_ID];
/** The opt-in strong list: also binds the method, path, query and body. */
export const STRONG_SIGNED_HEADERS: readonly SignedHeaderName[] = [X_DATE, X_REQUEST_ID, REQUEST_TARGET, CONTENT_DIGEST];

/** Default clock skew tolerated in either direction; also how long a request id must be remembered. */
export const DEFAULT_MAX_SKEW_SECONDS = 300;

/**
 * Caps on header lengths. A well-formed Authorization header is about 200 characters; the caps
 * stop a hostile client from making the verifier parse or hash megabytes before it says no.
 */
export const MAX_LENGTH = {
  authorization: 1024,
  date: 64,
  requestId: 64,
  contentDigest: 512,
  accessKeyId: 256,
  target: 8192,
} as const;
