import { companies, findUserByEmail } from '@rtc-console/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, DEMO_PASSWORD, linkToken, type TestApp, type TestClient } from './harness.js';

interface AuditRow {
  companyId: number;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

interface MemberRow {
  userId: number;
  email: string;
  name: string;
  role: { id: number; builtin: string | null; name: string };
}

let t: TestApp;
let admin: TestClient;
let acmeId: number;

beforeAll(async () => {
  // A generous attempt limit: several tests fail acceptances on purpose; rate limiting is tested in auth.test.ts.
  t = await createTestApp({ env: { SIGN_IN_RATE_LIMIT: '50' } });
  admin = await t.signIn('admin@acme.demo');
  acmeId = admin.me.companyId as number;
  // Room for the members these tests add; the limit test lowers it on purpose.
  await setMemberLimit(100);
});
afterAll(() => t.close());

async function setMemberLimit(limit: number): Promise<void> {
  await t.core.db.update(companies).set({ memberLimit: limit }).where(eq(companies.id, acmeId));
}

async function invite(by: TestClient, email: string, role: string | number) {
  return by.post('/api/members/invitations', { email, role });
}

/** Accepts the newest invitation mailed to `email`; returns the new member's signed-in client. */
async function accept(email: string, body: { name?: string; password: string }): Promise<TestClient> {
  const token = await linkToken(t, email, 'invitation');
  const client = t.anonymous();
  const res = await client.post(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
  expect(res.status).toBe(201);
  return client.adopt(res.body);
}

/** Invites `email` with `role` as the Acme admin and accepts as a new account. */
async function addMember(email: string, role: string | number, name = 'Test Member'): Promise<TestClient> {
  const res = await invite(admin, email, role);
  expect(res.status).toBe(201);
  return accept(email, { name, password: 'member-pass-123' });
}

async function member(by: TestClient, email: string): Promise<MemberRow | undefined> {
  const res = await by.get(`/api/members?q=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  return (res.body.rows as MemberRow[]).find((m) => m.email === email);
}

async function memberId(email: string): Promise<number> {
  const m = await member(admin, email);
  if (!m) throw new Error(`${email} is not a member`);
  return m.userId;
}

async function audit(query: string): Promise<AuditRow[]> {
  const res = await admin.get(`/api/audit?limit=100&${query}`);
  expect(res.status).toBe(200);
  return res.body.rows as AuditRow[];
}

async function createRole(body: { name: string; permissions: string[]; projectIds?: string[] | null; description?: string }) {
  return admin.post('/api/roles', body);
}

async function projectId(name: string): Promise<string> {
  const res = await admin.get(`/api/projects?q=${encodeURIComponent(name)}`);
  const row = (res.body.rows as { id: string; name: string }[]).find((p) => p.name === name);
  if (!row) throw new Error(`no project ${name}`);
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// Invitations

test('invitation end to end: invite, email, preview, accept with name and password, signed in and listed with the role', async () => {
  const email = 'new.hire@example.com';
  const invited = await invite(admin, email, 'engineer');
  expect(invited.status).toBe(201);
  expect(invited.body).toMatchObject({ email, role: { builtin: 'engineer', name: 'Engineer' } });
  // The token travels only by email, never in the API's answer.
  expect(JSON.stringify(invited.body)).not.toMatch(/token/i);

  const open = await admin.get('/api/members/invitations');
  expect(open.body.rows.map((i: { email: string }) => i.email)).toContain(email);

  const mails = await t.mail(email, 'invitation');
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe('Alice Admin invited you to Acme Video');
  expect(mails[0]!.text).toContain(`${t.config.publicUrl}/accept-invitation?token=`);

  const token = await linkToken(t, email, 'invitation');
  const preview = await t.anonymous().get(`/api/invitations/${encodeURIComponent(token)}`);
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ email, companyName: 'Acme Video', roleName: 'Engineer', existingAccount: false });

  const invitee = t.anonymous();
  const accepted = await invitee.post(`/api/invitations/${encodeURIComponent(token)}/accept`, { name: 'New Hire', password: 'new-hire-pass-1' });
  expect(accepted.status).toBe(201);
  const cookie = (accepted.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rtc_sid='));
  expect(cookie).toMatch(/HttpOnly/);
  expect(accepted.body.user).toMatchObject({ email, name: 'New Hire' });
  expect(accepted.body.companyId).toBe(acmeId);
  expect(accepted.body.companies).toEqual([expect.objectContaining({ id: acmeId, role: expect.objectContaining({ builtin: 'engineer' }) })]);

  // Signed in right away, with the role's rights.
  invitee.adopt(accepted.body);
  expect((await invitee.get('/api/auth/me')).body.user.email).toBe(email);
  expect((await invitee.get('/api/projects')).status).toBe(200);
  expect((await invitee.get('/api/members')).status).toBe(403);

  const listed = await member(admin, email);
  expect(listed).toMatchObject({ email, name: 'New Hire', role: { builtin: 'engineer' } });
  const stillOpen = await admin.get('/api/members/invitations');
  expect(stillOpen.body.rows.map((i: { email: string }) => i.email)).not.toContain(email);
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'new-hire-pass-1' })).status).toBe(200);

  // Both the invitation and the joining are in the audit log.
  const inviteEntry = (await audit('action=member.invite')).find((e) => e.changes.after?.email === email);
  expect(inviteEntry).toMatchObject({ actorLabel: 'admin@acme.demo', targetType: 'Invitation', targetId: String(invited.body.id), changes: { after: { email, role: 'Engineer' } } });
  const joinEntry = (await audit('action=member.join')).find((e) => e.changes.after?.email === email);
  expect(joinEntry).toMatchObject({ actorLabel: email, actorUserId: listed!.userId, targetType: 'Member', targetId: String(listed!.userId), changes: { after: { email, role: 'Engineer' } } });
});

test('an invitation token works once: previewing or accepting it again answers 400 TOKEN_INVALID', async () => {
  const email = 'once.only@example.com';
  expect((await invite(admin, email, 'support')).status).toBe(201);
  const token = await linkToken(t, email, 'invitation');
  const first = t.anonymous();
  expect((await first.post(`/api/invitations/${encodeURIComponent(token)}/accept`, { name: 'Once Only', password: 'once-only-pass' })).status).toBe(201);

  const preview = await t.anonymous().get(`/api/invitations/${encodeURIComponent(token)}`);
  expect(preview.status).toBe(400);
  expect(preview.body.error.code).toBe('TOKEN_INVALID');
  const again = await t.anonymous().post(`/api/invitations/${encodeURIComponent(token)}/accept`, { name: 'Someone Else', password: 'someone-else-pass' });
  expect(again.status).toBe(400);
  expect(again.body.error.code).toBe('TOKEN_INVALID');
  // The account keeps the password set by the first acceptance.
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'someone-else-pass' })).status).toBe(401);

  const madeUp = await t.anonymous().get('/api/invitations/not-a-real-invitation-token');
  expect(madeUp.status).toBe(400);
  expect(madeUp.body.error.code).toBe('TOKEN_INVALID');
});

test('a new account must give a name and a valid password to accept', async () => {
  const email = 'nameless@example.com';
  expect((await invite(admin, email, 'support')).status).toBe(201);
  const token = encodeURIComponent(await linkToken(t, email, 'invitation'));

  const noName = await t.anonymous().post(`/api/invitations/${token}/accept`, { password: 'blank-slate-pass-1' });
  expect(noName.status).toBe(400);
  expect(noName.body.error.code).toBe('VALIDATION_FAILED');
  expect(noName.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);

  const shortPassword = await t.anonymous().post(`/api/invitations/${token}/accept`, { name: 'Nora Nameless', password: 'short' });
  expect(shortPassword.status).toBe(400);
  expect(shortPassword.body.error.details).toEqual([expect.objectContaining({ path: ['password'] })]);

  // Failed attempts leave the invitation usable.
  expect((await t.anonymous().post(`/api/invitations/${token}/accept`, { name: 'Nora Nameless', password: 'blank-slate-pass-1' })).status).toBe(201);
});

test('an existing account accepting an invitation must give its current password, and keeps its name', async () => {
  const email = 'ops@galaxy.demo';
  expect((await invite(admin, email, 'support')).status).toBe(201);
  const token = encodeURIComponent(await linkToken(t, email, 'invitation'));

  const preview = await t.anonymous().get(`/api/invitations/${token}`);
  expect(preview.body).toMatchObject({ email, existingAccount: true, roleName: 'Technical support' });

  const wrong = await t.anonymous().post(`/api/invitations/${token}/accept`, { name: 'Intruder', password: 'not-their-password' });
  expect(wrong.status).toBe(401);
  expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  expect(await member(admin, email)).toBeUndefined();
  // The password was not replaced by the one typed into the form.
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'not-their-password' })).status).toBe(401);

  const client = t.anonymous();
  const ok = await client.post(`/api/invitations/${token}/accept`, { name: 'Intruder', password: DEMO_PASSWORD });
  expect(ok.status).toBe(201);
  expect(ok.body.user.name).toBe('王芳');
  // Signed into the company that invited them, and still a member of the old one.
  expect(ok.body.companyId).toBe(acmeId);
  expect(ok.body.companies.map((c: { name: string }) => c.name).sort()).toEqual(['Acme Video', '星河直播'].sort());
  expect(await member(admin, email)).toMatchObject({ name: '王芳', role: { builtin: 'support' } });
});

test('inviting someone who is already a member is refused with 409', async () => {
  const mailedBefore = (await t.mail('engineer@acme.demo', 'invitation')).length; // the demo seed's own invitation
  const res = await invite(admin, 'ENGINEER@acme.demo', 'ops');
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('CONFLICT');
  expect(res.body.error.details).toEqual([expect.objectContaining({ path: ['email'] })]);
  expect(await t.mail('engineer@acme.demo', 'invitation')).toHaveLength(mailedBefore);
  expect((await member(admin, 'engineer@acme.demo'))!.role.builtin).toBe('engineer');
});

test('inviting the same address again replaces the open invitation: the first link stops working', async () => {
  const email = 'twice@example.com';
  expect((await invite(admin, email, 'ops')).status).toBe(201);
  const firstToken = await linkToken(t, email, 'invitation');
  expect((await invite(admin, email, 'support')).status).toBe(201);
  const secondToken = await linkToken(t, email, 'invitation');
  expect(secondToken).not.toBe(firstToken);

  expect((await t.anonymous().get(`/api/invitations/${encodeURIComponent(firstToken)}`)).body.error.code).toBe('TOKEN_INVALID');
  expect((await t.anonymous().get(`/api/invitations/${encodeURIComponent(secondToken)}`)).body.roleName).toBe('Technical support');
  const open = await admin.get('/api/members/invitations?limit=100');
  expect(open.body.rows.filter((i: { email: string }) => i.email === email)).toHaveLength(1);
});

test('an unknown role in an invitation is refused with 400 naming the role', async () => {
  const res = await invite(admin, 'norole@example.com', 'superuser');
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.arrayContaining(['role']) })]));
  const missing = await invite(admin, 'norole@example.com', 987_654);
  expect(missing.status).toBe(400);
  expect(missing.body.error.details).toEqual([expect.objectContaining({ path: ['role'] })]);
});

// ---------------------------------------------------------------------------------------------
// memberLimit

test('memberLimit counts members and open invitations: 409 LIMIT_REACHED with a clear message', async () => {
  const summary = (await admin.get('/api/company')).body as { members: number; memberLimit: number };
  const openCount = (await admin.get('/api/members/invitations')).body.count as number;
  const limit = summary.members + openCount + 1;
  await setMemberLimit(limit);
  try {
    expect((await admin.get('/api/company')).body.memberLimit).toBe(limit);
    const first = await invite(admin, 'limit.one@example.com', 'ops');
    expect(first.status).toBe(201);
    // The company summary shows the places open invitations hold.
    expect((await admin.get('/api/company')).body).toMatchObject({ members: summary.members, openInvitations: openCount + 1 });

    const over = await invite(admin, 'limit.two@example.com', 'ops');
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('LIMIT_REACHED');
    expect(over.body.error.message).toContain(`member limit of ${limit}`);
    expect(over.body.error.message).toMatch(/open invitations/);
    expect(over.body.error.details).toEqual({ memberLimit: limit, members: summary.members, openInvitations: openCount + 1 });
    expect(await t.mail('limit.two@example.com')).toHaveLength(0);

    // Withdrawing the open invitation frees its place.
    expect((await admin.delete(`/api/members/invitations/${first.body.id}`)).status).toBe(204);
    expect((await t.anonymous().get(`/api/invitations/${encodeURIComponent(await linkToken(t, 'limit.one@example.com', 'invitation'))}`)).status).toBe(400);
    expect((await invite(admin, 'limit.two@example.com', 'ops')).status).toBe(201);

    // If the limit is lowered after the invitation went out, accepting is refused too.
    await setMemberLimit(summary.members);
    const token = await linkToken(t, 'limit.two@example.com', 'invitation');
    const late = await t.anonymous().post(`/api/invitations/${encodeURIComponent(token)}/accept`, { name: 'Late Comer', password: 'late-comer-pass' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('LIMIT_REACHED');
    expect(await member(admin, 'limit.two@example.com')).toBeUndefined();
    expect((await admin.get('/api/company')).body.members).toBe(summary.members);
    // Refused before any account was made: nothing is left behind to confuse a later retry.
    expect(await findUserByEmail(t.core.db, 'limit.two@example.com')).toBeUndefined();
  } finally {
    await setMemberLimit(100);
  }
});

// ---------------------------------------------------------------------------------------------
// The last admin

test('the last admin can be neither removed nor demoted (409 LAST_ADMIN), but can once there is a second admin', async () => {
  const first = await t.signIn('admin@galaxy.demo');
  const firstId = (first.me.user as { id: number }).id;

  const remove = await first.delete(`/api/members/${firstId}`);
  expect(remove.status).toBe(409);
  expect(remove.body.error.code).toBe('LAST_ADMIN');
  expect(remove.body.error.message).toMatch(/at least one admin/);
  const demote = await first.patch(`/api/members/${firstId}`, { role: 'engineer' });
  expect(demote.status).toBe(409);
  expect(demote.body.error.code).toBe('LAST_ADMIN');
  // Nothing changed: still the admin.
  expect((await first.get('/api/members')).status).toBe(200);

  // A second admin makes demoting the first one possible...
  const secondId = (await first.get('/api/members?q=engineer@galaxy.demo')).body.rows[0].userId as number;
  expect((await first.patch(`/api/members/${secondId}`, { role: 'admin' })).status).toBe(200);
  const demoted = await first.patch(`/api/members/${firstId}`, { role: 'engineer' });
  expect(demoted.status).toBe(200);
  expect(demoted.body.role.builtin).toBe('engineer');

  // ...and with two admins again, removing one of them too.
  const second = await t.signIn('engineer@galaxy.demo');
  expect((await second.patch(`/api/members/${firstId}`, { role: 'admin' })).status).toBe(200);
  expect((await second.delete(`/api/members/${firstId}`)).status).toBe(204);

  // Now the second admin is the last one.
  const selfRemove = await second.delete(`/api/members/${secondId}`);
  expect(selfRemove.status).toBe(409);
  expect(selfRemove.body.error.code).toBe('LAST_ADMIN');
  const selfDemote = await second.patch(`/api/members/${secondId}`, { role: 'ops' });
  expect(selfDemote.status).toBe(409);
  expect(selfDemote.body.error.code).toBe('LAST_ADMIN');
});

// ---------------------------------------------------------------------------------------------
// Escalation

test('nobody grants more than they hold: a member manager cannot invite admins or engineers, nor change an admin (403 ESCALATION)', async () => {
  const helperRole = await createRole({ name: 'Team helper', permissions: ['member.read', 'member.invite', 'member.update', 'role.read'] });
  expect(helperRole.status).toBe(201);
  const viewerRole = await createRole({ name: 'Member viewer', permissions: ['member.read'] });
  expect(viewerRole.status).toBe(201);
  const helper = await addMember('helper@example.com', helperRole.body.id, 'Hal Helper');
  expect((await helper.get('/api/members')).status).toBe(200);

  const asAdmin = await invite(helper, 'wannabe.admin@example.com', 'admin');
  expect(asAdmin.status).toBe(403);
  expect(asAdmin.body.error.code).toBe('ESCALATION');
  expect(asAdmin.body.error.details.missing).toEqual(expect.arrayContaining(['project.read', 'member.delete', 'role.manage', 'audit.read']));
  expect(asAdmin.body.error.details.missing).not.toContain('member.read');

  const asEngineer = await invite(helper, 'wannabe.engineer@example.com', 'engineer');
  expect(asEngineer.status).toBe(403);
  expect(asEngineer.body.error.code).toBe('ESCALATION');
  expect([...asEngineer.body.error.details.missing].sort()).toEqual(['project.certificate', 'project.create', 'project.delete', 'project.read', 'project.update']);
  expect(await t.mail('wannabe.admin@example.com')).toHaveLength(0);
  expect(await t.mail('wannabe.engineer@example.com')).toHaveLength(0);

  // The admin's role is out of reach, even to make it smaller.
  const adminId = await memberId('admin@acme.demo');
  const demoteAdmin = await helper.patch(`/api/members/${adminId}`, { role: viewerRole.body.id });
  expect(demoteAdmin.status).toBe(403);
  expect(demoteAdmin.body.error.code).toBe('ESCALATION');
  expect((await member(admin, 'admin@acme.demo'))!.role.builtin).toBe('admin');
  // Nor can the helper promote someone (or themself) to admin.
  const helperId = await memberId('helper@example.com');
  expect((await helper.patch(`/api/members/${helperId}`, { role: 'admin' })).body.error.code).toBe('ESCALATION');

  // A role whose permissions are a subset of the helper's own (or equal to them) can be given.
  const subset = await invite(helper, 'member.viewer@example.com', viewerRole.body.id);
  expect(subset.status).toBe(201);
  expect(subset.body.role.name).toBe('Member viewer');
  expect(await t.mail('member.viewer@example.com', 'invitation')).toHaveLength(1);
  expect((await invite(helper, 'another.helper@example.com', helperRole.body.id)).status).toBe(201);

  // Permissions the helper lacks altogether are plain 403s.
  expect((await helper.post('/api/roles', { name: 'Sneaky', permissions: ['member.read'] })).status).toBe(403);
  expect((await helper.delete(`/api/members/${adminId}`)).status).toBe(403);

  const refused = (await audit('actor=helper@example.com')).filter((e) => e.action === 'member.invite');
  expect(refused.map((e) => e.changes.after?.email).sort()).toEqual(['another.helper@example.com', 'member.viewer@example.com']);
});

// ---------------------------------------------------------------------------------------------
// Removing members, changing roles, resetting passwords

test("removing a member ends their sessions: their client gets 401 on the next request", async () => {
  const email = 'leaver@example.com';
  const leaver = await addMember(email, 'ops', 'Lee Leaver');
  expect((await leaver.get('/api/auth/me')).status).toBe(200);
  const id = await memberId(email);

  const res = await admin.delete(`/api/members/${id}`);
  expect(res.status).toBe(204);
  const after = await leaver.get('/api/auth/me');
  expect(after.status).toBe(401);
  expect(after.body.error.code).toBe('UNAUTHENTICATED');
  expect(await member(admin, email)).toBeUndefined();

  // Signing in again gives no way into the company.
  const back = await t.signIn(email, 'member-pass-123');
  expect(back.me.companies).toEqual([]);
  expect((await back.get('/api/company')).status).toBe(403);

  const entry = (await audit(`action=member.remove&targetId=${id}`))[0];
  expect(entry).toMatchObject({ actorLabel: 'admin@acme.demo', targetType: 'Member', changes: { before: { email, role: 'Operations' } } });
  expect((await admin.delete(`/api/members/${id}`)).status).toBe(404);
});

test("changing a member's role ends their sessions; they come back with the new role", async () => {
  const email = 'mover@example.com';
  const mover = await addMember(email, 'ops', 'Mo Mover');
  expect((await mover.get('/api/projects')).status).toBe(403);
  const id = await memberId(email);

  const res = await admin.patch(`/api/members/${id}`, { role: 'engineer' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ userId: id, email, role: { builtin: 'engineer', name: 'Engineer' } });
  expect((await mover.get('/api/auth/me')).status).toBe(401);

  const again = await t.signIn(email, 'member-pass-123');
  expect((again.me.companies as { role: { builtin: string } }[])[0]!.role.builtin).toBe('engineer');
  expect((await again.get('/api/projects')).status).toBe(200);

  const entry = (await audit(`action=member.role.change&targetId=${id}`))[0];
  expect(entry).toMatchObject({ actorLabel: 'admin@acme.demo', targetType: 'Member', changes: { before: { role: 'Operations' }, after: { role: 'Engineer' } } });
});

test('reset member password emails the member a reset link that sets a new password', async () => {
  const email = 'forgetful@example.com';
  await addMember(email, 'support', 'Fran Forgetful');
  const id = await memberId(email);

  const res = await admin.post(`/api/members/${id}/reset-password`);
  expect(res.status).toBe(202);
  const mails = await t.mail(email, 'password-reset');
  expect(mails).toHaveLength(1);
  expect(mails[0]!.text).toContain('An administrator started a password reset');

  const token = await linkToken(t, email, 'password-reset');
  expect((await t.anonymous().post('/api/auth/reset-password', { token, password: 'reset-by-lead-1' })).status).toBe(204);
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'member-pass-123' })).status).toBe(401);
  expect((await t.anonymous().post('/api/auth/sign-in', { email, password: 'reset-by-lead-1' })).status).toBe(200);

  expect((await audit(`action=member.password.reset&targetId=${id}`))[0]).toMatchObject({ actorLabel: 'admin@acme.demo', changes: { after: { email } } });

  // Only members of the company: another company's user is "not found", and nothing is mailed.
  const galaxyUser = await t.signIn('auditor@galaxy.demo');
  const outsiderId = (galaxyUser.me.user as { id: number }).id;
  expect((await admin.post(`/api/members/${outsiderId}/reset-password`)).status).toBe(404);
  expect(await t.mail('auditor@galaxy.demo', 'password-reset')).toHaveLength(0);
});

// ---------------------------------------------------------------------------------------------
// The members list

test('the members list paginates, sorts by name, email, join date and role, and searches', async () => {
  // Three members whose orders differ by each sort key.
  await addMember('c.amy@list.test', 'ops', 'Amy Zulu'); // joins first
  await addMember('a.zed@list.test', 'engineer', 'Zed Alpha');
  await addMember('b.mia@list.test', 'support', 'Mia Mid'); // joins last
  const list = async (query: string) => {
    const res = await admin.get(`/api/members?q=list.test&${query}`);
    expect(res.status).toBe(200);
    return { names: (res.body.rows as MemberRow[]).map((m) => m.name), count: res.body.count as number };
  };

  expect(await list('sort=name&order=asc')).toEqual({ names: ['Amy Zulu', 'Mia Mid', 'Zed Alpha'], count: 3 });
  expect((await list('sort=name&order=desc')).names).toEqual(['Zed Alpha', 'Mia Mid', 'Amy Zulu']);
  expect((await list('sort=email&order=asc')).names).toEqual(['Zed Alpha', 'Mia Mid', 'Amy Zulu']);
  expect((await list('sort=joinedAt&order=asc')).names).toEqual(['Amy Zulu', 'Zed Alpha', 'Mia Mid']);
  // Default: newest members first.
  expect((await list('')).names).toEqual(['Mia Mid', 'Zed Alpha', 'Amy Zulu']);
  // Role names: Engineer < Operations < Technical support.
  expect((await list('sort=role&order=asc')).names).toEqual(['Zed Alpha', 'Amy Zulu', 'Mia Mid']);
  expect((await list('sort=role&order=desc')).names).toEqual(['Mia Mid', 'Amy Zulu', 'Zed Alpha']);

  expect(await list('sort=name&order=asc&limit=2&offset=0')).toEqual({ names: ['Amy Zulu', 'Mia Mid'], count: 3 });
  expect(await list('sort=name&order=asc&limit=2&offset=2')).toEqual({ names: ['Zed Alpha'], count: 3 });

  // Search covers names and emails, case-insensitively; LIKE wildcards are taken literally.
  const byName = await admin.get('/api/members?q=zulu');
  expect(byName.body.rows.map((m: MemberRow) => m.email)).toEqual(['c.amy@list.test']);
  expect(byName.body.count).toBe(1);
  expect((await admin.get('/api/members?q=%25')).body.count).toBe(0);
  expect((await admin.get('/api/members?q=_')).body.count).toBe(0);

  // Without a search, count is every member of the company.
  const all = await admin.get('/api/members?limit=1');
  expect(all.body.rows).toHaveLength(1);
  expect(all.body.count).toBe((await admin.get('/api/company')).body.members);

  expect((await admin.get('/api/members?sort=password')).status).toBe(400);
  expect((await admin.get('/api/members?limit=101')).status).toBe(400);
});

// ---------------------------------------------------------------------------------------------
// Custom roles

test('a custom role with a permission not in the catalogue is refused with 400 VALIDATION_FAILED', async () => {
  const res = await createRole({ name: 'Broken', permissions: ['project.read', 'rocket.launch'] });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details).toEqual([{ path: ['permissions'], message: 'Unknown permission "rocket.launch"' }]);
  const roles = (await admin.get('/api/roles')).body.rows as { name: string }[];
  expect(roles.map((r) => r.name)).not.toContain('Broken');
});

test('a custom role name already used in the company is refused with 409, whatever its case', async () => {
  const res = await createRole({ name: 'PROJECT VIEWER', permissions: ['project.read'] });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('CONFLICT');
  expect(res.body.error.details).toEqual([expect.objectContaining({ path: ['name'] })]);

  // Names are per company: the other company's role name is free here.
  expect((await createRole({ name: '审计员', permissions: ['audit.read'] })).status).toBe(201);
});

test('limiting a custom role to projects refuses unknown project ids and other companies\' projects with 400', async () => {
  const unknown = await createRole({ name: 'Ghost projects', permissions: ['project.read'], projectIds: ['doesNotExist'] });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  expect(unknown.body.error.details).toEqual([{ path: ['projectIds'], message: 'Unknown project "doesNotExist"' }]);

  const galaxyMember = await t.signIn('engineer@galaxy.demo');
  const galaxyProject = (await galaxyMember.get('/api/projects')).body.rows[0].id as string;
  const foreign = await createRole({ name: 'Foreign projects', permissions: ['project.read'], projectIds: [galaxyProject] });
  expect(foreign.status).toBe(400);
  expect(foreign.body.error.details).toEqual([expect.objectContaining({ path: ['projectIds'] })]);
});

test('a custom role is created, edited, refused deletion while held (409) and deleted once nobody holds it', async () => {
  const classroom = await projectId('Video Classroom');
  const created = await createRole({ name: 'Release manager', description: 'Ships builds', permissions: ['project.read', 'project.update'], projectIds: [classroom] });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ builtin: null, name: 'Release manager', description: 'Ships builds', permissions: ['project.read', 'project.update'], projectIds: [classroom], memberCount: 0 });
  const id = created.body.id as number;

  const edited = await admin.put(`/api/roles/${id}`, { name: 'Release viewer', permissions: ['project.read'], projectIds: null });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ id, name: 'Release viewer', permissions: ['project.read'], projectIds: null });
  const listed = ((await admin.get('/api/roles')).body.rows as { id: number; name: string }[]).find((r) => r.id === id);
  expect(listed).toMatchObject({ name: 'Release viewer', permissions: ['project.read'] });

  const holder = await addMember('releaser@example.com', id, 'Rita Releaser');
  expect((await holder.get('/api/projects')).body.count).toBeGreaterThan(0);
  expect(((await admin.get('/api/roles')).body.rows as { id: number; memberCount: number }[]).find((r) => r.id === id)!.memberCount).toBe(1);

  const held = await admin.delete(`/api/roles/${id}`);
  expect(held.status).toBe(409);
  expect(held.body.error.code).toBe('CONFLICT');
  expect(held.body.error.message).toMatch(/held by 1 member/);

  expect((await admin.patch(`/api/members/${await memberId('releaser@example.com')}`, { role: 'ops' })).status).toBe(200);
  expect((await admin.delete(`/api/roles/${id}`)).status).toBe(204);
  expect(((await admin.get('/api/roles')).body.rows as { id: number }[]).map((r) => r.id)).not.toContain(id);
  expect((await admin.delete(`/api/roles/${id}`)).status).toBe(404);

  const createdEntry = (await audit(`action=role.create&targetId=${id}`))[0];
  expect(createdEntry).toMatchObject({ actorLabel: 'admin@acme.demo', targetType: 'Role', changes: { after: { name: 'Release manager', permissions: ['project.read', 'project.update'], projectIds: [classroom] } } });
  const updated = (await audit(`action=role.update&targetId=${id}`))[0];
  expect(updated).toMatchObject({
    changes: {
      before: { name: 'Release manager', description: 'Ships builds', permissions: ['project.read', 'project.update'], projectIds: [classroom] },
      after: { name: 'Release viewer', description: '', permissions: ['project.read'], projectIds: null },
    },
  });
  expect((await audit(`action=role.delete&targetId=${id}`))[0]).toMatchObject({ changes: { before: { name: 'Release viewer' } } });
});

test("editing a custom role changes what its holders may do on their very next request (abilities are cached by the role's content)", async () => {
  const classroom = await projectId('Video Classroom');
  const created = await createRole({ name: 'Shifting role', permissions: ['project.read'], projectIds: null });
  const id = created.body.id as number;
  const holder = await addMember('shifting@example.com', id, 'Sam Shifting');
  const everything = (await holder.get('/api/projects')).body.count as number;
  expect(everything).toBeGreaterThan(1);

  // Limited to one project: the same session now lists one, and another project is not found.
  expect((await admin.put(`/api/roles/${id}`, { name: 'Shifting role', permissions: ['project.read'], projectIds: [classroom] })).status).toBe(200);
  const limited = await holder.get('/api/projects');
  expect(limited.body.rows.map((p: { id: string }) => p.id)).toEqual([classroom]);
  // Back to every project, then without the permission at all.
  expect((await admin.put(`/api/roles/${id}`, { name: 'Shifting role', permissions: ['project.read'], projectIds: null })).status).toBe(200);
  expect((await holder.get('/api/projects')).body.count).toBe(everything);
  expect((await admin.put(`/api/roles/${id}`, { name: 'Shifting role', permissions: ['member.read'], projectIds: null })).status).toBe(200);
  expect((await holder.get('/api/projects')).status).toBe(403);
  expect((await holder.get('/api/members')).status).toBe(200);
});

test('a custom role held by an open invitation cannot be deleted until the invitation is withdrawn', async () => {
  const role = await createRole({ name: 'Pending role', permissions: ['member.read'] });
  const inv = await invite(admin, 'pending@example.com', role.body.id);
  expect(inv.status).toBe(201);
  const refused = await admin.delete(`/api/roles/${role.body.id}`);
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toMatch(/1 open invitation/);
  expect((await admin.delete(`/api/members/invitations/${inv.body.id}`)).status).toBe(204);
  expect((await admin.delete(`/api/roles/${role.body.id}`)).status).toBe(204);
});

test('built-in roles cannot be edited or deleted', async () => {
  const builtin = ((await admin.get('/api/roles')).body.rows as { id: number; builtin: string | null }[]).find((r) => r.builtin === 'admin')!;
  expect((await admin.put(`/api/roles/${builtin.id}`, { name: 'Admin', permissions: [] })).status).toBe(404);
  expect((await admin.delete(`/api/roles/${builtin.id}`)).status).toBe(404);
});

// ---------------------------------------------------------------------------------------------
// Project-limited roles

test('a member with a project-limited custom role lists only those projects and gets 404 for the others', async () => {
  const supportCalls = await projectId('Support Calls');
  const classroom = await projectId('Video Classroom');
  const role = await createRole({ name: 'Support calls only', permissions: ['project.read', 'project.update'], projectIds: [supportCalls] });
  expect(role.status).toBe(201);
  const limited = await addMember('limited@example.com', role.body.id, 'Lim Ited');

  const list = await limited.get('/api/projects');
  expect(list.status).toBe(200);
  expect(list.body.count).toBe(1);
  expect(list.body.rows.map((p: { id: string }) => p.id)).toEqual([supportCalls]);
  expect((await limited.get(`/api/projects?q=${encodeURIComponent('Video Classroom')}`)).body.count).toBe(0);

  expect((await limited.get(`/api/projects/${supportCalls}`)).status).toBe(200);
  const other = await limited.get(`/api/projects/${classroom}`);
  expect(other.status).toBe(404);
  expect(other.body.error.code).toBe('NOT_FOUND');
  expect((await limited.patch(`/api/projects/${classroom}`, { recordingServers: ['10.0.0.9'] })).status).toBe(404);
  expect((await limited.post(`/api/projects/${classroom}/disable`)).status).toBe(404);
  expect((await limited.patch(`/api/projects/${supportCalls}`, { recordingServers: ['10.0.0.9'] })).status).toBe(200);
  expect((await admin.get(`/api/projects/${classroom}`)).body.recordingServers).toEqual([]);
  // No project.create in the role.
  expect((await limited.post('/api/projects', { name: 'Not allowed' })).status).toBe(403);
});

test("the demo's project viewer sees exactly the first two projects", async () => {
  const viewer = await t.signIn('viewer@acme.demo');
  const res = await viewer.get('/api/projects?sort=name&order=asc');
  expect(res.status).toBe(200);
  expect(res.body.rows.map((p: { name: string }) => p.name)).toEqual(['Live Shopping', 'Video Classroom']);
  expect((await viewer.get(`/api/projects/${await projectId('Legacy Webinar')}`)).status).toBe(404);
});

// ---------------------------------------------------------------------------------------------
// The audit log

test('the audit log filters by action (exact or prefix) and by actor, and shows only the company\'s entries', async () => {
  await createRole({ name: 'Audit probe', permissions: ['member.read'] });
  await addMember('probe@example.com', 'support', 'Pro Be');

  const roleCreates = await audit('action=role.create');
  expect(roleCreates.length).toBeGreaterThan(0);
  expect(roleCreates.every((e) => e.action === 'role.create')).toBe(true);
  expect(roleCreates.map((e) => e.changes.after?.name)).toContain('Audit probe');

  const memberActions = await audit('action=member.');
  expect(memberActions.every((e) => e.action.startsWith('member.'))).toBe(true);
  expect(memberActions.map((e) => e.action)).toEqual(expect.arrayContaining(['member.invite', 'member.join']));
  expect(memberActions.filter((e) => e.changes.after?.email === 'probe@example.com').map((e) => e.action)).toEqual(['member.join', 'member.invite']);

  const byProbe = await audit('actor=probe@example.com');
  expect(byProbe.map((e) => e.action)).toEqual(['member.join']);
  const byAdmin = await audit('actor=admin@acme.demo&action=member.invite');
  expect(byAdmin.length).toBeGreaterThan(0);
  expect(byAdmin.every((e) => e.actorLabel === 'admin@acme.demo' && e.action === 'member.invite')).toBe(true);
  expect(byAdmin.map((e) => e.changes.after?.email)).toContain('probe@example.com');

  const everything = await admin.get('/api/audit?limit=100');
  expect((everything.body.rows as AuditRow[]).every((e) => e.companyId === acmeId)).toBe(true);
  // Newest first.
  expect((everything.body.rows as AuditRow[])[0]!.action).toBe('member.join');

  // Only holders of audit.read see it.
  const ops = await t.signIn('ops@acme.demo');
  expect((await ops.get('/api/audit')).status).toBe(403);
});
