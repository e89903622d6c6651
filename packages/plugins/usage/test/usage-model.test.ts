// The usage model through the real ingest endpoint (PRODUCT.md "Usage"): spec classes at their
// edges, minutes per day / project / channel / spec, UTC day boundaries, peak products (daily =
// Σ projects' daily peaks, monthly = Σ projects' monthly peaks), and rollups = a full rebuild.
import { rowsOf } from '@rtc-console/core';
import { rebuildRollups, usageServerPlugin } from '../src/server/index.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, type DemoProject, type TestApp, type TestClient } from '@rtc-console/testing';
import {
  AUDIO, daily, FAST_RESELLER_API, field, ingestClient, resellerApi, restUsage, rollupSnapshot, rtm, session, ts, video,
  type Getter, type IngestClient, type SessionOpts,
} from './usage-helpers.js';

let t: TestApp;
let edge: IngestClient;
let admin: TestClient;
let rest: Getter;
let acme: { id: number; projects: DemoProject[] };
let p1: DemoProject;
let p2: DemoProject;
let p3: DemoProject;

beforeAll(async () => {
  t = await createTestApp({ ...FAST_RESELLER_API, plugins: [usageServerPlugin] });
  edge = await ingestClient(t);
  admin = await t.signIn('admin@acme.demo');
  rest = await resellerApi(t);
  acme = await companyByName(t, 'Acme Video');
  [p1, p2, p3] = acme.projects as [DemoProject, DemoProject, DemoProject];
});
afterAll(() => t.close());

/** Only the RTC minutes of a day's usage object (the company page's fields). */
const rtcDay = (audioAll: number, sdAll: number, hdAll: number, hdpAll: number) => ({ audioAll, videoAll: sdAll + hdAll + hdpAll, sdAll, hdAll, hdpAll });

describe('spec classes (SD below 640×360, HD up to 1280×720 inclusive, HDP above; by pixel count)', () => {
  test('each edge resolution lands in its class; total video = SD + HD + HDP', async () => {
    const day = '2025-03-03';
    // Each resolution gets its own number of minutes, so each sum says which records went where.
    const cases: [w: number, h: number, minutes: number, spec: 'sd' | 'hd' | 'hdp'][] = [
      [639, 359, 1, 'sd'],
      [640, 359, 3, 'sd'],
      [639, 360, 5, 'sd'],
      [640, 360, 7, 'hd'],
      [1280, 720, 11, 'hd'],
      [720, 1280, 13, 'hd'], // portrait: the same pixels as 1280×720
      [1281, 720, 17, 'hdp'],
      [1280, 721, 19, 'hdp'],
    ];
    const records = cases.map(([w, h, minutes], i) =>
      session(p1.appId, { start: `${day}T10:00:00Z`, minutes, media: video(w, h), channel: `spec-${w}x${h}`, uid: String(i), role: i % 2 ? 'audience' : 'host' }),
    );
    records.push(session(p1.appId, { start: `${day}T11:00:00Z`, minutes: 23, media: AUDIO, role: 'audience' }));
    expect(await edge.batch(records)).toEqual({ accepted: records.length, duplicates: 0, rejected: [], unknownAppIds: [] });

    const sum = (spec: string) => cases.filter((c) => c[3] === spec).reduce((s, c) => s + c[2], 0);
    expect([sum('sd'), sum('hd'), sum('hdp')]).toEqual([9, 31, 36]);
    const usage = await daily(admin, day, day);
    expect(usage.days).toEqual([{ day, usage: rtcDay(23, 9, 31, 36) }]);
    expect(usage.totals).toEqual(rtcDay(23, 9, 31, 36));

    // Each record's class, one channel at a time (the channel rollup keeps them apart).
    for (const [w, h, minutes, spec] of cases) {
      const one = await daily(admin, day, day, { channel: `spec-${w}x${h}` });
      expect(one.totals, `${w}×${h}`).toEqual({ ...rtcDay(0, 0, 0, 0), videoAll: minutes, [`${spec}All`]: minutes });
    }
  });
});

describe('minutes per day, project, channel and spec', () => {
  const day = '2025-03-04';
  beforeAll(async () => {
    await edge.batch([
      session(p1.appId, { start: `${day}T08:00:00Z`, minutes: 10, channel: 'a' }),
      session(p1.appId, { start: `${day}T09:00:00Z`, minutes: 20, channel: 'b', uid: 'x' }),
      session(p1.appId, { start: `${day}T09:00:00Z`, minutes: 5, channel: 'b', uid: 'y', media: video(1280, 720), role: 'audience' }),
      session(p2.appId, { start: `${day}T08:30:00Z`, minutes: 7, channel: 'a' }),
      session(p2.appId, { start: `${day}T08:30:00Z`, minutes: 4, channel: 'a', media: video(320, 240) }),
      // Three 20-second sessions: minutes are shown from the day's summed milliseconds (60 s = 1 min).
      ...[0, 1, 2].map((i) => session(p3.appId, { start: `${day}T12:0${i}:00Z`, end: `${day}T12:0${i}:20Z`, channel: 'short', uid: `s${i}` })),
      // Other products are not RTC minutes.
      session(p1.appId, { start: `${day}T08:00:00Z`, minutes: 50, channel: 'a', product: 'miniapp' }),
      session(p1.appId, { start: `${day}T08:00:00Z`, minutes: 60, channel: 'a', product: 'cloudRecording', role: 'audience' }),
    ]);
  });

  test('the company, one project, one channel, one channel of one project', async () => {
    expect((await daily(admin, day, day)).days).toEqual([{ day, usage: rtcDay(38, 4, 5, 0) }]);
    expect((await daily(admin, day, day, { projectId: p1.id })).totals).toEqual(rtcDay(30, 0, 5, 0));
    expect((await daily(admin, day, day, { projectId: p2.id })).totals).toEqual(rtcDay(7, 4, 0, 0));
    expect((await daily(admin, day, day, { projectId: p3.id })).totals).toEqual(rtcDay(1, 0, 0, 0));
    // A channel name is per project: 'a' of the company adds both projects' 'a'.
    expect((await daily(admin, day, day, { channel: 'a' })).totals).toEqual(rtcDay(17, 4, 0, 0));
    expect((await daily(admin, day, day, { channel: 'a', projectId: p1.id })).totals).toEqual(rtcDay(10, 0, 0, 0));
    expect((await daily(admin, day, day, { channel: 'b' })).totals).toEqual(rtcDay(20, 0, 5, 0));
    expect((await daily(admin, day, day, { channel: 'nobody-here' })).totals).toEqual(rtcDay(0, 0, 0, 0));
  });

  test('the other products keep their own minutes (REST, per project)', async () => {
    const q = { fromTs: ts(day), endTs: ts(day) + 86_399, interval: 'daily' };
    expect((await restUsage(rest, acme.id, p1.id, { ...q, model: 'duration', business: 'miniapp' }))[0]!.usage).toEqual({ audioAll: 50, videoAll: 0 });
    expect((await restUsage(rest, acme.id, p1.id, { ...q, model: 'duration', business: 'cloudRecording' }))[0]!.usage).toEqual({ audioAudience: 60, sdAudience: 0, hdAudience: 0, hdpAudience: 0 });
    expect((await restUsage(rest, acme.id, p2.id, { ...q, model: 'duration', business: 'miniapp' }))[0]!.usage).toEqual({ audioAll: 0, videoAll: 0 });
  });

  test('a monthly total of a duration product is the sum of its days', async () => {
    const march = { fromTs: ts('2025-03-01'), endTs: ts('2025-03-31') + 86_399, model: 'duration', business: 'default' };
    const days = await restUsage(rest, acme.id, undefined, { ...march, interval: 'daily' });
    expect(days).toHaveLength(31);
    const [month] = await restUsage(rest, acme.id, undefined, { ...march, interval: 'monthly' });
    expect(month!.dateTime).toBe('2025-03-01 00:00:00');
    for (const f of ['audioAll', 'videoAll', 'sdAll', 'hdAll', 'hdpAll']) {
      expect(field(month, f), f).toBe(days.reduce((s, d) => s + field(d, f), 0));
    }
  });
});

describe('UTC day boundaries', () => {
  test('a call crossing UTC midnight counts on both days, split at midnight', async () => {
    await edge.batch([
      session(p3.appId, { start: '2025-03-05T23:45:00Z', end: '2025-03-06T00:20:00Z', media: video(1280, 720), channel: 'midnight' }),
      // Offsets in the instants do not matter: 2025-03-06T01:30+02:00 is 23:30 UTC on the 5th.
      session(p3.appId, { start: '2025-03-06T01:30:00+02:00', end: '2025-03-06T02:10:00+02:00', channel: 'midnight', uid: 'tz' }),
    ]);
    const usage = await daily(admin, '2025-03-05', '2025-03-06', { projectId: p3.id });
    expect(usage.days).toEqual([
      { day: '2025-03-05', usage: rtcDay(30, 0, 15, 0) },
      { day: '2025-03-06', usage: rtcDay(10, 0, 20, 0) },
    ]);
  });

  test('a call over several days: each day gets its own part (720 + 1440 + 360 minutes)', async () => {
    await edge.batch([session(p3.appId, { start: '2025-03-07T12:00:00Z', end: '2025-03-09T06:00:00Z', channel: 'long' })]);
    const usage = await daily(admin, '2025-03-07', '2025-03-10', { projectId: p3.id, channel: 'long' });
    expect(usage.days.map((d) => d.usage.audioAll)).toEqual([720, 1440, 360, 0]);
  });

  test('RTM activity counts on the UTC day of its instant', async () => {
    await edge.batch([
      rtm(p3.appId, 'night-owl', '2025-03-10T23:59:59.999Z'),
      rtm(p3.appId, 'early-bird', '2025-03-11T00:00:00.000Z'),
      rtm(p3.appId, 'early-bird', '2025-03-11T00:00:00.000+01:00'), // 23:00 UTC on the 10th
    ]);
    const rows = await restUsage(rest, acme.id, p3.id, { model: 'counter', business: 'rtm', fromTs: ts('2025-03-10'), endTs: ts('2025-03-11') + 86_399, interval: 'daily' });
    expect(rows).toEqual([
      { dateTime: '2025-03-10 00:00:00', usage: { dau: 2 } },
      { dateTime: '2025-03-11 00:00:00', usage: { dau: 1 } },
    ]);
  });
});

describe('peak products: daily = Σ projects’ daily peaks, monthly = Σ projects’ monthly peaks', () => {
  // April 2025, H.264 hosting-in HD transcoding (avcTotal, avcTotalHostin, avcTotalVideoHostin, avcHd).
  const tc = (app: DemoProject, channel: string, start: string, end: string, extra: Partial<SessionOpts> = {}) =>
    session(app.appId, { start, end, channel, product: 'transcoding', transcoding: { codec: 'h264', mode: 'hosting-in' }, media: video(640, 360), ...extra });

  beforeAll(async () => {
    // p1, 04-01: c1 and c2 overlap (2); c1's second session overlaps its first (same channel, once);
    // c3 starts exactly when c1 ends (half-open: no overlap). Peak 2. Sent in two batches.
    await edge.batch([tc(p1, 'c1', '2025-04-01T10:00:00Z', '2025-04-01T10:30:00Z'), tc(p1, 'c3', '2025-04-01T10:50:00Z', '2025-04-01T11:20:00Z')]);
    await edge.batch([tc(p1, 'c2', '2025-04-01T10:10:00Z', '2025-04-01T10:40:00Z'), tc(p1, 'c1', '2025-04-01T10:20:00Z', '2025-04-01T10:50:00Z', { uid: 'b' })]);
    await edge.batch([
      // p1, 04-02: one channel (1).
      tc(p1, 'c1', '2025-04-02T09:00:00Z', '2025-04-02T09:20:00Z'),
      // p2, 04-01: one channel in the afternoon (1): the company never has 3 at once that day, yet its daily value is 2 + 1.
      tc(p2, 'd1', '2025-04-01T15:00:00Z', '2025-04-01T15:30:00Z'),
      // p2, 04-02: three channels at once (3).
      tc(p2, 'd1', '2025-04-02T08:00:00Z', '2025-04-02T08:30:00Z'),
      tc(p2, 'd2', '2025-04-02T08:00:00Z', '2025-04-02T08:30:00Z'),
      tc(p2, 'd3', '2025-04-02T08:15:00Z', '2025-04-02T08:45:00Z'),
      // p3: one channel across midnight: 1 on each day.
      tc(p3, 'e1', '2025-04-01T23:50:00Z', '2025-04-02T00:10:00Z'),
    ]);
    // RTM daily active users: p1 3 then 1; p2 1 then 2 (a user active twice a day counts once).
    await edge.batch([
      ...['u1', 'u2', 'u3', 'u1'].map((u, i) => rtm(p1.appId, u, `2025-04-01T0${i}:00:00Z`)),
      rtm(p1.appId, 'u1', '2025-04-02T10:00:00Z'),
      rtm(p2.appId, 'v1', '2025-04-01T10:00:00Z'),
      rtm(p2.appId, 'v1', '2025-04-02T10:00:00Z'),
      rtm(p2.appId, 'v2', '2025-04-02T11:00:00Z'),
    ]);
  });
  const april = { fromTs: ts('2025-04-01'), endTs: ts('2025-04-30') + 86_399 };

  test('concurrent channels: daily 2+1+1 and 1+3+1; monthly 2+3+1 = 6, not the sum of daily values (9)', async () => {
    const q = { ...april, model: 'transcoding', business: 'default' };
    const days = await restUsage(rest, acme.id, undefined, { ...q, interval: 'daily' });
    const cc = (path: string) => days.slice(0, 3).map((d) => field(d, `concurrentChannel.${path}`));
    for (const f of ['avcTotal', 'avcTotalHostin', 'avcTotalVideoHostin', 'avcHd']) expect(cc(f), f).toEqual([4, 5, 0]);
    for (const f of ['avcAudio', 'audioHostin', 'videoSingleHost', 'avcSd', 'avcHdp', 'hevcAudio', 'hevcSd', 'hevcHd', 'hevcHdp']) expect(cc(f), f).toEqual([0, 0, 0]);

    const [month] = await restUsage(rest, acme.id, undefined, { ...q, interval: 'monthly' });
    expect(field(month, 'concurrentChannel.avcTotal')).toBe(6);
    expect(field(month, 'concurrentChannel.avcHd')).toBe(6);
    const sumOfDaily = days.reduce((s, d) => s + field(d, 'concurrentChannel.avcTotal'), 0);
    expect(sumOfDaily).toBe(9);

    // Per project: each one's own peaks.
    const perProject = async (p: DemoProject, interval: string) =>
      (await restUsage(rest, acme.id, p.id, { ...q, interval })).slice(0, 2).map((d) => field(d, 'concurrentChannel.avcTotal'));
    expect(await perProject(p1, 'daily')).toEqual([2, 1]);
    expect(await perProject(p2, 'daily')).toEqual([1, 3]);
    expect(await perProject(p3, 'daily')).toEqual([1, 1]);
    expect(await perProject(p1, 'monthly')).toEqual([2]);
    expect(await perProject(p2, 'monthly')).toEqual([3]);
  });

  test('transcoding minutes roll up like peaks too (seed 001): monthly = Σ projects’ greatest day', async () => {
    const q = { ...april, model: 'transcoding', business: 'default' };
    // Minutes per project and day: p1 120 / 20, p2 30 / 90, p3 10 / 10.
    const days = await restUsage(rest, acme.id, undefined, { ...q, interval: 'daily' });
    expect(days.slice(0, 2).map((d) => field(d, 'transcodeDuration.avcHd'))).toEqual([160, 120]);
    const [month] = await restUsage(rest, acme.id, undefined, { ...q, interval: 'monthly' });
    expect(field(month, 'transcodeDuration.avcHd')).toBe(120 + 90 + 10);
  });

  test('RTM daily active users: daily 3+1 and 1+2; monthly 3+2 = 5, not 7', async () => {
    const q = { ...april, model: 'counter', business: 'rtm' };
    const days = await restUsage(rest, acme.id, undefined, { ...q, interval: 'daily' });
    expect(days.slice(0, 3).map((d) => d.usage)).toEqual([{ dau: 4 }, { dau: 3 }, { dau: 0 }]);
    expect(await restUsage(rest, acme.id, undefined, { ...q, interval: 'monthly' })).toEqual([{ dateTime: '2025-04-01 00:00:00', usage: { dau: 5 } }]);
  });

  test('the reseller chart shows the same daily and monthly peaks', async () => {
    const reseller = await t.signIn('reseller@rtc.demo');
    const get = async (tab: string, interval: string) => {
      const res = await reseller.get(`/api/usage/reseller/chart?from=2025-04-01&to=2025-04-02&interval=${interval}&tab=${tab}&companyId=${acme.id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { periods: string[]; series: { field: string; values: number[] }[] };
    };
    const value = (c: { series: { field: string; values: number[] }[] }, f: string) => c.series.find((s) => s.field === f)!.values;
    expect(value(await get('concurrentChannel', 'daily'), 'avcTotal')).toEqual([4, 5]);
    expect(value(await get('concurrentChannel', 'monthly'), 'avcTotal')).toEqual([6]);
    expect(value(await get('rtm', 'daily'), 'dau')).toEqual([4, 3]);
    expect(value(await get('rtm', 'monthly'), 'dau')).toEqual([5]);
  });
});

describe('rollups = a full rebuild from the raw records', () => {
  const rollupRows = async (table: string, projectId: string) =>
    rowsOf<{ n: number }>(await t.core.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where project_id = ${projectId}`))[0]!.n;

  test('after tampering with every rollup table, rebuildRollups restores exactly what ingest maintained', async () => {
    const galaxy = await companyByName(t, '星河直播');
    const g1 = galaxy.projects[0]!;
    // Milliseconds across midnight, transcoding of every kind, RTM: the JS split at ingest and the SQL split of the rebuild must agree.
    await edge.batch([
      session(g1.appId, { start: '2025-03-09T23:59:59.250Z', end: '2025-03-10T00:00:00.750Z', media: video(640, 360), channel: 'ms' }),
      session(g1.appId, { start: '2025-03-09T23:00:00.001Z', end: '2025-03-10T01:00:00.999Z', product: 'transcoding', transcoding: { codec: 'h265', mode: 'hosting-in' }, media: video(1920, 1080), channel: 'g' }),
      session(g1.appId, { start: '2025-03-10T00:30:00Z', minutes: 10, product: 'transcoding', transcoding: { codec: 'h264', mode: 'single-host' }, media: AUDIO, channel: 'g2' }),
      session(g1.appId, { start: '2025-03-10T00:30:00Z', minutes: 10, product: 'recording', media: video(320, 240), channel: 'g', role: 'audience' }),
      rtm(g1.appId, '张三', '2025-03-10T08:00:00Z'),
    ]);
    const snapshot = await rollupSnapshot(t);
    for (const table of Object.keys(snapshot)) expect(snapshot[table]!.length, table).toBeGreaterThan(0);
    const restBefore = await restUsage(rest, acme.id, undefined, { ...{ fromTs: ts('2025-03-01'), endTs: ts('2025-04-30') + 86_399 }, model: 'transcoding', business: 'default', interval: 'daily' });

    const tamper = async () => {
      await t.core.db.execute(sql`update usage_daily set ms = ms + 999`);
      await t.core.db.execute(sql`delete from usage_daily_channel where channel = 'a'`);
      await t.core.db.execute(sql`insert into usage_daily_channel (company_id, project_id, channel, day, product, metric, ms) values (${acme.id}, ${p1.id}, 'ghost', '2025-03-20', 1, 1, 60000)`);
      await t.core.db.execute(sql`update usage_daily_peak set value = value * 10`);
      await t.core.db.execute(sql`delete from usage_rtm_users`);
    };
    await tamper();
    expect(await rollupSnapshot(t)).not.toEqual(snapshot);
    expect(await rollupRows('usage_rtm_users', p1.id)).toBe(0);

    // One company only: Acme's rows come back, 星河直播's stay as they were tampered.
    await rebuildRollups(t.core.db, { companyId: acme.id });
    const partial = await rollupSnapshot(t);
    const ofCompany = (rows: string[], id: number) => rows.filter((r) => (JSON.parse(r) as { company_id: number }).company_id === id);
    for (const table of Object.keys(snapshot)) {
      expect(ofCompany(partial[table]!, acme.id), table).toEqual(ofCompany(snapshot[table]!, acme.id));
    }
    expect(ofCompany(partial.usage_daily!, galaxy.id)).not.toEqual(ofCompany(snapshot.usage_daily!, galaxy.id));

    await rebuildRollups(t.core.db);
    expect(await rollupSnapshot(t)).toEqual(snapshot);
    expect(await restUsage(rest, acme.id, undefined, { ...{ fromTs: ts('2025-03-01'), endTs: ts('2025-04-30') + 86_399 }, model: 'transcoding', business: 'default', interval: 'daily' })).toEqual(restBefore);
    expect((await daily(admin, '2025-03-03', '2025-03-04')).days).toEqual([
      { day: '2025-03-03', usage: rtcDay(23, 9, 31, 36) },
      { day: '2025-03-04', usage: rtcDay(38, 4, 5, 0) },
    ]);

    // A rebuild of unchanged rollups changes nothing.
    await rebuildRollups(t.core.db);
    expect(await rollupSnapshot(t)).toEqual(snapshot);
  });
});
