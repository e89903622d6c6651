// What happens to usage when a project is deleted (its raw records and rollups are purged, nobody
// else's), and when the operator switches the usage plugin off for a company (its usage routes
// refuse, ingest refuses its records and says why; switched on again, everything is back).
import { sign } from '@rtc-console/signer';
import { rebuildRollups, usageServerPlugin } from '../src/server/index.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, type DemoProject, type TestApp, type TestClient } from '@rtc-console/testing';
import {
  daily, expectError, ingestClient, rollupSnapshot, rtm, session, tableCounts, video,
  type IngestClient,
} from './usage-helpers.js';

let t: TestApp;
let edge: IngestClient;
let admin: TestClient;
let operator: TestClient;
let acme: { id: number; projects: DemoProject[] };
let galaxy: { id: number; projects: DemoProject[] };
let p1: DemoProject;
let g1: DemoProject;

beforeAll(async () => {
  t = await createTestApp({ plugins: [usageServerPlugin] });
  edge = await ingestClient(t);
  admin = await t.signIn('admin@acme.demo');
  operator = await t.signIn('operator@rtc.demo');
  acme = await companyByName(t, 'Acme Video');
  galaxy = await companyByName(t, '星河直播');
  p1 = acme.projects[0]!;
  g1 = galaxy.projects[0]!;
});
afterAll(() => t.close());

/** Records of every kind for a project, over two days (sessions, a midnight crossing, transcoding peaks, RTM). */
const traffic = (p: DemoProject, minutes: number) => [
  session(p.appId, { start: '2025-08-01T10:00:00Z', minutes, channel: 'x' }),
  session(p.appId, { start: '2025-08-01T23:50:00Z', minutes: 20, media: video(1280, 720), channel: 'y' }),
  session(p.appId, { start: '2025-08-02T10:00:00Z', minutes: 15, product: 'transcoding', transcoding: { codec: 'h264', mode: 'hosting-in' }, media: video(640, 360), channel: 'z' }),
  rtm(p.appId, 'someone', '2025-08-02T10:00:00Z'),
];

describe('deleting a project', () => {
  test('purges its raw records and rollups; other projects and companies keep every row', async () => {
    const created = await admin.post('/api/projects', { name: 'Doomed Project' });
    expect(created.status).toBe(201);
    const doomed = created.body as DemoProject;
    const doomedRecords = traffic(doomed, 30);
    expect((await edge.batch([...doomedRecords, ...traffic(p1, 40), ...traffic(g1, 50)])).accepted).toBe(12);

    const counts = await tableCounts(t, doomed.id);
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBeGreaterThan(0);
    const othersBefore = { p1: await tableCounts(t, p1.id), g1: await tableCounts(t, g1.id) };
    const snapshot = await rollupSnapshot(t);
    expect((await daily(admin, '2025-08-01', '2025-08-01')).totals.audioAll).toBe(70);

    // The wrong name: refused, nothing purged.
    expectError(await admin.delete(`/api/projects/${doomed.id}`, { confirmName: 'doomed project' }), 400);
    expect(await tableCounts(t, doomed.id)).toEqual(counts);

    expect((await admin.delete(`/api/projects/${doomed.id}`, { confirmName: 'Doomed Project' })).status).toBe(200);
    expect(await tableCounts(t, doomed.id)).toEqual({ usage_sessions: 0, usage_rtm_events: 0, usage_daily: 0, usage_monthly: 0, usage_daily_channel: 0, usage_daily_peak: 0, usage_rtm_users: 0 });
    expect({ p1: await tableCounts(t, p1.id), g1: await tableCounts(t, g1.id) }).toEqual(othersBefore);
    // Every other rollup row is exactly as it was.
    const withoutDoomed = (s: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(s).map(([table, rows]) => [table, rows.filter((r) => (JSON.parse(r) as { project_id: string }).project_id !== doomed.id)]));
    const after = await rollupSnapshot(t);
    expect(after).toEqual(withoutDoomed(snapshot));
    expect(after).not.toEqual(snapshot);

    // The company's usage no longer counts it; the deleted project cannot be asked for.
    expect((await daily(admin, '2025-08-01', '2025-08-01')).totals.audioAll).toBe(40);
    expectError(await admin.get(`/api/usage/daily?from=2025-08-01&to=2025-08-01&projectId=${doomed.id}`), 404);

    // A rebuild from the raw records does not bring it back, and its records are refused from now on.
    await rebuildRollups(t.core.db);
    expect(await rollupSnapshot(t)).toEqual(after);
    const resent = await edge.batch(doomedRecords);
    expect(resent.accepted).toBe(0);
    expect(new Set(resent.rejected.map((r) => r.reason))).toEqual(new Set(['the project is deleted']));
    expect(await tableCounts(t, doomed.id)).toEqual({ usage_sessions: 0, usage_rtm_events: 0, usage_daily: 0, usage_monthly: 0, usage_daily_channel: 0, usage_daily_peak: 0, usage_rtm_users: 0 });
  });
});

describe('the usage plugin switched off for a company', () => {
  const toggle = async (enabled: boolean) => {
    const res = await operator.put(`/api/operator/companies/${galaxy.id}/plugins/usage`, { enabled });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const ingestApps = async () => {
    const res = await t.anonymous().agent.get('/ingest/usage/apps').set(await sign({ accessKeyId: edge.key.accessKeyId, secret: edge.key.secret }));
    expect(res.status).toBe(200);
    return (res.body as { companies: { id: number; apps: { appId: string }[] }[] }).companies;
  };

  test("its members' usage routes refuse; the other company is unaffected", async () => {
    const galaxyAdmin = await t.signIn('admin@galaxy.demo');
    const galaxyOps = await t.signIn('ops@galaxy.demo');
    expect((await daily(galaxyAdmin, '2025-08-01', '2025-08-02')).totals.audioAll).toBe(50);
    await toggle(false);
    for (const client of [galaxyAdmin, galaxyOps]) {
      expectError(await client.get('/api/usage/daily?from=2025-08-01&to=2025-08-02'), 403, 'FORBIDDEN');
      expectError(await client.get('/api/usage/export?from=2025-08-01&to=2025-08-02&format=csv'), 403, 'FORBIDDEN');
    }
    expect(((await galaxyAdmin.get('/api/auth/me')).body as { disabledPlugins: string[] }).disabledPlugins).toEqual(['usage']);
    expect((await daily(admin, '2025-08-01', '2025-08-02')).totals.audioAll).toBe(40);

    await toggle(true);
    // Switched on again: the usage recorded before is all there.
    expect((await daily(galaxyAdmin, '2025-08-01', '2025-08-02')).totals.audioAll).toBe(50);
  });

  test('ingest refuses its records, each reported with the reason; the rest of the batch is kept', async () => {
    await toggle(false);
    const g = session(g1.appId, { start: '2025-08-03T10:00:00Z', minutes: 5 });
    const gRtm = rtm(g1.appId, 'someone-else', '2025-08-03T10:00:00Z');
    const a = session(p1.appId, { start: '2025-08-03T10:00:00Z', minutes: 6 });
    const before = await tableCounts(t, g1.id);
    expect(await edge.batch([g, a, gRtm])).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, recordId: g.recordId, reason: 'usage is switched off for the company' },
        { index: 2, recordId: gRtm.recordId, reason: 'usage is switched off for the company' },
      ],
      unknownAppIds: [],
    });
    expect(await tableCounts(t, g1.id)).toEqual(before);
    expect((await daily(admin, '2025-08-03', '2025-08-03')).totals.audioAll).toBe(6);
    // Traffic generators are not pointed at it either.
    expect((await ingestApps()).map((c) => c.id)).toEqual([acme.id]);

    await toggle(true);
    expect(await edge.batch([g, gRtm])).toMatchObject({ accepted: 2, rejected: [] });
    expect((await ingestApps()).map((c) => c.id)).toEqual([acme.id, galaxy.id]);
    expect((await daily(await t.signIn('admin@galaxy.demo'), '2025-08-03', '2025-08-03')).totals.audioAll).toBe(5);
  });
});
