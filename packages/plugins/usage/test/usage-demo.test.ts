// The demo traffic (issue: "the start command seeds ~30 days of it"; `pnpm demo:generate`): it goes
// through the signed ingest endpoint of a running server, covers every day of the last 30 for every
// company, has a daily and a weekly rhythm and a mix of specs and products, and is idempotent.
import { demoContext, rowsOf, servicesOfPlugin } from '@rtc-console/core';
import { generateTraffic, usageServerPlugin } from '../src/server/index.js';
import { dayRange, utcDay } from '../src/shared/index.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, type TestApp, type TestClient } from '@rtc-console/testing';
import { daily, ingestClient, listen, resellerChart, tableCounts } from './usage-helpers.js';

let t: TestApp;
let server: { url: string; close(): Promise<void> };
let operator: TestClient;
let companies: { id: number; name: string; admin: TestClient }[];

const DAY_MS = 86_400_000;
const yesterday = utcDay(Date.now() - DAY_MS);
const first = utcDay(Date.now() - 30 * DAY_MS);

beforeAll(async () => {
  t = await createTestApp({ plugins: [usageServerPlugin] });
  server = await listen(t);
  operator = await t.signIn('operator@rtc.demo');
  companies = [
    { ...(await companyByName(t, 'Acme Video')), name: 'Acme Video', admin: await t.signIn('admin@acme.demo') },
    { ...(await companyByName(t, '星河直播')), name: '星河直播', admin: await t.signIn('admin@galaxy.demo') },
  ];
  expect((await tableCounts(t)).usage_sessions).toBe(0);
  // What the start command runs once the server listens.
  await usageServerPlugin.seedDemo!(servicesOfPlugin(t.core, usageServerPlugin), demoContext(t.core, server.url));
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe("the start command's demo traffic", () => {
  test('was sent with an ingest key of its own, and a demo price table was set', async () => {
    const keys = (await operator.get('/api/operator/ingest-keys')).body as { rows: { name: string; lastUsedAt: string | null }[] };
    const key = keys.rows.find((k) => k.name === 'Demo traffic generator');
    expect(key?.lastUsedAt).toBeTruthy();
    const prices = (await operator.get('/api/usage/prices')).body as { rows: { currency: string; freeMinutes: number }[]; count: number };
    expect(prices.count).toBe(32); // 4 products × 4 specs × 2 currencies
    expect(new Set(prices.rows.map((r) => r.currency))).toEqual(new Set(['USD', 'CNY']));
  });

  test('every company has usage on each of the last 30 days (up to yesterday, UTC) and none before them', async () => {
    expect(dayRange(first, yesterday)).toHaveLength(30);
    for (const c of companies) {
      const usage = await daily(c.admin, utcDay(Date.parse(first) - DAY_MS), utcDay(Date.now() + DAY_MS));
      const minutes = usage.days.map((d) => d.usage.audioAll! + d.usage.videoAll!);
      expect(minutes[0], `${c.name} before`).toBe(0);
      // (Today holds only what late calls of yesterday spill over midnight.)
      expect(minutes.at(-1), `${c.name} tomorrow`).toBe(0);
      expect(minutes.slice(1, -2).every((m) => m > 0), `${c.name}: ${minutes.join(' ')}`).toBe(true);
      expect(minutes.at(-2)!, `${c.name} today`).toBeLessThan(Math.min(...minutes.slice(1, -2)));
      expect(usage.fees!.total).toBeGreaterThan(0);
    }
  });

  test('a mix of specs and of products, for every company', async () => {
    for (const c of companies) {
      const { totals, days } = await daily(c.admin, first, yesterday);
      for (const f of ['audioAll', 'sdAll', 'hdAll', 'hdpAll']) expect(totals[f], `${c.name} ${f}`).toBeGreaterThan(0);
      // Total video is SD + HD + HDP in milliseconds; each figure is then rounded to whole minutes on its own
      // (shared/rest.ts `shapeUsage`), so a day's displayed figures may differ by one minute.
      for (const { day, usage } of days) expect(Math.abs(usage.videoAll! - (usage.sdAll! + usage.hdAll! + usage.hdpAll!)), `${c.name} ${day}`).toBeLessThanOrEqual(1);
    }
    const reseller = await t.signIn('reseller@rtc.demo');
    const sum = (chart: { series: { values: number[] }[] }) => chart.series.reduce((s, x) => s + x.values.reduce((a, b) => a + b, 0), 0);
    for (const c of companies) {
      for (const tab of ['miniapp', 'transcoding', 'concurrentChannel', 'rtm']) {
        expect(sum(await resellerChart(reseller, { from: first, to: yesterday, interval: 'monthly', tab, companyId: c.id })), `${c.name} ${tab}`).toBeGreaterThan(0);
      }
      const recordings = sum(await resellerChart(reseller, { from: first, to: yesterday, interval: 'monthly', tab: 'recording', companyId: c.id }))
        + sum(await resellerChart(reseller, { from: first, to: yesterday, interval: 'monthly', tab: 'cloudRecording', companyId: c.id }));
      expect(recordings, `${c.name} recordings`).toBeGreaterThan(0);
    }
  });

  test('a weekly rhythm: the median weekend day is busier than the median weekday', async () => {
    const reseller = await t.signIn('reseller@rtc.demo');
    const chart = await resellerChart(reseller, { from: first, to: yesterday, interval: 'daily', tab: 'rtc' });
    const audio = chart.series.find((s) => s.field === 'audioAll')!.values;
    const videoAll = chart.series.find((s) => s.field === 'videoAll')!.values;
    const days = chart.periods.map((day, i) => ({ weekend: [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()), minutes: audio[i]! + videoAll[i]! }));
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const weekend = median(days.filter((d) => d.weekend).map((d) => d.minutes));
    const weekday = median(days.filter((d) => !d.weekend).map((d) => d.minutes));
    expect(weekend, `weekend ${weekend} vs weekday ${weekday}`).toBeGreaterThan(weekday);
  });

  test("a daily rhythm: calls start far more often in the company's evening than in its night", async () => {
    // Acme's users live at UTC−5, 星河直播's at UTC+8 (Chinese name).
    const offsets = new Map([[companies[0]!.id, -5], [companies[1]!.id, 8]]);
    const rows = rowsOf<{ company_id: number; h: number; n: number }>(
      await t.core.db.execute(sql`select company_id, extract(hour from joined_at at time zone 'UTC')::int as h, count(*)::int as n from usage_sessions where product = 1 group by 1, 2`),
    );
    for (const [companyId, offset] of offsets) {
      const perLocalHour = Array.from({ length: 24 }, () => 0);
      for (const r of rows) if (Number(r.company_id) === companyId) perLocalHour[(Number(r.h) + offset + 24) % 24]! += Number(r.n);
      const avg = (from: number, to: number) => perLocalHour.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
      const evening = avg(18, 23);
      const night = avg(0, 7);
      expect(evening, `company ${companyId}: ${perLocalHour.join(' ')}`).toBeGreaterThan(4 * night);
    }
  });
});

describe('generateTraffic (pnpm demo:generate)', () => {
  test('sends the chosen companies and days through the ingest endpoint; sending them again counts nothing twice', async () => {
    const edge = await ingestClient(t, 'demo:generate');
    const progress: { day: string; records: number }[] = [];
    const options = { baseUrl: server.url, accessKeyId: edge.key.accessKeyId, secret: edge.key.secret, companies: 1, days: 3, calls: 5, endDay: '2025-01-31', seed: 7 };
    const result = await generateTraffic({ ...options, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.day)).toEqual(['2025-01-29', '2025-01-30', '2025-01-31']);
    expect(result.records).toBe(progress.reduce((s, p) => s + p.records, 0));
    expect(result).toEqual({ records: result.records, accepted: result.records, duplicates: 0, rejected: 0 });
    expect(result.records).toBeGreaterThan(3 * 5);

    // The first company only (Acme), on those days only.
    const [acme, galaxy] = companies;
    const acmeUsage = await daily(acme!.admin, '2025-01-28', '2025-02-01');
    expect(acmeUsage.days.map((d) => d.usage.audioAll! + d.usage.videoAll! > 0)).toEqual([false, true, true, true, false]);
    expect((await daily(galaxy!.admin, '2025-01-28', '2025-02-01')).totals).toEqual({ audioAll: 0, videoAll: 0, sdAll: 0, hdAll: 0, hdpAll: 0 });

    const counts = await tableCounts(t);
    expect(await generateTraffic(options)).toEqual({ records: result.records, accepted: 0, duplicates: result.records, rejected: 0 });
    expect(await tableCounts(t)).toEqual(counts);
    expect(await daily(acme!.admin, '2025-01-28', '2025-02-01')).toEqual(acmeUsage);
  });
});
