import { sessions, sha256Hex } from '@rtc-console/core';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, DEMO_PASSWORD, linkToken, type TestApp, type TestClient } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The raw `rtc_sid` Set-Cookie line of a response, or undefined. */
function setCookieLine(res: request.Response): string | undefined {
  const lines = res.headers['set-cookie'] as unknown as string[] | undefined;
  return lines?.find((l) => l.startsWith('rtc_sid='));
}

/** The session token a response put into the `rtc_sid` cookie. */
function sessionToken(res: request.Response): string {
  const line = setCookieLine(res);
  const value = line?.split(';')[0]?.slice('rtc_sid='.length);
  if (!value) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return value;
}

/** A request carrying exactly this session cookie, outside any agent's cookie jar. */
const withCookie = (token: string) => request(t.app).get('/api/auth/me').set('Cookie', `rtc_sid=${token}`);

/** Signs in and also returns the cookie token (and so the session's row id). */
async function signInWithToken(email: string, password = DEMO_PASSWORD): Promise<{ client: TestClient; token: string; sessionId: string }> {
  const client = t.anonymous();
  const res = await client.post('/api/auth/sign-in', { email, password });
  expect(res.status).toBe(200);
  client.adopt(res.body);
  const token = sessionToken(res);
  return { client, token, sessionId: sha256Hex(token) };
}

async function projectIdByName(client: TestClient, name: string): Promise<string> {
  const res = await client.get(`/api/projects?q=${encodeURIComponent(name)}`);
  expect(res.status).toBe(200);
  const row = (res.body.rows as { id: string; name: string }[]).find((p) => p.name === name);
  if (!row) throw new Error(`no project ${name}`);
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// Sign-in, cookies, sign-out

test('sign-in with the right password answers 200 with the user, companies, rules and a CSRF token', async () => {
  const res = await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo', password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  expect(res.body.user).toMatchObject({ email: 'admin@acme.demo', name: 'Alice Admin' });
  expect(res.body.companies.map((c: { name: string }) => c.name).sort()).toEqual(['Acme Video', '星河直播'].sort());
  expect(typeof res.body.companyId).toBe('number');
  expect(res.body.rules.length).toBeGreaterThan(0);
  expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
});

test('sign-in ignores the case of the email address', async () => {
  const res = await t.anonymous().post('/api/auth/sign-in', { email: '  Ops@ACME.demo ', password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  expect(res.body.user.email).toBe('ops@acme.demo');
});

test('unknown email and wrong password get the same 401 INVALID_CREDENTIALS answer (no account enumeration)', async () => {
  const wrongPassword = await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo', password: 'not-the-password' });
  const unknownEmail = await t.anonymous().post('/api/auth/sign-in', { email: 'nobody@acme.demo', password: 'not-the-password' });
  expect(wrongPassword.status).toBe(401);
  expect(unknownEmail.status).toBe(401);
  expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
  expect(unknownEmail.body).toEqual(wrongPassword.body);
  expect(setCookieLine(wrongPassword)).toBeUndefined();
  expect(setCookieLine(unknownEmail)).toBeUndefined();
});

test('sign-in without a password is refused with 400 VALIDATION_FAILED naming the field', async () => {
  const res = await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo' });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['password'] })]));
});

test('the session cookie is HttpOnly, SameSite=Lax, on path / and lasts the absolute session length', async () => {
  const res = await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo', password: DEMO_PASSWORD });
  const line = setCookieLine(res)!;
  expect(line).toBeDefined();
  expect(line).toMatch(/;\s*HttpOnly/i);
  expect(line).toMatch(/;\s*SameSite=Lax/i);
  expect(line).toMatch(/;\s*Path=\/(;|$)/);
  expect(line).toMatch(new RegExp(`;\\s*Max-Age=${t.config.session.absoluteHours * 3600}(;|$)`));
  // The cookie holds a random token; the database keeps only its hash.
  const token = sessionToken(res);
  const [row] = await t.core.db.select().from(sessions).where(eq(sessions.id, sha256Hex(token)));
  expect(row).toBeDefined();
  expect(await t.core.db.select().from(sessions).where(eq(sessions.id, token))).toHaveLength(0);
});

test('the session id rotates at sign-in: the cookie from before no longer works', async () => {
  const client = t.anonymous();
  const first = await client.post('/api/auth/sign-in', { email: 'support@acme.demo', password: DEMO_PASSWORD });
  const oldToken = sessionToken(first);
  expect((await withCookie(oldToken)).status).toBe(200);

  // Signing in again from the same browser (the old cookie is sent along) starts a new session.
  const second = await client.post('/api/auth/sign-in', { email: 'support@acme.demo', password: DEMO_PASSWORD });
  expect(second.status).toBe(200);
  const newToken = sessionToken(second);
  expect(newToken).not.toBe(oldToken);
  expect(second.body.csrfToken).not.toBe(first.body.csrfToken);

  const stale = await withCookie(oldToken);
  expect(stale.status).toBe(401);
  expect(stale.body.error.code).toBe('UNAUTHENTICATED');
  expect((await withCookie(newToken)).status).toBe(200);
});

test('a request without a session gets 401 UNAUTHENTICATED in the error envelope', async () => {
  const res = await t.anonymous().get('/api/auth/me');
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
});

test('sign-out ends the session on the server, not just in the browser', async () => {
  const { client, token } = await signInWithToken('ops@galaxy.demo');
  expect((await client.get('/api/auth/me')).status).toBe(200);

  const out = await client.post('/api/auth/sign-out');
  expect(out.status).toBe(204);
  expect(setCookieLine(out)).toMatch(/^rtc_sid=;/);
  expect((await client.get('/api/auth/me')).status).toBe(401);
  // Replaying the old cookie does not bring the session back.
  expect((await withCookie(token)).status).toBe(401);
});

test('a stale cookie is cleared by the server', async () => {
  const res = await request(t.app).get('/api/auth/me').set('Cookie', 'rtc_sid=this-session-never-existed');
  expect(res.status).toBe(401);
  expect(setCookieLine(res)).toMatch(/^rtc_sid=;/);
});

// ---------------------------------------------------------------------------------------------
// Cross-site request defences, body handling, unknown routes

test('a cookie-authenticated write without x-csrf-token is refused with 403 CSRF_FAILED', async () => {
  const { client } = await signInWithToken('auditor@galaxy.demo');
  const res = await client.agent.patch('/api/profile').send({ name: 'Changed Without Token' });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('CSRF_FAILED');
  expect((await client.get('/api/profile')).body.name).toBe('陈静');
});

test('a cookie-authenticated write with a wrong x-csrf-token is refused with 403 CSRF_FAILED', async () => {
  const { client } = await signInWithToken('auditor@galaxy.demo');
  const res = await client.agent.patch('/api/profile').set('x-csrf-token', `${client.csrf}x`).send({ name: 'Changed With Bad Token' });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('CSRF_FAILED');
  // Another session's token is just as wrong.
  const other = await signInWithToken('auditor@galaxy.demo');
  const res2 = await client.agent.patch('/api/profile').set('x-csrf-token', other.client.csrf).send({ name: 'Changed With Foreign Token' });
  expect(res2.status).toBe(403);
  expect(res2.body.error.code).toBe('CSRF_FAILED');
  expect((await client.get('/api/profile')).body.name).toBe('陈静');
});

test('a write with a cross-site Origin is refused with 403 even with the right CSRF token', async () => {
  const { client } = await signInWithToken('auditor@galaxy.demo');
  const res = await client.agent
    .patch('/api/profile')
    .set('x-csrf-token', client.csrf)
    .set('Origin', 'https://evil.example')
    .send({ name: 'Cross Site' });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('CSRF_FAILED');
  // Sign-in from another site is refused too (no login CSRF).
  const signIn = await t.anonymous().agent.post('/api/auth/sign-in').set('Origin', 'https://evil.example').send({ email: 'auditor@galaxy.demo', password: DEMO_PASSWORD });
  expect(signIn.status).toBe(403);
  expect((await client.get('/api/profile')).body.name).toBe('陈静');
});

test("a write from the console's own origin with the right CSRF token goes through", async () => {
  const { client } = await signInWithToken('auditor@galaxy.demo');
  const res = await client.agent
    .patch('/api/profile')
    .set('x-csrf-token', client.csrf)
    .set('Origin', new URL(t.config.publicUrl).origin)
    .send({ locale: 'zh-CN' });
  expect(res.status).toBe(200);
});

test('a write whose body is not JSON is refused with 415', async () => {
  const form = await t.anonymous().agent
    .post('/api/auth/sign-in')
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .send(`email=admin%40acme.demo&password=${DEMO_PASSWORD}`);
  expect(form.status).toBe(415);
  expect(form.body.error.code).toBe('BAD_REQUEST');

  const { client } = await signInWithToken('auditor@galaxy.demo');
  const text = await client.agent.patch('/api/profile').set('x-csrf-token', client.csrf).set('Content-Type', 'text/plain').send('name=Plain Text');
  expect(text.status).toBe(415);
  expect((await client.get('/api/profile')).body.name).toBe('陈静');
});

test('a body over the 100kb limit is refused with 413 PAYLOAD_TOO_LARGE', async () => {
  const res = await t.anonymous().post('/api/auth/sign-in', { email: 'admin@acme.demo', password: 'x'.repeat(150 * 1024) });
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(res.body.error.message).toContain('102400');
});

test('malformed JSON is refused with 400 BAD_REQUEST', async () => {
  const res = await t.anonymous().agent.post('/api/auth/sign-in').set('Content-Type', 'application/json').send('{"email": "admin@acme.demo", ');
  expect(res.status).toBe(400);
  expect(res.body.error).toEqual({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON' });
});

test('an unknown /api route answers 404 NOT_FOUND in the JSON error envelope', async () => {
  const get = await t.anonymous().get('/api/no-such-thing');
  expect(get.status).toBe(404);
  expect(get.headers['content-type']).toMatch(/application\/json/);
  expect(get.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/no-such-thing') } });

  const admin = await t.signIn('admin@acme.demo');
  const post = await admin.post('/api/projects/x/no-such-action', {});
  expect(post.status).toBe(404);
  expect(post.body.error.code).toBe('NOT_FOUND');
});

// ---------------------------------------------------------------------------------------------
// Forgotten and reset passwords, password change

test('forgot-password answers 202 the same for known and unknown emails and mails only the known one', async () => {
  const known = await t.anonymous().post('/api/auth/forgot-password', { email: 'engineer@galaxy.demo' });
  const unknown = await t.anonymous().post('/api/auth/forgot-password', { email: 'ghost@galaxy.demo' });
  expect(known.status).toBe(202);
  expect(unknown.status).toBe(202);
  expect(unknown.body).toEqual(known.body);

  const mailed = await t.mail('engineer@galaxy.demo', 'password-reset');
  expect(mailed).toHaveLength(1);
  expect(mailed[0]!.text).toContain(`${t.config.publicUrl}/reset-password?token=`);
  expect(await t.mail('ghost@galaxy.demo')).toHaveLength(0);
});

test('a reset link works once, the old password stops working and existing sessions end', async () => {
  const email = 'ops@acme.demo';
  const before = await signInWithToken(email);
  expect((await t.anonymous().post('/api/auth/forgot-password', { email })).status).toBe(202);
  const token = await linkToken(t, email, 'password-reset');

  const reset = await t.anonymous().post('/api/auth/reset-password', { token, password: 'brand-new-pass-1' });
  expect(reset.status).toBe(204);

  // The session from before the reset is gone.
  expect((await before.client.get('/api/auth/me')).status).toBe(401);
  expect((await withCookie(before.token)).status).toBe(401);
  // Old password out, new password in.
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: DEMO_PASSWORD })).status).toBe(401);
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'brand-new-pass-1' })).status).toBe(200);

  // The link cannot be used a second time.
  const again = await t.anonymous().post('/api/auth/reset-password', { token, password: 'another-pass-22' });
  expect(again.status).toBe(400);
  expect(again.body.error.code).toBe('TOKEN_INVALID');
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'another-pass-22' })).status).toBe(401);
});

test('setting a password through one reset link voids the other open links of that user', async () => {
  const email = 'support@galaxy.demo';
  await t.anonymous().post('/api/auth/forgot-password', { email });
  await t.anonymous().post('/api/auth/forgot-password', { email });
  const [newest, older] = await t.mail(email, 'password-reset');
  const tokenOf = (text: string) => decodeURIComponent(text.match(/token=([A-Za-z0-9_%-]+)/)![1]!);
  const newToken = tokenOf(newest!.text);
  const oldToken = tokenOf(older!.text);
  expect(newToken).not.toBe(oldToken);

  expect((await t.anonymous().post('/api/auth/reset-password', { token: newToken, password: 'orbit-keeper-1' })).status).toBe(204);
  const stale = await t.anonymous().post('/api/auth/reset-password', { token: oldToken, password: 'orbit-keeper-2' });
  expect(stale.status).toBe(400);
  expect(stale.body.error.code).toBe('TOKEN_INVALID');
});

test('a made-up reset token is refused with 400 TOKEN_INVALID', async () => {
  const res = await t.anonymous().post('/api/auth/reset-password', { token: 'made-up-token-0123456789', password: 'whatever-pass-1' });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('TOKEN_INVALID');
});

test("a password holding the account's e-mail or name is refused at a reset (the link still works), at a change, and on accepting an invitation", async () => {
  const contextual = (res: request.Response, field: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: [field], message: expect.stringMatching(/e-mail address or your name/) }] });
  };
  // A reset: refused, and the link is not used up by the refusal.
  const email = 'viewer@acme.demo';
  await t.anonymous().post('/api/auth/forgot-password', { email });
  const token = await linkToken(t, email, 'password-reset');
  contextual(await t.anonymous().post('/api/auth/reset-password', { token, password: 'my-viewer-pass' }), 'password');
  expect((await t.anonymous().post('/api/auth/reset-password', { token, password: 'steady-lantern-9' })).status).toBe(204);
  // A change on the profile page, naming its field.
  const client = await t.signIn(email, 'steady-lantern-9');
  contextual(await client.post('/api/profile/password', { currentPassword: 'steady-lantern-9', newPassword: 'VIEWER@acme.demo!' }), 'newPassword');
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'steady-lantern-9' })).status).toBe(200);
  // An invitation to a new address: the invitee's name inside the password.
  const admin = await t.signIn('admin@acme.demo');
  const invited = await admin.post('/api/members/invitations', { email: 'winona.ryder@example.com', role: 'engineer' });
  expect(invited.status, JSON.stringify(invited.body)).toBeLessThan(300);
  const invitation = await linkToken(t, 'winona.ryder@example.com', 'invitation');
  contextual(await t.anonymous().post(`/api/invitations/${invitation}/accept`, { name: 'Winona Ryder', password: 'i-am-winona ryder' }), 'password');
  // Nothing was created: the invitation still works with a fitting password.
  expect((await t.anonymous().post(`/api/invitations/${invitation}/accept`, { name: 'Winona Ryder', password: 'quiet-harbour-77' })).status).toBe(201);
});

test('changing the password with a wrong current password is refused with 400 naming currentPassword', async () => {
  const client = await t.signIn('engineer@galaxy.demo');
  const res = await client.post('/api/profile/password', { currentPassword: 'not-my-password', newPassword: 'whatever-new-1' });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  expect(res.body.error.details).toEqual([expect.objectContaining({ path: ['currentPassword'] })]);
  expect((await t.anonymous().post('/api/auth/sign-in', { email: 'engineer@galaxy.demo', password: DEMO_PASSWORD })).status).toBe(200);
});

test('changing the password ends the other sessions; the current client keeps working with the new CSRF token', async () => {
  const email = 'engineer@acme.demo';
  const current = await signInWithToken(email);
  const other = await signInWithToken(email);
  const oldCsrf = current.client.csrf;

  const tooShort = await current.client.post('/api/profile/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
  expect(tooShort.status).toBe(400);
  expect(tooShort.body.error.details).toEqual([expect.objectContaining({ path: ['newPassword'] })]);

  const res = await current.client.post('/api/profile/password', { currentPassword: DEMO_PASSWORD, newPassword: 'lantern-new-pass' });
  expect(res.status).toBe(200);
  expect(res.body.user.email).toBe(email);
  expect(res.body.csrfToken).not.toBe(oldCsrf);

  // The other session is gone; so is the current session's old id (it was rotated).
  expect((await other.client.get('/api/auth/me')).status).toBe(401);
  expect((await withCookie(current.token)).status).toBe(401);

  // The current client holds the new cookie; the old CSRF token no longer matches it.
  const withOldCsrf = await current.client.patch('/api/profile', { name: 'Erin E.' });
  expect(withOldCsrf.status).toBe(403);
  expect(withOldCsrf.body.error.code).toBe('CSRF_FAILED');
  current.client.adopt(res.body);
  expect((await current.client.patch('/api/profile', { name: 'Erin E.' })).status).toBe(200);

  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: DEMO_PASSWORD })).status).toBe(401);
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'lantern-new-pass' })).status).toBe(200);
  expect(await t.mail(email, 'password-changed')).toHaveLength(1);
});

// ---------------------------------------------------------------------------------------------
// Re-authentication before revealing secrets

test('revealing an App Certificate needs the password re-entered: 403 REAUTH_REQUIRED, wrong password 401, then 200', async () => {
  const { client, sessionId } = await signInWithToken('admin@acme.demo');
  const id = await projectIdByName(client, 'Support Calls');

  const enableEarly = await client.post(`/api/projects/${id}/certificate`);
  expect(enableEarly.status).toBe(403);
  expect(enableEarly.body.error.code).toBe('REAUTH_REQUIRED');
  const revealEarly = await client.post(`/api/projects/${id}/certificate/reveal`);
  expect(revealEarly.status).toBe(403);
  expect(revealEarly.body.error.code).toBe('REAUTH_REQUIRED');

  const wrong = await client.post('/api/auth/reauth', { password: 'not-the-password' });
  expect(wrong.status).toBe(401);
  expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  expect((await client.post(`/api/projects/${id}/certificate/reveal`)).body.error.code).toBe('REAUTH_REQUIRED');

  expect((await client.post('/api/auth/reauth', { password: DEMO_PASSWORD })).status).toBe(204);
  const enabled = await client.post(`/api/projects/${id}/certificate`);
  expect(enabled.status).toBe(201);
  expect(enabled.body.appCertificate).toMatch(/^[0-9a-f]{32}$/);
  const revealed = await client.post(`/api/projects/${id}/certificate/reveal`);
  expect(revealed.status).toBe(200);
  expect(revealed.body.appCertificate).toBe(enabled.body.appCertificate);

  // The re-authentication is only good for a few minutes: once it is older, the secret is hidden again.
  await t.core.db
    .update(sessions)
    .set({ reauthAt: new Date(Date.now() - (t.config.session.reauthMinutes + 1) * 60_000) })
    .where(eq(sessions.id, sessionId));
  const late = await client.post(`/api/projects/${id}/certificate/reveal`);
  expect(late.status).toBe(403);
  expect(late.body.error.code).toBe('REAUTH_REQUIRED');
});

test('re-authentication belongs to one session: another session of the same user still has to re-enter the password', async () => {
  const first = await signInWithToken('admin@acme.demo');
  const second = await signInWithToken('admin@acme.demo');
  const id = await projectIdByName(first.client, 'Live Shopping');
  expect((await first.client.post('/api/auth/reauth', { password: DEMO_PASSWORD })).status).toBe(204);
  expect((await first.client.post(`/api/projects/${id}/certificate`)).status).toBe(201);
  expect((await first.client.post(`/api/projects/${id}/certificate/reveal`)).status).toBe(200);
  const res = await second.client.post(`/api/projects/${id}/certificate/reveal`);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('REAUTH_REQUIRED');
});

// ---------------------------------------------------------------------------------------------
// Session timeouts

test('a session idle for longer than the idle timeout is ended', async () => {
  const { client, sessionId } = await signInWithToken('auditor@galaxy.demo');
  const idle = t.config.session.idleMinutes;

  // Half the idle time without a request is fine...
  await t.core.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - (idle / 2) * 60_000) }).where(eq(sessions.id, sessionId));
  expect((await client.get('/api/auth/me')).status).toBe(200);

  // ...more than the idle time is not, and the session row is deleted.
  await t.core.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - (idle + 1) * 60_000) }).where(eq(sessions.id, sessionId));
  const res = await client.get('/api/auth/me');
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('UNAUTHENTICATED');
  expect(await t.core.db.select().from(sessions).where(eq(sessions.id, sessionId))).toHaveLength(0);
});

test('a session past its absolute expiry is ended however active it is', async () => {
  const { client, sessionId } = await signInWithToken('auditor@galaxy.demo');
  const [row] = await t.core.db.select().from(sessions).where(eq(sessions.id, sessionId));
  // The absolute expiry is set at sign-in from SESSION_ABSOLUTE_HOURS.
  const lifetimeHours = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 3_600_000;
  expect(Math.round(lifetimeHours)).toBe(t.config.session.absoluteHours);

  await t.core.db.update(sessions).set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionId));
  expect((await client.get('/api/auth/me')).status).toBe(401);
  expect(await t.core.db.select().from(sessions).where(eq(sessions.id, sessionId))).toHaveLength(0);
});

// ---------------------------------------------------------------------------------------------
// Company switcher

test('the company switcher changes which company the session acts in and whose projects are listed', async () => {
  const client = await t.signIn('admin@acme.demo');
  const companies = client.me.companies as { id: number; name: string; role: { builtin: string | null } }[];
  const acme = companies.find((c) => c.name === 'Acme Video')!;
  const galaxy = companies.find((c) => c.name === '星河直播')!;
  expect(acme.role.builtin).toBe('admin');
  expect(galaxy.role.builtin).toBe('engineer');
  expect(client.me.companyId).toBe(acme.id);

  const acmeProjects = (await client.get('/api/projects')).body.rows.map((p: { name: string }) => p.name);
  expect(acmeProjects).toContain('Video Classroom');
  expect(acmeProjects).not.toContain('互动直播');

  const switched = await client.post('/api/auth/switch-company', { companyId: galaxy.id });
  expect(switched.status).toBe(200);
  expect(switched.body.companyId).toBe(galaxy.id);
  // The rules follow the role in the new company: an engineer there, no member management.
  expect(switched.body.rules.some((r: { subject: string }) => r.subject === 'Member')).toBe(false);
  expect(switched.body.rules.every((r: { conditions: { companyId: number } }) => r.conditions.companyId === galaxy.id)).toBe(true);

  const galaxyProjects = await client.get('/api/projects');
  expect(galaxyProjects.body.rows.map((p: { name: string }) => p.name).sort()).toEqual(['互动直播', '在线教育', '语音聊天室'].sort());
  expect((await client.get('/api/members')).status).toBe(403);
  // The choice is kept in the session.
  expect((await client.get('/api/auth/me')).body.companyId).toBe(galaxy.id);

  expect((await client.post('/api/auth/switch-company', { companyId: acme.id })).status).toBe(200);
  expect((await client.get('/api/projects')).body.rows.map((p: { name: string }) => p.name)).toContain('Video Classroom');
  expect((await client.get('/api/members')).status).toBe(200);
});

test('switching to a company the user is not a member of answers 404 and changes nothing', async () => {
  const admin = await t.signIn('admin@acme.demo');
  const galaxyId = (admin.me.companies as { id: number; name: string }[]).find((c) => c.name === '星河直播')!.id;
  const auditor = await t.signIn('auditor@galaxy.demo');
  const ownCompany = auditor.me.companyId;
  expect(ownCompany).toBe(galaxyId);
  const acmeId = (admin.me.companies as { id: number; name: string }[]).find((c) => c.name === 'Acme Video')!.id;

  const res = await auditor.post('/api/auth/switch-company', { companyId: acmeId });
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('NOT_FOUND');
  expect((await auditor.get('/api/auth/me')).body.companyId).toBe(ownCompany);

  const bogus = await auditor.post('/api/auth/switch-company', { companyId: 999_999 });
  expect(bogus.status).toBe(404);
});

// ---------------------------------------------------------------------------------------------
// Profile

test('a user updates their name and language', async () => {
  const client = await t.signIn('support@acme.demo');
  const res = await client.patch('/api/profile', { name: '  Samantha Support ', locale: 'zh-CN' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ email: 'support@acme.demo', name: 'Samantha Support', locale: 'zh-CN' });
  expect((await client.get('/api/profile')).body).toMatchObject({ name: 'Samantha Support', locale: 'zh-CN' });
  expect((await client.get('/api/auth/me')).body.user).toMatchObject({ name: 'Samantha Support', locale: 'zh-CN' });

  const back = await client.patch('/api/profile', { locale: 'en' });
  expect(back.status).toBe(200);
  expect(back.body).toMatchObject({ name: 'Samantha Support', locale: 'en' });
});

test('a profile update with a bad locale or name is refused with 400 naming the field, and changes nothing', async () => {
  const client = await t.signIn('support@acme.demo');
  const before = (await client.get('/api/profile')).body;

  const badLocale = await client.patch('/api/profile', { locale: 'fr-FR' });
  expect(badLocale.status).toBe(400);
  expect(badLocale.body.error.code).toBe('VALIDATION_FAILED');
  expect(badLocale.body.error.details).toEqual([expect.objectContaining({ path: ['locale'] })]);

  const longName = await client.patch('/api/profile', { name: 'x'.repeat(101) });
  expect(longName.status).toBe(400);
  expect(longName.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);

  const emptyName = await client.patch('/api/profile', { name: '   ' });
  expect(emptyName.status).toBe(400);
  expect(emptyName.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);

  const nothing = await client.patch('/api/profile', {});
  expect(nothing.status).toBe(400);
  expect(nothing.body.error.code).toBe('VALIDATION_FAILED');

  expect((await client.get('/api/profile')).body).toEqual(before);
});

// ---------------------------------------------------------------------------------------------
// Rate limiting (its own app, with a small limit)

test('sign-in is rate limited per account: 429 RATE_LIMITED with Retry-After, the same for unknown emails', async () => {
  const limited = await createTestApp({ env: { SIGN_IN_RATE_LIMIT: '3' } });
  try {
    const attempt = (email: string, password: string) => limited.anonymous().post('/api/auth/sign-in', { email, password });

    for (let i = 0; i < 3; i++) expect((await attempt('admin@acme.demo', 'wrong-password')).status).toBe(401);
    const known = await attempt('admin@acme.demo', 'wrong-password');
    expect(known.status).toBe(429);
    expect(known.body.error.code).toBe('RATE_LIMITED');
    expect(Number(known.headers['retry-after'])).toBeGreaterThan(0);
    expect(known.body.error.details.retryAfterSeconds).toBe(Number(known.headers['retry-after']));
    // Once limited, even the right password is refused until the window passes.
    expect((await attempt('admin@acme.demo', DEMO_PASSWORD)).status).toBe(429);

    for (let i = 0; i < 3; i++) expect((await attempt('nobody@acme.demo', 'wrong-password')).status).toBe(401);
    const unknown = await attempt('nobody@acme.demo', 'wrong-password');
    expect(unknown.status).toBe(429);
    expect(Number(unknown.headers['retry-after'])).toBeGreaterThan(0);
    expect(unknown.body.error.code).toBe(known.body.error.code);
    const shape = (m: string) => m.replace(/\d+/g, 'N');
    expect(shape(unknown.body.error.message)).toBe(shape(known.body.error.message));

    // Another account from the same address is not locked out by these failures.
    expect((await attempt('ops@acme.demo', DEMO_PASSWORD)).status).toBe(200);
  } finally {
    await limited.close();
  }
});

test('successful sign-ins do not count towards the limit', async () => {
  const limited = await createTestApp({ env: { SIGN_IN_RATE_LIMIT: '2' } });
  try {
    for (let i = 0; i < 4; i++) {
      expect((await limited.anonymous().post('/api/auth/sign-in', { email: 'ops@acme.demo', password: DEMO_PASSWORD })).status).toBe(200);
    }
  } finally {
    await limited.close();
  }
});
