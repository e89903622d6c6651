// The operator's and the resellers' overview (issue 16): companies by status, new this week,
// resellers by status, and the plugins' figures (the usage plugin's RTC minutes this month
// against last month), with per-company figures for list columns.
import { addResellerMember, companies, createCompany, createIngestKey, createReseller, createUser, monthBounds, rowsOf, setCompanyPlugin, users } from '@rtc-console/core';
import { sign } from '@rtc-console/signer';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp, type TestClient } from './harness.js';

let t: TestApp;
let operator: TestClient;
let staff: TestClient;
let resellerId: number;
/** The fresh reseller's companies, by what the test made of them. */
const co: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'off', number> = { a: 0, b: 0, c: 0, d: 0, e: 0, off: 0 };
let otherCompany: number;
/** A second reseller with one company and usage, and a third with no company at all. */
let secondReseller: number;
let emptyReseller: number;
const now = new Date();
const bounds = monthBounds(now);

const input = (name: string, email: string) =>
  ({ name, email, firstName: 'T', lastName: 'C', country: 'DE', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 12, interest: 1, environment: 1 }) as const;

/** A company of `reseller` with one project whose App ID is returned. */
async function companyWithApp(reseller: number | null, name: string): Promise<{ id: number; appId: string }> {
  const c = await createCompany(t.core, input(name, `${name.replace(/\W/g, '').toLowerCase()}@overview.example`), { resellerId: reseller, actor: { userId: null, label: 'test' } });
  const appId = `${c.id}`.padStart(32, 'a');
  await t.core.db.execute(sql`insert into projects (id, company_id, app_id, name) values (${`ov${c.id}`}, ${c.id}, ${appId}, 'Overview')`);
  return { id: c.id, appId };
}

/** `minutes` of audio RTC of an App ID starting at `start`, through the real ingest endpoint. */
async function call(appId: string, start: Date, minutes: number, id: string) {
  const key = await createIngestKey(t.core.db, `overview ${id}`);
  const record = {
    type: 'session', recordId: `overview-${id}`, appId, channel: 'c', uid: '1', role: 'host', product: 'rtc', media: { kind: 'audio' },
    joinAt: start.toISOString(), leaveAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
  };
  const res = await t.anonymous().agent.post('/ingest/usage/records').set(await sign({ accessKeyId: key.accessKeyId, secret: key.secret })).send({ records: [record] });
  expect(res.body, JSON.stringify(res.body)).toMatchObject({ accepted: 1 });
}

const thisMonthAt = new Date(`${bounds.thisMonth}T00:01:00Z`);
const lastMonthAt = new Date(`${bounds.lastMonth}T12:00:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  operator = await t.signIn('operator@rtc.demo');
  const reseller = await createReseller(t.core, 'Overview Reseller');
  resellerId = reseller.id;
  const user = await createUser(t.core.db, { email: 'staff@overview.example', name: 'Staff', password: DEMO_PASSWORD });
  await addResellerMember(t.core.db, reseller.id, user.id);
  staff = await t.signIn('staff@overview.example');

  const a = await companyWithApp(resellerId, 'Ov A');
  const b = await companyWithApp(resellerId, 'Ov B');
  const off = await companyWithApp(resellerId, 'Ov Off');
  Object.assign(co, { a: a.id, b: b.id, off: off.id });
  co.c = (await companyWithApp(resellerId, 'Ov C')).id;
  co.d = (await companyWithApp(resellerId, 'Ov D')).id;
  co.e = (await companyWithApp(resellerId, 'Ov E')).id;
  // a normal and old; b normal; c insufficient balance; d manually suspended and blocked; e automatically suspended, old.
  await t.core.db.update(companies).set({ createdAt: new Date(now.getTime() - 30 * 86_400_000) }).where(inArray(companies.id, [co.a, co.e]));
  await t.core.db.update(companies).set({ status: 1 }).where(eq(companies.id, co.c));
  await t.core.db.update(companies).set({ status: 3, blocked: true }).where(eq(companies.id, co.d));
  await t.core.db.update(companies).set({ status: 2 }).where(eq(companies.id, co.e));

  await call(a.appId, thisMonthAt, 10, 'a1');
  await call(a.appId, lastMonthAt, 4, 'a0');
  await call(b.appId, thisMonthAt, 3, 'b1');
  await call(off.appId, thisMonthAt, 100, 'off1');
  const other = await companyWithApp(null, 'Ov Direct');
  otherCompany = other.id;
  await call(other.appId, thisMonthAt, 1000, 'x1');
  secondReseller = (await createReseller(t.core, 'Overview Second')).id;
  emptyReseller = (await createReseller(t.core, 'Overview Empty')).id;
  const second = await companyWithApp(secondReseller, 'Ov Second');
  await call(second.appId, thisMonthAt, 7, 's1');
  await call(second.appId, lastMonthAt, 2, 's0');
  // Usage switched off for one company: its minutes count nowhere, its row shows no usage figure.
  await setCompanyPlugin(t.core.db, { userId: null, label: 'test' }, off.id, 'usage', false, t.plugins.map((p) => p.manifest));
});
afterAll(() => t.close());

type Fig = { key: string; plugin: string; value: number; previous?: number; label: { en: string; 'zh-CN': string }; unit: { en: string } };
const rtc = (figures: Fig[]) => figures.find((f) => f.key === 'usage.rtcMinutes');

/**
 * The usage plugin's own chart (RTC tab, monthly) for the reseller, by month: audio plus video
 * minutes of this month and of the same days of last month (the figure's two periods).
 */
async function chartMinutes(client: TestClient, companyId?: number): Promise<{ thisMonth: number; sameDaysLastMonth: number }> {
  const [thisMonth] = Object.values(await chart(client, bounds.thisMonth, bounds.thisMonthEnd, companyId));
  const [sameDaysLastMonth] = Object.values(await chart(client, bounds.lastMonth, bounds.lastMonthSameDay, companyId));
  return { thisMonth: thisMonth!, sameDaysLastMonth: sameDaysLastMonth! };
}

async function chart(client: TestClient, from: string, to: string, companyId?: number): Promise<Record<string, number>> {
  const q = new URLSearchParams({ from, to, interval: 'monthly', tab: 'rtc', ...(companyId ? { companyId: String(companyId) } : {}) });
  const res = await client.get(`/api/usage/reseller/chart?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { periods, series } = res.body as { periods: string[]; series: { field: string; values: number[] }[] };
  const sum = (i: number) => series.filter((s) => s.field === 'audioAll' || s.field === 'videoAll').reduce((n, s) => n + s.values[i]!, 0);
  return Object.fromEntries(periods.map((p, i) => [p, sum(i)]));
}

describe('the reseller overview', () => {
  it('counts its own companies only, by console status, with the new ones of the week', async () => {
    const res = await staff.get('/api/reseller/overview');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.companies).toEqual({
      total: 6,
      byStatus: { normal: 3, insufficientBalance: 1, autoSuspended: 1, suspendedManually: 0, blocked: 1 },
      newThisWeek: 4,
    });
    expect(res.body.projects).toBe(6);
    expect(res.body).not.toHaveProperty('resellers');
  });

  it("gives the usage plugin's RTC minutes of this month and of the same days of last month, equal to the plugin's own chart, without the switched-off company", async () => {
    const { figures } = (await staff.get('/api/reseller/overview')).body as { figures: Fig[] };
    const f = rtc(figures);
    expect(f).toMatchObject({ plugin: 'usage', value: 13, previous: 4, unit: { en: 'minutes' }, label: { 'zh-CN': expect.any(String) } });
    const own = await chartMinutes(staff);
    expect([f!.value, f!.previous]).toEqual([own.thisMonth, own.sameDaysLastMonth]);
  });

  it('gives per-company figures for its own rows only; a switched-off company has none; another reseller\'s is left out', async () => {
    const res = await staff.get(`/api/reseller/figures?companies=${co.a},${co.b},${co.off},${co.c},${otherCompany}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byId = res.body.companies as Record<string, Fig[]>;
    expect(Object.keys(byId).map(Number).sort((x, y) => x - y)).toEqual([co.a, co.b, co.c, co.off].sort((x, y) => x - y));
    expect(rtc(byId[co.a]!)).toMatchObject({ value: 10, previous: 4 });
    expect(rtc(byId[co.b]!)).toMatchObject({ value: 3, previous: 0 });
    expect(rtc(byId[co.c]!)).toMatchObject({ value: 0, previous: 0 });
    expect(byId[co.off]).toEqual([]);
    const chartA = await chartMinutes(staff, co.a);
    expect([rtc(byId[co.a]!)!.value, rtc(byId[co.a]!)!.previous]).toEqual([chartA.thisMonth, chartA.sameDaysLastMonth]);
  });

  it('refuses malformed or too many ids with a 400 naming the field', async () => {
    for (const q of ['', '?companies=', '?companies=1,x', `?companies=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`]) {
      const res = await staff.get(`/api/reseller/figures${q}`);
      expect([res.status, res.body.error.code], q).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details[0].path).toEqual(['companies']);
    }
  });
});

describe('the operator overview', () => {
  it('counts every company and reseller, and the whole platform\'s minutes', async () => {
    const res = await operator.get('/api/operator/overview');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const one = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.core.db.execute(query))[0]!.n);
    const total = await one(sql`select count(*)::int as n from companies`);
    const fresh = await one(sql`select count(*)::int as n from companies where created_at >= now() - interval '7 days'`);
    const direct = await one(sql`select count(*)::int as n from companies where reseller_id is null`);
    expect(res.body.companies.total).toBe(total);
    expect(res.body.companies.newThisWeek).toBe(fresh);
    expect(res.body.directCompanies).toBe(direct);
    const byStatus = res.body.companies.byStatus as Record<string, number>;
    expect(Object.values(byStatus).reduce((s, n) => s + n, 0)).toBe(total);
    expect(byStatus.blocked).toBeGreaterThanOrEqual(1);
    expect(res.body.resellers.total).toBeGreaterThanOrEqual(2);
    expect(res.body.resellers.byStatus.active + res.body.resellers.byStatus.suspended).toBe(res.body.resellers.total);
    // Every company's minutes this month, the switched-off company's 100 left out.
    const ms = await one(sql`select coalesce(sum(ms), 0)::float8 as n from usage_daily where day >= ${bounds.thisMonth}::date and company_id <> ${co.off}`);
    const f = rtc(res.body.figures)!;
    expect(f.value).toBe(Math.ceil(ms / 60_000));
    expect(f.value).toBeGreaterThanOrEqual(1013);
  });

  it('gives any company\'s figures, direct ones included', async () => {
    const res = await operator.get(`/api/operator/figures?companies=${otherCompany},${co.a},${co.off}`);
    expect(res.status).toBe(200);
    expect(rtc(res.body.companies[otherCompany])).toMatchObject({ value: 1000, previous: 0 });
    expect(rtc(res.body.companies[co.a])).toMatchObject({ value: 10, previous: 4 });
    expect(res.body.companies[co.off]).toEqual([]);
  });

  it("gives each reseller's figures, the sum over its companies with usage on (as its own overview shows)", async () => {
    const res = await operator.get(`/api/operator/figures?resellers=${resellerId},${secondReseller},${emptyReseller},999999`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // a's 10 and b's 3 this month, a's 4 last month; the switched-off company's 100 count nowhere.
    expect(rtc(res.body.resellers[resellerId])).toMatchObject({ value: 13, previous: 4 });
    expect(rtc(res.body.resellers[secondReseller])).toMatchObject({ value: 7, previous: 2 });
    expect(rtc(res.body.resellers[emptyReseller])).toMatchObject({ value: 0, previous: 0 });
    // A reseller that does not exist is left out, as a company the caller may not read.
    expect(Object.keys(res.body.resellers).map(Number).sort((x, y) => x - y)).toEqual([resellerId, secondReseller, emptyReseller].sort((x, y) => x - y));
    const own = rtc(((await staff.get('/api/reseller/overview')).body as { figures: Fig[] }).figures)!;
    expect([own.value, own.previous]).toEqual([13, 4]);
    // The sum of the reseller's company rows, the switched-off one showing none.
    const rows = (await operator.get(`/api/operator/figures?companies=${Object.values(co).join(',')}`)).body.companies as Record<number, Fig[]>;
    expect(rows[co.off]).toEqual([]);
    expect(Object.values(rows).reduce((n, list) => n + (rtc(list)?.value ?? 0), 0)).toBe(13);
  });

  it('switching usage back on for a company adds it to its reseller\'s sum', async () => {
    const manifests = t.plugins.map((p) => p.manifest);
    await setCompanyPlugin(t.core.db, { userId: null, label: 'test' }, co.off, 'usage', true, manifests);
    try {
      const res = await operator.get(`/api/operator/figures?resellers=${resellerId}`);
      expect(rtc(res.body.resellers[resellerId])).toMatchObject({ value: 113, previous: 4 });
    } finally {
      await setCompanyPlugin(t.core.db, { userId: null, label: 'test' }, co.off, 'usage', false, manifests);
    }
  });

  it('refuses reseller ids that are malformed, too many, or given with companies, with a 400', async () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    for (const [q, path] of [['?resellers=', ['resellers']], ['?resellers=1,x', ['resellers']], [`?resellers=${many}`, ['resellers']], ['', []], ['?companies=1&resellers=1', []]] as const) {
      const res = await operator.get(`/api/operator/figures${q}`);
      expect([res.status, res.body.error.code], q).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.error.details[0].path, q).toEqual(path);
    }
  });

  it("a reseller's staff cannot read any reseller's figures, its own or another's", async () => {
    expect((await staff.get(`/api/operator/figures?resellers=${secondReseller}`)).status).toBe(403);
    expect((await staff.get(`/api/operator/figures?resellers=${resellerId}`)).status).toBe(403);
    // Its own route takes company ids only: its total is its overview's figure.
    const res = await staff.get(`/api/reseller/figures?resellers=${secondReseller}`);
    expect([res.status, res.body.error.details[0].path]).toEqual([400, ['companies']]);
  });

  it("support desk and finance read the overview too; a reseller's staff or a member do not", async () => {
    for (const role of ['support', 'finance'] as const) {
      const user = await createUser(t.core.db, { email: `${role}@overview.example`, name: role, password: DEMO_PASSWORD });
      await t.core.db.update(users).set({ platformRole: role }).where(eq(users.id, user.id));
      const client = await t.signIn(`${role}@overview.example`);
      expect((await client.get('/api/operator/overview')).status, role).toBe(200);
      expect((await client.get(`/api/operator/figures?companies=${co.a}`)).status, role).toBe(200);
      expect(rtc((await client.get(`/api/operator/figures?resellers=${resellerId}`)).body.resellers[resellerId])?.value, role).toBe(13);
    }
    expect((await staff.get('/api/operator/overview')).status).toBe(403);
    expect((await operator.get('/api/reseller/overview')).status).toBe(403);
    const member = await t.signIn('admin@acme.demo');
    expect((await member.get('/api/operator/overview')).status).toBe(403);
    expect((await member.get('/api/reseller/figures?companies=1')).status).toBe(403);
  });
});
