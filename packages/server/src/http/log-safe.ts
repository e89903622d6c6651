import { stdSerializers } from 'pino';

const stdErr = stdSerializers.err;

/**
 * A URL as it may appear in logs: emailed tokens (invitation paths, `?token=` of reset links)
 * are masked, since whoever reads the log must not be able to use them.
 */
export function logSafeUrl(url: string): string {
  return url.replace(/^(\/api\/invitations\/)[^/?#]+/, '$1[token]').replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** Keys whose values never reach a log, wherever they sit in a logged object (pino `redact`). */
export const REDACTED_KEYS = ['password', 'newPassword', 'currentPassword', 'secret', 'token', 'csrfToken', 'authorization', 'cookie', 'passwordHash', 'appCertificate'];

export const logRedaction = {
  paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  censor: '[redacted]',
};

interface SerializedError {
  type?: string;
  message: string;
  stack: string;
  params?: unknown;
  cause?: unknown;
  [key: string]: unknown;
}

/**
 * pino's error serializer, minus a failed query's parameters. drizzle's DrizzleQueryError puts
 * every bound value (password hashes, App Certificates, token hashes, e-mail addresses) in its
 * message, stack and `params`; the log keeps the SQL, with placeholders, and the count.
 */
export function logSafeError(value: unknown): unknown {
  // pino calls it with the Error; pino-http, with pino's serialization of it (whose `raw` is the Error).
  const raw = value instanceof Error ? value : (value as { raw?: unknown } | null)?.raw;
  if (!(raw instanceof Error)) return value;
  const out = (value instanceof Error ? stdErr(value) : value) as SerializedError;
  return scrub(out, raw);
}

function scrub(out: SerializedError, err: unknown): SerializedError {
  const e = err as { query?: unknown; params?: unknown; cause?: unknown };
  if (typeof e.query === 'string' && Array.isArray(e.params) && err instanceof Error) {
    // The serialized message and stack may append the causes' messages: replace just this one.
    const safe = `Failed query: ${e.query}\nparams: [${e.params.length} redacted]`;
    out.message = out.message.split(err.message).join(safe);
    out.stack = out.stack.split(err.message).join(safe);
    delete out.params;
  }
  if (out.cause && typeof out.cause === 'object' && e.cause) out.cause = scrub(out.cause as SerializedError, e.cause);
  return out;
}
