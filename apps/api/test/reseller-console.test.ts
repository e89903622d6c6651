// The reseller console's API (seed 001) for signed-in reseller staff: API keys, the company list,
// register, detail, Freeze / Unfreeze, Remove, and Visit dashboard.
import { addResellerMember, auditLog, createReseller, createUser, MAX_RESELLER_API_KEYS, resellerApiKeys, sessions } from '@rtc-console/core';
import { sign } from '@rtc-console/signer';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyByName, createTestApp, DEMO_PASSWORD, type TestApp, type TestClient } from './harness.js';
import { otherReseller } from './reseller-helpers.js';

let t: TestApp;
let staff: TestClient;
let acme: number;
let galaxy: number;

beforeAll(async () => {
  t = await createTestApp({ env: { RESELLER_API_RATE: '100000' } });
  staff = await t.signIn('reseller@rtc.demo');
  acme = (await companyByName(t, 'Acme Video')).id;
  galaxy = (await companyByName(t, '星河直播')).id;
});
afterAll(() => t.close());

const reauth = (c: TestClient) => c.post('/api/auth/reauth', { password: DEMO_PASSWORD }).expect(204);
const signedGet = async (key: { accessKeyId: string; secret: string }, path = '/v1/resellers/companies') =>
  request(t.app).get(path).set(await sign({ accessKeyId: key.accessKeyId, secret: key.secret }));

describe('API keys', () => {
  it('asks for the password again before generating a key', async () => {
    const fresh = await t.signIn('reseller@rtc.demo');
    await t.core.db.update(sessions).set({ reauthAt: null });
    const res = await fresh.post('/api/reseller/api-keys');
    expect([res.status, res.body.error.code]).toEqual([403, 'REAUTH_REQUIRED']);
  });

  it('generates 40-character a–z A–Z 0–9 keys, shows the secret once, and keeps many active', async () => {
    await reauth(staff);
    const a = (await staff.post('/api/reseller/api-keys').expect(201)).body;
    const b = (await staff.post('/api/reseller/api-keys').expect(201)).body;
    for (const k of [a, b]) {
      expect(k.accessKeyId).toMatch(/^[A-Za-z0-9]{40}$/);
      expect(k.secret).toMatch(/^[A-Za-z0-9]{40}$/);
    }
    const list = (await staff.get('/api/reseller/api-keys').expect(200)).body;
    expect(list.rows.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(JSON.stringify(list)).not.toContain(a.secret);
    expect(list.rows.find((r: { id: number }) => r.id === a.id)).toMatchObject({ lastUsedAt: null, createdAt: expect.any(String) });
    expect((await signedGet(a)).status).toBe(200);
    expect((await signedGet(b)).status).toBe(200);
    const used = (await staff.get('/api/reseller/api-keys')).body.rows.find((r: { id: number }) => r.id === a.id);
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('deletes a key: its next request is refused, the others keep working', async () => {
    await reauth(staff);
    const a = (await staff.post('/api/reseller/api-keys').expect(201)).body;
    const b = (await staff.post('/api/reseller/api-keys').expect(201)).body;
    await staff.delete(`/api/reseller/api-keys/${a.id}`).expect(204);
    expect((await signedGet(a)).status).toBe(401);
    expect((await signedGet(b)).status).toBe(200);
    await staff.delete(`/api/reseller/api-keys/${a.id}`).expect(404);
  });

  it('stops at the limit when 50 requests come at once (counted under a lock on the reseller)', async () => {
    const reseller = await createReseller(t.core, 'Race Reseller');
    const user = await createUser(t.core.db, { email: 'race@reseller.example', name: 'Race', password: DEMO_PASSWORD });
    await addResellerMember(t.core.db, reseller.id, user.id);
    const racer = await t.signIn('race@reseller.example');
    await reauth(racer);
    const answers = await Promise.all(Array.from({ length: 50 }, () => racer.post('/api/reseller/api-keys')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_RESELLER_API_KEYS);
    expect(statuses.filter((s) => s === 409)).toHaveLength(50 - MAX_RESELLER_API_KEYS);
    expect(answers.find((r) => r.status === 409)?.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: MAX_RESELLER_API_KEYS } });
    const [held] = await t.core.db.select({ n: count() }).from(resellerApiKeys).where(eq(resellerApiKeys.resellerId, reseller.id));
    expect(Number(held?.n)).toBe(MAX_RESELLER_API_KEYS);
  });

  it('is for reseller staff only', async () => {
    const admin = await t.signIn('admin@acme.demo');
    expect((await admin.get('/api/reseller/api-keys')).status).toBe(403);
  });
});

describe('companies', () => {
  it('lists the reseller’s companies with their console status', async () => {
    const body = (await staff.get('/api/reseller/companies?limit=100').expect(200)).body;
    expect(body.rows.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([acme, galaxy]));
    expect(body.rows.find((r: { id: number }) => r.id === acme)).toMatchObject({ name: 'Acme Video', email: 'admin@acme.demo', consoleStatus: 'normal' });
  });

  it('searches by CID exactly, by user name and by email', async () => {
    const ids = async (q: string) => (await staff.get(`/api/reseller/companies?q=${encodeURIComponent(q)}`).expect(200)).body.rows.map((r: { id: number }) => r.id);
    expect(await ids(String(acme))).toEqual([acme]);
    expect(await ids(String(acme * 1000 + 7))).toEqual([]);
    expect(await ids('Alice Adm')).toEqual([acme]);
    expect(await ids('galaxy.demo')).toEqual([galaxy]);
  });

  it('paginates and sorts', async () => {
    const all = (await staff.get('/api/reseller/companies?sort=id&order=asc&limit=100').expect(200)).body;
    const page = (await staff.get('/api/reseller/companies?sort=id&order=asc&limit=1&offset=1').expect(200)).body;
    expect(page).toEqual({ rows: [all.rows[1]], count: all.count });
    expect((await staff.get('/api/reseller/companies?sort=nope')).status).toBe(400);
  });

  it('registers a company owned by this reseller, emailing its contact a password link', async () => {
    const res = await staff.post('/api/reseller/companies', { name: 'Registered', email: 'reg@example.com', firstName: 'Reg', lastName: 'Istered', country: 'FR', area: 'Non-CN' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await t.mail('reg@example.com', 'password-reset')).length).toBe(1);
    const bad = await staff.post('/api/reseller/companies', { name: '', email: 'x', firstName: '', lastName: '', country: 'ZZ', area: 'Mars' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path[0])).toEqual(expect.arrayContaining(['name', 'email', 'firstName', 'lastName', 'country', 'area']));
  });

  it('shows company and user information on the detail page', async () => {
    const d = (await staff.get(`/api/reseller/companies/${acme}`).expect(200)).body;
    expect(d.company).toMatchObject({ id: acme, name: 'Acme Video', email: 'admin@acme.demo', consoleStatus: 'normal' });
    expect(d.user).toMatchObject({ email: 'admin@acme.demo', name: 'Alice Admin' });
    expect(d.members).toBeGreaterThan(1);
  });

  it('refuses another reseller’s company with 403 and an unknown one with 404', async () => {
    const other = await otherReseller(t.core);
    expect((await staff.get(`/api/reseller/companies/${other.companyId}`)).status).toBe(403);
    expect((await staff.post(`/api/reseller/companies/${other.companyId}/freeze`, { reason: 'other' })).status).toBe(403);
    expect((await staff.get('/api/reseller/companies/999999')).status).toBe(404);
  });
});

describe('freeze and unfreeze', () => {
  it('freezes with a reason, emails the contact, and lets members sign in when not blocked', async () => {
    const res = await staff.post(`/api/reseller/companies/${galaxy}/freeze`, { reason: 'overdue', block: false });
    expect(res.status).toBe(200);
    expect(res.body.company).toMatchObject({ status: 3, blocked: false, consoleStatus: 'suspendedManually', frozenReason: 'overdue' });
    const [mail] = await t.mail('admin@galaxy.demo', 'company-frozen');
    expect(mail!.subject).toContain('星河直播');
    await t.signIn('ops@galaxy.demo');
    await staff.post(`/api/reseller/companies/${galaxy}/unfreeze`).expect(200);
  });

  it('with blocking: members cannot sign in, their sessions end, and the log says who did it', async () => {
    const ops = await t.signIn('ops@acme.demo');
    await ops.get('/api/company').expect(200);
    const visitor = await t.signIn('reseller@rtc.demo');
    await visitor.post(`/api/reseller/companies/${acme}/visit`).expect(201);
    const res = await staff.post(`/api/reseller/companies/${acme}/freeze`, { reason: 'violation', block: true });
    // Staff visiting the company only leave it; they stay signed in.
    expect((await visitor.get('/api/auth/me').expect(200)).body).toMatchObject({ companyId: null, visit: null });
    expect(res.body.company).toMatchObject({ status: 3, blocked: true, consoleStatus: 'blocked' });
    expect((await ops.get('/api/company')).status).toBe(401);
    const signIn = await t.anonymous().post('/api/auth/sign-in', { email: 'ops@acme.demo', password: DEMO_PASSWORD });
    expect([signIn.status, signIn.body.error.code]).toEqual([403, 'COMPANY_BLOCKED']);
    const [entry] = await t.core.db.select().from(auditLog).where(and(eq(auditLog.companyId, acme), eq(auditLog.action, 'company.freeze')));
    expect(entry!.actorLabel).toBe('reseller:Demo Reseller (reseller@rtc.demo)');
    const blockedList = (await staff.get('/api/reseller/companies?status=blocked').expect(200)).body;
    expect(blockedList.rows.map((r: { id: number }) => r.id)).toEqual([acme]);
  });

  it('unfreezing lets members sign in again', async () => {
    await staff.post(`/api/reseller/companies/${acme}/unfreeze`).expect(200);
    await t.signIn('ops@acme.demo');
  });

  it('refuses an unknown reason', async () => {
    const res = await staff.post(`/api/reseller/companies/${acme}/freeze`, { reason: 'because', block: true });
    expect(res.status).toBe(400);
    expect((await staff.get(`/api/reseller/companies/${acme}`)).body.company.status).toBe(0);
  });
});

describe('visit dashboard', () => {
  it('enters the company’s console for a limited time, with an audit entry', async () => {
    const visitor = await t.signIn('reseller@rtc.demo');
    const res = await visitor.post(`/api/reseller/companies/${galaxy}/visit`).expect(201);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(25 * 60_000);
    const me = (await visitor.get('/api/auth/me').expect(200)).body;
    expect(me).toMatchObject({ companyId: galaxy, visit: { companyId: galaxy, companyName: '星河直播' } });
    expect(me.rules.length).toBeGreaterThan(0);
    await visitor.get('/api/projects').expect(200);
    const created = await visitor.post('/api/projects', { name: 'Made on a visit' });
    expect(created.status).toBe(201);
    const labels = (await t.core.db.select().from(auditLog).where(eq(auditLog.companyId, galaxy))).map((e) => `${e.action} ${e.actorLabel}`);
    expect(labels).toContain('company.visit reseller:Demo Reseller (reseller@rtc.demo)');
    expect(labels).toContain('project.create reseller:Demo Reseller (reseller@rtc.demo, visit)');
  });

  it('ends when its time is up, and on leaving', async () => {
    const visitor = await t.signIn('reseller@rtc.demo');
    await visitor.post(`/api/reseller/companies/${galaxy}/visit`).expect(201);
    // Every visit of the company so far runs out (the clock moved on).
    await t.core.db.update(sessions).set({ visitExpiresAt: new Date(Date.now() - 1000) }).where(and(eq(sessions.companyId, galaxy), isNotNull(sessions.visitExpiresAt)));
    const expired = await visitor.get('/api/projects');
    expect([expired.status, expired.body.error.message]).toEqual([403, 'Your visit to this company’s dashboard has ended']);
    expect((await visitor.get('/api/auth/me')).body).toMatchObject({ companyId: null, visit: null });
    await visitor.post(`/api/reseller/companies/${galaxy}/visit`).expect(201);
    await visitor.post('/api/reseller/visit/end').expect(204);
    expect((await visitor.get('/api/projects')).status).toBe(403);
  });
});

describe('remove from account', () => {
  it('takes the company out of the reseller’s reach, console and API alike', async () => {
    const reg = (await staff.get('/api/reseller/companies?q=reg@example.com')).body.rows[0];
    await staff.post(`/api/reseller/companies/${reg.id}/remove`).expect(204);
    expect((await staff.get(`/api/reseller/companies/${reg.id}`)).status).toBe(403);
    expect((await staff.get('/api/reseller/companies?limit=100')).body.rows.map((r: { id: number }) => r.id)).not.toContain(reg.id);
    expect((await staff.post(`/api/reseller/companies/${reg.id}/visit`)).status).toBe(403);
  });
});
