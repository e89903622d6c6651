/** An API error: the server's `{ error: { code, message, details } }`, or NETWORK / INTERNAL. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Field-level problems `{ path, message }` of a 400 (or a 409 naming its field), keyed by the first path segment. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as { path?: unknown[]; message?: string }[]) {
        const key = String(d.path?.[0] ?? '');
        if (key && d.message && !out[key]) out[key] = d.message;
      }
    }
    return out;
  }
}
