// @rtc-console/signer: HMAC-SHA256 request signatures for the reseller RESTful API (seed 003),
// on WebCrypto so the same code signs in browsers and verifies in Node.
export { sign, type SignOptions, type SignedRequestHeaders } from './sign';
export { verify, type KeyLookup, type VerifyOptions } from './verify';
export {
  VERIFY_FAILURE_REASONS, type VerifyFailure, type VerifyFailureReason, type VerifyResult, type VerifySuccess,
} from './verify-result';
export { stringToSign, type SignedValues } from './string-to-sign';
export type { ReplayStore } from './replay-store';
export {
  createMemoryReplayStore, ReplayStoreFullError, type MemoryReplayStore, type MemoryReplayStoreOptions,
} from './memory-replay-store';
export { formatHttpDate, parseHttpDate } from './http-date';
export { contentDigest, type RequestBody } from './content-digest';
export { requestTarget } from './request-target';
export { formatAuthorization, parseAuthorization, type ParsedAuthorization } from './authorization';
export type { HeaderSource, HeadersLike, HeaderRecord } from './header-source';
export {
  ALGORITHM, DEFAULT_MAX_SKEW_SECONDS, SEED_SIGNED_HEADERS, STRONG_SIGNED_HEADERS, type SignedHeaderName,
} from './constants';
export type { Secret } from './webcrypto';
export { createResellerClient, ResellerApiError, type ResellerClient, type ResellerClientOptions, type CreateCompanyBody, type Company, type Project, type Uap, type Page, type UsageQuery, type UsageAnswer, type UsageDatum, type DailyBills } from './client';
