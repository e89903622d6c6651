import type { ErrorBody } from '@rtc-console/core/shared';

/** An API error with the server's code, message and field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Field-level problems `{ path, message }` from a 400, keyed by the first path segment. */
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

type Listener = (err: ApiError) => void;

/**
 * The one way the web app talks to the API: JSON in and out, the session's CSRF token on
 * writes, errors as ApiError. A 401 UNAUTHENTICATED is broadcast so the session store can
 * send the user back to sign-in.
 */
class ApiClient {
  csrfToken = '';
  private unauthenticated: Listener[] = [];

  onUnauthenticated(fn: Listener): void {
    this.unauthenticated.push(fn);
  }

  async request<T>(method: string, path: string, body?: unknown, query?: Record<string, unknown>): Promise<T> {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The console cannot reach the server');
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const e = (data as ErrorBody | null)?.error;
      const err = new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details);
      if (err.code === 'UNAUTHENTICATED') this.unauthenticated.forEach((fn) => fn(err));
      throw err;
    }
    return data as T;
  }

  get<T>(path: string, query?: Record<string, unknown>) {
    return this.request<T>('GET', path, undefined, query);
  }
  post<T>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T>(path: string, body?: unknown) {
    return this.request<T>('DELETE', path, body);
  }
}

export const api = new ApiClient();

export interface Page<T> {
  rows: T[];
  count: number;
}
