// The media edge's ingest API (PRODUCT.md "REST APIs" 3): signed, batched, idempotent, and
// strict record by record: bad records are reported with their index and reason, the rest kept.
import { randomBytes } from 'node:crypto';
import { createIngestKey, rowsOf } from '@rtc-console/core';
import { MAX_BATCH } from '../src/shared/index.js';
import { sign } from '@rtc-console/signer';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { companyByName, createTestApp, type DemoProject, type TestApp, type TestClient } from '@rtc-console/testing';
import { usageServerPlugin } from '../src/server/index.js';
import {
  AUDIO, daily, INGEST_PATH, ingestClient, plusMinutes, rid, rollupSnapshot, rtm, session, tableCounts, video,
  type IngestClient,
} from './usage-helpers.js';

let t: TestApp;
let edge: IngestClient;
let admin: TestClient;
let acme: { id: number; projects: DemoProject[] };
let p1: DemoProject;
let p2: DemoProject;
let disabled: DemoProject;

beforeAll(async () => {
  t = await createTestApp({ plugins: [usageServerPlugin] });
  edge = await ingestClient(t);
  admin = await t.signIn('admin@acme.demo');
  acme = await companyByName(t, 'Acme Video');
  [p1, p2] = acme.projects as [DemoProject, DemoProject];
  disabled = acme.projects.find((p) => p.status === 0)!;
  expect(disabled.name).toBe('Legacy Webinar');
});
afterAll(() => t.close());

const post = () => t.anonymous().agent.post(INGEST_PATH);
const oneGoodBatch = () => ({ records: [session(p1.appId, { start: '2025-01-05T10:00:00Z' })] });
const randomId = () => randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 40).padEnd(40, 'x');

/** The error envelope of every refusal. */
function expectEnvelope(res: { status: number; body: unknown; headers: Record<string, string | undefined> }, status: number, code?: string): { code: string; message: string; details?: unknown } {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  // Every 401 of a signed API names the scheme to use.
  if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^hmac /);
  const body = res.body as { error: { code: string; message: string; details?: unknown } };
  expect(body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

async function rawCount(table: 'usage_sessions' | 'usage_rtm_events', recordIds: string[]): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await t.core.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where record_id in (select value from json_array_elements_text(${JSON.stringify(recordIds)}::json))`),
  );
  return Number(row?.n ?? 0);
}

describe('the signature', () => {
  test('a request without one is refused with 401 in the error envelope, and stores nothing', async () => {
    const before = await tableCounts(t);
    expectEnvelope(await post().send(oneGoodBatch()), 401, 'UNAUTHENTICATED');
    expect(await tableCounts(t)).toEqual(before);
  });

  test('garbage Authorization headers are refused with 401', async () => {
    const signed = await sign({ accessKeyId: edge.key.accessKeyId, secret: edge.key.secret });
    for (const authorization of ['garbage', 'Bearer abc', 'hmac username="x"', `hmac username="${edge.key.accessKeyId}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="bm9wZQ=="`]) {
      expectEnvelope(await post().set({ ...signed, authorization }).send(oneGoodBatch()), 401, 'UNAUTHENTICATED');
    }
    // The right signature without its x-date / x-request-id headers.
    expectEnvelope(await post().set({ authorization: signed.authorization }).send(oneGoodBatch()), 401);
    // A signing header twice: Node would check only the first Authorization.
    const twice = await post().set({ ...signed, authorization: [signed.authorization, 'hmac username="x"'] as unknown as string }).send(oneGoodBatch());
    expect(expectEnvelope(twice, 401, 'UNAUTHENTICATED').details).toEqual({ reason: 'duplicate_header' });
    // A date outside the accepted clock skew.
    const stale = await sign({ accessKeyId: edge.key.accessKeyId, secret: edge.key.secret, date: new Date(Date.now() - 3 * 3_600_000) });
    expectEnvelope(await post().set(stale).send(oneGoodBatch()), 401);
  });

  test('an unknown key, or a known key signed with the wrong secret, is refused with 401', async () => {
    expectEnvelope(await post().set(await sign({ accessKeyId: randomId(), secret: randomId() })).send(oneGoodBatch()), 401, 'UNAUTHENTICATED');
    expectEnvelope(await post().set(await sign({ accessKeyId: edge.key.accessKeyId, secret: randomId() })).send(oneGoodBatch()), 401, 'UNAUTHENTICATED');
  });

  test('a replayed request (same signed headers) is refused the second time', async () => {
    const headers = await sign({ accessKeyId: edge.key.accessKeyId, secret: edge.key.secret });
    const body = { records: [session(p1.appId, { start: '2025-01-06T10:00:00Z' })] };
    expect((await post().set(headers).send(body)).status).toBe(200);
    expectEnvelope(await post().set(headers).send(body), 401, 'UNAUTHENTICATED');
  });

  test('a deleted ingest key stops working on the next request', async () => {
    const operator = await t.signIn('operator@rtc.demo');
    const key = await createIngestKey(t.core.db, 'short-lived');
    const send = async () => post().set(await sign({ accessKeyId: key.accessKeyId, secret: key.secret })).send(oneGoodBatch());
    expect((await send()).status).toBe(200);
    expect((await operator.delete(`/api/operator/ingest-keys/${key.id}`)).status).toBeLessThan(300);
    expectEnvelope(await send(), 401, 'UNAUTHENTICATED');
  });
});

describe('a valid batch', () => {
  test('stores its sessions and RTM records and adds them to the rollups', async () => {
    const records = [
      session(p1.appId, { start: '2025-02-03T08:00:00Z', minutes: 10, media: AUDIO }),
      session(p1.appId, { start: '2025-02-03T09:00:00Z', minutes: 20, media: video(640, 480) }),
      session(p2.appId, { start: '2025-02-04T09:00:00Z', minutes: 5, media: video(1920, 1080), uid: 42 as unknown as string }),
      rtm(p1.appId, 'alice', '2025-02-03T12:00:00Z'),
      rtm(p1.appId, 'bob', '2025-02-03T12:00:00Z'),
    ];
    expect(await edge.batch(records)).toEqual({ accepted: 5, duplicates: 0, rejected: [], unknownAppIds: [] });
    expect(await rawCount('usage_sessions', records.map((r) => r.recordId))).toBe(3);
    expect(await rawCount('usage_rtm_events', records.map((r) => r.recordId))).toBe(2);

    const usage = await daily(admin, '2025-02-03', '2025-02-04');
    expect(usage.days).toEqual([
      { day: '2025-02-03', usage: { audioAll: 10, videoAll: 20, sdAll: 0, hdAll: 20, hdpAll: 0 } },
      { day: '2025-02-04', usage: { audioAll: 0, videoAll: 5, sdAll: 0, hdAll: 0, hdpAll: 5 } },
    ]);
    const [dau] = rowsOf<{ value: number }>(await t.core.db.execute(sql`select value from usage_daily_peak where project_id = ${p1.id} and day = '2025-02-03' and metric = 50`));
    expect(Number(dau?.value)).toBe(2);
  });

  test('an App ID in capitals is the same App ID', async () => {
    const r = session(p1.appId.toUpperCase(), { start: '2025-02-05T08:00:00Z', minutes: 3 });
    expect(await edge.batch([r])).toMatchObject({ accepted: 1, rejected: [], unknownAppIds: [] });
    expect((await daily(admin, '2025-02-05', '2025-02-05', { projectId: p1.id })).totals.audioAll).toBe(3);
  });
});

describe('idempotence', () => {
  test('re-sending a batch stores nothing new: accepted 0, duplicates n, rollups and raw counts unchanged', async () => {
    const records = [
      session(p1.appId, { start: '2025-02-10T23:50:00Z', minutes: 20, media: video(1280, 720), channel: 'idem' }),
      session(p2.appId, { start: '2025-02-11T10:00:00Z', minutes: 7, product: 'transcoding', transcoding: { codec: 'h264', mode: 'hosting-in' }, media: video(640, 360) }),
      session(p2.appId, { start: '2025-02-11T10:00:00Z', minutes: 9, product: 'miniapp' }),
      rtm(p1.appId, 'carol', '2025-02-11T01:00:00Z'),
    ];
    const ids = records.map((r) => r.recordId);
    expect((await edge.batch(records)).accepted).toBe(4);
    const usageBefore = await daily(admin, '2025-02-10', '2025-02-11');
    const rollupsBefore = await rollupSnapshot(t);
    const rawBefore = [await rawCount('usage_sessions', ids), await rawCount('usage_rtm_events', ids)];
    expect(usageBefore.days.map((d) => d.usage.hdAll)).toEqual([10, 10]);

    expect(await edge.batch(records)).toEqual({ accepted: 0, duplicates: 4, rejected: [], unknownAppIds: [] });
    expect(await daily(admin, '2025-02-10', '2025-02-11')).toEqual(usageBefore);
    expect(await rollupSnapshot(t)).toEqual(rollupsBefore);
    expect([await rawCount('usage_sessions', ids), await rawCount('usage_rtm_events', ids)]).toEqual(rawBefore);

    // Old and new together: only the new one counts.
    const fresh = session(p1.appId, { start: '2025-02-10T12:00:00Z', minutes: 4, media: video(1280, 720), channel: 'idem' });
    expect(await edge.batch([...records, fresh])).toEqual({ accepted: 1, duplicates: 4, rejected: [], unknownAppIds: [] });
    expect((await daily(admin, '2025-02-10', '2025-02-11')).days.map((d) => d.usage.hdAll)).toEqual([14, 10]);
  });

  test('the same batch sent twice at once is still counted once', async () => {
    const records = Array.from({ length: 50 }, (_, i) => session(p2.appId, { start: `2025-02-12T${String(10 + (i % 10)).padStart(2, '0')}:00:00Z`, minutes: 2, channel: `c${i}` }));
    const [a, b] = await Promise.all([edge.batch(records), edge.batch(records)]);
    expect(a.accepted + b.accepted).toBe(50);
    expect(a.duplicates + b.duplicates).toBe(50);
    expect((await daily(admin, '2025-02-12', '2025-02-12', { projectId: p2.id })).totals.audioAll).toBe(100);
  });

  test('the same record twice inside one batch counts once', async () => {
    const r = session(p1.appId, { start: '2025-02-13T10:00:00Z', minutes: 6 });
    const m = rtm(p1.appId, 'dave', '2025-02-13T10:00:00Z');
    // A second record under an id already seen in the batch is the same record, whatever it says.
    const sameId = { ...session(p1.appId, { start: '2025-02-13T11:00:00Z', minutes: 30 }), recordId: r.recordId };
    expect(await edge.batch([r, m, r, m, sameId])).toEqual({ accepted: 2, duplicates: 3, rejected: [], unknownAppIds: [] });
    expect(await rawCount('usage_sessions', [r.recordId])).toBe(1);
    expect((await daily(admin, '2025-02-13', '2025-02-13', { projectId: p1.id })).totals.audioAll).toBe(6);
    const [dau] = rowsOf<{ value: number }>(await t.core.db.execute(sql`select value from usage_daily_peak where project_id = ${p1.id} and day = '2025-02-13' and metric = 50`));
    expect(Number(dau?.value)).toBe(1);
  });
});

describe('partial batches', () => {
  test('bad records are rejected with their index and a reason naming the field; the good ones are kept', async () => {
    const day = '2025-02-17';
    const good1 = session(p1.appId, { start: `${day}T10:00:00Z`, minutes: 11 });
    const good2 = rtm(p2.appId, 'erin', `${day}T10:00:00Z`);
    const good3 = session(p2.appId, { start: `${day}T10:00:00Z`, minutes: 13, media: video(320, 240) });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const cases: [record: unknown, field: RegExp][] = [
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), leaveAt: `${day}T09:00:00Z` }, /^leaveAt: .*after joinAt/],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), leaveAt: `${day}T10:00:00Z` }, /^leaveAt: .*after joinAt/],
      [session('not-an-app-id', { start: `${day}T10:00:00Z` }), /^appId: .*32 hexadecimal/],
      [session(`${p1.appId.slice(0, 31)}g`, { start: `${day}T10:00:00Z` }), /^appId: /],
      [session(p1.appId, { start: `${day}T10:00:00Z`, product: 'transcoding' }), /^transcoding: /],
      [session(p1.appId, { start: `${day}T10:00:00Z`, transcoding: { codec: 'h264', mode: 'single-host' } }), /^transcoding: /],
      [session(p1.appId, { start: plusMinutes(future, -10), end: future }), /^leaveAt: .*future/],
      [rtm(p1.appId, 'frank', future), /^at: .*future/],
      [session(p1.appId, { start: `${day}T10:00:00Z`, end: '2025-02-24T10:00:01Z' }), /^leaveAt: .*7 days/],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), type: 'webinar' }, /type/],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), joinAt: 'yesterday' }, /^joinAt: /],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), media: { kind: 'video', width: 0, height: 360 } }, /^media\.width: /],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), media: { kind: 'hologram' } }, /media/],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), role: 'moderator' }, /^role: /],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), product: 'cdn' }, /^product: /],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), channel: '' }, /^channel: /],
      [{ ...session(p1.appId, { start: `${day}T10:00:00Z` }), recordId: 'x'.repeat(129) }, /^recordId: /],
    ];
    const records = [good1, ...cases.slice(0, 8).map((c) => c[0]), good2, ...cases.slice(8).map((c) => c[0]), good3];
    const report = await edge.batch(records);
    expect(report.accepted).toBe(3);
    expect(report.duplicates).toBe(0);
    expect(report.unknownAppIds).toEqual([]);
    const expectedIndexes = records.map((r, i) => (r === good1 || r === good2 || r === good3 ? -1 : i)).filter((i) => i >= 0);
    expect(report.rejected.map((r) => r.index)).toEqual(expectedIndexes);
    for (const rejection of report.rejected) {
      const [, pattern] = cases.find((c) => c[0] === records[rejection.index])!;
      expect(rejection.reason, `record ${rejection.index}`).toMatch(pattern);
      const sent = records[rejection.index] as { recordId?: string };
      if (typeof sent.recordId === 'string' && sent.recordId.length <= 128) expect(rejection.recordId).toBe(sent.recordId);
    }
    expect((await daily(admin, day, day)).totals).toMatchObject({ audioAll: 11, sdAll: 13 });
    expect(await rawCount('usage_sessions', [good1.recordId, good3.recordId])).toBe(2);
    expect(await rawCount('usage_rtm_events', [good2.recordId])).toBe(1);
  });

  test('a session of exactly 7 days is accepted; one millisecond more is not', async () => {
    const start = '2024-06-01T00:00:00.000Z';
    const week = session(p2.appId, { start, end: '2024-06-08T00:00:00.000Z' });
    const longer = session(p2.appId, { start, end: '2024-06-08T00:00:00.001Z' });
    const report = await edge.batch([week, longer]);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([{ index: 1, recordId: longer.recordId, reason: expect.stringMatching(/^leaveAt: .*7 days/) }]);
    expect((await daily(admin, '2024-06-01', '2024-06-08', { projectId: p2.id })).days.map((d) => d.usage.audioAll)).toEqual([1440, 1440, 1440, 1440, 1440, 1440, 1440, 0]);
  });

  test('unknown App IDs are reported in unknownAppIds and rejected, not silently dropped', async () => {
    const ghost = 'f'.repeat(32);
    const ghost2 = '0123456789abcdef0123456789abcdef';
    const records = [
      session(ghost, { start: '2025-02-18T10:00:00Z' }),
      session(p1.appId, { start: '2025-02-18T10:00:00Z', minutes: 2 }),
      rtm(ghost2, 'gina', '2025-02-18T10:00:00Z'),
      session(ghost, { start: '2025-02-18T11:00:00Z' }),
    ];
    const report = await edge.batch(records);
    expect(report).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, recordId: records[0]!.recordId, reason: 'unknown App ID' },
        { index: 2, recordId: records[2]!.recordId, reason: 'unknown App ID' },
        { index: 3, recordId: records[3]!.recordId, reason: 'unknown App ID' },
      ],
      unknownAppIds: [ghost2, ghost].sort(),
    });
    expect(await rawCount('usage_sessions', [records[0]!.recordId, records[3]!.recordId])).toBe(0);
  });

  test("a disabled project's records are refused, and accepted again once it is enabled", async () => {
    const r = session(disabled.appId, { start: '2025-02-19T10:00:00Z', minutes: 5 });
    expect(await edge.batch([r])).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, recordId: r.recordId, reason: 'the project is disabled' }], unknownAppIds: [] });

    expect((await admin.post(`/api/projects/${p2.id}/disable`)).status).toBe(200);
    const s = session(p2.appId, { start: '2025-02-19T10:00:00Z', minutes: 5 });
    const m = rtm(p2.appId, 'hank', '2025-02-19T10:00:00Z');
    const refused = await edge.batch([s, m]);
    expect(refused.accepted).toBe(0);
    expect(refused.rejected.map((x) => x.reason)).toEqual(['the project is disabled', 'the project is disabled']);
    expect((await admin.post(`/api/projects/${p2.id}/enable`)).status).toBe(200);
    expect((await edge.batch([s, m])).accepted).toBe(2);
    expect((await daily(admin, '2025-02-19', '2025-02-19', { projectId: p2.id })).totals.audioAll).toBe(5);
  });

  test("a deleted project's records are refused", async () => {
    const created = (await admin.post('/api/projects', { name: 'Deleted before its traffic' })).body as DemoProject;
    expect((await admin.delete(`/api/projects/${created.id}`, { confirmName: created.name })).status).toBe(200);
    const r = session(created.appId, { start: '2025-02-20T10:00:00Z' });
    const m = rtm(created.appId, 'ivy', '2025-02-20T10:00:00Z');
    expect(await edge.batch([r, m])).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, recordId: r.recordId, reason: 'the project is deleted' },
        { index: 1, recordId: m.recordId, reason: 'the project is deleted' },
      ],
      unknownAppIds: [],
    });
    expect(await tableCounts(t, created.id)).toEqual({ usage_sessions: 0, usage_rtm_events: 0, usage_daily: 0, usage_monthly: 0, usage_daily_channel: 0, usage_daily_peak: 0, usage_rtm_users: 0 });
  });
});

describe('the envelope', () => {
  test('a body that is not an object, records that are not an array, none, or too many: 400 naming the problem', async () => {
    expectEnvelope(await edge.send([]), 400);
    expectEnvelope(await edge.send({}), 400);
    expect(expectEnvelope(await edge.send({ records: {} }), 400).message).toMatch(/records must be an array/);
    expect(expectEnvelope(await edge.send({ records: 'all of them' }), 400).message).toMatch(/records must be an array/);
    expect(expectEnvelope(await edge.send({ records: [] }), 400).message).toMatch(/records must not be empty/);
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, () => ({}));
    expect(MAX_BATCH).toBe(10_000);
    expect(expectEnvelope(await edge.send({ records: tooMany }), 400).message).toMatch(/at most 10000/);
    for (const data of ['"records"', 'null', '42', 'true']) expectEnvelope(await edge.send(undefined, { data }), 400);
  });

  test('exactly 10,000 records is a batch (each checked on its own)', async () => {
    const report = (await edge.send({ records: Array.from({ length: MAX_BATCH }, () => ({})) })).body as { rejected: unknown[]; accepted: number };
    expect(report.accepted).toBe(0);
    expect(report.rejected).toHaveLength(MAX_BATCH);
  });

  test('malformed JSON is a 400', async () => {
    for (const data of ['{"records": [', '{records: []}', "{'records': []}", '{"records": []}}', '\u0000']) {
      expectEnvelope(await edge.send(undefined, { data }), 400, 'BAD_REQUEST');
    }
  });

  test('a body over 16 MB is a 413', async () => {
    const padding = 'x'.repeat(16 * 1024 * 1024 + 1024);
    const res = await edge.send(undefined, { data: JSON.stringify({ records: [{ type: 'session', recordId: 'big', channel: padding }] }) });
    expectEnvelope(res, 413, 'PAYLOAD_TOO_LARGE');
    // Just under the limit is parsed, and the oversized record refused on its own.
    const under = await edge.send(undefined, { data: JSON.stringify({ records: [{ ...session(p1.appId, { start: '2025-02-21T10:00:00Z' }), channel: 'x'.repeat(15 * 1024 * 1024) }] }) });
    expect(under.status).toBe(200);
    expect((under.body as { rejected: { reason: string }[] }).rejected[0]!.reason).toMatch(/^channel: /);
  });

  test('odd records never make a 500: each is rejected on its own', async () => {
    const base = session(p1.appId, { start: '2025-02-22T10:00:00Z' });
    const odd: unknown[] = [
      null, 0, 42, 'session', [], [base], {}, { type: null }, { type: 'session' }, { type: 'rtm', recordId: rid() },
      { ...base, recordId: 17 }, { ...base, recordId: '' }, { ...base, uid: { id: 1 } }, { ...base, uid: '' }, { ...base, uid: 'u'.repeat(65) },
      { ...base, appId: 12345 }, { ...base, appId: null }, { ...base, channel: 7 }, { ...base, channel: 'c'.repeat(129) },
      { ...base, media: null }, { ...base, media: 'video' }, { ...base, media: { kind: 'video' } }, { ...base, media: { kind: 'video', width: 1e9, height: 2 } },
      { ...base, media: { kind: 'video', width: 640.5, height: 360 } }, { ...base, media: { kind: 'video', width: -640, height: 360 } }, { ...base, media: { kind: 'video', width: '640', height: 360 } },
      { ...base, joinAt: null }, { ...base, joinAt: 1_700_000_000_000 }, { ...base, joinAt: '2025-13-45T00:00:00Z' }, { ...base, leaveAt: '2025-02-22' },
      { ...base, product: 'transcoding', transcoding: { codec: 'vp9', mode: 'hosting-in' } }, { ...base, product: 'transcoding', transcoding: 'h264' },
      { ...rtm(p1.appId, 'x', '2025-02-22T10:00:00Z'), userId: null }, { ...rtm(p1.appId, 'x', '2025-02-22T10:00:00Z'), at: 'now' },
      JSON.parse('{"__proto__": {"polluted": true}, "type": "session"}'),
    ];
    const res = await edge.send({ records: odd });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(report.accepted).toBe(0);
    expect(report.rejected.map((r) => r.index)).toEqual(odd.map((_, i) => i));
    for (const r of report.rejected) expect(r.reason.length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
