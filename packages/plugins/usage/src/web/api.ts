/**
 * The usage pages' HTTP calls. The console's own API client lives in the web app, which plugins
 * do not import; this is the same contract in a few lines: JSON in and out, same-origin cookies,
 * the session's CSRF token on writes, errors as `UsageApiError` with the server's code.
 */

/** An API error: the server's `{ error: { code, message, details } }`, or NETWORK / INTERNAL. */
export class UsageApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

function urlOf(path: string, query?: Query): URL {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  return url;
}

async function send(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<Response> {
  try {
    return await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new UsageApiError(0, 'NETWORK', 'The console cannot reach the server');
  }
}

async function failure(res: Response): Promise<UsageApiError> {
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  const e = data?.error;
  const err = new UsageApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, e?.details);
  // The session ended on the server: start again at sign-in, back here afterwards.
  if (err.code === 'UNAUTHENTICATED') {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?expired=1&redirect=${encodeURIComponent(here)}`);
  }
  return err;
}

async function json<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = await csrfToken();
  }
  const res = await send(method, urlOf(path, query), headers, body === undefined ? undefined : JSON.stringify(body));
  if (!res.ok) throw await failure(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The session's CSRF token, read when a write needs it (it changes at sign-in and company switch). */
async function csrfToken(): Promise<string> {
  return (await json<{ csrfToken: string }>('GET', '/api/auth/me')).csrfToken;
}

export const usageApi = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, query),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, undefined, body),

  /**
   * Fetches a file and hands it to the browser as a download; resolves to the file's name.
   * `onProgress` hears each received chunk (`total` is null without a Content-Length); `signal`
   * cancels the download.
   */
  async download(path: string, query: Query, fallbackName: string, opts: DownloadOptions = {}): Promise<string> {
    let res: Response;
    try {
      res = await fetch(urlOf(path, query), { headers: { accept: '*/*' }, credentials: 'same-origin', signal: opts.signal ?? null });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new UsageApiError(0, 'NETWORK', 'The console cannot reach the server');
    }
    if (!res.ok) throw await failure(res);
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    const blob = await readBody(res, opts.onProgress);
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return name;
  },
};

export interface DownloadOptions {
  onProgress?: (p: { received: number; total: number | null }) => void;
  signal?: AbortSignal;
}

/** The response body as a Blob, read chunk by chunk so the page can show how far it got. */
async function readBody(res: Response, onProgress?: DownloadOptions['onProgress']): Promise<Blob> {
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  if (!res.body || !onProgress) return res.blob();
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = res.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    received += value.byteLength;
    onProgress({ received, total });
  }
  return new Blob(chunks, { type });
}

/** Shapes the usage API answers with. */
export interface DailyUsage {
  currency: 'USD' | 'CNY';
  days: { day: string; usage: Record<string, number> }[];
  totals: Record<string, number>;
  fees: { total: number; byMetric: Record<string, number> } | null;
}

export interface UsageChartData {
  tab: string;
  unit: 'minutes' | 'count';
  periods: string[];
  series: { field: string; values: number[] }[];
}

export interface PriceRow {
  id?: number;
  currency: 'USD' | 'CNY';
  product: number;
  metric: number;
  perThousand: number;
  freeMinutes: number;
  updatedAt?: string;
}

export interface ProjectOption {
  id: string;
  name: string;
  status: number;
}
