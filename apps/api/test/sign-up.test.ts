// Self sign-up of direct customers: the form, the one-time e-mailed link, the platform's
// sign-up mode, no account enumeration, throttling; and the password rules (ASVS 6.2).
import { auditLog, companies, memberships, purgeExpiredSignUps, roles, signUps, users, updatePlatformSettings } from '@rtc-console/core';
import { and, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createTestApp, DEMO_PASSWORD, linkToken, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  // TRUST_PROXY: each request speaks for its own client address (X-Forwarded-For), so only the
  // per-address count of the throttling test adds up.
  t = await createTestApp({ env: { SIGN_IN_RATE_LIMIT: '4', TRUST_PROXY: 'loopback' } });
});
afterAll(() => t.close());
beforeEach(() => updatePlatformSettings(t.core.db, { signUpMode: 'open', defaultAppLimit: 7, defaultMemberLimit: 13 }));

let serial = 0;
let nextAddress = 1;
const from = () => `198.51.100.${nextAddress++}`;
const form = (over: Record<string, unknown> = {}) => {
  const n = ++serial;
  return { name: 'Grace Hopper', email: `grace-${n}@signup.example`, password: 'cobol compiler 1959', companyName: `Hopper Labs ${n}`, country: 'US', area: 'Non-CN', acceptTerms: true, ...over };
};
const signUp = (body: unknown, address = from()) => request(t.app).post('/api/sign-up').set('x-forwarded-for', address).send(body as object);
const verify = (token: string, agent = request.agent(t.app)) => agent.post('/api/sign-up/verify').set('x-forwarded-for', from()).send({ token });

const pendingRows = (email: string) => t.core.db.select().from(signUps).where(sql`lower(${signUps.email}) = lower(${email})`);
const counts = async () => {
  const [u] = await t.core.db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [c] = await t.core.db.select({ n: sql<number>`count(*)::int` }).from(companies);
  const [s] = await t.core.db.select({ n: sql<number>`count(*)::int` }).from(signUps);
  return { users: u!.n, companies: c!.n, signUps: s!.n };
};

test('sign-up mails a link; following it makes the user the admin of a new direct company with the default limits, signed in', async () => {
  const body = form({ locale: 'zh-CN' });
  const res = await signUp(body);
  expect(res.status).toBe(202);
  const [pending] = await pendingRows(body.email);
  expect(pending).toMatchObject({ companyName: body.companyName, verifiedAt: null, locale: 'zh-CN' });
  expect(pending!.passwordHash).toMatch(/^\$argon2id\$/);
  // Nothing exists before the address is verified.
  expect(await t.core.db.select().from(users).where(eq(users.email, body.email))).toHaveLength(0);

  const [mail] = await t.mail(body.email, 'sign-up');
  expect(mail!.subject).toMatch(/验证/); // in the language chosen on the form
  const token = await linkToken(t, body.email, 'sign-up');
  expect(mail!.text).toContain('/verify-email?token=');
  // Only the token's hash is stored.
  expect(pending!.tokenHash).not.toBe(token);
  expect(pending!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

  const agent = request.agent(t.app);
  const verified = await verify(token, agent);
  expect(verified.status, JSON.stringify(verified.body)).toBe(201);
  expect(verified.body.user).toMatchObject({ email: body.email, name: 'Grace Hopper', locale: 'zh-CN', platformRole: null });
  expect(verified.body.companies).toEqual([expect.objectContaining({ name: body.companyName, role: expect.objectContaining({ builtin: 'admin' }) })]);
  expect(verified.body.csrfToken).toBeTruthy();

  const [company] = await t.core.db.select().from(companies).where(eq(companies.id, verified.body.companyId));
  expect(company).toMatchObject({ name: body.companyName, resellerId: null, appLimit: 7, memberLimit: 13, country: 'US', area: 'Non-CN', email: body.email, firstName: 'Grace', lastName: 'Hopper' });
  const [membership] = await t.core.db
    .select({ builtin: roles.builtin })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.companyId, company!.id), eq(memberships.userId, verified.body.user.id)));
  expect(membership!.builtin).toBe('admin');
  const [audit] = await t.core.db.select().from(auditLog).where(and(eq(auditLog.companyId, company!.id), eq(auditLog.action, 'company.create')));
  expect(audit).toMatchObject({ actorLabel: body.email, changes: { after: expect.objectContaining({ via: 'sign-up', name: body.companyName }) } });

  // The cookie set by the verification is a session: the console answers as that admin.
  const me = await agent.get('/api/auth/me');
  expect(me.status).toBe(200);
  expect(me.body.companyId).toBe(company!.id);
  expect(me.body.rules.length).toBeGreaterThan(0);
  // And the password chosen on the form signs in.
  expect((await t.anonymous().post('/api/auth/sign-in', { email: body.email, password: body.password })).status).toBe(200);
  // The kept row no longer holds the password's hash.
  expect((await pendingRows(body.email))[0]!.passwordHash).toBe('');
});

test('a link used twice is refused with 410 SIGN_UP_LINK_USED and makes no second company', async () => {
  const body = form();
  await signUp(body);
  const token = await linkToken(t, body.email, 'sign-up');
  expect((await verify(token)).status).toBe(201);
  const before = await counts();
  const again = await verify(token);
  expect(again.status).toBe(410);
  expect(again.body.error.code).toBe('SIGN_UP_LINK_USED');
  expect(again.headers['set-cookie']).toBeUndefined();
  expect(await counts()).toEqual(before);
});

test('an expired link is refused with 410 SIGN_UP_LINK_EXPIRED; an unknown one with 400 TOKEN_INVALID', async () => {
  const body = form();
  await signUp(body);
  const token = await linkToken(t, body.email, 'sign-up');
  await t.core.db.update(signUps).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signUps.email, body.email));
  const before = await counts();
  const res = await verify(token);
  expect(res.status).toBe(410);
  expect(res.body.error.code).toBe('SIGN_UP_LINK_EXPIRED');
  expect(await counts()).toEqual(before);
  const unknown = await verify('x'.repeat(43));
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.code).toBe('TOKEN_INVALID');
});

test('signing up again replaces the pending sign-up: the first link stops working', async () => {
  const first = form();
  await signUp(first);
  const oldToken = await linkToken(t, first.email, 'sign-up');
  await signUp({ ...first, companyName: 'Second Try' });
  const newToken = await linkToken(t, first.email, 'sign-up');
  expect(newToken).not.toBe(oldToken);
  expect(await pendingRows(first.email)).toHaveLength(1);
  expect((await verify(oldToken)).body.error.code).toBe('TOKEN_INVALID');
  const ok = await verify(newToken);
  expect(ok.status).toBe(201);
  expect(ok.body.companies[0].name).toBe('Second Try');
});

test('sign-up closed: 403 SIGN_UP_CLOSED, nothing stored, no mail; the status endpoint says so', async () => {
  await updatePlatformSettings(t.core.db, { signUpMode: 'closed' });
  expect((await request(t.app).get('/api/sign-up/status')).body).toEqual({ mode: 'closed' });
  const body = form();
  const before = await counts();
  const res = await signUp(body);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('SIGN_UP_CLOSED');
  expect(await counts()).toEqual(before);
  expect(await t.mail(body.email)).toHaveLength(0);
});

test('sign-up by invitation only: 403 SIGN_UP_BY_INVITATION explaining that an invitation is needed', async () => {
  await updatePlatformSettings(t.core.db, { signUpMode: 'invitation' });
  expect((await request(t.app).get('/api/sign-up/status')).body).toEqual({ mode: 'invitation' });
  const before = await counts();
  const res = await signUp(form());
  expect(res.status).toBe(403);
  expect(res.body.error).toMatchObject({ code: 'SIGN_UP_BY_INVITATION', message: expect.stringMatching(/invit/i) });
  expect(await counts()).toEqual(before);
});

test('a link mailed while sign-up was open is refused once the operator closes sign-up', async () => {
  const body = form();
  await signUp(body);
  const token = await linkToken(t, body.email, 'sign-up');
  await updatePlatformSettings(t.core.db, { signUpMode: 'closed' });
  const res = await verify(token);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('SIGN_UP_CLOSED');
});

test('an address that has an account gets the same answer; its owner gets a notice and no pending row is stored', async () => {
  const fresh = await signUp(form());
  const existing = await signUp(form({ email: 'Admin@Acme.demo', password: 'takeover attempt 42' }));
  expect(existing.status).toBe(fresh.status);
  expect(existing.body).toEqual(fresh.body);
  expect(await pendingRows('admin@acme.demo')).toHaveLength(0);
  expect(await t.mail('admin@acme.demo', 'sign-up')).toHaveLength(0);
  const [notice] = await t.mail('admin@acme.demo', 'sign-up-existing');
  expect(notice!.subject).toMatch(/tried to sign up/);
  expect(notice!.text).toContain('/forgot-password');
  // The account is unchanged: the old password still signs in, the attempted one does not.
  expect((await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo', password: DEMO_PASSWORD })).status).toBe(200);
  expect((await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo', password: 'takeover attempt 42' })).status).toBe(401);
});

test('invalid forms are refused with 400 VALIDATION_FAILED naming each field, and nothing is stored', async () => {
  const before = await counts();
  const cases: [Record<string, unknown>, string][] = [
    [{ name: '' }, 'name'],
    [{ email: 'not-an-email' }, 'email'],
    [{ password: 'seven77' }, 'password'],
    [{ companyName: 'A company name that is far too long' }, 'companyName'],
    [{ companyName: '' }, 'companyName'],
    [{ country: 'XX' }, 'country'],
    [{ area: 'Mars' }, 'area'],
    [{ acceptTerms: false }, 'acceptTerms'],
    [{ acceptTerms: undefined }, 'acceptTerms'],
  ];
  for (const [over, field] of cases) {
    const res = await signUp(form(over));
    expect(res.status, field).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details, field).toEqual(expect.arrayContaining([expect.objectContaining({ path: [field], message: expect.any(String) })]));
  }
  expect(await counts()).toEqual(before);
});

test('password rules: a common password and 7 characters are refused with a clear message; 8, 128 and 200 characters (any Unicode) are accepted', async () => {
  const common = await signUp(form({ password: 'Password123' }));
  expect(common.status).toBe(400);
  expect(common.body.error.details).toEqual([expect.objectContaining({ path: ['password'], message: expect.stringMatching(/too common/) })]);
  const short = await signUp(form({ password: '1234567' }));
  expect(short.body.error.details).toEqual([expect.objectContaining({ path: ['password'], message: 'Password must be at least 8 characters' })]);
  const tooLong = await signUp(form({ password: 'x'.repeat(257) }));
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error.details[0].message).toMatch(/at most 256/);
  const contextual = form();
  const withEmail = await signUp({ ...contextual, password: `my ${contextual.email} pw` });
  expect(withEmail.body.error.details).toEqual([expect.objectContaining({ path: ['password'], message: expect.stringMatching(/e-mail address or your name/) })]);

  const phrase = 'correct horse battery staple ';
  // 8 code points (CJK, emoji and spaces are characters like any other), 128 and 200 characters.
  for (const password of ['密码很长很长很长', '🔑🔑 x y 🔑!', phrase.repeat(5).slice(0, 128), phrase.repeat(7).slice(0, 200)]) {
    const body = form({ password });
    const res = await signUp(body);
    expect(res.status, `${[...password].length} characters`).toBe(202);
    // The password works: verify and sign in with it.
    expect((await verify(await linkToken(t, body.email, 'sign-up'))).status).toBe(201);
    expect((await t.anonymous().post('/api/auth/sign-in', { email: body.email, password })).status).toBe(200);
  }
});

test('the same password rules apply to reset-password, invitation acceptance and the profile password change', async () => {
  const admin = await t.signIn('admin@galaxy.demo');
  const reset = await t.anonymous().post('/api/auth/reset-password', { token: 'x'.repeat(43), password: 'ILoveYou' });
  expect(reset.status, JSON.stringify(reset.body)).toBe(400);
  expect(reset.body.error.details[0]).toMatchObject({ path: ['password'], message: expect.stringMatching(/too common/) });
  const change = await admin.post('/api/profile/password', { currentPassword: DEMO_PASSWORD, newPassword: 'qwertyuiop' });
  expect(change.status).toBe(400);
  expect(change.body.error.details[0]).toMatchObject({ path: ['newPassword'], message: expect.stringMatching(/too common/) });
  const accept = await t.anonymous().post(`/api/invitations/${'x'.repeat(43)}/accept`, { name: 'X', password: 'sunshine' });
  expect(accept.status).toBe(400);
  expect(accept.body.error.details[0]).toMatchObject({ path: ['password'], message: expect.stringMatching(/too common/) });
});

test('sign-up is throttled per address like sign-in: 429 with Retry-After after the limit, from any client address', async () => {
  const body = form();
  for (let i = 0; i < 4; i++) expect((await signUp(body)).status).toBe(202);
  const over = await signUp(body);
  expect(over.status).toBe(429);
  expect(over.body.error.code).toBe('RATE_LIMITED');
  expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  // Another address is not held up.
  expect((await signUp(form())).status).toBe(202);
});

test('housekeeping purges sign-ups whose link expired', async () => {
  const body = form();
  await signUp(body);
  await t.core.db.update(signUps).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signUps.email, body.email));
  const kept = form();
  await signUp(kept);
  expect(await purgeExpiredSignUps(t.core.db)).toBeGreaterThanOrEqual(1);
  expect(await pendingRows(body.email)).toHaveLength(0);
  expect(await pendingRows(kept.email)).toHaveLength(1);
});
