// The usage plugin's overview figures (issue 16): RTC minutes this month against last month for
// the platform, one reseller's companies, the direct companies, each company and each reseller asked; companies
// with usage switched off count nowhere.
import { createCompany, createReseller, monthBounds, rowsOf, servicesOfPlugin, setCompanyPlugin, type FigureScope } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, type TestApp } from '@rtc-console/testing';
import { usageServerPlugin } from '../src/server/index.js';
import { usageFigures } from '../src/server/figures.js';
import { ingestClient, session, video } from './usage-helpers.js';

let t: TestApp;
let figures: ReturnType<typeof usageFigures>;
let acme: number;
let galaxy: number;
let direct: number;
let otherResellerId: number;
let demoResellerId: number;
const now = new Date('2026-02-15T12:00:00Z');
const at = (scope: Omit<FigureScope, 'now'> = {}): FigureScope => ({ ...scope, now });
const input = (name: string, email: string) =>
  ({ name, email, firstName: 'T', lastName: 'C', country: 'DE', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 12, interest: 1, environment: 1 }) as const;

beforeAll(async () => {
  t = await createTestApp({ plugins: [usageServerPlugin] });
  figures = usageFigures(servicesOfPlugin(t.core, usageServerPlugin));
  const a = await companyByName(t, 'Acme Video');
  const g = await companyByName(t, '星河直播');
  acme = a.id;
  galaxy = g.id;
  const [row] = rowsOf<{ r: number }>(await t.core.db.execute(sql`select reseller_id as r from companies where id = ${acme}`));
  demoResellerId = row!.r;
  const actor = { userId: null, label: 'tests' };
  otherResellerId = (await createReseller(t.core, 'Figures Reseller')).id;
  direct = (await createCompany(t.core, input('Direct', 'direct@figures.test'), { actor })).id;
  const other = (await createCompany(t.core, input('Other', 'other@figures.test'), { resellerId: otherResellerId, actor })).id;
  const appOf = async (companyId: number) => {
    const appId = `${companyId}`.padStart(32, 'f');
    await t.core.db.execute(sql`insert into projects (id, company_id, app_id, name) values (${`fg${companyId}`}, ${companyId}, ${appId}, 'Figures')`);
    return appId;
  };
  const edge = await ingestClient(t);
  await edge.batch([
    // Acme: 10 audio + 5 video minutes in February; 7 in January's first half (the same days as
    // February's so far), 4 after it (not compared); a December call counts in neither.
    session(a.projects[0]!.appId, { start: '2026-02-03T10:00:00Z', minutes: 10 }),
    session(a.projects[0]!.appId, { start: '2026-02-04T10:00:00Z', minutes: 5, media: video(640, 360) }),
    session(a.projects[0]!.appId, { start: '2026-01-10T10:00:00Z', minutes: 7 }),
    session(a.projects[0]!.appId, { start: '2026-01-20T10:00:00Z', minutes: 4 }),
    session(a.projects[0]!.appId, { start: '2025-12-20T10:00:00Z', minutes: 50 }),
    // 星河直播: 2 minutes in February (switched off below).
    session(g.projects[0]!.appId, { start: '2026-02-01T00:00:00Z', minutes: 2 }),
    session(await appOf(direct), { start: '2026-02-10T10:00:00Z', minutes: 20 }),
    // Across midnight into January 15th, the last day compared: all 31 minutes count.
    session(await appOf(other), { start: '2026-01-14T23:50:00Z', minutes: 31 }),
  ]);
});
afterAll(() => t.close());

describe('usage figures', () => {
  test('the month bounds of an instant (UTC)', () => {
    expect(monthBounds(now)).toEqual({ thisMonth: '2026-02-01', thisMonthEnd: '2026-02-28', lastMonth: '2026-01-01', lastMonthEnd: '2026-01-31', lastMonthSameDay: '2026-01-15' });
    expect(monthBounds(new Date('2026-01-01T00:00:00Z'))).toMatchObject({ lastMonth: '2025-12-01', lastMonthEnd: '2025-12-31', lastMonthSameDay: '2025-12-01' });
    // A longer month than the one before: the comparison stops at last month's end.
    expect(monthBounds(new Date('2026-03-31T23:59:59Z'))).toMatchObject({ lastMonth: '2026-02-01', lastMonthSameDay: '2026-02-28' });
  });

  test('the platform, one reseller, and the direct companies, with audio and video added up, against the same days of last month', async () => {
    const [platform] = await figures.platform!(at());
    expect(platform).toMatchObject({ key: 'rtcMinutes', value: 10 + 5 + 2 + 20, previous: 7 + 31, unit: { en: 'minutes', 'zh-CN': '分钟' } });
    expect(platform!.label['zh-CN']).toBeTruthy();
    expect((await figures.platform!(at({ resellerId: demoResellerId })))[0]).toMatchObject({ value: 17, previous: 7 });
    expect((await figures.platform!(at({ resellerId: otherResellerId })))[0]).toMatchObject({ value: 0, previous: 31 });
    expect((await figures.platform!(at({ resellerId: null })))[0]).toMatchObject({ value: 20, previous: 0 });
  });

  test('per company: each one asked, 0 without usage, none of the companies not asked', async () => {
    const byId = await figures.companies!([acme, direct, galaxy], at());
    expect(Object.keys(byId).map(Number).sort((x, y) => x - y)).toEqual([acme, direct, galaxy].sort((x, y) => x - y));
    expect(byId[acme]![0]).toMatchObject({ value: 15, previous: 7 });
    expect(byId[galaxy]![0]).toMatchObject({ value: 2, previous: 0 });
    expect(await figures.companies!([], at())).toEqual({});
  });

  test('per reseller: the sum over its companies, for each reseller asked', async () => {
    const byId = await figures.resellers!([demoResellerId, otherResellerId], at());
    expect(byId[demoResellerId]![0]).toMatchObject({ key: 'rtcMinutes', value: 17, previous: 7 });
    expect(byId[otherResellerId]![0]).toMatchObject({ value: 0, previous: 31 });
    // The same as the platform figure of each reseller's scope.
    expect(byId[demoResellerId]![0]).toEqual((await figures.platform!(at({ resellerId: demoResellerId })))[0]);
    expect(await figures.resellers!([], at())).toEqual({});
  });

  test('a company with usage switched off counts nowhere and has no figure', async () => {
    await setCompanyPlugin(t.core.db, { userId: null, label: 'tests' }, galaxy, 'usage', false, [usageServerPlugin.manifest]);
    try {
      expect((await figures.platform!(at()))[0]).toMatchObject({ value: 35 });
      expect((await figures.platform!(at({ resellerId: demoResellerId })))[0]).toMatchObject({ value: 15 });
      expect((await figures.resellers!([demoResellerId], at()))[demoResellerId]![0]).toMatchObject({ value: 15 });
      const byId = await figures.companies!([acme, galaxy], at());
      expect(byId[galaxy]).toBeUndefined();
      expect(byId[acme]![0]).toMatchObject({ value: 15 });
    } finally {
      await setCompanyPlugin(t.core.db, { userId: null, label: 'tests' }, galaxy, 'usage', true, [usageServerPlugin.manifest]);
    }
  });
});
