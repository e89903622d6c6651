import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('health and readiness answer', async () => {
  expect((await t.anonymous().get('/healthz')).body).toEqual({ status: 'ok' });
  expect((await t.anonymous().get('/readyz')).status).toBe(200);
});

test('a demo admin signs in and lists projects', async () => {
  const admin = await t.signIn('admin@acme.demo');
  const res = await admin.get('/api/projects');
  expect(res.status).toBe(200);
  expect(res.body.count).toBe(4);
  expect(res.headers['x-request-id']).toBeTruthy();
});
