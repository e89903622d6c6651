// A typed client of the reseller RESTful API (seed 003): one method per endpoint, every request
// signed with `sign`. Runs wherever fetch and WebCrypto do (Node 20+, browsers).
import { sign } from './sign';

/** Seed 003 "Create a company" body. The seed's sample says `name`, its table `companyName`: send either. */
export interface CreateCompanyBody {
  companyName?: string;
  name?: string;
  email: string;
  firstName: string;
  lastName: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  area: 'CN' | 'Non-CN';
  appLimit?: number;
  memberLimit?: number;
  industry?: number;
  interest?: number;
  environment?: number;
  sendPasswordResetEmail?: boolean;
}

export interface Company {
  id: number;
  name: string;
  country: string;
  area: 'CN' | 'Non-CN';
  appLimit: number;
  memberLimit: number;
  industry: number;
  interest: number;
  environment: number;
  /** 0 normal, 1 insufficient balance, 2 automatically suspended, 3 manually suspended. */
  status: number;
}

export interface Project {
  id: string;
  name: string;
  /** -1 deleted, 0 disabled, 1 enabled. */
  status: number;
  /** ISO 8601, e.g. 2019-09-24T08:37:38.502Z. */
  created: string;
}

export interface Uap {
  id: number;
  /** 1 mini app, 3 CDN live streaming, 7 cloud recording. */
  typeId: number;
  projectName: string;
  status: number;
  /** 1 China, 2 outside China. */
  region: number;
}

export interface Page<T> {
  rows: T[];
  count: number;
}

export interface UsageQuery {
  model: 'duration' | 'transcoding' | 'counter';
  business: 'default' | 'recording' | 'cloudRecording' | 'miniapp' | 'rtm';
  /** Unix seconds, UTC. */
  fromTs: number;
  endTs: number;
  interval: 'daily' | 'monthly';
}

/** Seed 003 UsageDatum: one per day or month; which usage fields depends on model × business. */
export interface UsageDatum {
  /** 'YYYY-MM-DD 00:00:00' (a month by its first day). */
  dateTime: string;
  usage: Record<string, number | Record<string, number>>;
}
export type UsageAnswer = UsageDatum[];

export interface DailyBills {
  totalSize: number;
  pageSize: number;
  pageNumber: number;
  hasMore: boolean;
  elements: Array<{ companyId: number; projectId: string; amount: number; currency: 'USD' | 'CNY' }>;
}

/** A non-2xx answer: the status and the server's `{ error: { code, message, details } }`. */
export class ResellerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait, from Retry-After, on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ResellerApiError';
  }
}

export interface ResellerClientOptions {
  /** Where the API lives, e.g. https://console.example.com (paths start with /v1/resellers). */
  baseUrl: string;
  accessKeyId: string;
  secret: string;
  /** Sign method, path, query and body too (the server may require it). */
  strong?: boolean;
  /** A fetch implementation; default globalThis.fetch. */
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

export function createResellerClient(opts: ResellerClientOptions) {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, query?: Query, body?: unknown): Promise<T> {
    const qs = Object.entries(query ?? {})
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const target = qs ? `${path}?${qs}` : path;
    const text = body === undefined ? null : JSON.stringify(body);
    const signed = await sign({ accessKeyId: opts.accessKeyId, secret: opts.secret, strong: opts.strong ?? false, method, target, body: text });
    const headers: Record<string, string> = { accept: 'application/json', ...signed };
    if (text !== null) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${target}`, { method, headers, body: text });
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      const retry = Number(res.headers.get('retry-after'));
      throw new ResellerApiError(res.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `HTTP ${res.status}`, e?.details, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    }
    return data as T;
  }

  const company = (id: number) => `/v1/resellers/companies/${encodeURIComponent(String(id))}`;
  return {
    createCompany: (body: CreateCompanyBody) => call<Company>('POST', '/v1/resellers/companies', undefined, body),
    listCompanies: (page: { limit?: number; offset?: number } = {}) => call<Page<Company>>('GET', '/v1/resellers/companies', page),
    createProject: (companyId: number, body: { name: string }) => call<Project>('POST', `${company(companyId)}/projects`, undefined, body),
    listProjects: (companyId: number, page: { limit?: number; offset?: number } = {}) => call<Page<Project>>('GET', `${company(companyId)}/projects`, page),
    enableUap: (companyId: number, projectId: string, body: { typeId: 1 | 3 | 7; region: 1 | 2 }) =>
      call<Uap>('POST', `${company(companyId)}/projects/${encodeURIComponent(projectId)}/uap`, undefined, body),
    companyUsage: (companyId: number, q: UsageQuery) => call<UsageAnswer>('GET', `${company(companyId)}/usage`, { ...q }),
    projectUsage: (companyId: number, projectId: string, q: UsageQuery) =>
      call<UsageAnswer>('GET', `${company(companyId)}/projects/${encodeURIComponent(projectId)}/usage`, { ...q }),
    /** `period` is yyyyMMdd, at least two days ago (T-2); pages of up to 1,000 from 1. */
    dailyBills: (period: string, pageNumber?: number) => call<DailyBills>('GET', '/v1/resellers/companies/daily-bills', { period, pageNumber }),
  };
}

export type ResellerClient = ReturnType<typeof createResellerClient>;
