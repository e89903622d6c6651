import type { DemoContext } from '@rtc-console/core';
import type { UsageServices } from './services.js';
import { sign } from '@rtc-console/signer';
import { DAY_MS, dayRange, utcDay } from '../shared/days.js';
import { MAX_BATCH, type UsageRecord } from '../shared/model.js';
import type { IngestReport } from './ingest.js';
import { demoPrices, listPrices, savePrices } from './prices.js';
import { dayTraffic } from './traffic.js';

export interface TrafficOptions {
  /** The console's address; records go through its ingest endpoint like the media edge's. */
  baseUrl: string;
  accessKeyId: string;
  secret: string;
  /** How many companies (the first ones with enabled projects). */
  companies: number;
  days: number;
  /** Calls per company and day, on average. */
  calls: number;
  /** The last day generated (default: yesterday, UTC). */
  endDay?: string;
  seed?: number;
  onProgress?: (done: { day: string; records: number }) => void;
}

async function signedFetch(o: Pick<TrafficOptions, 'baseUrl' | 'accessKeyId' | 'secret'>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const headers = await sign({ accessKeyId: o.accessKeyId, secret: o.secret });
  const res = await fetch(new URL(path, o.baseUrl), {
    method,
    headers: { ...headers, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(data)}`);
  return data;
}

/**
 * Produces demo traffic through the ingest endpoint (signed with an ingest key), in batches of
 * at most 10,000 records; it reads the companies' App IDs from the same API.
 */
export async function generateTraffic(o: TrafficOptions): Promise<{ records: number; accepted: number; duplicates: number; rejected: number }> {
  const apps = (await signedFetch(o, 'GET', '/ingest/usage/apps')) as { companies: { id: number; name: string; apps: { appId: string }[] }[] };
  const chosen = apps.companies.slice(0, o.companies);
  const endDay = o.endDay ?? utcDay(Date.now() - DAY_MS);
  const fromDay = utcDay(Date.parse(`${endDay}T00:00:00Z`) - (o.days - 1) * DAY_MS);
  const totals = { records: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let batch: UsageRecord[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const report = (await signedFetch(o, 'POST', '/ingest/usage/records', { records: batch })) as IngestReport;
    totals.accepted += report.accepted;
    totals.duplicates += report.duplicates;
    totals.rejected += report.rejected.length;
    batch = [];
  };
  for (const day of dayRange(fromDay, endDay)) {
    let count = 0;
    for (const [i, c] of chosen.entries()) {
      // Chinese-named companies call in China's evening, the others in America's.
      const utcOffset = /[\u4e00-\u9fff]/.test(c.name) ? 8 : i % 2 ? 1 : -5;
      const records = dayTraffic({ companyId: c.id, apps: c.apps.map((a) => a.appId), utcOffset }, day, o.calls, o.seed ?? 1);
      for (const r of records) {
        batch.push(r);
        if (batch.length === MAX_BATCH) await flush();
      }
      count += records.length;
    }
    totals.records += count;
    o.onProgress?.({ day, records: count });
  }
  await flush();
  return totals;
}

/** The start command's demo: prices, an ingest key, and ~30 days of traffic through the ingest endpoint. */
export async function seedUsageDemo(services: UsageServices, ctx: DemoContext): Promise<void> {
  if (!(await listPrices(services.systemDb)).length) await savePrices(services.systemDb, demoPrices());
  const key = await ctx.ingestKey('Demo traffic generator');
  const result = await generateTraffic({ baseUrl: ctx.baseUrl, accessKeyId: key.accessKeyId, secret: key.secret, companies: 10, days: 30, calls: 40 });
  services.logger.info(result, 'demo usage traffic ingested');
}
