import { platformAuditLog, rememberDevice, rememberedDevices, sha256Hex } from '@rtc-console/core';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from './harness.js';

// "Remembered browsers" on the profile: the browsers that skip the second factor, which one is
// this, forgetting one or all (audited as account events), and only one's own.
let t: TestApp;
let alice: TestClient;
let aliceId: number;
let bob: TestClient;
let bobId: number;

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0';

interface Row { id: number; device: string | null; browser: string | null; os: string | null; createdAt: string; expiresAt: string; current: boolean }
const list = async (client: TestClient) => {
  const res = await client.get('/api/profile/remembered-browsers');
  expect(res.status).toBe(200);
  return res.body as { rows: Row[]; count: number };
};
/** Puts a remembered-device cookie in the client's jar, as the second sign-in step sets it. */
const holdCookie = (client: TestClient, token: string) => client.agent.jar.setCookie(`rtc_rd=${token}; Path=/api`, '127.0.0.1', '/api');
const lastEvent = async (userId: number, action: string) =>
  (await t.core.db.select().from(platformAuditLog).where(and(eq(platformAuditLog.action, action), eq(platformAuditLog.targetId, String(userId)))).orderBy(desc(platformAuditLog.id)))[0];

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.signIn('admin@acme.demo');
  aliceId = (alice.me.user as { id: number }).id;
  bob = await t.signIn('ops@acme.demo');
  bobId = (bob.me.user as { id: number }).id;
});
afterAll(() => t.close());

describe('remembered browsers', () => {
  test('lists the live ones, newest first, with device and dates, and marks this browser', async () => {
    expect(await list(alice)).toEqual({ rows: [], count: 0 });
    const mac = await rememberDevice(t.core.db, aliceId, CHROME_MAC);
    await rememberDevice(t.core.db, aliceId, FIREFOX_WIN);
    const expired = await rememberDevice(t.core.db, aliceId, FIREFOX_WIN);
    await t.core.db.update(rememberedDevices).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(rememberedDevices.tokenHash, sha256Hex(expired.token)));
    holdCookie(alice, mac.token);
    const { rows, count } = await list(alice);
    expect(count).toBe(2);
    expect(rows.map((r) => r.browser)).toEqual(['Firefox 127', 'Chrome 126']);
    expect(rows[1]).toMatchObject({ device: 'Chrome 126 · macOS Catalina', os: 'macOS Catalina', current: true });
    expect(rows[0]!.current).toBe(false);
    expect(Date.parse(rows[1]!.expiresAt) - Date.parse(rows[1]!.createdAt)).toBeGreaterThan(29 * 86_400_000);
    // Nothing of the token leaves the server.
    expect(JSON.stringify(rows)).not.toMatch(/token/i);
    // Bob sees none of Alice's.
    expect((await list(bob)).count).toBe(0);
  });

  test("another user's id is a 404 and forgets nothing; a malformed id too", async () => {
    const [aliceRow] = (await list(alice)).rows;
    const res = await bob.delete(`/api/profile/remembered-browsers/${aliceRow!.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await bob.delete('/api/profile/remembered-browsers/abc')).status).toBe(404);
    expect((await list(alice)).count).toBe(2);
  });

  test('forgetting one removes it, is audited, and clears the cookie when it is this browser', async () => {
    const { rows } = await list(alice);
    const other = rows.find((r) => !r.current)!;
    const res = await alice.delete(`/api/profile/remembered-browsers/${other.id}`);
    expect(res.status).toBe(204);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await list(alice)).rows.map((r) => r.id)).not.toContain(other.id);
    expect(await lastEvent(aliceId, 'rememberedBrowser.forget')).toMatchObject({ actorLabel: 'admin@acme.demo', targetType: 'user', changes: { after: { device: 'Firefox 127 · Windows 10' } } });
    // Twice: already gone.
    expect((await alice.delete(`/api/profile/remembered-browsers/${other.id}`)).status).toBe(404);

    const current = (await list(alice)).rows[0]!;
    const mine = await alice.delete(`/api/profile/remembered-browsers/${current.id}`);
    expect(mine.status).toBe(204);
    expect((mine.headers['set-cookie'] as unknown as string[]).join()).toMatch(/rtc_rd=;/);
    expect((await list(alice)).count).toBe(0);
  });

  // The expired one of the first test goes too: three.
  test('forgetting all removes only my own, is audited with how many, and clears the cookie', async () => {
    await rememberDevice(t.core.db, aliceId, CHROME_MAC);
    await rememberDevice(t.core.db, aliceId, FIREFOX_WIN);
    await rememberDevice(t.core.db, bobId, CHROME_MAC);
    const res = await alice.delete('/api/profile/remembered-browsers');
    expect(res.status).toBe(204);
    expect((res.headers['set-cookie'] as unknown as string[]).join()).toMatch(/rtc_rd=;/);
    expect((await list(alice)).count).toBe(0);
    expect((await list(bob)).count).toBe(1);
    expect(await lastEvent(aliceId, 'rememberedBrowser.forgetAll')).toMatchObject({ actorLabel: 'admin@acme.demo', changes: { after: { forgotten: 3 } } });
  });

  test('signed out: 401', async () => {
    expect((await t.anonymous().get('/api/profile/remembered-browsers')).status).toBe(401);
    expect((await t.anonymous().delete('/api/profile/remembered-browsers')).status).toBe(401);
  });
});
