// Deliveries through a real test console (job queue and events dispatcher working) to receivers
// on 127.0.0.1: signed in Standard Webhooks format and verified with its library, one delivery
// per event and endpoint however often the event is handed over, retries that a failing
// receiver sees, resends, and an endpoint switched off after a day of failures with its admins told.
import { auditLog, companyAdmins, servicesOfPlugin, type DeliveredEvent } from '@rtc-console/core';
import { companyByName, type TestApp, type TestClient } from '@rtc-console/testing';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DeliveryView, EndpointView } from '../src/shared/index.js';
import { fanOut, webhookDeliveries, webhookEndpoints } from '../src/server/index.js';
import { addEndpoint, deliveriesOf, expectError, startReceiver, waitForDeliveries, waitUntil, webhooksApp, type Receiver } from './webhooks-helpers.js';

let t: TestApp;
let admin: TestClient;
let receiver: Receiver;
let acmeId: number;
/** What the receiver answers per path (200 unless a test says otherwise). */
const answers = new Map<string, number>();

beforeAll(async () => {
  receiver = await startReceiver((r) => {
    if (r.path === '/redirect') return { status: 302, headers: { location: `${receiver.url}/redirected` }, body: 'moved' };
    if (r.path === '/chatty') return { status: 200, body: 'x'.repeat(5000) };
    if (r.path === '/slow') return { status: 200, body: 'late', delayMs: 4500 };
    return { status: answers.get(r.path) ?? 200, body: answers.has(r.path) ? 'down' : 'ok' };
  });
  t = await webhooksApp({}, { jobs: true });
  admin = await t.signIn('admin@acme.demo');
  acmeId = (await companyByName(t, 'Acme Video')).id;
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

let projects = 0;
const createProject = async (client = admin) => {
  const res = await client.post('/api/projects', { name: `Hooked ${++projects}`, region: 'Non-CN' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; appId: string; name: string };
};
const at = (path: string) => receiver.received.filter((r) => r.path === path);

describe('delivery', () => {
  test("an event of the company reaches each endpoint subscribed to it, signed: the receiver's standardwebhooks verifies it", async () => {
    const { endpoint, secret } = await addEndpoint(admin, { url: `${receiver.url}/signed`, eventTypes: ['project.created', 'project.updated'] });
    const other = await addEndpoint(admin, { url: `${receiver.url}/members-only`, eventTypes: ['member.invited'] });
    const project = await createProject();
    await waitUntil(() => at('/signed').length === 1);

    const [got] = at('/signed');
    const body = new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body).toEqual({ type: 'project.created', timestamp: expect.any(String), data: { projectId: project.id, appId: project.appId, name: project.name } });
    expect(() => new Webhook(other.secret).verify(got!.body, got!.headers as Record<string, string>)).toThrow();
    expect(got!.headers['content-type']).toBe('application/json');

    const [delivery] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'succeeded');
    expect(delivery).toMatchObject({ eventType: 'project.created', status: 'succeeded', attempts: 1, responseStatus: 200, responseBody: 'ok', lastError: null, nextAttemptAt: null });
    expect(got!.headers['webhook-id']).toBe(`msg_${delivery!.eventId}_${endpoint.id}`);
    expect(delivery!.messageId).toBe(got!.headers['webhook-id']);
    expect(delivery!.durationMs).toBeGreaterThanOrEqual(0);
    expect(delivery!.payload).toBe(got!.body);
    expect((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body).toMatchObject({ lastSuccessAt: expect.any(String), failingSince: null });

    // Not subscribed: nothing. Another company's events: nothing either.
    const galaxyAdmin = await t.signIn('admin@galaxy.demo');
    expect((await galaxyAdmin.post('/api/projects', { name: 'Galaxy hooked', region: 'Non-CN' })).status).toBe(201);
    await t.core.events.drain();
    await new Promise((r) => setTimeout(r, 1500));
    expect(at('/members-only')).toEqual([]);
    expect(at('/signed')).toHaveLength(1);
  });

  test('"Send a test event" reaches that endpoint only, as webhooks.test', async () => {
    const one = await addEndpoint(admin, { url: `${receiver.url}/test-one` });
    await addEndpoint(admin, { url: `${receiver.url}/test-two` });
    expect((await admin.post(`/api/webhooks/endpoints/${one.endpoint.id}/test`)).status).toBe(202);
    await waitUntil(() => at('/test-one').length === 1);
    const body = new Webhook(one.secret).verify(at('/test-one')[0]!.body, at('/test-one')[0]!.headers as Record<string, string>);
    expect(body).toMatchObject({ type: 'webhooks.test', data: { endpointId: one.endpoint.id } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(at('/test-two')).toEqual([]);
    // A switched-off endpoint is not tested: switch it on first.
    expect((await admin.patch(`/api/webhooks/endpoints/${one.endpoint.id}`, { enabled: false })).status).toBe(200);
    expectError(await admin.post(`/api/webhooks/endpoints/${one.endpoint.id}/test`), 409, 'CONFLICT');
  });

  test('an event handed to the subscriber again (at least once) is one delivery and one request, even when the first hand-off died before queueing', async () => {
    // The only endpoint on role changes, so the hand-offs below concern it alone.
    const { endpoint } = await addEndpoint(admin, { url: `${receiver.url}/once`, eventTypes: ['member.role_changed'] });
    const ops = ((await admin.get('/api/members?q=ops%40acme.demo')).body as { rows: { userId: number }[] }).rows[0]!;
    expect((await admin.patch(`/api/members/${ops.userId}`, { role: 'support' })).status).toBe(200);
    const [first] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'succeeded');
    expect((await admin.patch(`/api/members/${ops.userId}`, { role: 'ops' })).status).toBe(200);
    await waitForDeliveries(admin, endpoint.id, (rows) => rows.length === 2 && rows.every((d) => d.status === 'succeeded'));
    const services = servicesOfPlugin(t.core, t.plugins[0]!) as Parameters<typeof fanOut>[0];
    const event: DeliveredEvent = { id: first!.eventId, type: 'member.role_changed', companyId: acmeId, actor: 'admin@acme.demo', data: JSON.parse(first!.payload).data, occurredAt: new Date().toISOString() };
    expect(await fanOut(services, event)).toBe(0);

    // A hand-off that wrote its delivery and died before handing the queue its job: the next one does.
    const lost: DeliveredEvent = { ...event, id: event.id + 1_000_000 };
    const dying = { ...services, jobs: { ...services.jobs, send: async () => { throw new Error('process died'); } } };
    await expect(fanOut(dying, lost)).rejects.toThrow('process died');
    expect((await deliveriesOf(admin, endpoint.id)).find((d) => d.eventId === lost.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await fanOut(services, lost)).toBe(1);
    expect(await fanOut(services, lost)).toBe(1);
    await waitForDeliveries(admin, endpoint.id, (rows) => rows.find((d) => d.eventId === lost.id)?.status === 'succeeded');
    await new Promise((r) => setTimeout(r, 1000));
    const ids = at('/once').map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toContain(`msg_${event.id}_${endpoint.id}`);
    expect(ids).toContain(`msg_${lost.id}_${endpoint.id}`);
    expect(await deliveriesOf(admin, endpoint.id)).toHaveLength(3);
  });

  test('an endpoint registered after an event does not receive it', async () => {
    await createProject();
    const { endpoint } = await addEndpoint(admin, { url: `${receiver.url}/late` });
    await t.core.events.drain();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await deliveriesOf(admin, endpoint.id)).toEqual([]);
  });

  test('a switched-off endpoint gets no deliveries; neither does a company the operator switched webhooks off for', async () => {
    const { endpoint } = await addEndpoint(admin, { url: `${receiver.url}/off`, enabled: false });
    const live = await addEndpoint(admin, { url: `${receiver.url}/plugin-off` });
    const operator = await t.signIn('operator@rtc.demo');
    expect((await operator.put(`/api/operator/companies/${acmeId}/plugins/webhooks`, { enabled: false })).status).toBe(200);
    // The admin's own requests refuse while it is off; the project still publishes its event.
    expectError(await admin.get('/api/webhooks/endpoints'), 403, 'FORBIDDEN');
    await createProject();
    await t.core.events.drain();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await operator.put(`/api/operator/companies/${acmeId}/plugins/webhooks`, { enabled: true })).status).toBe(200);
    expect(await deliveriesOf(admin, endpoint.id)).toEqual([]);
    expect(await deliveriesOf(admin, live.endpoint.id)).toEqual([]);
    expect(at('/off')).toEqual([]);
    expect(at('/plugin-off')).toEqual([]);
  });
});

describe('retries', () => {
  test('a failing receiver sees every attempt, same webhook-id and a fresh signature each time; the delivery ends failed, then a resend succeeds', async () => {
    answers.set('/flaky', 500);
    const { endpoint, secret } = await addEndpoint(admin, { url: `${receiver.url}/flaky` });
    await createProject();
    // Attempts grow one by one: the delivery is retrying in between.
    const retrying = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'retrying' && rows[0].attempts >= 1);
    expect(retrying[0]).toMatchObject({ responseStatus: 500, responseBody: 'down', lastError: 'HTTP 500', nextAttemptAt: expect.any(String) });
    const [failed] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'failed');
    expect(failed).toMatchObject({ attempts: 4, responseStatus: 500, nextAttemptAt: null });
    const attempts = at('/flaky');
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([failed!.messageId]));
    for (const a of attempts) expect(new Webhook(secret).verify(a.body, a.headers as Record<string, string>)).toMatchObject({ type: 'project.created' });
    for (let i = 1; i < attempts.length; i++) expect(attempts[i]!.at - attempts[i - 1]!.at).toBeGreaterThanOrEqual(900);
    expect((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body).toMatchObject({ failingSince: expect.any(String), enabled: true });

    answers.delete('/flaky');
    const resent = await admin.post(`/api/webhooks/deliveries/${failed!.id}/resend`);
    expect(resent.status, JSON.stringify(resent.body)).toBe(202);
    expectError(await admin.post(`/api/webhooks/deliveries/${failed!.id}/resend`), 409, 'CONFLICT');
    const [done] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'succeeded');
    expect(done).toMatchObject({ id: failed!.id, attempts: 5, responseStatus: 200, lastError: null });
    expect(at('/flaky')[4]!.headers['webhook-id']).toBe(failed!.messageId);
    // A success forgets the failures.
    expect((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body).toMatchObject({ failingSince: null });
    const failedOnly = await deliveriesOf(admin, endpoint.id, '&status=failed');
    expect(failedOnly).toEqual([]);
    expectError(await admin.post('/api/webhooks/deliveries/not-a-uuid/resend'), 404, 'NOT_FOUND');
  });

  test('with backoff, each wait is at least twice the one before (pg-boss retryBackoff)', async () => {
    const backoff = await webhooksApp({ retry: { limit: 2, delaySeconds: 1, backoff: true } }, { jobs: true });
    try {
      answers.set('/backoff', 503);
      const client = await backoff.signIn('admin@acme.demo');
      const { endpoint } = await addEndpoint(client, { url: `${receiver.url}/backoff` });
      expect((await client.post('/api/projects', { name: 'Backoff', region: 'Non-CN' })).status).toBe(201);
      await waitForDeliveries(client, endpoint.id, (rows) => rows[0]?.status === 'failed', 40_000);
      const times = at('/backoff').map((a) => a.at);
      expect(times).toHaveLength(3);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2000);
    } finally {
      await backoff.close();
    }
  });
});

describe('what an attempt keeps of the answer', () => {
  test('a redirect is a failed attempt with its code, and is not followed', async () => {
    const { endpoint } = await addEndpoint(admin, { url: `${receiver.url}/redirect` });
    expect((await admin.post(`/api/webhooks/endpoints/${endpoint.id}/test`)).status).toBe(202);
    const [delivery] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'failed');
    expect(delivery).toMatchObject({ attempts: 4, responseStatus: 302, responseBody: 'moved', lastError: `HTTP 302: redirects are not followed (to ${receiver.url}/redirected)` });
    expect(at('/redirect')).toHaveLength(4);
    expect(at('/redirected')).toEqual([]);
  });

  test('the body kept is the first 2 KB; an answer later than the timeout is a failure', async () => {
    const chatty = await addEndpoint(admin, { url: `${receiver.url}/chatty` });
    expect((await admin.post(`/api/webhooks/endpoints/${chatty.endpoint.id}/test`)).status).toBe(202);
    const [kept] = await waitForDeliveries(admin, chatty.endpoint.id, (rows) => rows[0]?.status === 'succeeded');
    expect(kept!.responseBody).toBe('x'.repeat(2048));

    const slow = await addEndpoint(admin, { url: `${receiver.url}/slow` });
    expect((await admin.post(`/api/webhooks/endpoints/${slow.endpoint.id}/test`)).status).toBe(202);
    const [late] = await waitForDeliveries(admin, slow.endpoint.id, (rows) => rows[0]?.status === 'retrying');
    expect(late).toMatchObject({ responseStatus: null, lastError: 'no answer within 3 s' });
    expect(late!.durationMs).toBeGreaterThanOrEqual(2900);
    await admin.patch(`/api/webhooks/endpoints/${slow.endpoint.id}`, { enabled: false });
  });
});

describe('a day of failures', () => {
  test("switches the endpoint off, audits it and mails the company's admins; it gets nothing more until switched on again", async () => {
    answers.set('/dead', 503);
    const { endpoint } = await addEndpoint(admin, { url: `${receiver.url}/dead` });
    await createProject();
    await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.attempts === 1);
    // As if the first failure had been a day and an hour ago.
    await t.core.db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '25 hours'` }).where(eq(webhookEndpoints.id, endpoint.id));
    const [last] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'failed');
    expect(last!.attempts).toBe(2);

    const off = (await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body as EndpointView;
    expect(off).toMatchObject({ enabled: false, disabledReason: 'failures' });
    const [audit] = await t.core.db.select().from(auditLog).where(and(eq(auditLog.action, 'webhooks.endpoint.auto_disable'), eq(auditLog.targetId, String(endpoint.id))));
    expect(audit).toMatchObject({ actorLabel: 'system', companyId: acmeId });

    const adminEmails = (await companyAdmins(t.core.db, acmeId)).map((a) => a.email);
    expect(adminEmails).toContain('admin@acme.demo');
    for (const email of adminEmails) {
      const [mail] = await t.mail(email, 'webhooks-endpoint-disabled');
      expect(mail?.text).toContain(`${receiver.url}/dead`);
      expect(mail?.text).toContain(`/webhooks/${endpoint.id}`);
    }
    expect(await t.mail('engineer@acme.demo', 'webhooks-endpoint-disabled')).toEqual([]);

    const seen = at('/dead').length;
    await createProject();
    await t.core.events.drain();
    await new Promise((r) => setTimeout(r, 1500));
    expect(at('/dead')).toHaveLength(seen);

    // Switched on again: its failures are forgotten, and a resend goes out.
    answers.delete('/dead');
    expect((await admin.patch(`/api/webhooks/endpoints/${endpoint.id}`, { enabled: true })).body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    expect((await admin.post(`/api/webhooks/deliveries/${last!.id}/resend`)).status).toBe(202);
    await waitForDeliveries(admin, endpoint.id, (rows) => rows.some((d: DeliveryView) => d.id === last!.id && d.status === 'succeeded'));
    expect(await t.core.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))).toHaveLength(1);
  });

  test("follows the company's settings: a longer window keeps a failing endpoint on; no mail when the admins asked for none", async () => {
    answers.set('/flaky-long', 503);
    expect((await admin.put('/api/plugin-settings/webhooks', { values: { disableAfterHours: 48, notifyAdmins: false } })).status).toBe(200);
    expect((await admin.put('/api/plugin-settings/webhooks', { values: { disableAfterHours: 0 } })).status).toBe(400);
    try {
      const { endpoint } = await addEndpoint(admin, { url: `${receiver.url}/flaky-long` });
      expect((await admin.post(`/api/webhooks/endpoints/${endpoint.id}/test`)).status).toBe(202);
      await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.attempts === 1);
      // Failing for 25 hours: within the company's 48.
      await t.core.db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '25 hours'` }).where(eq(webhookEndpoints.id, endpoint.id));
      await waitForDeliveries(admin, endpoint.id, (rows) => (rows[0]?.attempts ?? 0) >= 2);
      expect(((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body as EndpointView).enabled).toBe(true);
      // Failing for 49: off, audited, and no mail.
      await t.core.db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '49 hours'` }).where(eq(webhookEndpoints.id, endpoint.id));
      await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'failed');
      expect(((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body as EndpointView)).toMatchObject({ enabled: false, disabledReason: 'failures' });
      expect((await t.mail('admin@acme.demo', 'webhooks-endpoint-disabled')).filter((m) => m.text.includes('/flaky-long'))).toEqual([]);
    } finally {
      await admin.put('/api/plugin-settings/webhooks', { values: {} });
    }
  });
});

