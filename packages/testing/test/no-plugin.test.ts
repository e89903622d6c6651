// The host knows no plugin: a test console with none installed starts, seeds its demo, signs in
// and serves core's routes, and nothing of a plugin is mounted or listed.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../src/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ plugins: [] });
});
afterAll(() => t.close());

test('core alone: sign-in and projects answer, no plugin route or permission exists', async () => {
  const admin = await t.signIn('admin@acme.demo');
  expect((await admin.get('/api/projects')).body.count).toBe(4);
  expect((await admin.get('/api/usage/daily?from=2026-01-01&to=2026-01-31')).status).toBe(404);
  const catalogue = (await admin.get('/api/roles/catalogue')).body as { permissions: { key: string }[] };
  expect(catalogue.permissions.some((p) => p.key.startsWith('usage.'))).toBe(false);
});
