import { companies, projects } from '@rtc-console/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp, type TestClient } from './harness.js';

interface ProjectRow {
  id: string;
  companyId: number;
  appId: string;
  name: string;
  status: number;
  certificateEnabled: boolean;
  recordingServers: string[];
  region: string;
  billingType: string;
  deletedAt: string | null;
}

interface AuditRow {
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

let t: TestApp;
let admin: TestClient;
let acmeId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin@acme.demo');
  acmeId = admin.me.companyId as number;
  // Room for the projects these tests create; the limit test lowers it on purpose.
  await setAppLimit(100);
});
afterAll(() => t.close());

async function setAppLimit(limit: number): Promise<void> {
  await t.core.db.update(companies).set({ appLimit: limit }).where(eq(companies.id, acmeId));
}

async function create(name: string, by: TestClient = admin): Promise<ProjectRow> {
  const res = await by.post('/api/projects', { name });
  expect(res.status).toBe(201);
  return res.body as ProjectRow;
}

async function list(query: string, by: TestClient = admin): Promise<{ rows: ProjectRow[]; count: number; names: string[] }> {
  const res = await by.get(`/api/projects?${query}`);
  expect(res.status).toBe(200);
  const rows = res.body.rows as ProjectRow[];
  return { rows, count: res.body.count as number, names: rows.map((p) => p.name) };
}

async function audit(query: string): Promise<AuditRow[]> {
  const res = await admin.get(`/api/audit?limit=100&${query}`);
  expect(res.status).toBe(200);
  return res.body.rows as AuditRow[];
}

async function reauth(client: TestClient): Promise<void> {
  expect((await client.post('/api/auth/reauth', { password: DEMO_PASSWORD })).status).toBe(204);
}

// ---------------------------------------------------------------------------------------------
// Create, rename, settings

test('creating a project gives it a unique 32-hex App ID, status enabled, and no certificate', async () => {
  const res = await admin.post('/api/projects', { name: 'Alpha Stream' });
  expect(res.status).toBe(201);
  const p = res.body as ProjectRow;
  expect(p.appId).toMatch(/^[0-9a-f]{32}$/);
  expect(p.id).toMatch(/^[A-Za-z0-9]{8}$/);
  expect(p).toMatchObject({ name: 'Alpha Stream', companyId: acmeId, status: 1, region: 'CN', billingType: 'duration', certificateEnabled: false, recordingServers: [] });
  expect(res.body).not.toHaveProperty('appCertificate');

  const fetched = await admin.get(`/api/projects/${p.id}`);
  expect(fetched.status).toBe(200);
  expect(fetched.body).toMatchObject({ id: p.id, appId: p.appId, name: 'Alpha Stream' });

  const other = await create('Beta Stream');
  expect(other.appId).toMatch(/^[0-9a-f]{32}$/);
  expect(other.appId).not.toBe(p.appId);
  expect(other.id).not.toBe(p.id);
  const [row] = await t.core.db.select({ n: projects.appId }).from(projects).where(eq(projects.appId, p.appId));
  expect(row).toBeDefined();

  const entry = (await audit(`action=project.create&targetId=${p.id}`))[0];
  expect(entry).toMatchObject({ actorLabel: 'admin@acme.demo', targetType: 'Project', changes: { after: { name: 'Alpha Stream', appId: p.appId, region: 'CN' } } });
});

test('creating a project with a bad name or region is refused with 400 naming the field', async () => {
  const empty = await admin.post('/api/projects', { name: '   ' });
  expect(empty.status).toBe(400);
  expect(empty.body.error.code).toBe('VALIDATION_FAILED');
  expect(empty.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);
  const long = await admin.post('/api/projects', { name: 'x'.repeat(256) });
  expect(long.status).toBe(400);
  expect(long.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);
  const region = await admin.post('/api/projects', { name: 'Mars Base', region: 'Mars' });
  expect(region.status).toBe(400);
  expect(region.body.error.details).toEqual([expect.objectContaining({ path: ['region'] })]);
  expect((await list('q=Mars')).count).toBe(0);
});

test('a project is renamed; the App ID never changes', async () => {
  const p = await create('Rename Me');
  const res = await admin.patch(`/api/projects/${p.id}`, { name: 'Renamed', appId: '0'.repeat(32) });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: p.id, name: 'Renamed', appId: p.appId });
  expect((await admin.get(`/api/projects/${p.id}`)).body).toMatchObject({ name: 'Renamed', appId: p.appId });

  // An update that only tries to change the App ID has nothing valid to do.
  const onlyAppId = await admin.patch(`/api/projects/${p.id}`, { appId: 'f'.repeat(32) });
  expect(onlyAppId.status).toBe(400);
  expect((await admin.get(`/api/projects/${p.id}`)).body.appId).toBe(p.appId);

  const entry = (await audit(`action=project.update&targetId=${p.id}`))[0];
  expect(entry).toMatchObject({ actorLabel: 'admin@acme.demo', changes: { before: { name: 'Rename Me' }, after: { name: 'Renamed' } } });
  // Only what changed is logged.
  expect(Object.keys(entry!.changes.after!)).toEqual(['name']);
});

test('recording servers accept IP addresses and domain names and refuse anything else with 400 naming the entry', async () => {
  const p = await create('Recorder');
  const ok = await admin.patch(`/api/projects/${p.id}`, { recordingServers: ['10.0.0.1', 'Rec.Example.COM', '2001:db8::1'] });
  expect(ok.status).toBe(200);
  expect(ok.body.recordingServers).toEqual(['10.0.0.1', 'rec.example.com', '2001:db8::1']);

  const bad = await admin.patch(`/api/projects/${p.id}`, { recordingServers: ['10.0.0.2', 'not a host!'] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  expect(bad.body.error.details).toEqual([expect.objectContaining({ path: ['recordingServers', 1] })]);
  expect(bad.body.error.message).toMatch(/^recordingServers\.1: /);

  for (const value of ['256.1.1.1', 'http://rec.example.com', 'localhost', '', '10.0.0.1/24']) {
    const res = await admin.patch(`/api/projects/${p.id}`, { recordingServers: [value] });
    expect(res.status, value).toBe(400);
    expect(res.body.error.details[0].path, value).toEqual(['recordingServers', 0]);
  }
  const repeated = await admin.patch(`/api/projects/${p.id}`, { recordingServers: ['10.0.0.1', '10.0.0.1'] });
  expect(repeated.status).toBe(400);
  expect(repeated.body.error.details).toEqual([expect.objectContaining({ path: ['recordingServers'] })]);
  const tooMany = await admin.patch(`/api/projects/${p.id}`, { recordingServers: Array.from({ length: 21 }, (_, i) => `10.0.1.${i}`) });
  expect(tooMany.status).toBe(400);

  expect((await admin.get(`/api/projects/${p.id}`)).body.recordingServers).toEqual(['10.0.0.1', 'rec.example.com', '2001:db8::1']);
  const entry = (await audit(`action=project.update&targetId=${p.id}`))[0];
  expect(entry!.changes).toEqual({ before: { recordingServers: [] }, after: { recordingServers: ['10.0.0.1', 'rec.example.com', '2001:db8::1'] } });
});

test('a project is disabled and enabled again, each change audited', async () => {
  const p = await create('Toggle');
  const off = await admin.post(`/api/projects/${p.id}/disable`);
  expect(off.status).toBe(200);
  expect(off.body.status).toBe(0);
  expect((await list('status=disabled&q=Toggle')).names).toEqual(['Toggle']);
  expect((await list('status=enabled&q=Toggle')).names).toEqual([]);

  const on = await admin.post(`/api/projects/${p.id}/enable`);
  expect(on.status).toBe(200);
  expect(on.body.status).toBe(1);
  expect((await admin.get(`/api/projects/${p.id}`)).body.status).toBe(1);

  expect((await audit(`action=project.disable&targetId=${p.id}`))[0]).toMatchObject({ changes: { before: { status: 1 }, after: { status: 0 } } });
  expect((await audit(`action=project.enable&targetId=${p.id}`))[0]).toMatchObject({ changes: { before: { status: 0 }, after: { status: 1 } } });
});

// ---------------------------------------------------------------------------------------------
// Delete

test('deleting needs the exact name typed; afterwards the project is status -1, its certificate is gone and its name is free', async () => {
  const p = await create('Doomed');
  await reauth(admin);
  expect((await admin.post(`/api/projects/${p.id}/certificate`)).status).toBe(201);
  expect((await admin.patch(`/api/projects/${p.id}`, { recordingServers: ['10.1.1.1'] })).status).toBe(200);

  const wrong = await admin.delete(`/api/projects/${p.id}`, { confirmName: 'doomed' });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
  expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: ['confirmName'] })]);
  const missing = await admin.delete(`/api/projects/${p.id}`, {});
  expect(missing.status).toBe(400);
  expect(missing.body.error.details).toEqual([expect.objectContaining({ path: ['confirmName'] })]);
  expect((await admin.get(`/api/projects/${p.id}`)).body.status).toBe(1);

  const res = await admin.delete(`/api/projects/${p.id}`, { confirmName: 'Doomed' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: p.id, appId: p.appId, status: -1, certificateEnabled: false, recordingServers: [] });
  expect(res.body.deletedAt).toBeTruthy();

  expect((await list('q=Doomed')).names).toEqual([]);
  const deleted = await list('status=deleted&q=Doomed');
  expect(deleted.rows).toEqual([expect.objectContaining({ id: p.id, status: -1 })]);

  // The certificate is wiped, not just hidden.
  const [row] = await t.core.db.select().from(projects).where(eq(projects.id, p.id));
  expect(row!.appCertificate).toBeNull();
  expect(row!.certificateEnabled).toBe(false);
  await reauth(admin);
  expect((await admin.post(`/api/projects/${p.id}/certificate/reveal`)).status).toBe(404);

  // A deleted project stays deleted.
  expect((await admin.patch(`/api/projects/${p.id}`, { name: 'Undead' })).status).toBe(409);
  expect((await admin.post(`/api/projects/${p.id}/enable`)).status).toBe(409);
  expect((await admin.delete(`/api/projects/${p.id}`, { confirmName: 'Doomed' })).status).toBe(404);

  // The name can be used again, with a fresh App ID.
  const again = await create('Doomed');
  expect(again.id).not.toBe(p.id);
  expect(again.appId).not.toBe(p.appId);

  expect((await audit(`action=project.delete&targetId=${p.id}`))[0]).toMatchObject({
    actorLabel: 'admin@acme.demo',
    changes: { before: { name: 'Doomed', status: 1 }, after: { status: -1 } },
  });
});

// ---------------------------------------------------------------------------------------------
// Limits and uniqueness

test('appLimit is enforced with 409 LIMIT_REACHED; disabled projects count, deleted ones do not', async () => {
  const active = (await admin.get('/api/company')).body.projects as number;
  const p = await create('Limit Filler');
  expect((await admin.post(`/api/projects/${p.id}/disable`)).status).toBe(200);
  await setAppLimit(active + 1);
  try {
    const over = await admin.post('/api/projects', { name: 'One Too Many' });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('LIMIT_REACHED');
    expect(over.body.error.message).toBe(`The company has reached its project limit of ${active + 1}`);
    expect(over.body.error.details).toEqual({ appLimit: active + 1, projects: active + 1 });
    expect((await list(`q=${encodeURIComponent('One Too Many')}&status=active`)).count).toBe(0);

    expect((await admin.delete(`/api/projects/${p.id}`, { confirmName: 'Limit Filler' })).status).toBe(200);
    expect((await admin.get('/api/company')).body.projects).toBe(active);
    expect((await admin.post('/api/projects', { name: 'One Too Many' })).status).toBe(201);
  } finally {
    await setAppLimit(100);
  }
});

test('a project name already used in the company is refused with 409, whatever its case', async () => {
  const dup = await admin.post('/api/projects', { name: '  video CLASSROOM ' });
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe('CONFLICT');
  expect(dup.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);

  const p = await create('Unique Name');
  const rename = await admin.patch(`/api/projects/${p.id}`, { name: 'Live Shopping' });
  expect(rename.status).toBe(409);
  expect(rename.body.error.code).toBe('CONFLICT');
  expect((await admin.get(`/api/projects/${p.id}`)).body.name).toBe('Unique Name');

  // Names are per company: another company's project name is free here.
  expect((await admin.post('/api/projects', { name: '互动直播' })).status).toBe(201);
});

// ---------------------------------------------------------------------------------------------
// The list

test('the project list sorts by created time, name and status, searches name or App ID, filters by status and paginates', async () => {
  const b = await create('Sortable B');
  const a = await create('Sortable A');
  const c = await create('Sortable C');
  expect((await admin.post(`/api/projects/${a.id}/disable`)).status).toBe(200);

  expect((await list('q=Sortable&sort=name&order=asc')).names).toEqual(['Sortable A', 'Sortable B', 'Sortable C']);
  expect((await list('q=Sortable&sort=name&order=desc')).names).toEqual(['Sortable C', 'Sortable B', 'Sortable A']);
  expect((await list('q=Sortable&sort=createdAt&order=asc')).names).toEqual(['Sortable B', 'Sortable A', 'Sortable C']);
  // Default: newest first.
  expect((await list('q=Sortable')).names).toEqual(['Sortable C', 'Sortable A', 'Sortable B']);
  const byStatusAsc = (await list('q=Sortable&sort=status&order=asc')).names;
  expect(byStatusAsc[0]).toBe('Sortable A');
  expect(byStatusAsc.slice(1).sort()).toEqual(['Sortable B', 'Sortable C']);
  expect((await list('q=Sortable&sort=status&order=desc')).names[2]).toBe('Sortable A');

  // Search: case-insensitive name, full or partial App ID.
  expect((await list('q=sortable')).count).toBe(3);
  expect((await list(`q=${b.appId}`)).rows.map((p) => p.id)).toEqual([b.id]);
  expect((await list(`q=${b.appId.slice(5, 21).toUpperCase()}`)).rows.map((p) => p.id)).toContain(b.id);
  expect((await list('q=%25')).count).toBe(0);

  // Status filter: active (default) = enabled + disabled.
  expect((await list('q=Sortable&status=disabled')).names).toEqual(['Sortable A']);
  expect((await list('q=Sortable&status=enabled&sort=name&order=asc')).names).toEqual(['Sortable B', 'Sortable C']);
  expect((await list('q=Sortable&status=active')).count).toBe(3);
  expect((await list('q=Sortable&status=deleted')).count).toBe(0);
  expect((await admin.delete(`/api/projects/${c.id}`, { confirmName: 'Sortable C' })).status).toBe(200);
  expect((await list('q=Sortable&status=deleted')).names).toEqual(['Sortable C']);
  expect((await list('q=Sortable')).names).toEqual(['Sortable A', 'Sortable B']);

  // Pagination keeps the total count.
  const d = await create('Sortable D');
  const page1 = await list('q=Sortable&sort=name&order=asc&limit=2&offset=0');
  expect(page1).toMatchObject({ names: ['Sortable A', 'Sortable B'], count: 3 });
  const page2 = await list('q=Sortable&sort=name&order=asc&limit=2&offset=2');
  expect(page2).toMatchObject({ names: ['Sortable D'], count: 3 });
  expect(page2.rows[0]!.id).toBe(d.id);

  expect((await admin.get('/api/projects?sort=appCertificate')).status).toBe(400);
  expect((await admin.get('/api/projects?status=gone')).status).toBe(400);
  expect((await admin.get('/api/projects?limit=0')).status).toBe(400);
});

// ---------------------------------------------------------------------------------------------
// App Certificate

test('the App Certificate is enabled, revealed and rotated, and never appears in GET answers', async () => {
  const p = await create('Certified');
  await reauth(admin);

  const rotateEarly = await admin.post(`/api/projects/${p.id}/certificate/rotate`);
  expect(rotateEarly.status).toBe(409);
  const revealEarly = await admin.post(`/api/projects/${p.id}/certificate/reveal`);
  expect(revealEarly.status).toBe(409);

  const enabled = await admin.post(`/api/projects/${p.id}/certificate`);
  expect(enabled.status).toBe(201);
  const first = enabled.body.appCertificate as string;
  expect(first).toMatch(/^[0-9a-f]{32}$/);
  expect(first).not.toBe(p.appId);
  expect((await admin.post(`/api/projects/${p.id}/certificate`)).status).toBe(409);

  expect((await admin.post(`/api/projects/${p.id}/certificate/reveal`)).body).toEqual({ appCertificate: first });

  const rotated = await admin.post(`/api/projects/${p.id}/certificate/rotate`);
  expect(rotated.status).toBe(200);
  const second = rotated.body.appCertificate as string;
  expect(second).toMatch(/^[0-9a-f]{32}$/);
  expect(second).not.toBe(first);
  expect((await admin.post(`/api/projects/${p.id}/certificate/reveal`)).body).toEqual({ appCertificate: second });

  const one = await admin.get(`/api/projects/${p.id}`);
  expect(one.body.certificateEnabled).toBe(true);
  expect(one.body).not.toHaveProperty('appCertificate');
  const all = await admin.get('/api/projects?limit=100');
  const asText = JSON.stringify([one.body, all.body, (await admin.patch(`/api/projects/${p.id}`, { name: 'Certified 2' })).body]);
  expect(asText).not.toContain(first);
  expect(asText).not.toContain(second);
  expect(asText).not.toContain('appCertificate');

  const entries = await audit(`targetId=${p.id}&action=project.certificate.`);
  expect(entries.map((e) => e.action)).toEqual([
    'project.certificate.reveal',
    'project.certificate.rotate',
    'project.certificate.reveal',
    'project.certificate.enable',
  ]);
  expect(JSON.stringify(await audit(`targetId=${p.id}`))).not.toContain(first);
});

// ---------------------------------------------------------------------------------------------
// Who may manage projects

test('an engineer manages projects end to end: create, rename, disable, certificate, delete', async () => {
  const engineer = await t.signIn('engineer@acme.demo');
  const p = await create('Engineered', engineer);
  expect((await engineer.patch(`/api/projects/${p.id}`, { name: 'Engineered 2', region: 'Non-CN' })).body).toMatchObject({ name: 'Engineered 2', region: 'Non-CN' });
  expect((await engineer.post(`/api/projects/${p.id}/disable`)).body.status).toBe(0);
  await reauth(engineer);
  expect((await engineer.post(`/api/projects/${p.id}/certificate`)).status).toBe(201);
  expect((await engineer.delete(`/api/projects/${p.id}`, { confirmName: 'Engineered 2' })).status).toBe(200);
  expect((await audit(`targetId=${p.id}&actor=engineer@acme.demo`)).map((e) => e.action)).toEqual([
    'project.delete',
    'project.certificate.enable',
    'project.disable',
    'project.update',
    'project.create',
  ]);
});

test('ops and support members get 403 on creating (and listing) projects', async () => {
  for (const email of ['ops@acme.demo', 'support@acme.demo']) {
    const client = await t.signIn(email);
    const res = await client.post('/api/projects', { name: `By ${email}` });
    expect(res.status, email).toBe(403);
    expect(res.body.error.code, email).toBe('FORBIDDEN');
    expect((await client.get('/api/projects')).status, email).toBe(403);
    expect((await list(`q=${encodeURIComponent(`By ${email}`)}`)).count, email).toBe(0);
  }
});

test("another company's project is not found: 404 on read, edit, delete and certificate", async () => {
  const galaxyEngineer = await t.signIn('engineer@galaxy.demo');
  const foreign = (await galaxyEngineer.get('/api/projects')).body.rows[0] as ProjectRow;

  expect((await admin.get(`/api/projects/${foreign.id}`)).status).toBe(404);
  expect((await admin.patch(`/api/projects/${foreign.id}`, { name: 'Stolen' })).status).toBe(404);
  expect((await admin.post(`/api/projects/${foreign.id}/disable`)).status).toBe(404);
  expect((await admin.delete(`/api/projects/${foreign.id}`, { confirmName: foreign.name })).status).toBe(404);
  await reauth(admin);
  expect((await admin.post(`/api/projects/${foreign.id}/certificate`)).status).toBe(404);
  expect((await list(`q=${foreign.appId}`)).count).toBe(0);
  expect((await galaxyEngineer.get(`/api/projects/${foreign.id}`)).body).toMatchObject({ name: foreign.name, status: foreign.status });

  expect((await admin.get(`/api/projects/${encodeURIComponent('not a valid id')}`)).status).toBe(404);
});
