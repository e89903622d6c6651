import type { ErrorCode } from './shared/errors.js';

/**
 * An error meant for the caller: the API turns it into its status and
 * `{ error: { code, message, details } }`. Anything else thrown is a 500 with no internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'BAD_REQUEST', message, details);
export const validationFailed = (message: string, details?: unknown) => new AppError(400, 'VALIDATION_FAILED', message, details);
export const unauthenticated = (message = 'Sign in to continue') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to do this') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
/** Staff and API keys of a reseller the operator suspended. */
export const resellerSuspended = () => new AppError(403, 'RESELLER_SUSPENDED', 'This reseller account is suspended; contact the platform operator');
export const conflict = (message: string, details?: unknown) => new AppError(409, 'CONFLICT', message, details);
export const limitReached = (message: string, details?: unknown) => new AppError(409, 'LIMIT_REACHED', message, details);
