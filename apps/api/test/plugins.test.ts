import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLog, defineRoutes, defineServerPlugin, definePlugin, RESERVED_PLUGIN_IDS, rowsOf, type Project } from '@rtc-console/core';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCoreDeps, loadConfig, routeTables, type ApiDeps } from '@rtc-console/server';
import { createTestApp, type TestApp } from './harness.js';

/** A plugin's migrations folder, written the way drizzle-kit lays one out. */
function migrationsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sample-plugin-'));
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, '0000_sample.sql'), 'CREATE TABLE "sample_notes" ("id" serial PRIMARY KEY, "project_id" varchar(16) NOT NULL);');
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_sample', breakpoints: true }] }));
  return dir;
}

const purged: string[] = [];
const folder = migrationsFolder();

const manifest = definePlugin({
  id: 'sample',
  name: { en: 'Sample', 'zh-CN': '示例' },
  // Its own area, which it says ops holds (besides admins, who hold everything).
  areas: [{ key: 'samples', label: { en: 'Samples', 'zh-CN': '示例' }, roles: ['ops'] }],
  permissions: [{ key: 'sample.read', action: 'read', subject: 'Sample', area: 'samples', label: { en: 'Read samples', 'zh-CN': '查看示例' } }],
});

const samplePlugin = defineServerPlugin({
  manifest,
  migrations: folder,
  routes: () =>
    defineRoutes([
      {
        method: 'get', path: '/hello', summary: 'Says hello to the current company', access: { auth: 'company', can: ['read', 'Sample'] },
        handler(req, res) {
          // What a plugin's handler holds of the company: listed, to show none of core's internals is among it.
          res.json({ companyId: req.company!.companyId, holds: Object.keys(req.company!).sort() });
        },
      },
    ]),
  async onProjectPurge(_tx, project: Project) {
    purged.push(project.id);
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ plugins: [samplePlugin] });
});
afterAll(async () => {
  await t.close();
  rmSync(folder, { recursive: true, force: true });
});

test("a plugin's route mounts under /api/<id> behind sign-in, company context and its permission", async () => {
  expect((await t.anonymous().get('/api/sample/hello')).status).toBe(401);
  const admin = await t.signIn('admin@acme.demo');
  expect((await admin.get('/api/sample/hello')).body).toEqual({
    companyId: (admin.me as { companyId: number }).companyId,
    // Its company, who acts, what they may do and a tenant transaction; no system handle, mailer, keys or queue.
    holds: ['ability', 'actor', 'companyId', 'disabledPlugins', 'member', 'tx'],
  });
  // The plugin's area names ops, so the ops role holds the permission; support does not.
  expect((await (await t.signIn('ops@acme.demo')).get('/api/sample/hello')).status).toBe(200);
  expect((await (await t.signIn('support@acme.demo')).get('/api/sample/hello')).status).toBe(403);
});

test("a plugin's permissions join the catalogue, reach the built-in roles their area names and can be picked by custom roles", async () => {
  const admin = await t.signIn('admin@acme.demo');
  const catalogue = (await admin.get('/api/roles/catalogue')).body as { permissions: { key: string }[] };
  expect(catalogue.permissions.map((p) => p.key)).toContain('sample.read');
  const roles = (await admin.get('/api/roles')).body.rows as { builtin: string | null; permissions: string[] }[];
  expect(roles.find((r) => r.builtin === 'ops')?.permissions).toEqual(['sample.read']);
  expect(roles.find((r) => r.builtin === 'engineer')?.permissions).not.toContain('sample.read');
  const custom = await admin.post('/api/roles', { name: 'Sample reader', permissions: ['sample.read'] });
  expect(custom.status).toBe(201);
  expect(custom.body.permissions).toEqual(['sample.read']);
});

test("a plugin's migrations run once, tracked in their own table", async () => {
  const tables = rowsOf<{ name: string }>(
    await t.core.db.execute(sql`select schemaname || '.' || tablename as name from pg_tables where tablename in ('sample_notes', '__migrations_sample', '__migrations_core')`),
  );
  expect(tables.map((r) => r.name).sort()).toEqual(['drizzle.__migrations_core', 'drizzle.__migrations_sample', 'public.sample_notes']);
  const applied = rowsOf<{ n: number }>(await t.core.db.execute(sql`select count(*)::int as n from drizzle.__migrations_sample`));
  expect(applied[0]?.n).toBe(1);
});

test('deleting a project lets every plugin purge its data of it, in the same transaction', async () => {
  const admin = await t.signIn('admin@acme.demo');
  const project = (await admin.post('/api/projects', { name: 'Purged with plugins' })).body as { id: string; name: string };
  expect((await admin.delete(`/api/projects/${project.id}`, { confirmName: project.name })).status).toBe(200);
  expect(purged).toContain(project.id);
});

test('the operator switches a plugin off for one company: its routes, permissions and rules go there, and only there', async () => {
  const operator = await t.signIn('operator@rtc.demo');
  const acme = await t.signIn('admin@acme.demo');
  const galaxy = await t.signIn('admin@galaxy.demo');
  const acmeId = (acme.me as { companyId: number }).companyId;

  expect((await acme.put(`/api/operator/companies/${acmeId}/plugins/sample`, { enabled: false })).status).toBe(403);
  const off = await operator.put(`/api/operator/companies/${acmeId}/plugins/sample`, { enabled: false });
  expect(off.body).toEqual({ companyId: acmeId, pluginId: 'sample', enabled: false, changed: ['sample'] });

  expect((await acme.get('/api/sample/hello')).status).toBe(403);
  const me = (await acme.get('/api/auth/me')).body as { disabledPlugins: string[]; rules: { subject: string }[] };
  expect(me.disabledPlugins).toEqual(['sample']);
  expect(me.rules.some((r) => r.subject === 'Sample')).toBe(false);
  expect((await galaxy.get('/api/sample/hello')).status).toBe(200);

  const companies = (await operator.get('/api/operator/companies?q=Acme')).body.rows as { id: number; disabledPlugins: string[] }[];
  expect(companies.find((c) => c.id === acmeId)?.disabledPlugins).toEqual(['sample']);
  const [entry] = await t.core.db.select().from(auditLog).where(eq(auditLog.action, 'plugin.disable'));
  expect(entry).toMatchObject({ companyId: acmeId, targetId: 'sample', actorLabel: 'operator:operator@rtc.demo' });

  expect((await operator.put(`/api/operator/companies/${acmeId}/plugins/sample`, { enabled: true })).status).toBe(200);
  expect((await acme.get('/api/sample/hello')).status).toBe(200);
  expect((await operator.put(`/api/operator/companies/${acmeId}/plugins/nope`, { enabled: false })).status).toBe(404);
  expect((await operator.put(`/api/operator/companies/${acmeId}/plugins/sample`, { enabled: 'no' })).status).toBe(400);
});

test('a plugin may not mount outside its namespaces, and its permissions must carry its id', () => {
  const config = loadConfig({ DEMO: 'on' });
  const logger = pino({ level: 'silent' });
  const rogue = defineServerPlugin({ manifest: definePlugin({ id: 'rogue', name: { en: 'R', 'zh-CN': 'R' } }), mounts: () => [{ prefix: '/api/auth', routes: [] }] });
  const deps = { core: { logger }, config, logger, plugins: [rogue] } as unknown as ApiDeps;
  expect(() => routeTables(deps)).toThrow(/may not mount routes under \/api\/auth/);
  const sloppy = defineServerPlugin({
    manifest: definePlugin({ id: 'sloppy', name: { en: 'S', 'zh-CN': 'S' }, permissions: [{ key: 'read.all', action: 'read', subject: 'X', area: 'usage', label: { en: 'x', 'zh-CN': 'x' } }] }),
  });
  expect(() => createCoreDeps(t.db, config, logger, [sloppy])).toThrow(/must start with "sloppy\."/);
});

test('a plugin whose id core uses is refused at start, naming the id', () => {
  const config = loadConfig({ DEMO: 'on' });
  const logger = pino({ level: 'silent' });
  const squatter = defineServerPlugin({ manifest: definePlugin({ id: 'projects', name: { en: 'P', 'zh-CN': 'P' } }) });
  expect(() => createCoreDeps(t.db, config, logger, [squatter])).toThrow(/plugin id "projects" is reserved: core uses it/);
});

test("every API prefix of core is a reserved plugin id (a plugin's routes live at /api/<id>)", () => {
  const logger = pino({ level: 'silent' });
  const deps = { core: { logger }, config: loadConfig({ DEMO: 'on' }), logger, plugins: [] } as unknown as ApiDeps;
  const prefixes = routeTables(deps).map((table) => table.prefix.split('/')[table.prefix.startsWith('/api/') ? 2 : 1]!);
  expect(prefixes).toContain('plugin-settings');
  expect(prefixes.filter((p) => !RESERVED_PLUGIN_IDS.includes(p))).toEqual([]);
});
