// Shared fixtures of the usage plugin's API tests: signed ingest, record builders, rollup snapshots.
import type { AddressInfo } from 'node:net';
import { createIngestKey, createResellerApiKey, findUserByEmail, resellerOfUser, rowsOf } from '@rtc-console/core';
import type { RtmRecord, SessionRecord } from '../src/shared/index.js';
import { sign } from '@rtc-console/signer';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '@rtc-console/testing';

export interface IngestReport {
  accepted: number;
  duplicates: number;
  rejected: { index: number; recordId?: string; reason: string }[];
  unknownAppIds: string[];
}

export const INGEST_PATH = '/ingest/usage/records';

/** A media edge with its own ingest key: signs every request like a real one. */
export async function ingestClient(t: TestApp, name = 'usage tests') {
  const key = await createIngestKey(t.core.db, name);
  const send = async (body: unknown, raw?: { contentType?: string; data?: string }) => {
    const headers = await sign({ accessKeyId: key.accessKeyId, secret: key.secret });
    const r = t.anonymous().agent.post(INGEST_PATH).set(headers);
    if (raw) return r.set('content-type', raw.contentType ?? 'application/json').send(raw.data ?? '');
    return r.send(body as object);
  };
  /** Sends a batch and expects it to be taken (200), returning the report. */
  const batch = async (records: unknown[]): Promise<IngestReport> => {
    const res = await send({ records });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as IngestReport;
  };
  return { key, send, batch };
}
export type IngestClient = Awaited<ReturnType<typeof ingestClient>>;

let seq = 0;
/** A record id unique within the test run. */
export const rid = (prefix = 'rec') => `${prefix}-${process.pid}-${++seq}`;

export const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
/** Unix seconds of an ISO instant or a day (its midnight, UTC). */
export const ts = (isoOrDay: string) => Math.floor(Date.parse(isoOrDay.length === 10 ? `${isoOrDay}T00:00:00Z` : isoOrDay) / 1000);

export interface SessionOpts {
  start: string;
  minutes?: number;
  end?: string;
  product?: SessionRecord['product'];
  media?: SessionRecord['media'];
  transcoding?: SessionRecord['transcoding'];
  channel?: string;
  uid?: string;
  role?: SessionRecord['role'];
  recordId?: string;
}

/** One session record; audio RTC by default. */
export function session(appId: string, o: SessionOpts): SessionRecord {
  return {
    type: 'session',
    recordId: o.recordId ?? rid('s'),
    appId,
    channel: o.channel ?? 'room-1',
    uid: o.uid ?? '1001',
    role: o.role ?? 'host',
    joinAt: new Date(Date.parse(o.start)).toISOString(),
    leaveAt: o.end ?? plusMinutes(o.start, o.minutes ?? 1),
    product: o.product ?? 'rtc',
    ...(o.transcoding ? { transcoding: o.transcoding } : {}),
    media: o.media ?? { kind: 'audio' },
  };
}

export const video = (width: number, height: number): SessionRecord['media'] => ({ kind: 'video', width, height });
export const AUDIO: SessionRecord['media'] = { kind: 'audio' };

export function rtm(appId: string, userId: string, at: string, recordId = rid('m')): RtmRecord {
  return { type: 'rtm', recordId, appId, userId, at: new Date(Date.parse(at)).toISOString() };
}

export const ROLLUP_TABLES = ['usage_daily', 'usage_monthly', 'usage_daily_channel', 'usage_daily_peak', 'usage_rtm_users'] as const;
export const RAW_TABLES = ['usage_sessions', 'usage_rtm_events'] as const;

/** Every row of every rollup table, in a stable order, as plain values. */
export async function rollupSnapshot(t: TestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = rowsOf<{ row: string }>(await t.core.db.execute(sql`select (to_jsonb(x) - 'ingested_at')::text as row from ${sql.identifier(table)} x order by 1`));
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

/** How many rows each usage table holds (for one project, or all). */
export async function tableCounts(t: TestApp, projectId?: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...RAW_TABLES, ...ROLLUP_TABLES]) {
    const where = projectId ? sql`where project_id = ${projectId}` : sql``;
    const [row] = rowsOf<{ n: number }>(await t.core.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} ${where}`));
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

export interface DailyUsage {
  currency: 'USD' | 'CNY';
  days: { day: string; usage: Record<string, number> }[];
  totals: Record<string, number>;
  fees: { total: number; byMetric: Record<string, number> } | null;
}

/** GET /api/usage/daily, expecting 200. */
export async function daily(client: TestClient, from: string, to: string, extra: Record<string, string> = {}): Promise<DailyUsage> {
  const res = await client.get(`/api/usage/daily?${new URLSearchParams({ from, to, ...extra })}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as DailyUsage;
}

export type UsageObject = Record<string, number | Record<string, number>>;
export interface UsageDatum {
  dateTime: string;
  usage: UsageObject;
}

/** The reseller REST usage endpoint of a company (or one of its projects). */
export function restUsagePath(companyId: number | string, projectId: string | undefined, query: Record<string, string | number>): string {
  const base = projectId === undefined ? `/v1/resellers/companies/${companyId}/usage` : `/v1/resellers/companies/${companyId}/projects/${projectId}/usage`;
  return `${base}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
}

/** Anything that GETs a path: a signed-in client or the reseller API client. */
export interface Getter {
  get(url: string): PromiseLike<{ status: number; body: unknown }>;
}

/** GET the REST usage, expecting 200. */
export async function restUsage(client: Getter, companyId: number, projectId: string | undefined, query: Record<string, string | number>): Promise<UsageDatum[]> {
  const res = await client.get(restUsagePath(companyId, projectId, query));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as UsageDatum[];
}

/** The value of a field of a datum's usage, flat or nested (`concurrentChannel.avcTotal`). */
export function field(d: UsageDatum | undefined, path: string): number {
  const [a, b] = path.split('.') as [string, string | undefined];
  const v = d?.usage[a];
  if (b === undefined) return v as number;
  return (v as Record<string, number> | undefined)?.[b] as number;
}

/** The error envelope `{ error: { code, message, details? } }` with this status (and code); returns the error. */
export function expectError(res: { status: number; body: unknown }, status: number, code?: string): { code: string; message: string; details?: unknown } {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const body = res.body as { error: { code: string; message: string; details?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

/**
 * A reseller's client of the REST API (`/v1/resellers/...`): each request is signed with one of
 * the reseller's API keys and also carries the staff member's session, so it reaches the routes
 * whether they sit behind the session or the signature. Create the app with a high
 * RESELLER_API_RATE so that the per-key rate limit does not get in the way.
 */
export async function resellerApi(t: TestApp, email = 'reseller@rtc.demo'): Promise<Getter & { resellerId: number; session: TestClient }> {
  const session = await t.signIn(email);
  const user = await findUserByEmail(t.core.db, email);
  const reseller = user && (await resellerOfUser(t.core.db, user.id));
  if (!user || !reseller) throw new Error(`${email} is not reseller staff`);
  const key = await createResellerApiKey(t.core.db, reseller.id, user.id);
  return {
    resellerId: reseller.id,
    session,
    get: async (url: string) => session.agent.get(url).set(await sign({ accessKeyId: key.accessKeyId, secret: key.secret })),
  };
}

/** Settings for apps whose tests call the reseller REST API many times a second. */
export const FAST_RESELLER_API = { env: { RESELLER_API_RATE: '100000' } };

/** The app listening on a free local port (for clients that use fetch, like the demo generator). */
export async function listen(t: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface PriceRow {
  currency: 'USD' | 'CNY';
  product: number;
  metric: number;
  perThousand: number;
  freeMinutes: number;
}

/** PUT /api/usage/prices as the operator, expecting 200; returns the stored rows. */
export async function putPrices(operator: TestClient, prices: PriceRow[]): Promise<(PriceRow & { id: number })[]> {
  const res = await operator.put('/api/usage/prices', { prices });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { rows: (PriceRow & { id: number })[] }).rows;
}

export interface UsageChart {
  tab: string;
  unit: 'minutes' | 'count';
  periods: string[];
  series: { field: string; values: number[] }[];
}

/** GET /api/usage/reseller/chart, expecting 200. */
export async function resellerChart(client: TestClient, query: Record<string, string | number>): Promise<UsageChart> {
  const res = await client.get(`/api/usage/reseller/chart?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as UsageChart;
}
