// The operator console's resellers and companies: a reseller created with its first staff member
// (who accepts by the mailed link and works), suspended and made active again; direct companies
// created, edited (limits that hold), frozen, moved between resellers and visited; read-only
// operator roles; bad input refused with nothing changed.
import { auditLog, companies, createUser, platformAuditLog, resellerMembers, resellers, sessions, updatePlatformSettings, users } from '@rtc-console/core';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyByName, createTestApp, DEMO_PASSWORD, linkToken, type TestApp, type TestClient } from './harness.js';
import { signedClient, type ApiKey } from './reseller-helpers.js';

let t: TestApp;
let operator: TestClient;
const STAFF_PASSWORD = 'north-harbour-pass-1';

beforeAll(async () => {
  t = await createTestApp({ env: { RESELLER_API_RATE: '100000' } });
  operator = await t.signIn('operator@rtc.demo');
});
afterAll(() => t.close());

const companyInput = (email: string, extra: Record<string, unknown> = {}) => ({
  name: 'Direct Co', email, firstName: 'Dana', lastName: 'Direct', country: 'DE', area: 'Non-CN', industry: 3, interest: 2, environment: 1, ...extra,
});

/** An operator of a read-only role, signed in. */
async function operatorOfRole(role: 'support' | 'finance'): Promise<TestClient> {
  const email = `${role}-desk@rtc.example`;
  const user = await createUser(t.core.db, { email, name: `${role} desk`, password: DEMO_PASSWORD });
  await t.core.db.update(users).set({ platformRole: role }).where(eq(users.id, user.id));
  return t.signIn(email);
}

async function resellerCount() {
  const [row] = await t.core.db.select({ n: count() }).from(resellers);
  return Number(row!.n);
}

describe('a reseller created by the operator', () => {
  let resellerId: number;
  let staff: TestClient;
  let keyCompanyId: number;
  let key: ApiKey;

  it('is created with its contact, and its first staff member gets a one-time set-up link', async () => {
    const res = await operator.post('/api/operator/resellers', {
      name: 'North Partners', contactName: 'Nora North', contactEmail: 'nora@north.example', phone: '+49 30 123456', staff: { email: 'Staff@North.example', name: 'Sam Staff' },
    });
    expect(res.status).toBe(201);
    expect(res.body.reseller).toMatchObject({ name: 'North Partners', contactName: 'Nora North', contactEmail: 'nora@north.example', phone: '+49 30 123456', status: 'active', companies: 0, staff: 1 });
    expect(res.body.staff).toMatchObject({ email: 'staff@north.example', created: true });
    expect(JSON.stringify(res.body)).not.toContain('token=');
    resellerId = res.body.reseller.id;
    const [audit] = await t.core.db.select().from(platformAuditLog).where(and(eq(platformAuditLog.action, 'reseller.create'), eq(platformAuditLog.targetId, String(resellerId))));
    expect(audit).toMatchObject({ actorLabel: 'operator:operator@rtc.demo', targetType: 'Reseller' });
    // No password yet: nobody can sign in as the staff member before the link is used.
    expect((await t.anonymous().post('/api/auth/sign-in', { email: 'staff@north.example', password: STAFF_PASSWORD })).status).toBe(401);
    const staffList = (await operator.get(`/api/operator/resellers/${resellerId}/staff`).expect(200)).body;
    expect(staffList.rows).toEqual([expect.objectContaining({ email: 'staff@north.example', name: 'Sam Staff', active: false })]);
  });

  it('lets the staff member accept through the mailed link, sign in and work in the reseller console', async () => {
    const token = await linkToken(t, 'staff@north.example', 'account-setup');
    await t.anonymous().post('/api/auth/reset-password', { token, password: STAFF_PASSWORD }).expect(204);
    staff = await t.signIn('staff@north.example', STAFF_PASSWORD);
    expect(staff.me.reseller).toMatchObject({ id: resellerId, name: 'North Partners', status: 'active' });
    const staffList = (await operator.get(`/api/operator/resellers/${resellerId}/staff`)).body;
    expect(staffList.rows[0].active).toBe(true);
    // A company through the reseller console…
    const created = await staff.post('/api/reseller/companies', companyInput('console-owner@north.example', { name: 'North Console' }));
    expect(created.status).toBe(201);
    // …and one through the reseller API, signed with a key the staff generated.
    await staff.post('/api/auth/reauth', { password: STAFF_PASSWORD }).expect(204);
    key = (await staff.post('/api/reseller/api-keys').expect(201)).body;
    const send = signedClient(t.app, key);
    const viaApi = await send('post', '/v1/resellers/companies', {
      companyName: 'North API', email: 'api-owner@north.example', firstName: 'Api', lastName: 'Owner', country: 'FR', area: 'Non-CN',
      appLimit: 3, memberLimit: 5, industry: 12, interest: 1, environment: 1, sendPasswordResetEmail: false,
    });
    expect(viaApi.status).toBe(201);
    keyCompanyId = viaApi.body.id;
    const list = (await operator.get(`/api/operator/companies?reseller=${resellerId}&sort=name`).expect(200)).body;
    expect(list.rows.map((r: { name: string }) => r.name)).toEqual(['North API', 'North Console']);
    expect(list.rows[0]).toMatchObject({ reseller: 'North Partners', resellerId, members: 1, projects: 0, appLimit: 3, memberLimit: 5, consoleStatus: 'normal' });
    expect((await operator.get(`/api/operator/resellers?q=nora`)).body.rows).toEqual([expect.objectContaining({ id: resellerId, companies: 2 })]);
  });

  it('is suspended: its staff cannot sign in or use a running session, its keys are refused, its companies keep working', async () => {
    // A member of one of its companies, signed in before the suspension.
    // (The API's company was created without the password mail: its owner asks for one.)
    await t.anonymous().post('/api/auth/forgot-password', { email: 'api-owner@north.example' }).expect(202);
    await t.anonymous().post('/api/auth/reset-password', { token: await linkToken(t, 'api-owner@north.example', 'password-reset'), password: 'kestrel-owl-pass-1' }).expect(204);
    const owner = await t.signIn('api-owner@north.example', 'kestrel-owl-pass-1');

    const res = await operator.post(`/api/operator/resellers/${resellerId}/suspend`);
    expect([res.status, res.body.status]).toEqual([200, 'suspended']);

    const signIn = await t.anonymous().post('/api/auth/sign-in', { email: 'staff@north.example', password: STAFF_PASSWORD });
    expect([signIn.status, signIn.body.error.code]).toEqual([403, 'RESELLER_SUSPENDED']);
    const running = await staff.get('/api/reseller/companies');
    expect([running.status, running.body.error.code]).toEqual([403, 'RESELLER_SUSPENDED']);
    const signed = await signedClient(t.app, key)('get', '/v1/resellers/companies');
    expect([signed.status, signed.body.error.code]).toEqual([403, 'RESELLER_SUSPENDED']);

    expect((await owner.post('/api/projects', { name: 'Still working' })).status).toBe(201);
    expect((await t.signIn('api-owner@north.example', 'kestrel-owl-pass-1')).me.companyId).toBe(keyCompanyId);

    await operator.post(`/api/operator/resellers/${resellerId}/unsuspend`).expect(200);
    expect((await staff.get('/api/reseller/companies')).status).toBe(200);
    expect((await signedClient(t.app, key)('get', '/v1/resellers/companies')).status).toBe(200);
    const actions = await t.core.db.select({ action: platformAuditLog.action }).from(platformAuditLog).where(eq(platformAuditLog.targetId, String(resellerId)));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['reseller.suspend', 'reseller.unsuspend']));
  });

  it('is edited, filtered by status, and its staff invited and removed (their sessions end)', async () => {
    const edited = await operator.patch(`/api/operator/resellers/${resellerId}`, { contactName: 'Nils North', phone: '' });
    expect(edited.body).toMatchObject({ name: 'North Partners', contactName: 'Nils North', phone: null });
    const [entry] = await t.core.db.select().from(platformAuditLog).where(and(eq(platformAuditLog.action, 'reseller.update'), eq(platformAuditLog.targetId, String(resellerId))));
    expect(entry!.changes).toEqual({ before: { contactName: 'Nora North', phone: '+49 30 123456' }, after: { contactName: 'Nils North', phone: null } });

    const invited = await operator.post(`/api/operator/resellers/${resellerId}/staff`, { email: 'second@north.example' });
    expect(invited.status).toBe(201);
    expect((await t.mail('second@north.example', 'account-setup')).length).toBe(1);
    // Staff of one reseller cannot be invited by another.
    const twice = await operator.post('/api/operator/resellers', { name: 'South', staff: { email: 'second@north.example' } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CONFLICT']);

    const staffUser = (await operator.get(`/api/operator/resellers/${resellerId}/staff`)).body.rows.find((r: { email: string }) => r.email === 'staff@north.example');
    await operator.delete(`/api/operator/resellers/${resellerId}/staff/${staffUser.userId}`).expect(204);
    expect((await staff.get('/api/reseller/companies')).status).toBe(401);
    const [left] = await t.core.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, staffUser.userId));
    expect(Number(left!.n)).toBe(0);
    const memberships = await t.core.db.select().from(resellerMembers).where(eq(resellerMembers.userId, staffUser.userId));
    expect(memberships).toEqual([]);
    expect((await operator.delete(`/api/operator/resellers/${resellerId}/staff/${staffUser.userId}`)).status).toBe(404);

    await operator.post(`/api/operator/resellers/${resellerId}/suspend`).expect(200);
    const suspended = (await operator.get('/api/operator/resellers?status=suspended')).body;
    expect(suspended.rows.map((r: { id: number }) => r.id)).toEqual([resellerId]);
    await operator.post(`/api/operator/resellers/${resellerId}/unsuspend`).expect(200);
  });

  it('refuses bad input with the fields named, creating nothing', async () => {
    const before = await resellerCount();
    const bad = await operator.post('/api/operator/resellers', { name: '', contactEmail: 'not-an-address', phone: 'call me', staff: { email: 'nope' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const fields = bad.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['name', 'contactEmail', 'phone', 'staff.email']));
    expect(await resellerCount()).toBe(before);
    expect((await operator.patch(`/api/operator/resellers/${resellerId}`, { name: 'x'.repeat(101) })).status).toBe(400);
    expect((await operator.get(`/api/operator/resellers/${resellerId}`)).body.name).toBe('North Partners');
    expect((await operator.get('/api/operator/resellers/999999')).status).toBe(404);
    expect((await operator.get('/api/operator/resellers?sort=secret')).status).toBe(400);
  });
});

describe('a direct company', () => {
  let companyId: number;

  it('is created without a reseller, with the platform default limits, and its first admin invited', async () => {
    await updatePlatformSettings(t.core.db, { defaultAppLimit: 2, defaultMemberLimit: 2 });
    const res = await operator.post('/api/operator/companies', companyInput('dana@direct.example'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Direct Co', appLimit: 2, memberLimit: 2, industry: 3, status: 0 });
    companyId = res.body.id;
    const [row] = await t.core.db.select().from(companies).where(eq(companies.id, companyId));
    expect(row!.resellerId).toBeNull();
    const token = await linkToken(t, 'dana@direct.example', 'password-reset');
    await t.anonymous().post('/api/auth/reset-password', { token, password: 'river-stone-pass-1' }).expect(204);
    const admin = await t.signIn('dana@direct.example', 'river-stone-pass-1');
    expect(admin.me.companyId).toBe(companyId);
    const list = (await operator.get('/api/operator/companies?reseller=direct')).body;
    expect(list.rows.map((r: { id: number }) => r.id)).toContain(companyId);
    expect(list.rows.every((r: { resellerId: number | null }) => r.resellerId === null)).toBe(true);
    // Explicit limits win over the defaults.
    const explicit = await operator.post('/api/operator/companies', companyInput('erin@direct.example', { name: 'Explicit', appLimit: 7 }));
    expect(explicit.body).toMatchObject({ appLimit: 7, memberLimit: 2 });
  });

  it('has limits the operator edits, and they hold', async () => {
    const admin = await t.signIn('dana@direct.example', 'river-stone-pass-1');
    await admin.post('/api/projects', { name: 'One' }).expect(201);
    await admin.post('/api/projects', { name: 'Two' }).expect(201);
    const third = await admin.post('/api/projects', { name: 'Three' });
    expect([third.status, third.body.error.code]).toEqual([409, 'LIMIT_REACHED']);

    const edited = await operator.patch(`/api/operator/companies/${companyId}`, { appLimit: 3, memberLimit: 1, name: 'Direct Renamed' });
    expect(edited.status).toBe(200);
    expect(edited.body.company).toMatchObject({ appLimit: 3, memberLimit: 1, name: 'Direct Renamed', industry: 3 });
    await admin.post('/api/projects', { name: 'Three' }).expect(201);
    const invite = await admin.post('/api/members/invitations', { email: 'one-too-many@direct.example', role: 'support' });
    expect([invite.status, invite.body.error.code]).toEqual([409, 'LIMIT_REACHED']);
    const [entry] = await t.core.db.select().from(auditLog).where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, 'company.update')));
    expect(entry!.changes).toEqual({ before: { appLimit: 2, memberLimit: 2, name: 'Direct Co' }, after: { appLimit: 3, memberLimit: 1, name: 'Direct Renamed' } });
    const row = (await operator.get(`/api/operator/companies?q=${companyId}`)).body.rows[0];
    expect(row).toMatchObject({ projects: 3, members: 1, appLimit: 3 });
  });

  it('refuses bad input with details, changing nothing', async () => {
    const bad = await operator.patch(`/api/operator/companies/${companyId}`, { appLimit: 0, country: 'XX', industry: 40 });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path[0])).toEqual(expect.arrayContaining(['appLimit', 'country', 'industry']));
    expect((await operator.get(`/api/operator/companies/${companyId}`)).body.company).toMatchObject({ appLimit: 3, country: 'DE', industry: 3 });
    const [n] = await t.core.db.select({ n: count() }).from(companies);
    const used = await operator.post('/api/operator/companies', companyInput('dana@direct.example', { name: 'Again' }));
    expect([used.status, used.body.error.details[0].path]).toEqual([400, ['email']]);
    const missing = await operator.post('/api/operator/companies', { name: 'No fields' });
    expect(missing.body.error.details.map((d: { path: string[] }) => d.path[0])).toEqual(expect.arrayContaining(['email', 'firstName', 'country', 'area']));
    expect((await t.core.db.select({ n: count() }).from(companies))[0]!.n).toBe(n!.n);
    expect((await operator.post(`/api/operator/companies/${companyId}/move`, { resellerId: 999999 })).status).toBe(400);
    expect((await operator.post(`/api/operator/companies/${companyId}/freeze`, { reason: 'boredom' })).status).toBe(400);
    expect((await operator.get('/api/operator/companies?reseller=nobody')).status).toBe(400);
  });

  it('is frozen and blocked (its members signed out), then unfrozen, as a reseller would', async () => {
    const admin = await t.signIn('dana@direct.example', 'river-stone-pass-1');
    const frozen = await operator.post(`/api/operator/companies/${companyId}/freeze`, { reason: 'overdue', block: true });
    expect(frozen.body.company).toMatchObject({ status: 3, blocked: true, consoleStatus: 'blocked', frozenReason: 'overdue' });
    expect((await admin.get('/api/projects')).status).toBe(401);
    expect((await t.anonymous().post('/api/auth/sign-in', { email: 'dana@direct.example', password: 'river-stone-pass-1' })).body.error.code).toBe('COMPANY_BLOCKED');
    expect((await operator.get('/api/operator/companies?status=blocked')).body.rows.map((r: { id: number }) => r.id)).toContain(companyId);
    const unfrozen = await operator.post(`/api/operator/companies/${companyId}/unfreeze`);
    expect(unfrozen.body.company).toMatchObject({ status: 0, blocked: false, consoleStatus: 'normal' });
    await t.signIn('dana@direct.example', 'river-stone-pass-1');
    const actions = (await t.core.db.select({ action: auditLog.action, actor: auditLog.actorLabel }).from(auditLog).where(eq(auditLog.companyId, companyId))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['company.freeze', 'company.unfreeze']));
  });

  it('is moved to a reseller (audited from and to) and shows up for that reseller, then back to none', async () => {
    const demoStaff = await t.signIn('reseller@rtc.demo');
    const demoReseller = (demoStaff.me.reseller as { id: number }).id;
    const moved = await operator.post(`/api/operator/companies/${companyId}/move`, { resellerId: demoReseller });
    expect(moved.body.reseller).toMatchObject({ id: demoReseller, name: 'Demo Reseller' });
    const [entry] = await t.core.db.select().from(auditLog).where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, 'company.reseller.move')));
    expect(entry).toMatchObject({ actorLabel: 'operator:operator@rtc.demo', changes: { before: { resellerId: null }, after: { resellerId: demoReseller } } });
    expect((await demoStaff.get(`/api/reseller/companies/${companyId}`)).status).toBe(200);
    expect((await demoStaff.get('/api/reseller/companies?q=Direct')).body.rows.map((r: { id: number }) => r.id)).toContain(companyId);

    await operator.post(`/api/operator/companies/${companyId}/move`, { resellerId: null }).expect(200);
    expect((await demoStaff.get(`/api/reseller/companies/${companyId}`)).status).toBe(403);
  });

  it("is visited by the operator: time-limited, audited, the banner's details in /me, then left", async () => {
    const visitor = await t.signIn('operator@rtc.demo');
    const started = await visitor.post(`/api/operator/companies/${companyId}/visit`);
    expect(started.status).toBe(201);
    expect(new Date(started.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = (await visitor.get('/api/auth/me')).body;
    expect(me.visit).toMatchObject({ companyId, companyName: 'Direct Renamed' });
    const projects = await visitor.get('/api/projects');
    expect([projects.status, projects.body.count]).toEqual([200, 3]);
    await visitor.post('/api/projects', { name: 'By the operator' }).expect(409); // the company's appLimit still holds
    const actors = await t.core.db.select({ action: auditLog.action, actor: auditLog.actorLabel }).from(auditLog).where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, 'company.visit')));
    expect(actors).toEqual([{ action: 'company.visit', actor: 'operator:operator@rtc.demo' }]);
    await visitor.post('/api/operator/visit/end').expect(204);
    expect((await visitor.get('/api/projects')).status).toBe(403);
  });
});

describe('read-only operator roles', () => {
  it('support and finance read resellers and companies but may change nothing', async () => {
    const acme = (await companyByName(t, 'Acme Video')).id;
    const demoReseller = (await t.core.db.select({ id: resellers.id }).from(resellers).where(eq(resellers.name, 'Demo Reseller')))[0]!.id;
    for (const role of ['support', 'finance'] as const) {
      const desk = await operatorOfRole(role);
      expect((await desk.get('/api/operator/resellers')).status).toBe(200);
      expect((await desk.get(`/api/operator/resellers/${demoReseller}/staff`)).status).toBe(200);
      expect((await desk.get('/api/operator/companies')).status).toBe(200);
      expect((await desk.get(`/api/operator/companies/${acme}`)).status).toBe(200);
      const writes = [
        desk.post('/api/operator/resellers', { name: 'Nope', staff: { email: `nope-${role}@example.com` } }),
        desk.post(`/api/operator/resellers/${demoReseller}/suspend`),
        desk.post('/api/operator/companies', companyInput(`nope-${role}@example.com`)),
        desk.patch(`/api/operator/companies/${acme}`, { appLimit: 1 }),
        desk.post(`/api/operator/companies/${acme}/freeze`, { reason: 'other' }),
        desk.post(`/api/operator/companies/${acme}/move`, { resellerId: null }),
        desk.post(`/api/operator/companies/${acme}/visit`),
      ];
      for (const res of await Promise.all(writes)) expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const [row] = await t.core.db.select().from(companies).where(eq(companies.id, acme));
    expect(row).toMatchObject({ status: 0, resellerId: demoReseller });
    expect((await t.core.db.select().from(resellers).where(eq(resellers.id, demoReseller)))[0]!.status).toBe('active');
  });
});
