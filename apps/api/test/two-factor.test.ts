/**
 * Two-factor sign-in (TOTP, RFC 6238): set-up behind re-authentication, the second sign-in step
 * with a code or a recovery code, remembered browsers, the requirement by a company admin and by
 * the operator, the one guard that holds every route for a session still at a sign-in step, and
 * "Your sessions". Codes are computed here from the secret the API shows, as an app would.
 */
import {
  platformAuditLog,
  acceptInvitation,
  addResellerMember,
  createCompany,
  createUser,
  findUserByEmail,
  inviteMember,
  loadCompanyContext,
  rememberedDevices,
  resellerOfUser,
  sessions,
  sha256Hex,
  getPlatformSettings,
  updatePlatformSettings,
  userTotp,
  users,
} from '@rtc-console/core';
import { routeTables, type ApiDeps } from '@rtc-console/server';
import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { pino } from 'pino';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from './harness.js';

const PASSWORD = 'two-factor-pass-1';
/** Wrong codes allowed per account before 429 (the sign-in limit's). */
const LIMIT = 5;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SIGN_IN_RATE_LIMIT: String(LIMIT), SIGN_IN_IP_RATE_LIMIT: '1000' } });
});
afterAll(() => t.close());

let serial = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const outcome = (res: request.Response) => ({ status: res.status, code: res.body?.error?.code as string | undefined });

// ---- Codes, as an authenticator app computes them

const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
const lastStep = new Map<string, number>();
/** A code the server has not seen yet: the current step, or the next (±1 is accepted); waits when both are used. */
async function freshCode(secret: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, (lastStep.get(secret) ?? 0) + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return totp(secret).generate({ timestamp: step * 30_000 });
    }
    await sleep(500);
  }
}

// ---- Accounts

async function newUser(opts: { platformRole?: 'admin' } = {}) {
  const email = `tf-${++serial}@example.com`;
  const user = await createUser(t.core.db, { email, name: `Two Factor ${serial}`, password: PASSWORD });
  if (opts.platformRole) await t.core.db.update(users).set({ platformRole: opts.platformRole }).where(eq(users.id, user.id));
  return { id: user.id, email };
}

/** A new direct company and its admin (signed in), for enforcement by a company admin. */
async function newCompany() {
  const email = `tf-admin-${++serial}@example.com`;
  const company = await createCompany(
    t.core,
    { name: `TF Co ${serial}`, email, firstName: 'Tf', lastName: 'Admin', country: 'US', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 1, interest: 1, environment: 1 },
    { resellerId: null, actor: { userId: null, label: 'test' }, initialPassword: PASSWORD },
  );
  return { id: company.id, email, admin: await t.signIn(email, PASSWORD) };
}

async function newMember(companyId: number, adminEmail: string) {
  const admin = await findUserByEmail(t.core.db, adminEmail);
  const loaded = await loadCompanyContext(t.core, { userId: admin!.id, companyId, actor: { userId: admin!.id, label: adminEmail } });
  const email = `tf-member-${++serial}@example.com`;
  const { token } = await inviteMember(loaded!.ctx, { email, role: 'support' });
  const { userId } = await acceptInvitation(t.core, token, { name: 'TF Member', password: PASSWORD });
  return { id: userId, email };
}

async function signInRaw(email: string, client = t.anonymous()) {
  const res = await client.post('/api/auth/sign-in', { email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  client.adopt(res.body);
  return { client, res };
}

/** Sets two-factor up through the API: re-authentication, the secret, a first code. */
async function enable(client: TestClient) {
  expect((await client.post('/api/auth/reauth', { password: PASSWORD })).status).toBe(204);
  const setup = await client.post('/api/profile/two-factor/setup');
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  const secret = setup.body.secret as string;
  const confirm = await client.post('/api/profile/two-factor/confirm', { code: await freshCode(secret) });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  return { secret, recoveryCodes: confirm.body.recoveryCodes as string[], confirm };
}

/** A user with two-factor on, and their secret. */
async function userWithTwoFactor(opts: { platformRole?: 'admin' } = {}) {
  const user = await newUser(opts);
  const { client } = await signInRaw(user.email);
  const { secret, recoveryCodes } = await enable(client);
  return { ...user, secret, recoveryCodes };
}

/** The account's entries in the platform audit log (target type `user`), oldest first. */
const eventsOf = async (userId: number) =>
  (await t.core.db.select().from(platformAuditLog).where(and(eq(platformAuditLog.targetType, 'user'), eq(platformAuditLog.targetId, String(userId)))).orderBy(platformAuditLog.id)).map((e) => e.action);

// ---------------------------------------------------------------------------------------------
// Set-up

describe('set-up', () => {
  test('needs the password re-entered; shows the secret, its otpauth URI and a QR code; stores the secret sealed', async () => {
    const user = await newUser();
    const { client } = await signInRaw(user.email);
    expect(outcome(await client.post('/api/profile/two-factor/setup'))).toEqual({ status: 403, code: 'REAUTH_REQUIRED' });
    expect(await t.core.db.select().from(userTotp).where(eq(userTotp.userId, user.id))).toEqual([]);

    expect((await client.post('/api/auth/reauth', { password: PASSWORD })).status).toBe(204);
    const setup = await client.post('/api/profile/two-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect(decodeURIComponent(setup.body.uri)).toContain(user.email);
    expect(setup.body.qrCode).toMatch(/^data:image\/png;base64,/);
    const [row] = await t.core.db.select().from(userTotp).where(eq(userTotp.userId, user.id));
    expect(row!.enabledAt).toBeNull();
    expect(row!.secretSealed).not.toContain(setup.body.secret);
    expect((await client.get('/api/profile/two-factor')).body).toMatchObject({ enabled: false });
  });

  test('a wrong first code is refused (400 INVALID_CODE) and two-factor stays off; the right one turns it on with ten recovery codes', async () => {
    const user = await newUser();
    const { client } = await signInRaw(user.email);
    await client.post('/api/auth/reauth', { password: PASSWORD });
    const { secret } = (await client.post('/api/profile/two-factor/setup')).body as { secret: string };
    const good = await freshCode(secret);
    const wrong = good === '000000' ? '111111' : '000000';
    const refused = await client.post('/api/profile/two-factor/confirm', { code: wrong });
    expect(outcome(refused)).toEqual({ status: 400, code: 'INVALID_CODE' });
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: ['code'] })]);
    expect(outcome(await client.post('/api/profile/two-factor/confirm', { code: '12ab' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await t.core.db.select().from(userTotp).where(eq(userTotp.userId, user.id)))[0]!.enabledAt).toBeNull();

    const ok = await client.post('/api/profile/two-factor/confirm', { code: good });
    expect(ok.status).toBe(200);
    const codes = ok.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await client.get('/api/profile/two-factor')).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, requiredBy: null });
    expect(await eventsOf(user.id)).toContain('twoFactor.enable');
    // Already on: a second set-up is refused rather than replacing the app's secret.
    expect(outcome(await client.post('/api/profile/two-factor/setup'))).toEqual({ status: 409, code: 'CONFLICT' });
  });
});

// ---------------------------------------------------------------------------------------------
// The second sign-in step

describe('signing in with two-factor on', () => {
  test('the password step answers pending "twoFactor"; a code finishes it with a new session id', async () => {
    const user = await userWithTwoFactor();
    const { client, res } = await signInRaw(user.email);
    expect(res.body).toMatchObject({ pending: 'twoFactor', companies: [], rules: [] });
    const me = await client.get('/api/auth/me');
    expect(me.body.pending).toBe('twoFactor');
    const pendingCookie = String(res.headers['set-cookie']).match(/rtc_sid=([^;]+)/)![1]!;

    const done = await client.post('/api/auth/two-factor', { code: await freshCode(user.secret) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.pending).toBeNull();
    client.adopt(done.body);
    const newCookie = String(done.headers['set-cookie']).match(/rtc_sid=([^;]+)/)![1]!;
    expect(newCookie).not.toBe(pendingCookie);
    expect(await t.core.db.select().from(sessions).where(eq(sessions.id, sha256Hex(pendingCookie)))).toEqual([]);
    expect((await client.get('/api/profile')).status).toBe(200);
    expect(await eventsOf(user.id)).toContain('signIn.twoFactor');
  });

  test('a code already used is refused, even within its window', async () => {
    const user = await userWithTwoFactor();
    const code = await freshCode(user.secret);
    const first = await signInRaw(user.email);
    expect((await first.client.post('/api/auth/two-factor', { code })).status).toBe(200);
    const second = await signInRaw(user.email);
    expect(outcome(await second.client.post('/api/auth/two-factor', { code }))).toEqual({ status: 400, code: 'INVALID_CODE' });
    expect((await second.client.get('/api/auth/me')).body.pending).toBe('twoFactor');
  });

  test('a recovery code works once', async () => {
    const user = await userWithTwoFactor();
    const code = user.recoveryCodes[3]!;
    const first = await signInRaw(user.email);
    const ok = await first.client.post('/api/auth/two-factor', { code: code.toUpperCase() });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ pending: null, recoveryCodeUsed: true });
    first.client.adopt(ok.body);
    expect((await first.client.get('/api/profile/two-factor')).body.recoveryCodesLeft).toBe(9);
    const second = await signInRaw(user.email);
    expect(outcome(await second.client.post('/api/auth/two-factor', { code }))).toEqual({ status: 400, code: 'INVALID_CODE' });
  });

  test(`wrong codes are throttled: after ${LIMIT}, 429 even for the right one`, async () => {
    const user = await userWithTwoFactor();
    const { client } = await signInRaw(user.email);
    for (let i = 0; i < LIMIT; i++) expect(outcome(await client.post('/api/auth/two-factor', { code: `00000${i}` }))).toEqual({ status: 400, code: 'INVALID_CODE' });
    const blocked = await client.post('/api/auth/two-factor', { code: await freshCode(user.secret) });
    expect(outcome(blocked)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Per account: another browser of the same account is held too.
    const other = await signInRaw(user.email);
    expect(outcome(await other.client.post('/api/auth/two-factor', { code: '123456' }))).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });

  test('a pending session is refused by a company route and an operator route, and can only sign out', async () => {
    const company = await newCompany();
    await enable(company.admin);
    const member = await signInRaw(company.email);
    expect(outcome(await member.client.get('/api/projects'))).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });
    expect(outcome(await member.client.get('/api/company'))).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });
    expect(outcome(await member.client.post('/api/projects', { name: 'Sneaky', region: 'Non-CN', billingType: 'duration' }))).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });
    expect(outcome(await member.client.post('/api/auth/reauth', { password: PASSWORD }))).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });

    const operator = await userWithTwoFactor({ platformRole: 'admin' });
    const op = await signInRaw(operator.email);
    expect(outcome(await op.client.get('/api/operator/companies'))).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });
    expect((await op.client.post('/api/auth/sign-out')).status).toBe(204);
    expect(outcome(await op.client.get('/api/auth/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  test('every route but the declared sign-in steps refuses a session waiting for its code', async () => {
    const user = await userWithTwoFactor({ platformRole: 'admin' });
    const { client } = await signInRaw(user.email);
    const deps = { core: t.core, config: t.config, logger: pino({ level: 'silent' }), plugins: t.plugins } as ApiDeps;
    const routes = routeTables(deps).flatMap(({ prefix, routes }) => routes.map((r) => ({ r, path: r.path === '/' ? prefix : `${prefix}${r.path}` })));
    const sessionRoutes = routes.filter(({ r }) => r.access.auth !== 'public' && r.access.auth !== 'ingest' && r.access.auth !== 'resellerApi');
    const allowed = sessionRoutes.filter(({ r }) => r.access.auth === 'user' && r.access.pending?.includes('twoFactor')).map(({ r, path }) => `${r.method.toUpperCase()} ${path}`);
    expect(allowed.sort()).toEqual(['GET /api/auth/me', 'POST /api/auth/sign-out', 'POST /api/auth/two-factor'].sort());
    const held = sessionRoutes.filter(({ r }) => !(r.access.auth === 'user' && r.access.pending?.includes('twoFactor')));
    expect(held.length).toBeGreaterThan(40);
    for (const { r, path } of held) {
      const url = path.replace(/:(\w+)(\([^)]*\))?/g, '1');
      const res = await client.request(r.method, url, r.method === 'get' ? undefined : {});
      expect(outcome(res), `${r.method.toUpperCase()} ${path}`).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });
    }
  });

  test('"remember this browser" skips the step for 30 days; a forged or expired cookie does not', async () => {
    const user = await userWithTwoFactor();
    const { client } = await signInRaw(user.email);
    const done = await client.post('/api/auth/two-factor', { code: await freshCode(user.secret), remember: true });
    expect(done.status).toBe(200);
    const cookie = (done.headers['set-cookie'] as unknown as string[]).find((l) => l.startsWith('rtc_rd='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api;/);
    const token = cookie.split(';')[0]!.slice('rtc_rd='.length);
    const [device] = await t.core.db.select().from(rememberedDevices).where(eq(rememberedDevices.userId, user.id));
    expect(device!.tokenHash).toBe(sha256Hex(token));
    const days = (device!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // The same browser (its cookie jar): straight in.
    await client.post('/api/auth/sign-out');
    expect((await signInRaw(user.email, client)).res.body.pending).toBeNull();

    // Another browser with a made-up cookie, or the real one of another account: the code is asked.
    const forged = t.anonymous();
    forged.agent.jar.setCookie(`rtc_rd=${token.slice(0, -2)}xx; Path=/api`, '127.0.0.1', '/api');
    expect((await signInRaw(user.email, forged)).res.body.pending).toBe('twoFactor');
    const someoneElse = await userWithTwoFactor();
    const borrowed = t.anonymous();
    borrowed.agent.jar.setCookie(`rtc_rd=${token}; Path=/api`, '127.0.0.1', '/api');
    expect((await signInRaw(someoneElse.email, borrowed)).res.body.pending).toBe('twoFactor');

    // Expired: the code is asked again.
    await t.core.db.update(rememberedDevices).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(rememberedDevices.userId, user.id));
    await client.post('/api/auth/sign-out');
    expect((await signInRaw(user.email, client)).res.body.pending).toBe('twoFactor');
  });
});

// ---------------------------------------------------------------------------------------------
// Turning it off, new recovery codes

describe('turning it off and new recovery codes', () => {
  test('turning off needs re-authentication and a code (or the password); then sign-in asks no code', async () => {
    const user = await userWithTwoFactor();
    const { client } = await signInRaw(user.email);
    // A recovery code here, so the app's codes of this half-minute are left for turning it off.
    const done = await client.post('/api/auth/two-factor', { code: user.recoveryCodes[0] });
    client.adopt(done.body);
    expect(outcome(await client.delete('/api/profile/two-factor', { code: '123456' }))).toEqual({ status: 403, code: 'REAUTH_REQUIRED' });
    await client.post('/api/auth/reauth', { password: PASSWORD });
    expect(outcome(await client.delete('/api/profile/two-factor', {}))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(outcome(await client.delete('/api/profile/two-factor', { code: '000000' }))).toEqual({ status: 400, code: 'INVALID_CODE' });
    expect(outcome(await client.delete('/api/profile/two-factor', { password: 'not-it-at-all' }))).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect((await client.get('/api/profile/two-factor')).body.enabled).toBe(true);

    expect((await client.delete('/api/profile/two-factor', { code: await freshCode(user.secret) })).status).toBe(204);
    expect((await client.get('/api/profile/two-factor')).body).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await eventsOf(user.id)).toContain('twoFactor.disable');
    expect((await signInRaw(user.email)).res.body.pending).toBeNull();
  });

  test('new recovery codes (re-authenticated) replace the old ones', async () => {
    const user = await userWithTwoFactor();
    const { client } = await signInRaw(user.email);
    client.adopt((await client.post('/api/auth/two-factor', { code: await freshCode(user.secret) })).body);
    expect(outcome(await client.post('/api/profile/two-factor/recovery-codes'))).toEqual({ status: 403, code: 'REAUTH_REQUIRED' });
    await client.post('/api/auth/reauth', { password: PASSWORD });
    const fresh = await client.post('/api/profile/two-factor/recovery-codes');
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const old = await signInRaw(user.email);
    expect(outcome(await old.client.post('/api/auth/two-factor', { code: user.recoveryCodes[0] }))).toEqual({ status: 400, code: 'INVALID_CODE' });
    expect((await old.client.post('/api/auth/two-factor', { code: fresh.body.recoveryCodes[0] })).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Required by a company admin, by the operator

describe('required two-factor', () => {
  test('a company admin requires it (audited): a member without it is taken to set-up, held there until done', async () => {
    const company = await newCompany();
    const member = await newMember(company.id, company.email);
    // Only with the company settings' permission; a support member may not.
    const supportClient = (await signInRaw(member.email)).client;
    expect(outcome(await supportClient.put('/api/company/two-factor', { requireTwoFactor: true }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(outcome(await company.admin.put('/api/company/two-factor', { requireTwoFactor: 'yes' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await company.admin.get('/api/company/two-factor')).body).toEqual({ requireTwoFactor: false, members: 2, membersWithTwoFactor: 0 });

    // The admin must have it first (else saving would hold the admin's own session at set-up).
    expect(outcome(await company.admin.put('/api/company/two-factor', { requireTwoFactor: true }))).toEqual({ status: 409, code: 'TWO_FACTOR_SELF_FIRST' });
    expect((await company.admin.get('/api/company/two-factor')).body.requireTwoFactor).toBe(false);
    await enable(company.admin);

    const on = await company.admin.put('/api/company/two-factor', { requireTwoFactor: true });
    expect(on.status).toBe(200);
    expect(on.body.requireTwoFactor).toBe(true);
    const audit = await company.admin.get('/api/audit?limit=100');
    expect(audit.body.rows).toContainEqual(expect.objectContaining({ action: 'company.twoFactor.require', changes: { before: { requireTwoFactor: false }, after: { requireTwoFactor: true, sessionsHeld: 1 } } }));
    // At once, not at the next sign-in: the member's session from before is held at set-up; the admin's goes on.
    expect(outcome(await supportClient.get('/api/company'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
    expect((await supportClient.get('/api/auth/me')).body.pending).toBe('enrollTwoFactor');
    expect((await company.admin.get('/api/company')).status).toBe(200);

    const { client, res } = await signInRaw(member.email);
    expect(res.body.pending).toBe('enrollTwoFactor');
    expect(outcome(await client.get('/api/company'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
    expect(outcome(await client.get('/api/profile/sessions'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
    expect(outcome(await client.post('/api/auth/two-factor', { code: '123456' }))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
    expect((await client.get('/api/profile/two-factor')).body.requiredBy).toEqual({ companies: [`TF Co ${serial - 1}`], staff: false });

    const { confirm, secret } = await enable(client);
    expect(confirm.body.me.pending).toBeNull();
    client.adopt(confirm.body.me);
    expect((await client.get('/api/company')).status).toBe(200);
    // The other browser held at set-up now asks for a code instead (set-up is done; the password alone is not enough).
    expect(outcome(await supportClient.get('/api/company'))).toEqual({ status: 403, code: 'TWO_FACTOR_REQUIRED' });
    const passed = await supportClient.post('/api/auth/two-factor', { code: await freshCode(secret) });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    supportClient.adopt(passed.body);
    expect((await supportClient.get('/api/company')).status).toBe(200);
    // Required: it cannot be turned off.
    await client.post('/api/auth/reauth', { password: PASSWORD });
    expect(outcome(await client.delete('/api/profile/two-factor', { password: PASSWORD }))).toEqual({ status: 409, code: 'TWO_FACTOR_REQUIRED_BY_POLICY' });
    // The admin and the member.
    expect((await company.admin.get('/api/company/two-factor')).body).toMatchObject({ membersWithTwoFactor: 2 });
  });

  test("the operator's setting requires it of operator and reseller staff, not of company members", async () => {
    const operator = await newUser({ platformRole: 'admin' });
    const staff = await newUser();
    const demoStaff = await findUserByEmail(t.core.db, 'reseller@rtc.demo');
    const reseller = await resellerOfUser(t.core.db, demoStaff!.id);
    await addResellerMember(t.core.db, reseller!.id, staff.id);
    const plain = await newUser();

    expect((await signInRaw(operator.email)).res.body.pending).toBeNull();
    await updatePlatformSettings(t.core.db, { requireStaffTwoFactor: true });
    try {
      const op = await signInRaw(operator.email);
      expect(op.res.body.pending).toBe('enrollTwoFactor');
      expect(outcome(await op.client.get('/api/operator/companies'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
      const rs = await signInRaw(staff.email);
      expect(rs.res.body.pending).toBe('enrollTwoFactor');
      expect(outcome(await rs.client.get('/api/reseller/companies'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
      expect((await signInRaw(plain.email)).res.body.pending).toBeNull();

      const { confirm } = await enable(op.client);
      op.client.adopt(confirm.body.me);
      expect((await op.client.get('/api/operator/companies')).status).toBe(200);
    } finally {
      await updatePlatformSettings(t.core.db, { requireStaffTwoFactor: false });
    }
  });
});

describe('a requirement takes effect at once', () => {
  test('joining a company that requires it holds the account\'s other sessions as well as the new one', async () => {
    const company = await newCompany();
    await enable(company.admin);
    expect((await company.admin.put('/api/company/two-factor', { requireTwoFactor: true })).status).toBe(200);
    const user = await newUser();
    const elsewhere = (await signInRaw(user.email)).client;
    expect((await elsewhere.get('/api/auth/me')).body.pending).toBeNull();
    const admin = await findUserByEmail(t.core.db, company.email);
    const loaded = await loadCompanyContext(t.core, { userId: admin!.id, companyId: company.id, actor: { userId: admin!.id, label: company.email } });
    const { token } = await inviteMember(loaded!.ctx, { email: user.email, role: 'support' });
    const joined = await t.anonymous().post(`/api/invitations/${token}/accept`, { password: PASSWORD });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.pending).toBe('enrollTwoFactor');
    expect(outcome(await elsewhere.get('/api/projects'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
  });

  // It holds every staff session open at that moment without a second factor; later tests sign in afresh.
  test('the operator requiring it of staff must have it first; then current staff sessions are held, the operator\'s goes on', async () => {
    const operator = await newUser({ platformRole: 'admin' });
    const staff = await newUser();
    const demoStaff = await findUserByEmail(t.core.db, 'reseller@rtc.demo');
    await addResellerMember(t.core.db, (await resellerOfUser(t.core.db, demoStaff!.id))!.id, staff.id);
    const op = (await signInRaw(operator.email)).client;
    const staffClient = (await signInRaw(staff.email)).client;
    expect((await staffClient.get('/api/reseller/companies')).status).toBe(200);

    expect(outcome(await op.patch('/api/operator/settings', { requireStaffTwoFactor: true }))).toEqual({ status: 409, code: 'TWO_FACTOR_SELF_FIRST' });
    expect((await getPlatformSettings(t.core.db)).requireStaffTwoFactor).toBe(false);
    await enable(op);
    try {
      expect((await op.patch('/api/operator/settings', { requireStaffTwoFactor: true })).status).toBe(200);
      expect(outcome(await staffClient.get('/api/reseller/companies'))).toEqual({ status: 403, code: 'TWO_FACTOR_SETUP_REQUIRED' });
      expect((await op.get('/api/operator/companies')).status).toBe(200);
    } finally {
      await updatePlatformSettings(t.core.db, { requireStaffTwoFactor: false });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Your sessions

describe('your sessions', () => {
  const CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

  async function browser(email: string, ua: string) {
    const client = t.anonymous();
    const res = await client.agent.post('/api/auth/sign-in').set('user-agent', ua).send({ email, password: PASSWORD });
    expect(res.status).toBe(200);
    client.adopt(res.body);
    return client;
  }

  test('lists every session with its device, IP and times, this one marked; revokes one (it then gets 401)', async () => {
    const user = await newUser();
    const mac = await browser(user.email, CHROME);
    const pc = await browser(user.email, FIREFOX);
    const list = await mac.get('/api/profile/sessions');
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(2);
    const rows = list.body.rows as { id: string; device: string; current: boolean; ip: string; createdAt: string; lastSeenAt: string }[];
    const mine = rows.find((r) => r.current)!;
    const other = rows.find((r) => !r.current)!;
    expect(mine.device).toMatch(/Chrome 126.*macOS/);
    expect(other.device).toMatch(/Firefox 128.*Windows/);
    expect(mine.ip).toBeTruthy();
    expect(Date.parse(mine.createdAt)).toBeGreaterThan(0);
    expect(Date.parse(mine.lastSeenAt)).toBeGreaterThan(0);

    // Someone else's session id is not found, and nothing changes.
    const stranger = await browser((await newUser()).email, CHROME);
    expect(outcome(await stranger.delete(`/api/profile/sessions/${other.id}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await pc.get('/api/profile')).status).toBe(200);

    expect((await mac.delete(`/api/profile/sessions/${other.id}`)).status).toBe(204);
    expect(outcome(await pc.get('/api/profile'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await mac.get('/api/profile')).status).toBe(200);
    expect(await eventsOf(user.id)).toContain('session.revoke');
  });

  test('revoke all others keeps this one', async () => {
    const user = await newUser();
    const a = await browser(user.email, CHROME);
    const b = await browser(user.email, FIREFOX);
    const c = await browser(user.email, FIREFOX);
    const res = await a.post('/api/profile/sessions/revoke-others');
    expect(res.body).toEqual({ revoked: 2 });
    expect(outcome(await b.get('/api/profile'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(outcome(await c.get('/api/profile'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await a.get('/api/profile/sessions')).body.count).toBe(1);
  });

  test('sign out everywhere ends every session, this one included, and forgets remembered browsers', async () => {
    const user = await userWithTwoFactor();
    const a = (await signInRaw(user.email)).client;
    a.adopt((await a.post('/api/auth/two-factor', { code: await freshCode(user.secret), remember: true })).body);
    const b = (await signInRaw(user.email)).client;
    expect(await t.core.db.select().from(rememberedDevices).where(eq(rememberedDevices.userId, user.id))).toHaveLength(1);
    expect((await a.post('/api/profile/sessions/sign-out-everywhere')).status).toBe(204);
    expect(outcome(await a.get('/api/profile'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(outcome(await b.get('/api/auth/me'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await t.core.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await t.core.db.select().from(rememberedDevices).where(and(eq(rememberedDevices.userId, user.id)))).toEqual([]);
    // The browser that was remembered is asked for the code again.
    expect((await signInRaw(user.email, a)).res.body.pending).toBe('twoFactor');
    expect(await eventsOf(user.id)).toContain('session.signOutEverywhere');
  });
});
