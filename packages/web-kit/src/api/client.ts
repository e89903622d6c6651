import type { ErrorBody } from '@rtc-console/core/shared';
import { ApiError } from './api-error';
import { saveBlob, readBody, type DownloadOptions } from './download';

export type Query = Record<string, unknown>;

/** A page of a list endpoint (`limit/offset/sort/order/q` → `{ rows, count }`). */
export interface Page<T> {
  rows: T[];
  count: number;
}

/** Told once when a session the client held ends on the server (401 UNAUTHENTICATED). */
export type SessionExpiredHandler = (err: ApiError) => void;

/** Told when the server holds the session at a sign-in step (a company or the operator now requires two-factor). */
export type SignInStepHandler = (err: ApiError) => void;

const PENDING_STEP_CODES = new Set(['TWO_FACTOR_REQUIRED', 'TWO_FACTOR_SETUP_REQUIRED']);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ME = '/api/auth/me';

/**
 * The one way the web app and its plugins talk to the API: JSON in and out, same-origin
 * cookies, errors as ApiError.
 *
 * The CSRF token comes with every session answer (sign-in, /api/auth/me, company switch,
 * password change, invitation acceptance all answer with `csrfToken`), so the client keeps it
 * from there; only when it has none yet does it ask /api/auth/me, once for all writes waiting.
 * A write refused as CSRF_FAILED (the token went stale: a sign-in in another tab rotated it)
 * is sent again once with a fresh token. A 401 UNAUTHENTICATED while the client held a session
 * tells the app's one handler, once: the app, not each page, decides where to go; so does a 403
 * saying the session now waits at a sign-in step.
 */
export class ApiClient {
  /** `null`: not known yet (ask /me before a write); `''`: known to have no session. */
  private token: string | null = null;
  private asking: Promise<string> | null = null;
  /** Whether a session is believed alive: only then is a 401 an expiry worth telling. */
  private sessionHeld = false;
  private expired: SessionExpiredHandler | null = null;
  private stepRequired: SignInStepHandler | null = null;

  constructor(private readonly origin: () => string = () => window.location.origin) {}

  /** The app's handler for a session that ended on the server (replaces any earlier one). */
  onSessionExpired(handler: SessionExpiredHandler): void {
    this.expired = handler;
  }

  /**
   * The app's handler for a session the server now holds at a sign-in step (403
   * TWO_FACTOR_SETUP_REQUIRED or TWO_FACTOR_REQUIRED from any route): the app reloads the
   * session and takes the user to that step, whichever page or plugin asked.
   */
  onSignInStep(handler: SignInStepHandler): void {
    this.stepRequired = handler;
  }

  /** Signed out (or removed): no token until the next session answer. */
  forgetSession(): void {
    this.token = '';
    this.sessionHeld = false;
  }

  get<T>(path: string, query?: Query) {
    return this.json<T>('GET', path, undefined, query);
  }
  post<T>(path: string, body?: unknown) {
    return this.json<T>('POST', path, body ?? {});
  }
  put<T>(path: string, body?: unknown) {
    return this.json<T>('PUT', path, body ?? {});
  }
  patch<T>(path: string, body?: unknown) {
    return this.json<T>('PATCH', path, body ?? {});
  }
  delete<T>(path: string, body?: unknown) {
    return this.json<T>('DELETE', path, body);
  }

  /**
   * Fetches a file and hands it to the browser as a download; resolves to the file's name
   * (from Content-Disposition, else `fallbackName`). `onProgress` hears each received chunk;
   * `signal` cancels.
   */
  async download(path: string, query: Query, fallbackName: string, opts: DownloadOptions = {}): Promise<string> {
    const res = await this.exchange('GET', this.url(path, query), undefined, { accept: '*/*', signal: opts.signal });
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    saveBlob(await readBody(res, opts.onProgress), name);
    return name;
  }

  private async json<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const res = await this.exchange(method, this.url(path, query), body === undefined ? undefined : JSON.stringify(body));
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as unknown;
    this.keepToken(data);
    return data as T;
  }

  private url(path: string, query?: Query): URL {
    const url = new URL(path, this.origin());
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    return url;
  }

  /** Sends one request (again once after a CSRF refusal); resolves to an ok response or throws ApiError. */
  private async exchange(method: string, url: URL, body?: string, opts: { accept?: string; signal?: AbortSignal | undefined } = {}): Promise<Response> {
    const write = UNSAFE.has(method);
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (write) {
        const token = await this.csrfToken();
        if (token) headers['x-csrf-token'] = token;
      }
      const res = await this.send(url, { method, headers, body, signal: opts.signal });
      if (res.ok) return res;
      const err = await errorOf(res);
      if (write && err.code === 'CSRF_FAILED' && attempt === 0) {
        // Stale: forget it, so the next attempt asks /me for the current one.
        this.token = null;
        continue;
      }
      if (err.code === 'UNAUTHENTICATED') this.unauthenticated(err);
      if (PENDING_STEP_CODES.has(err.code) && this.sessionHeld) this.stepRequired?.(err);
      throw err;
    }
  }

  private async send(url: URL, init: { method: string; headers: Record<string, string>; body?: string | undefined; signal?: AbortSignal | undefined }): Promise<Response> {
    try {
      return await fetch(url, { ...init, credentials: 'same-origin', signal: init.signal ?? null });
    } catch (err) {
      if (init.signal?.aborted) throw err;
      throw new ApiError(0, 'NETWORK', 'The console cannot reach the server');
    }
  }

  /** The token for a write: the one kept, else /me's (asked once however many writes wait). */
  private csrfToken(): Promise<string> {
    if (this.token !== null) return Promise.resolve(this.token);
    this.asking ??= this.askToken().finally(() => (this.asking = null));
    return this.asking;
  }

  private async askToken(): Promise<string> {
    const res = await this.send(this.url(ME), { method: 'GET', headers: { accept: 'application/json' } });
    if (res.ok) {
      this.keepToken(await res.json().catch(() => null));
      return this.token ?? '';
    }
    const err = await errorOf(res);
    if (err.code !== 'UNAUTHENTICATED') throw err;
    // No session: the write goes without a token (sign-in and the other public writes need none).
    this.unauthenticated(err);
    return '';
  }

  /** Every session answer carries the session's CSRF token. */
  private keepToken(data: unknown): void {
    const token = (data as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token !== 'string' || !token) return;
    this.token = token;
    this.sessionHeld = true;
  }

  private unauthenticated(err: ApiError): void {
    const held = this.sessionHeld;
    this.forgetSession();
    if (held) this.expired?.(err);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const e = ((await res.json().catch(() => null)) as ErrorBody | null)?.error;
  return new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details);
}

/** The console's client: the app registers the session-expiry handler on it; plugins just call it. */
export const api = new ApiClient();
