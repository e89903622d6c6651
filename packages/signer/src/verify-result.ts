// What verify() answers. Reasons are for logs and for choosing the HTTP status; the message is
// safe to return to the client (it never says whether an access key id exists).

export const VERIFY_FAILURE_REASONS = [
  /** Authorization, x-date, x-request-id (or a signed content-digest) is absent or empty. */
  'missing_header',
  /** Authorization is not `hmac name="value", …`, is oversized, repeated, or its signature is not Base64/hex of 32 bytes. */
  'malformed_authorization',
  /** algorithm="…" is not hmac-sha256. */
  'unsupported_algorithm',
  /** headers="…" is absent or lacks x-date or x-request-id (or, with requireStrong, @request-target or content-digest). */
  'missing_signed_headers',
  /** x-date is not an RFC 1123 GMT date. */
  'bad_date',
  /** x-date is more than maxSkewSeconds away from the server's clock, in either direction. */
  'clock_skew',
  /** x-request-id is not a UUID. */
  'bad_request_id',
  /** The request signs @request-target but the server passed no method/target to verify(). */
  'missing_request_context',
  /** Unknown access key or wrong signature: deliberately indistinguishable. */
  'invalid_signature',
  /** This access key already used this request id within the window. */
  'replayed',
  /** Strong mode: content-digest is malformed or does not match the body received. */
  'digest_mismatch',
] as const;

export type VerifyFailureReason = (typeof VERIFY_FAILURE_REASONS)[number];

export interface VerifySuccess {
  ok: true;
  accessKeyId: string;
  requestId: string;
  /** The parsed x-date. */
  date: Date;
  /** Whether the signature also covered method, path, query and body. */
  strong: boolean;
}

export interface VerifyFailure {
  ok: false;
  reason: VerifyFailureReason;
  message: string;
}

export type VerifyResult = VerifySuccess | VerifyFailure;
