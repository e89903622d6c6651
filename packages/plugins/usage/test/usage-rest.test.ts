// The reseller REST API's usage endpoints (seed 003 "Fetch the company usage", "Fetch the project
// usage", "Fetch the daily bill"): the model × business table, exact shapes, 400 for N/A pairs and
// bad parameters, other resellers' companies, and the daily bills with the T-2 rule and pages of 1,000.
import { addResellerMember, createCompany, createReseller, createUser, rowsOf } from '@rtc-console/core';
import { utcDay } from '../src/shared/index.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, DEMO_PASSWORD, type DemoProject, type TestApp, type TestClient } from '@rtc-console/testing';
import { usageServerPlugin } from '../src/server/index.js';
import {
  AUDIO, expectError, FAST_RESELLER_API, ingestClient, putPrices, resellerApi, restUsage, restUsagePath, rtm, session, ts, video,
  type Getter, type IngestClient, type SessionOpts, type UsageObject,
} from './usage-helpers.js';

let t: TestApp;
let edge: IngestClient;
let rest: Awaited<ReturnType<typeof resellerApi>>;
let operator: TestClient;
let acme: { id: number; projects: DemoProject[] };
let galaxy: { id: number; projects: DemoProject[] };
let p1: DemoProject;
let p2: DemoProject;
let g1: DemoProject;
let other: { companyId: number; projectId: string; rest: Awaited<ReturnType<typeof resellerApi>> };
let orphanCompanyId: number;

/** Inserts `n` projects straight into a company (fixtures for pagination), returning their ids. */
async function insertProjects(companyId: number, n: number, prefix: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await t.core.db.execute(sql`
      insert into projects (id, company_id, app_id, name)
      select ${prefix} || lpad(g::text, 5, '0'), ${companyId}, md5(${prefix} || g::text), 'Bulk ' || ${prefix} || g
      from generate_series(1, ${n}) g
      returning id`),
  );
  return rows.map((r) => r.id);
}

const companyInput = (name: string, email: string) =>
  ({ name, email, firstName: 'Test', lastName: 'Company', country: 'DE', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 12, interest: 1, environment: 1 }) as const;

beforeAll(async () => {
  t = await createTestApp({ ...FAST_RESELLER_API, plugins: [usageServerPlugin] });
  edge = await ingestClient(t);
  rest = await resellerApi(t);
  operator = await t.signIn('operator@rtc.demo');
  acme = await companyByName(t, 'Acme Video');
  galaxy = await companyByName(t, '星河直播');
  [p1, p2] = acme.projects as [DemoProject, DemoProject];
  g1 = galaxy.projects[0]!;

  // Another reseller, with a company, a project and a staff member of its own; and a company of no reseller.
  const actor = { userId: null, label: 'tests' };
  const otherReseller = await createReseller(t.core, 'Other Reseller');
  const staff = await createUser(t.core.db, { email: 'staff@other-reseller.test', name: 'Olga Other', password: DEMO_PASSWORD });
  await addResellerMember(t.core.db, otherReseller.id, staff.id);
  const otherCompany = await createCompany(t.core, companyInput('Other Co', 'admin@other-co.test'), { resellerId: otherReseller.id, actor, initialPassword: DEMO_PASSWORD });
  const [otherProject] = await insertProjects(otherCompany.id, 1, 'oth');
  other = { companyId: otherCompany.id, projectId: otherProject!, rest: await resellerApi(t, 'staff@other-reseller.test') };
  orphanCompanyId = (await createCompany(t.core, companyInput('Direct Co', 'admin@direct-co.test'), { actor, initialPassword: DEMO_PASSWORD })).id;
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------
// One day of every product, 2025-06-10 (the next day is empty)

const DAY = '2025-06-10';
const at = (time = '10:00') => `${DAY}T${time}:00Z`;
const tc = (codec: 'h264' | 'h265', mode: 'single-host' | 'hosting-in', media: SessionOpts['media'], minutes: number, channel: string) =>
  session(p1.appId, { start: at(), minutes, product: 'transcoding', transcoding: { codec, mode }, media, channel });

const ZERO = {
  'duration/default': { audioAll: 0, videoAll: 0, sdAll: 0, hdAll: 0, hdpAll: 0 },
  'duration/miniapp': { audioAll: 0, videoAll: 0 },
  'duration/recording': { audioAudience: 0, sdAudience: 0, hdAudience: 0, hdpAudience: 0 },
  'duration/cloudRecording': { audioAudience: 0, sdAudience: 0, hdAudience: 0, hdpAudience: 0 },
  'transcoding/default': {
    transcodeDuration: { audioHostin: 0, avcAudio: 0, videoSingleHost: 0, avcSd: 0, avcHd: 0, avcHdp: 0, hevcAudio: 0, hevcSd: 0, hevcHd: 0, hevcHdp: 0 },
    concurrentChannel: {
      avcTotal: 0, avcTotalHostin: 0, avcTotalVideoHostin: 0, avcAudio: 0, audioHostin: 0, videoSingleHost: 0, avcSd: 0, avcHd: 0, avcHdp: 0,
      hevcAudio: 0, hevcSd: 0, hevcHd: 0, hevcHdp: 0,
    },
  },
  'counter/rtm': { dau: 0 },
} as const satisfies Record<string, UsageObject>;
type Pair = keyof typeof ZERO;
const PAIRS = Object.keys(ZERO) as Pair[];
const MODELS = ['duration', 'transcoding', 'counter'] as const;
const BUSINESSES = ['default', 'recording', 'cloudRecording', 'miniapp', 'rtm'] as const;

/** The company's usage on DAY, by hand from the records below. */
const COMPANY: Record<Pair, UsageObject> = {
  'duration/default': { audioAll: 16, videoAll: 12, sdAll: 3, hdAll: 4, hdpAll: 5 },
  'duration/miniapp': { audioAll: 6, videoAll: 9 },
  'duration/recording': { audioAudience: 8, sdAudience: 9, hdAudience: 10, hdpAudience: 11 },
  'duration/cloudRecording': { audioAudience: 12, sdAudience: 13, hdAudience: 14, hdpAudience: 15 },
  'transcoding/default': {
    transcodeDuration: { audioHostin: 29, avcAudio: 20, videoSingleHost: 30, avcSd: 3, avcHd: 2, avcHdp: 16, hevcAudio: 14, hevcSd: 4, hevcHd: 25, hevcHdp: 1 },
    concurrentChannel: {
      avcTotal: 5, avcTotalHostin: 4, avcTotalVideoHostin: 3, avcAudio: 1, audioHostin: 2, videoSingleHost: 1, avcSd: 1, avcHd: 1, avcHdp: 1,
      hevcAudio: 1, hevcSd: 1, hevcHd: 1, hevcHdp: 1,
    },
  },
  'counter/rtm': { dau: 4 },
};
/** Project p1's share (p2 has the rest). */
const P1: Record<Pair, UsageObject> = {
  ...COMPANY,
  'duration/default': { audioAll: 10, videoAll: 12, sdAll: 3, hdAll: 4, hdpAll: 5 },
  'duration/miniapp': { audioAll: 6, videoAll: 7 },
  'duration/cloudRecording': ZERO['duration/cloudRecording'],
  'counter/rtm': { dau: 3 },
};

beforeAll(async () => {
  const s = (app: DemoProject, minutes: number, o: Partial<SessionOpts> = {}) => session(app.appId, { start: at(), minutes, ...o });
  await edge.batch([
    s(p1, 10), s(p1, 3, { media: video(320, 240) }), s(p1, 4, { media: video(1280, 720) }), s(p1, 5, { media: video(1920, 1080) }),
    s(p2, 6),
    s(p1, 6, { product: 'miniapp' }), s(p1, 7, { product: 'miniapp', media: video(640, 360) }), s(p2, 2, { product: 'miniapp', media: video(320, 240) }),
    ...([[AUDIO, 8], [video(320, 240), 9], [video(640, 360), 10], [video(1281, 720), 11]] as const).map(([media, m]) => s(p1, m, { product: 'recording', media, role: 'audience' })),
    ...([[AUDIO, 12], [video(639, 359), 13], [video(1280, 720), 14], [video(2560, 1440), 15]] as const).map(([media, m]) => s(p2, m, { product: 'cloudRecording', media, role: 'audience' })),
    // Transcoding, all in distinct channels and overlapping in the first minute.
    tc('h264', 'hosting-in', AUDIO, 20, 't1'),
    tc('h264', 'single-host', video(1280, 720), 30, 't2'),
    tc('h264', 'hosting-in', video(1920, 1080), 16, 't3'),
    tc('h265', 'hosting-in', video(640, 360), 17, 't4'),
    tc('h265', 'single-host', AUDIO, 5, 't5'),
    tc('h265', 'hosting-in', AUDIO, 9, 't6'),
    tc('h265', 'hosting-in', video(320, 240), 4, 't7'),
    tc('h264', 'hosting-in', video(480, 360), 3, 't8'),
    tc('h264', 'hosting-in', video(960, 540), 2, 't9'),
    tc('h265', 'hosting-in', video(1920, 1080), 1, 't10'),
    tc('h265', 'single-host', video(640, 360), 8, 't11'),
    rtm(p1.appId, 'a', at()), rtm(p1.appId, 'b', at()), rtm(p1.appId, 'c', at()), rtm(p1.appId, 'a', at('11:00')), rtm(p2.appId, 'a', at()),
  ]);
});

const range = { fromTs: ts(DAY), endTs: ts('2025-06-11') + 86_399 };
const query = (pair: Pair, interval = 'daily') => {
  const [model, business] = pair.split('/') as [string, string];
  return { model, business, ...range, interval };
};

describe('company and project usage: every model × business pair of the seed table', () => {
  test.each(PAIRS)('%s: 200, one datum per day in the seed’s exact shape, numbers from the records', async (pair) => {
    expect(await restUsage(rest, acme.id, undefined, query(pair))).toEqual([
      { dateTime: '2025-06-10 00:00:00', usage: COMPANY[pair] },
      { dateTime: '2025-06-11 00:00:00', usage: ZERO[pair] },
    ]);
    expect(await restUsage(rest, acme.id, p1.id, query(pair))).toEqual([
      { dateTime: '2025-06-10 00:00:00', usage: P1[pair] },
      { dateTime: '2025-06-11 00:00:00', usage: ZERO[pair] },
    ]);
    // Monthly: one datum for June, dated by its first day.
    expect(await restUsage(rest, acme.id, undefined, query(pair, 'monthly'))).toEqual([{ dateTime: '2025-06-01 00:00:00', usage: COMPANY[pair] }]);
  });

  test('the fields come in the seed’s order', async () => {
    const [datum] = await restUsage(rest, acme.id, undefined, query('duration/default'));
    expect(Object.keys(datum!)).toEqual(['dateTime', 'usage']);
    expect(Object.keys(datum!.usage)).toEqual(['audioAll', 'videoAll', 'sdAll', 'hdAll', 'hdpAll']);
    const [tr] = await restUsage(rest, acme.id, undefined, query('transcoding/default'));
    expect(Object.keys(tr!.usage)).toEqual(['transcodeDuration', 'concurrentChannel']);
  });

  test('the seed’s request sample answers like the seed’s response sample (a week without usage)', async () => {
    const answer = await restUsage(rest, acme.id, p1.id, { model: 'duration', business: 'default', fromTs: 1569196800, endTs: 1569801599, interval: 'daily' });
    expect(answer).toHaveLength(7);
    expect(answer[0]).toEqual({ dateTime: '2019-09-23 00:00:00', usage: { audioAll: 0, videoAll: 0, sdAll: 0, hdAll: 0, hdpAll: 0 } });
    expect(answer[6]!.dateTime).toBe('2019-09-29 00:00:00');
  });

  test('a month in a longer range: the months from fromTs to endTs, each with its own days only', async () => {
    const answer = await restUsage(rest, acme.id, undefined, { model: 'duration', business: 'default', fromTs: ts('2025-05-15'), endTs: ts('2025-07-01'), interval: 'monthly' });
    expect(answer).toEqual([
      { dateTime: '2025-05-01 00:00:00', usage: ZERO['duration/default'] },
      { dateTime: '2025-06-01 00:00:00', usage: COMPANY['duration/default'] },
      { dateTime: '2025-07-01 00:00:00', usage: ZERO['duration/default'] },
    ]);
  });

  test('every pair the seed marks N/A is a 400 naming business and model', async () => {
    let na = 0;
    for (const model of MODELS) {
      for (const business of BUSINESSES) {
        if (PAIRS.includes(`${model}/${business}` as Pair)) continue;
        na++;
        for (const projectId of [undefined, p1.id]) {
          const res = await rest.get(restUsagePath(acme.id, projectId, { model, business, ...range, interval: 'daily' }));
          expect(expectError(res, 400, 'VALIDATION_FAILED').message, `${model}/${business}`).toBe(`business ${business} is not available for model ${model}`);
        }
      }
    }
    expect(na).toBe(15 - 6);
  });

  test('a missing or malformed parameter is a 400 naming it', async () => {
    const good: Record<string, string | number> = { model: 'duration', business: 'default', ...range, interval: 'daily' };
    const without = (k: string) => Object.fromEntries(Object.entries(good).filter(([key]) => key !== k));
    const cases: [q: Record<string, string | number>, message: RegExp][] = [
      [without('model'), /^model is required$/],
      [{ ...good, model: '' }, /^model is required$/],
      [{ ...good, model: 'Duration' }, /^model must be one of duration, transcoding, counter$/],
      [without('business'), /^business is required$/],
      [{ ...good, business: 'rtc' }, /^business must be one of /],
      [without('fromTs'), /^fromTs is required$/],
      [{ ...good, fromTs: 'yesterday' }, /^fromTs must be a whole number of seconds/],
      [{ ...good, fromTs: '1749513600.5' }, /^fromTs must be a whole number/],
      [{ ...good, fromTs: -1 }, /^fromTs must be a whole number/],
      [{ ...good, fromTs: '2025-06-10' }, /^fromTs must be a whole number/],
      [{ ...good, fromTs: '99999999999999' }, /^fromTs is out of range$/],
      [without('endTs'), /^endTs is required$/],
      [{ ...good, endTs: '1e10' }, /^endTs must be a whole number/],
      [{ ...good, fromTs: range.endTs, endTs: range.fromTs }, /^fromTs must not be after endTs$/],
      [{ ...good, endTs: range.fromTs + 367 * 86_400 }, /^endTs must be at most 366 days after fromTs$/],
      [without('interval'), /^interval is required$/],
      [{ ...good, interval: 'weekly' }, /^interval must be one of daily, monthly$/],
    ];
    for (const [q, message] of cases) {
      for (const projectId of [undefined, p1.id]) {
        const error = expectError(await rest.get(restUsagePath(acme.id, projectId, q)), 400, 'VALIDATION_FAILED');
        expect(error.message, JSON.stringify(q)).toMatch(message);
        expect(error.details).toEqual(expect.arrayContaining([{ message: error.message }]));
      }
    }
    // A parameter given twice is malformed too.
    const twice = `${restUsagePath(acme.id, undefined, good)}&model=counter`;
    expect(expectError(await rest.get(twice), 400).message).toMatch(/^model must be one of/);
    // 366 days exactly is accepted.
    expect((await rest.get(restUsagePath(acme.id, undefined, { ...good, endTs: range.fromTs + 366 * 86_400 }))).status).toBe(200);
  });

  test('a company of another reseller is 403; an unknown company or a project of another company is 404; nothing leaks', async () => {
    const q = query('duration/default');
    expectError(await rest.get(restUsagePath(other.companyId, undefined, q)), 403, 'FORBIDDEN');
    expectError(await rest.get(restUsagePath(other.companyId, other.projectId, q)), 403, 'FORBIDDEN');
    expectError(await rest.get(restUsagePath(orphanCompanyId, undefined, q)), 403, 'FORBIDDEN');
    expectError(await rest.get(restUsagePath(999_999, undefined, q)), 404, 'NOT_FOUND');
    expectError(await rest.get(restUsagePath('abc', undefined, q)), 404, 'NOT_FOUND');
    // Galaxy's project under Acme's id, and the other reseller's project under Acme's id.
    expectError(await rest.get(restUsagePath(acme.id, g1.id, q)), 404, 'NOT_FOUND');
    expectError(await rest.get(restUsagePath(acme.id, other.projectId, q)), 404, 'NOT_FOUND');
    expectError(await rest.get(restUsagePath(acme.id, 'no-such-project', q)), 404, 'NOT_FOUND');
    // And the other way round: the other reseller cannot read Acme.
    expectError(await other.rest.get(restUsagePath(acme.id, undefined, q)), 403, 'FORBIDDEN');
    expectError(await other.rest.get(restUsagePath(acme.id, p1.id, q)), 403, 'FORBIDDEN');
    expect(await restUsage(other.rest, other.companyId, undefined, q)).toEqual([
      { dateTime: '2025-06-10 00:00:00', usage: ZERO['duration/default'] },
      { dateTime: '2025-06-11 00:00:00', usage: ZERO['duration/default'] },
    ]);
    // The console's chart follows the same rule, and the other reseller's "all companies" is its own only.
    const chart = `/api/usage/reseller/chart?from=${DAY}&to=${DAY}&interval=daily&tab=rtc`;
    expectError(await rest.session.get(`${chart}&companyId=${other.companyId}`), 403, 'FORBIDDEN');
    expectError(await rest.session.get(`${chart}&companyId=999999`), 404, 'NOT_FOUND');
    const mine = await rest.session.get(chart);
    expect((mine.body as { series: { field: string; values: number[] }[] }).series.find((x) => x.field === 'audioAll')!.values).toEqual([16]);
    const theirs = await other.rest.session.get(chart);
    expect((theirs.body as { series: { field: string; values: number[] }[] }).series.every((x) => x.values.every((v) => v === 0))).toBe(true);
  });
});

describe('a company whose usage the operator switched off', () => {
  test('is refused by the REST usage endpoints and the chart, and left out of "all companies" and the daily bills, until switched back on', async () => {
    const q = query('duration/default');
    const chart = `/api/usage/reseller/chart?from=${DAY}&to=${DAY}&interval=daily&tab=rtc`;
    const audio = async (url: string) => ((await rest.session.get(url)).body as { series: { field: string; values: number[] }[] }).series.find((x) => x.field === 'audioAll')!.values[0];
    const all = await audio(chart);
    const ofAcme = await audio(`${chart}&companyId=${acme.id}`);
    expect(ofAcme).toBeGreaterThan(0);
    const billed = async () => ((await rest.get(`/v1/resellers/companies/daily-bills?period=${DAY.replaceAll('-', '')}`)).body as Bills).elements.map((e) => e.companyId);
    expect(await billed()).toContain(acme.id);

    expect((await operator.put(`/api/operator/companies/${acme.id}/plugins/usage`, { enabled: false })).status).toBe(200);
    try {
      expectError(await rest.get(restUsagePath(acme.id, undefined, q)), 403, 'FORBIDDEN');
      expectError(await rest.get(restUsagePath(acme.id, p1.id, q)), 403, 'FORBIDDEN');
      expectError(await rest.session.get(`${chart}&companyId=${acme.id}`), 403, 'FORBIDDEN');
      expect(await audio(chart)).toBe(all! - ofAcme!);
      expect(await billed()).not.toContain(acme.id);
      // Another company of the reseller is served as before.
      expect(await restUsage(rest, galaxy.id, undefined, q)).toHaveLength(2);
    } finally {
      expect((await operator.put(`/api/operator/companies/${acme.id}/plugins/usage`, { enabled: true })).status).toBe(200);
    }
    expect(await restUsage(rest, acme.id, undefined, q)).toHaveLength(2);
    expect(await audio(chart)).toBe(all);
  });
});

// ---------------------------------------------------------------------------------------------
// Daily bills

interface Bills {
  totalSize: number;
  pageSize: number;
  pageNumber: number;
  hasMore: boolean;
  elements: { companyId: number; projectId: string; amount: number; currency: string }[];
}

const bills = async (client: Getter, qs: string): Promise<Bills> => {
  const res = await client.get(`/v1/resellers/companies/daily-bills?${qs}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Bills;
};
const period = (day: string) => day.replaceAll('-', '');
const byProject = <T extends { projectId: string }>(list: T[]) => [...list].sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));

describe('daily bills', () => {
  beforeAll(async () => {
    await putPrices(operator, [
      { currency: 'USD', product: 1, metric: 1, perThousand: 2, freeMinutes: 100 },
      { currency: 'USD', product: 1, metric: 3, perThousand: 4, freeMinutes: 0 },
      { currency: 'CNY', product: 1, metric: 1, perThousand: 14, freeMinutes: 100 },
    ]);
    await edge.batch([
      // p1 used 95 of its 100 free audio minutes the day before: on DAY, 5 of its 10 are billed (0.01), plus 4 HD minutes (0.016 → 0.02).
      session(p1.appId, { start: '2025-06-09T10:00:00Z', minutes: 95 }),
      // 星河直播 pays in CNY: 200 audio minutes, 100 free: 1.40.
      session(g1.appId, { start: at(), minutes: 200 }),
    ]);
  });

  test('every project of the reseller’s companies, with the day’s amount after the month’s free allowance', async () => {
    const answer = await bills(rest, `period=${period(DAY)}`);
    const expected = [
      ...acme.projects.map((p) => ({ companyId: acme.id, projectId: p.id, amount: p.id === p1.id ? 0.03 : 0, currency: 'USD' })),
      ...galaxy.projects.map((p) => ({ companyId: galaxy.id, projectId: p.id, amount: p.id === g1.id ? 1.4 : 0, currency: 'CNY' })),
    ];
    expect({ ...answer, elements: byProject(answer.elements) }).toEqual({ totalSize: 7, pageSize: 7, pageNumber: 1, hasMore: false, elements: byProject(expected) });
    // Companies in order (projects within one follow the database's order of their ids).
    expect(answer.elements.map((e) => e.companyId)).toEqual(expected.map((e) => e.companyId).sort((a, b) => a - b));
    // The day before: p1's 95 minutes are free.
    expect((await bills(rest, `period=${period('2025-06-09')}&pageNumber=1`)).elements.every((e) => e.amount === 0)).toBe(true);
    // The other reseller sees its own project only.
    expect(await bills(other.rest, `period=${period(DAY)}`)).toEqual({
      totalSize: 1, pageSize: 1, pageNumber: 1, hasMore: false, elements: [{ companyId: other.companyId, projectId: other.projectId, amount: 0, currency: 'USD' }],
    });
  });

  test('T-2: the bill of the current UTC date minus two days is the latest one', async () => {
    const now = Date.now();
    const latest = utcDay(now - 2 * 86_400_000);
    expect((await bills(rest, `period=${period(latest)}`)).totalSize).toBe(7);
    for (const day of [utcDay(now - 86_400_000), utcDay(now), utcDay(now + 86_400_000), '2999-12-31']) {
      const error = expectError(await rest.get(`/v1/resellers/companies/daily-bills?period=${period(day)}`), 400, 'VALIDATION_FAILED');
      expect(error.message).toMatch(/^period must be \d{8} or earlier/);
    }
  });

  test('a missing or malformed period or pageNumber is a 400 naming it', async () => {
    const cases: [qs: string, message: RegExp][] = [
      ['', /^period is required$/],
      ['pageNumber=1', /^period is required$/],
      ['period=2025-06-10', /^period must be a date formatted yyyyMMdd$/],
      ['period=2025061', /^period must be a date formatted yyyyMMdd$/],
      ['period=202506100', /^period must be a date formatted yyyyMMdd$/],
      ['period=20250230', /^period must be a real date/],
      ['period=20251301', /^period must be a real date/],
      [`period=${period(DAY)}&pageNumber=0`, /^pageNumber must be at least 1$/],
      [`period=${period(DAY)}&pageNumber=-2`, /^pageNumber must be at least 1$/],
      [`period=${period(DAY)}&pageNumber=1.5`, /^pageNumber must be a whole number$/],
      [`period=${period(DAY)}&pageNumber=first`, /^pageNumber must be a number$/],
    ];
    for (const [qs, message] of cases) {
      const error = expectError(await rest.get(`/v1/resellers/companies/daily-bills?${qs}`), 400, 'VALIDATION_FAILED');
      expect(error.message, qs).toMatch(message);
    }
  });

  test('pages of at most 1,000: totalSize, pageSize, pageNumber, hasMore; every project exactly once; deleted projects left out', async () => {
    const actor = { userId: null, label: 'tests' };
    const [demoReseller] = rowsOf<{ reseller_id: number }>(await t.core.db.execute(sql`select reseller_id from companies where id = ${acme.id}`));
    const bulk = await createCompany(t.core, companyInput('Bulk Co', 'admin@bulk-co.test'), { resellerId: demoReseller!.reseller_id, actor, initialPassword: DEMO_PASSWORD });
    const ids = await insertProjects(bulk.id, 1001, 'blk');
    await t.core.db.execute(sql`update projects set status = -1 where id = ${ids[500]!}`);
    await t.core.db.execute(sql`update projects set status = 0 where id = ${ids[501]!}`);
    const total = 7 + 1000; // 1001 bulk projects, one deleted; a disabled project still has a bill

    const first = await bills(rest, `period=${period(DAY)}`);
    expect({ ...first, elements: first.elements.length }).toEqual({ totalSize: total, pageSize: 1000, pageNumber: 1, hasMore: true, elements: 1000 });
    const second = await bills(rest, `period=${period(DAY)}&pageNumber=2`);
    expect({ ...second, elements: second.elements.length }).toEqual({ totalSize: total, pageSize: 7, pageNumber: 2, hasMore: false, elements: 7 });
    expect(await bills(rest, `period=${period(DAY)}&pageNumber=3`)).toEqual({ totalSize: total, pageSize: 0, pageNumber: 3, hasMore: false, elements: [] });

    const all = [...first.elements, ...second.elements];
    const seen = all.map((e) => e.projectId);
    expect(new Set(seen).size).toBe(total);
    expect(seen).not.toContain(ids[500]);
    expect(seen).toContain(ids[501]);
    expect(new Set(all.map((e) => e.companyId))).toEqual(new Set([acme.id, galaxy.id, bulk.id]));
    // In company order across the pages.
    expect(all.map((e) => e.companyId)).toEqual(all.map((e) => e.companyId).sort((a, b) => a - b));
    expect(all.find((e) => e.projectId === p1.id)!.amount).toBe(0.03);
    expect(all.find((e) => e.projectId === g1.id)).toEqual({ companyId: galaxy.id, projectId: g1.id, amount: 1.4, currency: 'CNY' });
  });
});
