/** The error envelope every endpoint answers with: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Codes the web app translates; the message is English and meant for API users and logs. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'REAUTH_REQUIRED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_REACHED',
  'LAST_ADMIN',
  'ESCALATION',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'TOKEN_INVALID',
  'COMPANY_BLOCKED',
  'RESELLER_SUSPENDED',
  'SETTINGS_UNREADABLE',
  'SIGN_UP_CLOSED',
  'SIGN_UP_BY_INVITATION',
  'SIGN_UP_LINK_USED',
  'SIGN_UP_LINK_EXPIRED',
  'EMAIL_TAKEN',
  'INTERNAL',
  // Two-factor sign-in
  'TWO_FACTOR_REQUIRED',
  'TWO_FACTOR_SETUP_REQUIRED',
  'TWO_FACTOR_REQUIRED_BY_POLICY',
  'TWO_FACTOR_SELF_FIRST',
  'INVALID_CODE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
