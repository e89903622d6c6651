// Usage sheets (seed 001 "Usage > Download", PRODUCT.md "Usage"): the reseller's usage.xlsx with
// the chosen columns (companies without usage left out), and a company admin's own export as CSV
// and xlsx; read back with exceljs and compared with the ingested records. Exporting is admin-only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCompany, rowsOf } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { companyByName, createTestApp, DEMO_PASSWORD, linkToken, type DemoProject, type TestApp, type TestClient } from '@rtc-console/testing';
import { usageServerPlugin } from '../src/server/index.js';
import { expectError, ingestClient, rtm, session, video } from './usage-helpers.js';

let t: TestApp;
let reseller: TestClient;
let admin: TestClient;
let acme: { id: number; projects: DemoProject[] };
let galaxy: { id: number; projects: DemoProject[] };
let p1: DemoProject;
let p2: DemoProject;
let g1: DemoProject;

beforeAll(async () => {
  t = await createTestApp({ plugins: [usageServerPlugin] });
  reseller = await t.signIn('reseller@rtc.demo');
  admin = await t.signIn('admin@acme.demo');
  acme = await companyByName(t, 'Acme Video');
  galaxy = await companyByName(t, '星河直播');
  [p1, p2] = acme.projects as [DemoProject, DemoProject];
  g1 = galaxy.projects[0]!;
  // A company of the same reseller without any usage: it must not appear in the sheets.
  const [row] = rowsOf<{ reseller_id: number }>(await t.core.db.execute(sql`select reseller_id from companies where id = ${acme.id}`));
  await createCompany(
    t.core,
    { name: 'Quiet Co', email: 'admin@quiet.test', firstName: 'Q', lastName: 'Uiet', country: 'FR', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 12, interest: 1, environment: 1 },
    { resellerId: row!.reseller_id, actor: { userId: null, label: 'tests' }, initialPassword: DEMO_PASSWORD },
  );

  const edge = await ingestClient(t);
  await edge.batch([
    session(p1.appId, { start: '2025-07-01T10:00:00Z', minutes: 10 }),
    session(p1.appId, { start: '2025-07-01T10:00:00Z', minutes: 3, product: 'cloudRecording', media: video(1920, 1080), role: 'audience' }),
    session(p2.appId, { start: '2025-07-02T10:00:00Z', minutes: 5, media: video(1280, 720) }),
    session(g1.appId, { start: '2025-07-01T10:00:00Z', minutes: 7, product: 'miniapp' }),
    rtm(g1.appId, 'u1', '2025-07-02T10:00:00Z'),
    rtm(g1.appId, 'u2', '2025-07-02T11:00:00Z'),
    // Outside the sheets' range.
    session(p1.appId, { start: '2025-06-30T10:00:00Z', minutes: 99 }),
    // 20 seconds: 0 minutes, so a row of zeros, left out.
    session(galaxy.projects[1]!.appId, { start: '2025-07-03T10:00:00Z', end: '2025-07-03T10:00:20Z' }),
  ]);
});
afterAll(() => t.close());

/** GETs a file, keeping the body as bytes. */
async function download(client: TestClient, url: string) {
  return client
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** The cells of the workbook's only sheet, row by row (exceljs rows and cells are 1-based). */
async function readXlsx(data: Buffer): Promise<{ name: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += c;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

const FIELDS = {
  rtc: ['Video & Audio', ['audioAll', 'videoAll', 'sdAll', 'hdAll', 'hdpAll']],
  recording: ['On-premise Recording', ['audioAudience', 'sdAudience', 'hdAudience', 'hdpAudience']],
  cloudRecording: ['Cloud Recording', ['audioAudience', 'sdAudience', 'hdAudience', 'hdpAudience']],
  miniapp: ['Mini App', ['audioAll', 'videoAll']],
  transcoding: ['Transcoding', ['audioHostin', 'avcAudio', 'videoSingleHost', 'avcSd', 'avcHd', 'avcHdp', 'hevcAudio', 'hevcSd', 'hevcHd', 'hevcHdp']],
  concurrentChannel: [
    'Concurrent Channel',
    ['avcTotal', 'avcTotalHostin', 'avcTotalVideoHostin', 'avcAudio', 'audioHostin', 'videoSingleHost', 'avcSd', 'avcHd', 'avcHdp', 'hevcAudio', 'hevcSd', 'hevcHd', 'hevcHdp'],
  ],
  rtm: ['RTM', ['dau']],
} as const;
type Tab = keyof typeof FIELDS;
const headersOf = (tabs: readonly Tab[]) => tabs.flatMap((tab) => FIELDS[tab][1].map((f) => `${FIELDS[tab][0]} · ${f}`));
/** A row of product values: 0 everywhere except the given `Tab · field` cells. */
const valuesOf = (tabs: readonly Tab[], set: Record<string, number>) => headersOf(tabs).map((h) => set[h] ?? 0);
const ALL = Object.keys(FIELDS) as Tab[];

describe("the reseller's usage.xlsx", () => {
  const url = (q: Record<string, string>) => `/api/usage/reseller/download?${new URLSearchParams({ from: '2025-07-01', to: '2025-07-31', ...q })}`;

  test('default columns, monthly: a row per company with usage, every product; Quiet Co left out', async () => {
    const res = await download(reseller, url({ interval: 'monthly' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="usage.xlsx"');
    const sheet = await readXlsx(res.body as Buffer);
    expect(sheet.name).toBe('usage');
    expect(sheet.rows[0]).toEqual(['Period', 'Company ID', 'Company', ...headersOf(ALL)]);
    expect(headersOf(ALL)).toHaveLength(39);
    expect(sheet.rows.slice(1)).toEqual(
      [
        ['2025-07', acme.id, 'Acme Video', ...valuesOf(ALL, { 'Video & Audio · audioAll': 10, 'Video & Audio · videoAll': 5, 'Video & Audio · hdAll': 5, 'Cloud Recording · hdpAudience': 3 })],
        ['2025-07', galaxy.id, '星河直播', ...valuesOf(ALL, { 'Mini App · audioAll': 7, 'RTM · dau': 2 })],
      ].sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
  });

  test('a company whose usage the operator switched off leaves the sheet, and comes back when it is switched on', async () => {
    const operator = await t.signIn('operator@rtc.demo');
    const companies = async () => (await readXlsx((await download(reseller, url({ interval: 'monthly' }))).body as Buffer)).rows.slice(1).map((r) => r[1]);
    expect(await companies()).toContain(acme.id);
    expect((await operator.put(`/api/operator/companies/${acme.id}/plugins/usage`, { enabled: false })).status).toBe(200);
    try {
      expect(await companies()).toEqual([galaxy.id]);
      // Asked for by project, its projects are left out too.
      const byProject = await readXlsx((await download(reseller, url({ interval: 'monthly', company: 'false', project: 'true' }))).body as Buffer);
      expect(byProject.rows.slice(1).map((r) => r[1])).not.toContain(p1.id);
    } finally {
      expect((await operator.put(`/api/operator/companies/${acme.id}/plugins/usage`, { enabled: true })).status).toBe(200);
    }
    expect(await companies()).toContain(acme.id);
  });

  test('chosen columns, daily: project columns, two products; rows per day and project with usage (0 minutes is none)', async () => {
    const tabs: Tab[] = ['rtc', 'miniapp'];
    const sheet = await readXlsx((await download(reseller, url({ interval: 'daily', company: 'false', project: 'true', products: tabs.join(',') }))).body as Buffer);
    expect(sheet.rows[0]).toEqual(['Period', 'Project ID', 'Project', ...headersOf(tabs)]);
    const expected = [
      ['2025-07-01', p1.id, p1.name, ...valuesOf(tabs, { 'Video & Audio · audioAll': 10 })],
      ['2025-07-01', g1.id, g1.name, ...valuesOf(tabs, { 'Mini App · audioAll': 7 })],
      ['2025-07-02', p2.id, p2.name, ...valuesOf(tabs, { 'Video & Audio · videoAll': 5, 'Video & Audio · hdAll': 5 })],
    ];
    const key = (r: unknown[]) => `${String(r[0])}|${String(r[1])}`;
    expect(sheet.rows.slice(1)).toEqual(expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
  });

  test('company and project columns together, in Chinese', async () => {
    const sheet = await readXlsx((await download(reseller, url({ interval: 'monthly', company: 'true', project: 'true', products: 'rtc', locale: 'zh-CN' }))).body as Buffer);
    expect(sheet.rows[0]).toEqual(['时间', '公司 ID', '公司', '项目 ID', '项目', '音视频 · audioAll', '音视频 · videoAll', '音视频 · sdAll', '音视频 · hdAll', '音视频 · hdpAll']);
    const expected = [
      ['2025-07', acme.id, 'Acme Video', p1.id, p1.name, 10, 0, 0, 0, 0],
      ['2025-07', acme.id, 'Acme Video', p2.id, p2.name, 0, 5, 0, 5, 0],
    ];
    const key = (r: unknown[]) => String(r[3]);
    expect(sheet.rows.slice(1)).toEqual(expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
  });

  test('a product nobody used in the range gives a sheet with its header only', async () => {
    const sheet = await readXlsx((await download(reseller, url({ interval: 'monthly', products: 'transcoding,recording' }))).body as Buffer);
    expect(sheet.rows).toEqual([['Period', 'Company ID', 'Company', ...headersOf(['transcoding', 'recording'])]]);
    // RTM only: 星河直播 alone.
    const rtmOnly = await readXlsx((await download(reseller, url({ interval: 'daily', products: 'rtm' }))).body as Buffer);
    expect(rtmOnly.rows.slice(1)).toEqual([['2025-07-02', galaxy.id, '星河直播', 2]]);
  });

  test('bad choices are a 400 naming them', async () => {
    const cases: [q: Record<string, string>, message: RegExp][] = [
      [{ interval: 'weekly' }, /interval must be daily or monthly/],
      [{ interval: 'daily', products: 'rtc,video' }, /products must be a comma-separated list/],
      [{ interval: 'daily', products: ',' }, /choose at least one product/],
      [{ interval: 'daily', from: '2025-08-01' }, /from must not be after to/],
      [{ interval: 'daily', to: '2025-02-30' }, /to must be a date/],
      [{ interval: 'daily', project: 'yes' }, /project/],
    ];
    for (const [q, message] of cases) expect(expectError(await reseller.get(url(q)), 400, 'VALIDATION_FAILED').message, JSON.stringify(q)).toMatch(message);
  });

  test('company members cannot download the reseller sheet', async () => {
    expectError(await admin.get(url({ interval: 'monthly' })), 403);
  });
});

describe("a company admin's export", () => {
  const tabs: Tab[] = ['rtc', 'recording', 'cloudRecording', 'miniapp'];
  const url = (q: Record<string, string>) => `/api/usage/export?${new URLSearchParams({ from: '2025-07-01', to: '2025-07-31', ...q })}`;
  const expected = () => [
    ['2025-07-01', p1.id, p1.name, ...valuesOf(tabs, { 'Video & Audio · audioAll': 10, 'Cloud Recording · hdpAudience': 3 })],
    ['2025-07-02', p2.id, p2.name, ...valuesOf(tabs, { 'Video & Audio · videoAll': 5, 'Video & Audio · hdAll': 5 })],
  ];
  const header = ['Period', 'Project ID', 'Project', ...headersOf(tabs)];

  test('xlsx: a row per day and project of its own company, the duration products', async () => {
    const res = await download(admin, url({ format: 'xlsx' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="usage.xlsx"');
    const sheet = await readXlsx(res.body as Buffer);
    expect(sheet.rows).toEqual([header, ...expected()]);
  });

  test('CSV: the same cells', async () => {
    const res = await admin.get(url({ format: 'csv' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="usage.csv"');
    const rows = parseCsv(res.text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c !== ''));
    expect(rows).toEqual([header, ...expected().map((r) => r.map(String))]);
  });

  test('one project only; another company’s project is not found (as on the usage page)', async () => {
    const sheet = await readXlsx((await download(admin, url({ projectId: p2.id }))).body as Buffer);
    expect(sheet.rows).toEqual([header, expected()[1]]);
    expectError(await admin.get(url({ projectId: g1.id })), 404, 'NOT_FOUND');
  });

  test('a member whose role is limited to one project exports that project only', async () => {
    const role = await admin.post('/api/roles', { name: 'Shop accountant', permissions: ['usage.read', 'usage.export'], projectIds: [p2.id] });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    expect((await admin.post('/api/members/invitations', { email: 'accountant@acme.test', role: (role.body as { id: number }).id })).status).toBe(201);
    const token = await linkToken(t, 'accountant@acme.test', 'invitation');
    const accountant = t.anonymous();
    const accepted = await accountant.post(`/api/invitations/${encodeURIComponent(token)}/accept`, { name: 'Ann Accountant', password: 'ledger-keeper-pass-1' });
    expect(accepted.status).toBe(201);
    accountant.adopt(accepted.body as { csrfToken?: string });
    expect((await readXlsx((await download(accountant, url({}))).body as Buffer)).rows).toEqual([header, expected()[1]]);
  });

  test('ops may read usage but not export it; support, engineers and the project viewer may do neither', async () => {
    const ops = await t.signIn('ops@acme.demo');
    expect((await ops.get('/api/usage/daily?from=2025-07-01&to=2025-07-31')).status).toBe(200);
    expectError(await ops.get(url({ format: 'csv' })), 403, 'FORBIDDEN');
    expectError(await ops.get(url({ format: 'xlsx' })), 403, 'FORBIDDEN');
    for (const email of ['support@acme.demo', 'engineer@acme.demo', 'viewer@acme.demo']) {
      const member = await t.signIn(email);
      expectError(await member.get(url({ format: 'csv' })), 403, 'FORBIDDEN');
      expectError(await member.get('/api/usage/daily?from=2025-07-01&to=2025-07-31'), 403, 'FORBIDDEN');
    }
  });

  test('bad parameters are a 400', async () => {
    expect(expectError(await admin.get(url({ format: 'pdf' })), 400, 'VALIDATION_FAILED').message).toMatch(/format must be csv or xlsx/);
    expectError(await admin.get('/api/usage/export?from=2025-07-01'), 400, 'VALIDATION_FAILED');
  });
});
