import { definePlugin, defineServerPlugin, pluginServicesFor } from '@rtc-console/core';
import { waitUntil } from '@rtc-console/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installedPlugins } from '../src/plugins.js';
import { eventsProbe, probeSeen } from './events-probe-plugin.js';
import { createTestApp, type TestApp, type TestClient } from './harness.js';


describe('jobs and events through the plugin API', () => {
  let t: TestApp;
  let admin: TestClient;
  let operator: TestClient;
  beforeAll(async () => {
    t = await createTestApp({ plugins: [...installedPlugins, eventsProbe], jobs: true });
    admin = await t.signIn('admin@acme.demo');
    operator = await t.signIn('operator@rtc.demo');
  });
  afterAll(() => t.close());

  test('core publishes project events after commit and a plugin subscribed to project.* receives them', async () => {
    const created = await admin.post('/api/projects', { name: 'Evented' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await waitUntil(() => probeSeen.projects.some((e) => e.type === 'project.created' && e.data.projectId === id));
    expect((await admin.post(`/api/projects/${id}/disable`)).status).toBeLessThan(300);
    await waitUntil(() => probeSeen.projects.some((e) => e.type === 'project.disabled' && e.data.projectId === id));
    const event = probeSeen.projects.find((e) => e.type === 'project.created' && e.data.projectId === id)!;
    expect(event).toMatchObject({ companyId: (admin.me as { companyId: number }).companyId, actor: 'admin@acme.demo' });
    // A refused change publishes nothing.
    const before = probeSeen.projects.length;
    expect((await admin.post('/api/projects', { name: '' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 1200));
    expect(probeSeen.projects.length).toBe(before);
  });

  test("a plugin publishes the types its manifest declares, and no other's", async () => {
    expect((await admin.post('/api/events-probe/ping', { note: 'hi' })).status).toBe(202);
    await waitUntil(() => probeSeen.pings.some((e) => e.data.note === 'hi'));
    const refused = await admin.post('/api/events-probe/undeclared');
    expect(refused.status).toBe(500);
    expect(JSON.stringify(refused.body)).not.toContain('manifest');
  });

  test("the operator's jobs page shows a failing job's attempts and last error, and retries it", async () => {
    const sent = await admin.post('/api/events-probe/fail');
    const id = sent.body.id as string;
    const failed = async () => ((await operator.get('/api/operator/jobs?state=failed&queue=events-probe.')).body.rows as Array<{ id: string }>).some((r) => r.id === id);
    await waitUntil(failed, 30_000);
    const page = await operator.get('/api/operator/jobs?queue=events-probe.always-fails');
    expect(page.status).toBe(200);
    expect(page.body.rows.find((r: { id: string }) => r.id === id)).toMatchObject({ queue: 'events-probe.always-fails', state: 'failed', attempts: 2, lastError: 'the far end said no' });
    expect(page.body.queues.map((q: { queue: string }) => q.queue)).toEqual(expect.arrayContaining(['core.purge-sessions', 'core.purge-events', 'events-probe.on-projects', 'events-probe.always-fails']));
    // The subscribers' deliveries are jobs too, completed.
    const deliveries = await operator.get('/api/operator/jobs?queue=events-probe.on-projects&state=completed');
    expect(deliveries.body.count).toBeGreaterThanOrEqual(2);

    const runs = probeSeen.failures;
    const retried = await operator.post(`/api/operator/jobs/events-probe.always-fails/${id}/retry`);
    expect(retried.status).toBe(200);
    await waitUntil(() => probeSeen.failures > runs);
    expect((await operator.post(`/api/operator/jobs/events-probe.always-fails/00000000-0000-4000-8000-000000000000/retry`)).status).toBe(404);
    expect((await operator.get('/api/operator/jobs?state=stuck')).status).toBe(400);
    expect((await admin.get('/api/operator/jobs')).status).toBe(403);
  });
});

test('a plugin receives the services it declares and no others', async () => {
  const manifest = definePlugin({ id: 'narrow', name: { en: 'N', 'zh-CN': 'N' } });
  const fakeCore = { logger: { child: () => ({}) }, db: {}, config: { publicUrl: 'http://x' } } as never;
  const services = pluginServicesFor(fakeCore, manifest, ['logger', 'config']) as Record<string, unknown>;
  expect(Object.keys(services).sort()).toEqual(['config', 'logger']);
  expect(services.systemDb).toBeUndefined();
  expect(() => pluginServicesFor(fakeCore, manifest, ['nope' as never])).toThrow(/unknown service "nope"/);
  const withDefault = defineServerPlugin({ manifest });
  expect(withDefault.services).toBeUndefined();
});
