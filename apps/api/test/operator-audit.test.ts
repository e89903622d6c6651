import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from './harness.js';

// The platform audit log as the operator console reads it: the operator's own writes and users'
// account events, filtered and paged like a company's log; operator admins only.
let t: TestApp;
let admin: TestClient;

interface Entry { id: number; actorLabel: string; action: string; targetType: string; targetId: string | null; changes: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }; createdAt: string }
const audit = async (query = '') => {
  const res = await admin.get(`/api/operator/audit${query ? `?${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { rows: Entry[]; count: number };
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('operator@rtc.demo');
});
afterAll(() => t.close());

describe('platform audit log', () => {
  test("the operator's writes appear newest first with actor, target, before and after", async () => {
    const before = (await admin.get('/api/operator/settings')).body;
    expect((await admin.patch('/api/operator/settings', { defaultMemberLimit: before.defaultMemberLimit + 1 })).status).toBe(200);
    const created = await admin.post('/api/operator/resellers', { name: 'Audit Reseller', staff: { email: 'audit-reseller@example.com' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const resellerId = String(created.body.id ?? created.body.reseller?.id);
    const { rows } = await audit();
    const settings = rows.find((r) => r.action === 'platform.settings.update');
    expect(settings).toMatchObject({
      actorLabel: 'operator:operator@rtc.demo', targetType: 'PlatformSettings', targetId: '1',
      changes: { before: { defaultMemberLimit: before.defaultMemberLimit }, after: { defaultMemberLimit: before.defaultMemberLimit + 1 } },
    });
    const reseller = rows.find((r) => r.action === 'reseller.create');
    expect(reseller).toMatchObject({ actorLabel: 'operator:operator@rtc.demo', targetType: 'Reseller', targetId: resellerId, changes: { after: expect.objectContaining({ name: 'Audit Reseller' }) } });
    // Newest first: the reseller was made after the settings changed.
    expect(rows.indexOf(reseller!)).toBeLessThan(rows.indexOf(settings!));
    const times = rows.map((r) => Date.parse(r.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test("a user's account events appear, with the user as actor and target", async () => {
    const first = await t.signIn('admin@acme.demo');
    await t.signIn('admin@acme.demo');
    const res = await first.post('/api/profile/sessions/revoke-others');
    expect(res.status).toBe(200);
    const { rows } = await audit('action=session.revokeOthers');
    const userId = String((first.me.user as { id: number }).id);
    expect(rows[0]).toMatchObject({ actorLabel: 'admin@acme.demo', action: 'session.revokeOthers', targetType: 'user', targetId: userId, changes: { after: { revoked: 1 } } });
    // The same entry by its target.
    expect((await audit(`targetType=user&targetId=${userId}`)).rows.map((r) => r.action)).toContain('session.revokeOthers');
  });

  test('filters by action (exact or prefix), actor, target type, target and time; pages with a count', async () => {
    for (const n of [1, 2, 3]) expect((await admin.patch('/api/operator/settings', { defaultMemberLimit: 60 + n })).status).toBe(200);
    const exact = await audit('action=platform.settings.update');
    expect(exact.count).toBe(4);
    expect(exact.rows.every((r) => r.action === 'platform.settings.update')).toBe(true);
    const prefix = await audit('action=reseller.');
    expect(prefix.rows.length).toBeGreaterThan(0);
    expect(prefix.rows.every((r) => r.action.startsWith('reseller.'))).toBe(true);
    // Part of the label, any case; a LIKE wildcard is taken literally.
    const byActor = await audit('actor=ACME');
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((r) => r.actorLabel === 'admin@acme.demo')).toBe(true);
    expect((await audit('actor=%25')).count).toBe(0);
    expect((await audit('targetType=PlatformSettings')).rows.every((r) => r.targetType === 'PlatformSettings')).toBe(true);
    // Pages: two by two, no overlap, the count of all.
    const page1 = await audit('action=platform.settings.update&limit=2');
    const page2 = await audit('action=platform.settings.update&limit=2&offset=2');
    expect(page1.count).toBe(4);
    expect(page1.rows).toHaveLength(2);
    expect(page2.rows).toHaveLength(2);
    expect(page1.rows.map((r) => r.id)).not.toContain(page2.rows[0]!.id);
    expect(page1.rows[0]!.changes.after).toEqual({ defaultMemberLimit: 63 });
    // Time: nothing in the future, everything since an hour ago.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await audit(`from=${encodeURIComponent(later)}`)).count).toBe(0);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect((await audit(`action=platform.settings.update&from=${encodeURIComponent(hourAgo)}&to=${encodeURIComponent(later)}`)).count).toBe(4);
  });

  test('a bad query is a 400 with details', async () => {
    for (const query of ['limit=0', 'limit=101', 'offset=-1', 'from=not-a-date', 'from=2026-02-01&to=2026-01-01']) {
      const res = await admin.get(`/api/operator/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.anything() });
    }
  });

  test('only operator admins read it: the support desk and company members get 403 (finance: the permission matrix)', async () => {
    const desk = await t.signIn('desk@rtc.demo');
    expect(desk.me).toMatchObject({ user: { platformRole: 'support' } });
    expect((await desk.get('/api/operator/audit')).status).toBe(403);
    expect((await (await t.signIn('admin@acme.demo')).get('/api/operator/audit')).status).toBe(403);
    expect((await t.anonymous().get('/api/operator/audit')).status).toBe(401);
  });
});
