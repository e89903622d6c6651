import { getPlatformSettings, platformAuditLog, removeOperatorStaff, users } from '@rtc-console/core';
import { desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, DEMO_PASSWORD, linkToken, type TestApp, type TestClient } from './harness.js';

// The operator's staff (invite with a role, change it, remove; the last admin stays) and the
// platform settings (validated, audited, the sender used by every mail, the test e-mail).
let t: TestApp;
let admin: TestClient;
const PASSWORD = 'a-long-staff-passphrase-1';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('operator@rtc.demo');
});
afterAll(() => t.close());

async function reauth(client: TestClient, password = DEMO_PASSWORD) {
  expect((await client.post('/api/auth/reauth', { password })).status).toBe(204);
}

/** Invites `email` as `role`, follows the mailed link to set a password, signs in. */
async function inviteAndJoin(email: string, role: string, by = admin): Promise<{ client: TestClient; userId: number }> {
  const res = await by.post('/api/operator/staff', { email, name: `Staff ${role}`, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = await linkToken(t, email, 'account-setup');
  expect((await t.anonymous().post('/api/auth/reset-password', { token, password: PASSWORD })).status).toBe(204);
  return { client: await t.signIn(email, PASSWORD), userId: res.body.userId };
}

const platformAudit = (action: string) => t.core.db.select().from(platformAuditLog).where(eq(platformAuditLog.action, action)).orderBy(desc(platformAuditLog.id));
const roleOf = async (userId: number) => (await t.core.db.select({ role: users.platformRole }).from(users).where(eq(users.id, userId)))[0]?.role;

describe('operator staff', () => {
  let support: { client: TestClient; userId: number };

  test('inviting asks for the password again; bad input is a 400 with details and invites nobody', async () => {
    const first = await admin.post('/api/operator/staff', { email: 'desk@example.com', role: 'support' });
    expect(first.status).toBe(403);
    expect(first.body.error.code).toBe('REAUTH_REQUIRED');
    await reauth(admin);
    const bad = await admin.post('/api/operator/staff', { email: 'not-an-address', role: 'janitor' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.anything() });
    expect(JSON.stringify(bad.body.error.details)).toMatch(/role/);
    expect(await t.mail('not-an-address')).toHaveLength(0);
    const list = await admin.get('/api/operator/staff');
    // The demo's two: its operator admin and its support desk.
    expect(list.body.rows.map((r: { email: string }) => r.email).sort()).toEqual(['desk@rtc.demo', 'operator@rtc.demo']);
  });

  test('an invited support-desk member sets a password from the mail, signs in, and has the support abilities', async () => {
    support = await inviteAndJoin('desk@example.com', 'support');
    const [mail] = await t.mail('desk@example.com', 'account-setup');
    expect(mail!.text).toContain('Support desk');
    expect(support.client.me).toMatchObject({ user: { email: 'desk@example.com', platformRole: 'support' } });
    // Reads companies; writes nothing of the staff or the settings, nor reads them.
    expect((await support.client.get('/api/operator/companies')).status).toBe(200);
    for (const res of [
      await support.client.get('/api/operator/staff'),
      await support.client.post('/api/operator/staff', { email: 'x@example.com', role: 'admin' }),
      await support.client.delete(`/api/operator/staff/${support.userId}`),
      await support.client.get('/api/operator/settings'),
      await support.client.patch('/api/operator/settings', { signUpMode: 'open' }),
      await support.client.post('/api/operator/settings/test-mail', {}),
    ]) expect(res.status).toBe(403);
    expect((await getPlatformSettings(t.core.db)).signUpMode).toBe('closed');
    const [entry] = await platformAudit('operator.staff.invite');
    expect(entry).toMatchObject({ actorLabel: 'operator:operator@rtc.demo', targetId: String(support.userId), changes: { after: { email: 'desk@example.com', role: 'support', newAccount: true } } });
  });

  test('the list shows name, address, role and last sign-in; it searches, sorts and pages', async () => {
    const res = await admin.get('/api/operator/staff?sort=email&order=desc');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    expect(res.body.rows.map((r: { email: string }) => r.email)).toEqual(['operator@rtc.demo', 'desk@rtc.demo', 'desk@example.com']);
    expect(res.body.rows[2]).toMatchObject({ userId: support.userId, name: 'Staff support', role: 'support', hasPassword: true, lastSignInAt: expect.any(String) });
    const found = await admin.get('/api/operator/staff?q=DESK@EXAMPLE');
    expect(found.body).toMatchObject({ count: 1, rows: [{ email: 'desk@example.com' }] });
    const paged = await admin.get('/api/operator/staff?sort=email&limit=1&offset=1');
    expect(paged.body).toMatchObject({ count: 3, rows: [{ email: 'desk@rtc.demo' }] });
    expect((await admin.get('/api/operator/staff?sort=password')).status).toBe(400);
    const roles = await admin.get('/api/operator/staff/roles');
    expect(roles.body.rows.map((r: { key: string }) => r.key)).toEqual(['admin', 'support', 'finance']);
    expect(roles.body.rows[1]).toMatchObject({ label: { en: 'Support desk', 'zh-CN': '客服' } });
  });

  test('inviting someone already on the staff is a 409', async () => {
    const res = await admin.post('/api/operator/staff', { email: 'DESK@example.com', role: 'admin' });
    expect(res.status).toBe(409);
    expect(await roleOf(support.userId)).toBe('support');
  });

  test('a role change applies from the member’s next request, and is audited', async () => {
    expect((await admin.patch(`/api/operator/staff/${support.userId}`, { role: 'admin' })).status).toBe(200);
    expect((await support.client.get('/api/operator/staff')).status).toBe(200);
    expect((await admin.patch(`/api/operator/staff/${support.userId}`, { role: 'finance' })).body).toMatchObject({ role: 'finance' });
    expect((await support.client.get('/api/operator/staff')).status).toBe(403);
    expect((await support.client.get('/api/operator/companies')).status).toBe(200);
    const [entry] = await platformAudit('operator.staff.role.change');
    expect(entry!.changes).toEqual({ before: { role: 'admin' }, after: { role: 'finance' } });
    expect((await admin.patch(`/api/operator/staff/${support.userId}`, { role: 'owner' })).status).toBe(400);
    expect((await admin.patch('/api/operator/staff/999999', { role: 'finance' })).status).toBe(404);
    expect(await roleOf(support.userId)).toBe('finance');
  });

  test('the last operator admin can neither be demoted nor removed', async () => {
    const me = (admin.me.user as { id: number }).id;
    const demote = await admin.patch(`/api/operator/staff/${me}`, { role: 'support' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({ code: 'LAST_ADMIN', message: expect.stringMatching(/last operator admin/) });
    expect((await admin.delete(`/api/operator/staff/${me}`)).status).toBe(409);
    expect(await roleOf(me)).toBe('admin');
    expect((await admin.get('/api/operator/staff')).status).toBe(200);
  });

  test('removing a member takes the role away and signs them out; the account stays', async () => {
    expect((await admin.delete(`/api/operator/staff/${support.userId}`)).status).toBe(204);
    expect(await roleOf(support.userId)).toBeNull();
    expect((await support.client.get('/api/auth/me')).status).toBe(401);
    const again = await t.signIn('desk@example.com', PASSWORD);
    expect((await again.get('/api/operator/companies')).status).toBe(403);
    const [entry] = await platformAudit('operator.staff.remove');
    expect(entry).toMatchObject({ targetId: String(support.userId), changes: { before: { email: 'desk@example.com', role: 'finance' } } });
    expect((await admin.delete(`/api/operator/staff/${support.userId}`)).status).toBe(404);
  });
});

describe('platform settings', () => {
  test('bad values are a 400 with details, and nothing changes', async () => {
    const before = (await admin.get('/api/operator/settings')).body;
    expect(before).toMatchObject({ signUpMode: 'closed', mailFrom: null, requireStaffTwoFactor: false, configuredMailFrom: t.config.mailFrom });
    for (const body of [{ signUpMode: 'sometimes' }, { defaultAppLimit: 0, defaultMemberLimit: 'ten' }, { mailFrom: 'nobody' }, { requireStaffTwoFactor: 'yes' }, { color: 'red' }]) {
      const res = await admin.patch('/api/operator/settings', { defaultMemberLimit: 42, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.anything() });
    }
    expect((await admin.get('/api/operator/settings')).body).toEqual(before);
    expect(await platformAudit('platform.settings.update')).toHaveLength(0);
  });

  test('a change is stored and audited with only what changed, before and after', async () => {
    // Requiring two-factor of staff needs it on the operator's own account first: the whole change is refused, none of it stored.
    const refused = await admin.patch('/api/operator/settings', { signUpMode: 'invitation', defaultAppLimit: 25, requireStaffTwoFactor: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TWO_FACTOR_SELF_FIRST');
    expect(await getPlatformSettings(t.core.db)).toMatchObject({ signUpMode: 'closed', defaultAppLimit: 10, requireStaffTwoFactor: false });
    expect(await platformAudit('platform.settings.update')).toHaveLength(0);

    const res = await admin.patch('/api/operator/settings', { signUpMode: 'invitation', defaultAppLimit: 25, mailFrom: 'Ops@Example.com', requireStaffTwoFactor: false, defaultMemberLimit: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signUpMode: 'invitation', defaultAppLimit: 25, defaultMemberLimit: 10, mailFrom: 'ops@example.com', requireStaffTwoFactor: false });
    expect(await getPlatformSettings(t.core.db)).toMatchObject({ signUpMode: 'invitation', defaultAppLimit: 25 });
    const [entry] = await platformAudit('platform.settings.update');
    expect(entry).toMatchObject({ actorLabel: 'operator:operator@rtc.demo', targetType: 'PlatformSettings' });
    expect(entry!.changes).toEqual({
      before: { signUpMode: 'closed', defaultAppLimit: 10, mailFrom: null },
      after: { signUpMode: 'invitation', defaultAppLimit: 25, mailFrom: 'ops@example.com' },
    });
  });

  test('the test e-mail goes to the operator (or an address given) from the configured sender; every mail uses it; throttled', async () => {
    const res = await admin.post('/api/operator/settings/test-mail', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ to: 'operator@rtc.demo', status: 'kept', from: 'ops@example.com' });
    const [mail] = await t.mail('operator@rtc.demo', 'test');
    expect(mail).toMatchObject({ from: 'ops@example.com', subject: 'RTC console test e-mail', status: 'kept' });
    // Any other mail goes out as the same sender.
    await t.anonymous().post('/api/auth/forgot-password', { email: 'operator@rtc.demo' });
    expect((await t.mail('operator@rtc.demo', 'password-reset'))[0]).toMatchObject({ from: 'ops@example.com' });
    expect((await admin.post('/api/operator/settings/test-mail', { to: 'not an address' })).status).toBe(400);
    // Cleared: back to MAIL_FROM.
    expect((await admin.patch('/api/operator/settings', { mailFrom: '' })).body.mailFrom).toBeNull();
    const other = await admin.post('/api/operator/settings/test-mail', { to: 'postmaster@example.com' });
    expect(other.body).toMatchObject({ to: 'postmaster@example.com', status: 'kept', from: t.config.mailFrom });
    expect((await t.mail('postmaster@example.com', 'test'))[0]).toMatchObject({ from: t.config.mailFrom });
    const throttled = await admin.post('/api/operator/settings/test-mail', {});
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('RATE_LIMITED');
  });
});

describe('two admins removing each other at once', () => {
  test('one removal wins; the other is refused, and one admin remains', async () => {
    await reauth(admin);
    const second = await inviteAndJoin('second-admin@example.com', 'admin');
    const me = (admin.me.user as { id: number }).id;
    const results = await Promise.all([admin.delete(`/api/operator/staff/${second.userId}`), second.client.delete(`/api/operator/staff/${me}`)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(204);
    // The loser is refused by the last-admin rule, or (having lost its own role and sessions first) by the guards.
    expect([401, 403, 409]).toContain(statuses[1]);
    const admins = await t.core.db.select({ id: users.id }).from(users).where(eq(users.platformRole, 'admin'));
    expect(admins).toHaveLength(1);
  });

  test('in the services too (past the guards): two removals racing in two transactions leave one admin', async () => {
    const ids: number[] = [];
    for (const email of ['race-a@example.com', 'race-b@example.com']) {
      const [u] = await t.core.db.insert(users).values({ email, name: email, platformRole: 'admin' }).returning({ id: users.id });
      ids.push(u!.id);
    }
    // Three admins now: leave only the two new ones, then let each removal take the other.
    const others = await t.core.db.select({ id: users.id }).from(users).where(eq(users.platformRole, 'admin'));
    for (const o of others) if (!ids.includes(o.id)) await t.core.db.update(users).set({ platformRole: 'support' }).where(eq(users.id, o.id));
    const actor = { userId: null, label: 'race' };
    const results = await Promise.allSettled([removeOperatorStaff(t.core, actor, ids[0]!), removeOperatorStaff(t.core, actor, ids[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'LAST_ADMIN' });
    expect(await t.core.db.select({ id: users.id }).from(users).where(eq(users.platformRole, 'admin'))).toHaveLength(1);
    // Back as it was for the next test: the remaining operator is an admin again.
    await t.core.db.update(users).set({ platformRole: null }).where(inArray(users.id, ids));
    for (const o of others) if (!ids.includes(o.id)) await t.core.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, o.id));
  });

  test('nor can two demotions at once leave none', async () => {
    const [remaining] = await t.core.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.platformRole, 'admin'));
    const a = remaining!.email === 'operator@rtc.demo' ? admin : await t.signIn(remaining!.email, PASSWORD);
    await reauth(a, remaining!.email === 'operator@rtc.demo' ? DEMO_PASSWORD : PASSWORD);
    const b = await inviteAndJoin('third-admin@example.com', 'admin', a);
    await reauth(b.client, PASSWORD);
    const results = await Promise.all([a.patch(`/api/operator/staff/${b.userId}`, { role: 'support' }), b.client.patch(`/api/operator/staff/${remaining!.id}`, { role: 'support' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, expect.any(Number)]);
    expect(results.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    expect(await t.core.db.select({ id: users.id }).from(users).where(eq(users.platformRole, 'admin'))).toHaveLength(1);
  });
});
