// The endpoints API: who may use it (admins; custom roles given its permissions; not engineers),
// the secret shown once and stored sealed, validation answered field by field with nothing
// stored, every change audited with it, and one company's endpoints invisible to another.
import { auditLog } from '@rtc-console/core';
import { linkToken, type TestApp, type TestClient } from '@rtc-console/testing';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EndpointView, EventTypeView } from '../src/shared/index.js';
import { createTestApp } from '@rtc-console/testing';
import { createWebhooksServerPlugin } from '../src/server/index.js';
import { addEndpoint, dumpTables, expectError, reauth, webhooksApp } from './webhooks-helpers.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  // The address rules of a real install (no demo exception): https to public hosts only.
  t = await webhooksApp({ allowLoopback: false });
  admin = await t.signIn('admin@acme.demo');
});
afterAll(() => t.close());

const endpoints = async (client: TestClient, query = '') => {
  const res = await client.get(`/api/webhooks/endpoints${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { rows: EndpointView[]; count: number };
};

describe('the signing secret', () => {
  test('is shown once on create and on rotate, never by list or get, and no dump of the tables holds it', async () => {
    const { endpoint, secret } = await addEndpoint(admin, { url: 'https://hooks.example.com/secret-once' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(JSON.stringify(endpoint)).not.toContain('whsec_');

    const listed = await endpoints(admin);
    const got = await admin.get(`/api/webhooks/endpoints/${endpoint.id}`);
    for (const body of [listed, got.body]) {
      expect(JSON.stringify(body)).not.toContain(secret);
      expect(JSON.stringify(body)).not.toMatch(/whsec_|"secret/i);
    }

    await reauth(admin);
    const rotated = await admin.post(`/api/webhooks/endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const next = (rotated.body as { secret: string }).secret;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);

    const dump = await dumpTables(t);
    expect(dump).toContain('hooks.example.com/secret-once');
    for (const s of [secret, next, secret.slice(6), next.slice(6)]) expect(dump).not.toContain(s);
    const audit = await t.core.db.select().from(auditLog).where(like(auditLog.action, 'webhooks.%'));
    expect(JSON.stringify(audit)).not.toContain(next.slice(6));
  });

  test('creating and rotating need the password re-entered in the last minutes', async () => {
    const fresh = await t.signIn('admin@acme.demo');
    expectError(await fresh.post('/api/webhooks/endpoints', { url: 'https://hooks.example.com/no-reauth', eventTypes: ['project.created'] }), 403, 'REAUTH_REQUIRED');
    const { endpoint } = await addEndpoint(admin, { url: 'https://hooks.example.com/rotate' });
    expectError(await fresh.post(`/api/webhooks/endpoints/${endpoint.id}/rotate-secret`), 403, 'REAUTH_REQUIRED');
    expect((await endpoints(admin, '?q=no-reauth')).count).toBe(0);
  });
});

describe('who may manage endpoints', () => {
  test('an engineer (projects, analytics) and ops get 403 on every webhooks route', async () => {
    const { endpoint } = await addEndpoint(admin, { url: 'https://hooks.example.com/roles' });
    for (const email of ['engineer@acme.demo', 'ops@acme.demo', 'support@acme.demo']) {
      const c = await t.signIn(email);
      expectError(await c.get('/api/webhooks/endpoints'), 403, 'FORBIDDEN');
      expectError(await c.get(`/api/webhooks/endpoints/${endpoint.id}`), 403, 'FORBIDDEN');
      expectError(await c.get('/api/webhooks/event-types'), 403, 'FORBIDDEN');
      expectError(await c.patch(`/api/webhooks/endpoints/${endpoint.id}`, { description: 'hijacked' }), 403, 'FORBIDDEN');
      expectError(await c.delete(`/api/webhooks/endpoints/${endpoint.id}`), 403, 'FORBIDDEN');
      expectError(await c.post(`/api/webhooks/endpoints/${endpoint.id}/test`), 403, 'FORBIDDEN');
    }
    expect((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body).toMatchObject({ description: 'tests' });
  });

  test('a custom role given webhooks.read sees endpoints only; one given webhooks.manage manages them', async () => {
    const member = async (permissions: string[], email: string) => {
      const role = await admin.post('/api/roles', { name: `Hooks ${permissions.join(' ')}`, permissions });
      expect(role.status, JSON.stringify(role.body)).toBe(201);
      expect((await admin.post('/api/members/invitations', { email, role: role.body.id })).status).toBe(201);
      const token = await linkToken(t, email, 'invitation');
      const accepted = await t.anonymous().post(`/api/invitations/${encodeURIComponent(token)}/accept`, { name: 'Hook Keeper', password: 'hooks-pass-123' });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
      return t.signIn(email, 'hooks-pass-123');
    };
    const reader = await member(['webhooks.read'], 'hooks-reader@example.com');
    const keeper = await member(['webhooks.manage'], 'hooks-keeper@example.com');
    const { endpoint } = await addEndpoint(admin, { url: 'https://hooks.example.com/custom' });

    expect((await endpoints(reader)).count).toBeGreaterThan(0);
    expectError(await reader.patch(`/api/webhooks/endpoints/${endpoint.id}`, { description: 'no' }), 403, 'FORBIDDEN');
    expect((await reader.get(`/api/webhooks/endpoints/${endpoint.id}/deliveries`)).status).toBe(200);

    await reauth(keeper, 'hooks-pass-123');
    const res = await keeper.post('/api/webhooks/endpoints', { url: 'https://hooks.example.com/by-keeper', eventTypes: ['project.created'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const created = res.body as { endpoint: EndpointView; secret: string };
    expect(created.secret).toMatch(/^whsec_/);
    expect((await keeper.patch(`/api/webhooks/endpoints/${endpoint.id}`, { description: 'kept' })).body).toMatchObject({ description: 'kept' });
    expect((await keeper.delete(`/api/webhooks/endpoints/${created.endpoint.id}`)).status).toBe(204);
  });

  test("another company's endpoint is not found, and its list shows none of this one's", async () => {
    const { endpoint } = await addEndpoint(admin, { url: 'https://hooks.example.com/acme-only' });
    const galaxy = await t.signIn('admin@galaxy.demo');
    expectError(await galaxy.get(`/api/webhooks/endpoints/${endpoint.id}`), 404, 'NOT_FOUND');
    expectError(await galaxy.patch(`/api/webhooks/endpoints/${endpoint.id}`, { enabled: false }), 404, 'NOT_FOUND');
    expectError(await galaxy.delete(`/api/webhooks/endpoints/${endpoint.id}`), 404, 'NOT_FOUND');
    expectError(await galaxy.get(`/api/webhooks/endpoints/${endpoint.id}/deliveries`), 404, 'NOT_FOUND');
    expect((await endpoints(galaxy)).rows.map((r) => r.url)).not.toContain('https://hooks.example.com/acme-only');
    expect((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body).toMatchObject({ enabled: true });
  });
});

describe('validation', () => {
  test('bad input is a 400 naming each field, and stores nothing', async () => {
    const before = await dumpTables(t);
    await reauth(admin);
    const cases: Array<[unknown, (string | number)[]]> = [
      [{ url: 'http://hooks.example.com/plain', eventTypes: ['project.created'] }, ['url']],
      [{ url: 'https://10.1.2.3/private', eventTypes: ['project.created'] }, ['url']],
      [{ url: 'https://127.0.0.1/loop', eventTypes: ['project.created'] }, ['url']],
      [{ url: 'https://localhost/loop', eventTypes: ['project.created'] }, ['url']],
      [{ url: 'https://[fd00::5]/ula', eventTypes: ['project.created'] }, ['url']],
      [{ url: 'not a url', eventTypes: ['project.created'] }, ['url']],
      [{ url: 'https://hooks.example.com/x', eventTypes: [] }, ['eventTypes']],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['project.created', 'nothing.happened'] }, ['eventTypes', 1]],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['webhooks.test'] }, ['eventTypes', 0]],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['project.created'], description: 'x'.repeat(501) }, ['description']],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['project.created'], secret: 'whsec_mine' }, []],
    ];
    for (const [body, path] of cases) {
      const error = expectError(await admin.post('/api/webhooks/endpoints', body), 400, 'VALIDATION_FAILED');
      expect(error.details, JSON.stringify(body)).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]));
    }
    expect(await dumpTables(t)).toBe(before);
  });

  test('a bad change is refused whole: the endpoint stays as it was', async () => {
    const { endpoint } = await addEndpoint(admin, { url: 'https://hooks.example.com/intact', description: 'as it was' });
    const before = (await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body as EndpointView;
    const bad = await admin.patch(`/api/webhooks/endpoints/${endpoint.id}`, { description: 'changed', url: 'https://192.168.0.1/in' });
    expect(expectError(bad, 400, 'VALIDATION_FAILED').details).toEqual([expect.objectContaining({ path: ['url'] })]);
    expectError(await admin.patch(`/api/webhooks/endpoints/${endpoint.id}`, {}), 400, 'VALIDATION_FAILED');
    expectError(await admin.patch(`/api/webhooks/endpoints/${endpoint.id}`, { eventTypes: ['nope'] }), 400, 'VALIDATION_FAILED');
    expectError(await admin.patch('/api/webhooks/endpoints/abc', { enabled: false }), 404, 'NOT_FOUND');
    expect((await admin.get(`/api/webhooks/endpoints/${endpoint.id}`)).body).toEqual(before);
  });
});

describe('the list and the audit log', () => {
  test('the list searches URL and description, sorts, and pages', async () => {
    for (const n of [1, 2, 3]) await addEndpoint(admin, { url: `https://paging-${n}.example.com/in`, description: `paging ${n}` });
    const page = await endpoints(admin, '?q=paging&sort=url&order=asc&limit=2');
    expect(page.count).toBe(3);
    expect(page.rows.map((r) => r.url)).toEqual(['https://paging-1.example.com/in', 'https://paging-2.example.com/in']);
    expect((await endpoints(admin, '?q=paging&sort=url&order=asc&limit=2&offset=2')).rows.map((r) => r.description)).toEqual(['paging 3']);
    expectError(await admin.get('/api/webhooks/endpoints?sort=secret'), 400, 'VALIDATION_FAILED');
  });

  test('create, update, rotate and delete each write an audit entry, secrets left out', async () => {
    const { endpoint } = await addEndpoint(admin, { url: 'https://hooks.example.com/audited' });
    expect((await admin.patch(`/api/webhooks/endpoints/${endpoint.id}`, { description: 'audited', enabled: false })).status).toBe(200);
    await reauth(admin);
    expect((await admin.post(`/api/webhooks/endpoints/${endpoint.id}/rotate-secret`)).status).toBe(200);
    expect((await admin.delete(`/api/webhooks/endpoints/${endpoint.id}`)).status).toBe(204);
    const entries = await t.core.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'WebhookEndpoint'), eq(auditLog.targetId, String(endpoint.id))));
    expect(entries.map((e) => e.action).sort()).toEqual(['webhooks.endpoint.create', 'webhooks.endpoint.delete', 'webhooks.endpoint.rotate', 'webhooks.endpoint.update']);
    const update = entries.find((e) => e.action === 'webhooks.endpoint.update')!;
    expect(update.changes).toEqual({ before: { description: 'tests', enabled: true }, after: { description: 'audited', enabled: false } });
    expect(entries.every((e) => e.actorLabel === 'admin@acme.demo')).toBe(true);
    expectError(await admin.get(`/api/webhooks/endpoints/${endpoint.id}`), 404, 'NOT_FOUND');
  });

  test('the event types offered are the declared ones, the test event aside', async () => {
    const res = await admin.get('/api/webhooks/event-types');
    const types = (res.body as { rows: EventTypeView[] }).rows;
    expect(types.map((e) => e.type)).toEqual(expect.arrayContaining(['project.created', 'member.joined', 'plugin.switched']));
    expect(types.find((e) => e.type === 'webhooks.test')).toBeUndefined();
    expect(types.find((e) => e.type === 'project.created')).toEqual({ type: 'project.created', owner: 'core', description: { en: 'A project was created', 'zh-CN': '创建了项目' } });
  });
});

describe('the operator\'s setting', () => {
  test('WEBHOOKS_ALLOW_PRIVATE=on, read through the config service, lets endpoints name private addresses', async () => {
    const open = await createTestApp({ plugins: [createWebhooksServerPlugin()], seed: true, env: { WEBHOOKS_ALLOW_PRIVATE: 'on', DEMO: 'off' } });
    try {
      const client = await open.signIn('admin@acme.demo');
      expect((await addEndpoint(client, { url: 'https://10.1.2.3/in' })).endpoint.url).toBe('https://10.1.2.3/in');
      expect((await addEndpoint(client, { url: 'http://127.0.0.1:9/in' })).endpoint.url).toBe('http://127.0.0.1:9/in');
      expectError(await client.post('/api/webhooks/endpoints', { url: 'http://10.1.2.3/in', eventTypes: ['project.created'] }), 400, 'VALIDATION_FAILED');
    } finally {
      await open.close();
    }
  });
});
