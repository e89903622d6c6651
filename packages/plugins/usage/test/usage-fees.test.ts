// Fees (PRODUCT.md "Usage"): the operator's price table (per 1,000 minutes per product and spec,
// a monthly free allowance, USD or CNY), and the company's fees for a day and a month, with the
// allowance used up by the month's earliest days, per project.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, type DemoProject, type TestApp, type TestClient } from '@rtc-console/testing';
import { usageServerPlugin } from '../src/server/index.js';
import { daily, expectError, ingestClient, putPrices, session, video, type IngestClient, type PriceRow } from './usage-helpers.js';

let t: TestApp;
let edge: IngestClient;
let operator: TestClient;
let acmeAdmin: TestClient;
let galaxyAdmin: TestClient;
let p1: DemoProject;
let p2: DemoProject;
let p3: DemoProject;
let g1: DemoProject;

const RTC = 1;
const MINIAPP = 4;
const AUDIO = 1;
const SD = 2;
const HD = 3;

const PRICES: PriceRow[] = [
  { currency: 'USD', product: RTC, metric: AUDIO, perThousand: 2, freeMinutes: 100 },
  { currency: 'USD', product: RTC, metric: SD, perThousand: 0.99, freeMinutes: 0 },
  { currency: 'USD', product: RTC, metric: HD, perThousand: 4, freeMinutes: 0 },
  { currency: 'USD', product: MINIAPP, metric: AUDIO, perThousand: 1, freeMinutes: 0 },
  { currency: 'CNY', product: RTC, metric: AUDIO, perThousand: 14, freeMinutes: 100 },
  { currency: 'CNY', product: RTC, metric: HD, perThousand: 28, freeMinutes: 0 },
];

beforeAll(async () => {
  t = await createTestApp({ plugins: [usageServerPlugin] });
  edge = await ingestClient(t);
  operator = await t.signIn('operator@rtc.demo');
  acmeAdmin = await t.signIn('admin@acme.demo');
  galaxyAdmin = await t.signIn('admin@galaxy.demo');
  [p1, p2, p3] = (await companyByName(t, 'Acme Video')).projects as [DemoProject, DemoProject, DemoProject];
  g1 = (await companyByName(t, '星河直播')).projects[0]!;

  const stored = await putPrices(operator, PRICES);
  expect(stored.map(({ currency, product, metric, perThousand, freeMinutes }) => ({ currency, product, metric, perThousand, freeMinutes }))).toEqual(
    [...PRICES].sort((a, b) => a.currency.localeCompare(b.currency) || a.product - b.product || a.metric - b.metric),
  );

  await edge.batch([
    // p1 audio: 60, 60, 1000 minutes on May 1–3 (100 free a month); 250 HD minutes on May 2; 500 mini app minutes on May 2.
    session(p1.appId, { start: '2025-05-01T10:00:00Z', minutes: 60 }),
    session(p1.appId, { start: '2025-05-02T10:00:00Z', minutes: 60 }),
    session(p1.appId, { start: '2025-05-03T01:00:00Z', minutes: 1000 }),
    session(p1.appId, { start: '2025-05-02T10:00:00Z', minutes: 250, media: video(1280, 720), uid: 'v' }),
    session(p1.appId, { start: '2025-05-02T10:00:00Z', minutes: 500, product: 'miniapp', uid: 'm' }),
    // p2 has its own allowance: 150 audio minutes on May 2, 50 of them billed.
    session(p2.appId, { start: '2025-05-02T10:00:00Z', minutes: 150 }),
    // p3: 5 SD minutes a day at 0.99 per 1,000: the cents come from the cumulative cost (0.00495 → 0.0099 → 0.01485).
    ...['04', '05', '06'].map((d) => session(p3.appId, { start: `2025-05-${d}T10:00:00Z`, minutes: 5, media: video(320, 240) })),
    // The allowance starts again in June.
    session(p1.appId, { start: '2025-06-01T10:00:00Z', minutes: 150 }),
    // 星河直播 pays in CNY: 300 audio (100 free) and 100 HD minutes.
    session(g1.appId, { start: '2025-05-01T10:00:00Z', minutes: 300 }),
    session(g1.appId, { start: '2025-05-01T10:00:00Z', minutes: 100, media: video(640, 360), uid: 'v' }),
  ]);
});
afterAll(() => t.close());

const fees = async (client: TestClient, from: string, to: string, extra: Record<string, string> = {}) => (await daily(client, from, to, extra)).fees;

describe('fees of a company', () => {
  test('a month: every priced product and spec, each project with its own free allowance', async () => {
    const usage = await daily(acmeAdmin, '2025-05-01', '2025-05-31');
    expect(usage.currency).toBe('USD');
    // p1: audio (1120 − 100) × 2 / 1000 = 2.04, HD 250 × 4 / 1000 = 1.00, mini app 500 × 1 / 1000 = 0.50;
    // p2: audio (150 − 100) × 2 / 1000 = 0.10; p3: SD 15 × 0.99 / 1000 = 0.01485 → 0.01.
    expect(usage.fees).toEqual({ total: 3.65, byMetric: { '1|1': 2.14, '1|2': 0.01, '1|3': 1, '4|1': 0.5 } });
    expect(usage.totals).toMatchObject({ audioAll: 1270, hdAll: 250, sdAll: 15 });
    expect(await fees(acmeAdmin, '2025-05-01', '2025-05-31', { projectId: p1.id })).toEqual({ total: 3.54, byMetric: { '1|1': 2.04, '1|3': 1, '4|1': 0.5 } });
    expect(await fees(acmeAdmin, '2025-05-01', '2025-05-31', { projectId: p2.id })).toEqual({ total: 0.1, byMetric: { '1|1': 0.1 } });
  });

  test('a day: the allowance was used up by the earlier days of the month, even outside the range', async () => {
    const p1Day = async (day: string) => (await fees(acmeAdmin, day, day, { projectId: p1.id }))!.total;
    // Cumulative audio 60 → 120 → 1120 minutes: 0, 20 and 1000 minutes billed.
    expect(await p1Day('2025-05-01')).toBe(0);
    expect(await p1Day('2025-05-02')).toBe(1.54); // 0.04 audio + 1.00 HD + 0.50 mini app
    expect(await p1Day('2025-05-03')).toBe(2);
    expect(await p1Day('2025-05-04')).toBe(0);
    expect(await fees(acmeAdmin, '2025-05-02', '2025-05-03', { projectId: p1.id })).toEqual({ total: 3.54, byMetric: { '1|1': 2.04, '1|3': 1, '4|1': 0.5 } });
    // The days of a month add up to the month.
    const days = await Promise.all(['01', '02', '03'].map((d) => p1Day(`2025-05-${d}`)));
    expect(days.reduce((s, x) => Math.round((s + x) * 100) / 100, 0)).toBe(3.54);
  });

  test('cents: each day is the cumulative cost rounded minus the previous days’, so days add up to the month', async () => {
    const p3Day = async (day: string) => (await fees(acmeAdmin, day, day, { projectId: p3.id }))!.total;
    expect([await p3Day('2025-05-04'), await p3Day('2025-05-05'), await p3Day('2025-05-06')]).toEqual([0, 0.01, 0]);
    expect((await fees(acmeAdmin, '2025-05-04', '2025-05-06', { projectId: p3.id }))!.total).toBe(0.01);
  });

  test('the free allowance is monthly: June starts again', async () => {
    expect(await fees(acmeAdmin, '2025-06-01', '2025-06-30', { projectId: p1.id })).toEqual({ total: 0.1, byMetric: { '1|1': 0.1 } });
    expect((await fees(acmeAdmin, '2025-05-31', '2025-06-01', { projectId: p1.id }))!.total).toBe(0.1);
    expect((await fees(acmeAdmin, '2025-05-03', '2025-06-01', { projectId: p1.id }))!.total).toBe(2.1);
  });

  test('a CN company pays in CNY with the CNY rows; the USD rows are not used', async () => {
    const usage = await daily(galaxyAdmin, '2025-05-01', '2025-05-31');
    expect(usage.currency).toBe('CNY');
    // (300 − 100) × 14 / 1000 = 2.80 and 100 × 28 / 1000 = 2.80 (USD would have been 0.40 and 0.40).
    expect(usage.fees).toEqual({ total: 5.6, byMetric: { '1|1': 2.8, '1|3': 2.8 } });
    expect((await daily(acmeAdmin, '2025-05-01', '2025-05-01')).currency).toBe('USD');
  });

  test('with a channel filter there are no fees (they are per project)', async () => {
    expect(await fees(acmeAdmin, '2025-05-01', '2025-05-31', { channel: 'room-1' })).toBeNull();
  });

  test('an ops member sees the fees too', async () => {
    const ops = await t.signIn('ops@acme.demo');
    expect(await fees(ops, '2025-05-01', '2025-05-31')).toEqual({ total: 3.65, byMetric: { '1|1': 2.14, '1|2': 0.01, '1|3': 1, '4|1': 0.5 } });
  });
});

describe('the price table', () => {
  const stored = async () => {
    const res = await operator.get('/api/usage/prices');
    expect(res.status).toBe(200);
    return res.body as { rows: PriceRow[]; count: number };
  };

  test('invalid tables are refused with 400 in the error envelope, naming the problem, and change nothing', async () => {
    const before = await stored();
    expect(before.count).toBe(PRICES.length);
    const row = PRICES[0]!;
    const cases: [prices: unknown, message: RegExp][] = [
      [[{ ...row, perThousand: -0.01 }], /perThousand must not be negative/],
      [[{ ...row, freeMinutes: -1 }], /freeMinutes must not be negative/],
      [[{ ...row, freeMinutes: 10.5 }], /freeMinutes must be a whole number/],
      [[row, { ...row, perThousand: 3 }], /each currency, product and metric may appear once/],
      [[{ ...row, currency: 'EUR' }], /currency must be USD or CNY/],
      [[{ ...row, perThousand: '2' }], /perThousand must be a number/],
      [[{ ...row, product: 99 }], /product must be a product code/],
      [[{ ...row, metric: 50 }], /metric must be a duration metric code/],
      [[{ ...row, freeMinutes: undefined }], /freeMinutes/],
      ['all of them', /prices/],
    ];
    for (const [prices, message] of cases) {
      const error = expectError(await operator.put('/api/usage/prices', { prices }), 400, 'VALIDATION_FAILED');
      expect(error.message, JSON.stringify(prices)).toMatch(message);
      expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.arrayContaining(['prices']), message: expect.any(String) })]));
    }
    expectError(await operator.put('/api/usage/prices', {}), 400, 'VALIDATION_FAILED');
    // A valid first row does not save itself when a later one is invalid.
    expectError(await operator.put('/api/usage/prices', { prices: [{ ...row, perThousand: 9 }, { ...row, currency: 'CNY', perThousand: -1 }] }), 400, 'VALIDATION_FAILED');
    expect(await stored()).toEqual(before);
    expect((await daily(acmeAdmin, '2025-05-01', '2025-05-31')).fees!.total).toBe(3.65);
  });

  test('only the operator may read or change it', async () => {
    const before = await stored();
    expectError(await acmeAdmin.put('/api/usage/prices', { prices: [] }), 403);
    expectError(await acmeAdmin.get('/api/usage/prices'), 403);
    expect(await stored()).toEqual(before);
  });

  test('a new table replaces the old one as a whole, and the fees follow', async () => {
    const rows = await putPrices(operator, [{ currency: 'USD', product: RTC, metric: AUDIO, perThousand: 10, freeMinutes: 0 }]);
    expect(rows).toHaveLength(1);
    expect((await stored()).count).toBe(1);
    // p1's May audio: 1120 × 10 / 1000 = 11.20; nothing else has a price any more.
    expect(await fees(acmeAdmin, '2025-05-01', '2025-05-31', { projectId: p1.id })).toEqual({ total: 11.2, byMetric: { '1|1': 11.2 } });
    // 星河直播 has no CNY price left: nothing to pay.
    expect(await fees(galaxyAdmin, '2025-05-01', '2025-05-31')).toEqual({ total: 0, byMetric: {} });

    await putPrices(operator, []);
    expect(await stored()).toEqual({ rows: [], count: 0 });
    expect(await fees(acmeAdmin, '2025-05-01', '2025-05-31')).toEqual({ total: 0, byMetric: {} });
  });
});
