/**
 * `pnpm create-plugin` makes a plugin that works: a throwaway one, copied from the template
 * (packages/plugins/template) by the real script into a gitignored folder, passes its own tests
 * renamed and, installed in a test API next to the app's own plugins, has its route behind its
 * permission, its permission in the catalogue (en/zh labels, built-in roles by area, pickable by
 * custom roles), and its table with row-level security from its migration.
 * The browser half (nav entry and page) is apps/web/test/e2e/create-plugin.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoContext, inCompany, rowsOf, servicesOfPlugin, type ServerPlugin } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pluginExport, runCreatePlugin, scaffoldThrowawayPlugin, type ThrowawayPlugin } from '@rtc-console/testing/throwaway-plugin';
import { installedPlugins } from '../src/plugins.js';
import { createTestApp, type TestApp, type TestClient } from './harness.js';

let plugin: ThrowawayPlugin;
let server: ServerPlugin;
let t: TestApp;
let id: string;
let table: string;

beforeAll(async () => {
  plugin = scaffoldThrowawayPlugin(['--name', 'Throwaway', '--name-zh', '临时插件']);
  id = plugin.id;
  table = `${id.replace(/-/g, '_')}_items`;
  server = pluginExport<ServerPlugin>((await import(/* @vite-ignore */ plugin.serverEntry)) as Record<string, unknown>, id);
  t = await createTestApp({ plugins: [...installedPlugins, server] });
});
afterAll(async () => {
  await t?.close();
  plugin?.remove();
});

const companyOf = (c: TestClient) => (c.me as { companyId: number }).companyId;

describe('the scaffolder', () => {
  test('writes the plugin and says what to do next', () => {
    expect(plugin.output).toContain(`Created @rtc-console/plugin-${id}`);
    expect(plugin.output).toContain('Next steps');
    expect(readdirSync(join(plugin.dir, 'migrations')).filter((f) => f.endsWith('.sql'))).toHaveLength(1);
  });

  test('refuses bad, reserved and taken ids, an existing folder, and registering a folder outside the workspace', () => {
    const refused = (args: string[], message: RegExp) => {
      const r = runCreatePlugin(args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(message);
    };
    const elsewhere = join(plugin.dir, 'never');
    refused(['Bad_Id', '--no-register', '--dir', elsewhere], /not a valid id/);
    refused(['x', '--no-register', '--dir', elsewhere], /2 to 30 characters/);
    refused(['projects', '--no-register', '--dir', elsewhere], /reserved/);
    refused(['usage', '--no-register', '--dir', elsewhere], /taken/);
    refused(['audit-log', '--no-register', '--dir', elsewhere], /subject "AuditLog"/);
    refused([`${id}-again`, '--no-register', '--dir', plugin.dir], /already exists/);
    refused([`${id}-again`, '--dir', elsewhere], /--no-register/);
    expect(existsSync(elsewhere)).toBe(false);
  });

  test("the copy's own tests pass, renamed: its manifest, its web entry and its API in a test console", () => {
    // vitest in the copy's folder, as `pnpm --filter <its package> test` runs it (without this run's vitest settings).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
    const vitest = join(plugin.dir, 'node_modules/vitest/vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run'], { cwd: plugin.dir, env, encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`test/${id}\\.test\\.ts`));
  });

  test("its migration is what drizzle-kit generates for its schema: pnpm db:generate finds nothing to do", () => {
    const r = spawnSync(process.execPath, [join(plugin.dir, 'node_modules/drizzle-kit/bin.cjs'), 'generate'], { cwd: plugin.dir, encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('No schema changes');
  });
});

describe('a scaffolded plugin, installed', () => {
  test('its route answers members whose role holds the permission, and refuses the others', async () => {
    expect((await t.anonymous().get(`/api/${id}/items`)).status).toBe(401);
    // The permission names the "analytics" area: engineer and support use it, ops does not.
    const [admin, engineer, support, ops] = await Promise.all(['admin', 'engineer', 'support', 'ops'].map((r) => t.signIn(`${r}@acme.demo`)));
    for (const member of [admin!, engineer!, support!]) {
      const res = await member.get(`/api/${id}/items`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ rows: expect.any(Array), count: expect.any(Number) });
    }
    expect((await ops!.get(`/api/${id}/items`)).status).toBe(403);
    expect((await ops!.post(`/api/${id}/items`, { name: 'Nope' })).status).toBe(403);

    const added = await engineer!.post(`/api/${id}/items`, { name: ' From the engineer ' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: expect.any(Number), name: 'From the engineer' });
    const bad = await engineer!.post(`/api/${id}/items`, { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const list = await support!.get(`/api/${id}/items`);
    expect(list.body.rows[0]).toMatchObject({ name: 'From the engineer' });
    expect(list.body.count).toBe(1);
  });

  test('its permission joins the catalogue with English and Chinese labels, reaches built-in roles by area, and custom roles can pick it', async () => {
    const admin = await t.signIn('admin@acme.demo');
    const catalogue = (await admin.get('/api/roles/catalogue')).body as { permissions: { key: string; area: string; label: Record<string, string> }[] };
    expect(catalogue.permissions.find((p) => p.key === `${id}.read`)).toMatchObject({
      area: 'analytics',
      label: { en: 'View and add Throwaway items', 'zh-CN': '查看和添加临时插件条目' },
    });
    const roles = (await admin.get('/api/roles')).body.rows as { builtin: string | null; permissions: string[] }[];
    const holders = roles.filter((r) => r.builtin && r.permissions.includes(`${id}.read`)).map((r) => r.builtin);
    expect(holders.sort()).toEqual(['admin', 'engineer', 'support']);
    const custom = await admin.post('/api/roles', { name: 'Throwaway reader', permissions: [`${id}.read`] });
    expect(custom.status).toBe(201);
    expect(custom.body.permissions).toEqual([`${id}.read`]);
  });

  test('its migration ran once and made a company-owned table with row-level security', async () => {
    const acme = companyOf(await t.signIn('admin@acme.demo'));
    const galaxy = companyOf(await t.signIn('admin@galaxy.demo'));
    const db = t.core.db;

    const [meta] = rowsOf<{ rls: boolean; policies: number }>(
      await db.execute(sql`select c.relrowsecurity as rls, (select count(*)::int from pg_policies p where p.tablename = ${table}) as policies from pg_class c where c.relname = ${table}`),
    );
    expect(meta).toEqual({ rls: true, policies: 1 });
    const [applied] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from drizzle.__migrations_${id.replace(/-/g, '_')}`)));
    expect(applied?.n).toBe(1);

    // A row of Acme, written as Acme: visible to Acme only.
    await inCompany(db, acme, (tx) => tx.execute(sql`insert into ${sql.identifier(table)} (company_id, name) values (${acme}, 'Acme only')`));
    const seenBy = (company: number) =>
      inCompany(db, company, async (tx) => rowsOf<{ name: string }>(await tx.execute(sql`select name from ${sql.identifier(table)}`)).map((r) => r.name));
    expect(await seenBy(acme)).toContain('Acme only');
    expect(await seenBy(galaxy)).not.toContain('Acme only');
    // And 星河直播 cannot write a row in Acme's name.
    await expect(inCompany(db, galaxy, (tx) => tx.execute(sql`insert into ${sql.identifier(table)} (company_id, name) values (${acme}, 'Forged')`))).rejects.toThrow();
    const galaxyAdmin = await t.signIn('admin@galaxy.demo');
    expect(((await galaxyAdmin.get(`/api/${id}/items`)).body.rows as { name: string }[]).map((r) => r.name)).not.toContain('Acme only');
  });

  test('the operator can switch it off for one company, and its demo data seeds', async () => {
    const engineer = await t.signIn('engineer@acme.demo');
    const operator = await t.signIn('operator@rtc.demo');
    const acme = companyOf(engineer);
    expect((await operator.put(`/api/operator/companies/${acme}/plugins/${id}`, { enabled: false })).status).toBe(200);
    expect((await engineer.get(`/api/${id}/items`)).status).toBe(403);
    expect((await operator.put(`/api/operator/companies/${acme}/plugins/${id}`, { enabled: true })).status).toBe(200);
    expect((await engineer.get(`/api/${id}/items`)).status).toBe(200);

    await server.seedDemo!(servicesOfPlugin(t.core, server), demoContext(t.core, ''));
    expect(((await engineer.get(`/api/${id}/items`)).body.rows as { name: string }[]).map((r) => r.name)).toContain('Welcome');
  });
});
