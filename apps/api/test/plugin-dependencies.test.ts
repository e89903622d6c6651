/**
 * `dependsOn`: a plugin that builds on another's data runs its migrations after that plugin's,
 * whatever the installed order, and a plugin whose dependency is not installed stops the start
 * with a message naming the fix, before anything touches the database.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLog, companies, defineServerPlugin, disabledPluginsOf, rowsOf, type ServerPlugin } from '@rtc-console/core';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { installedPlugins } from '../src/plugins.js';
import { createTestApp, createTestStack, type TestStack } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'rtc-dep-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plugin whose only migration reads the usage plugin's table: it fails if usage's have not run. */
function readsUsage(dependsOn: string[]): ServerPlugin {
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  writeFileSync(join(folder, '0000_probe.sql'), 'CREATE VIEW "usage_probe" AS SELECT count(*) AS n FROM "usage_daily";');
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_probe', breakpoints: true }] }));
  return defineServerPlugin({ manifest: { id: 'usage-probe', name: { en: 'Probe', 'zh-CN': '探针' }, dependsOn }, migrations: folder });
}

test("a plugin's migrations run after those of the plugin it depends on, though installed before it", async () => {
  let stack: TestStack | undefined;
  try {
    stack = await createTestStack({ seed: false, plugins: [readsUsage(['usage']), ...installedPlugins] });
    const [row] = rowsOf<{ n: number }>(await stack.core.db.execute(sql`select n::int as n from usage_probe`));
    expect(row).toEqual({ n: 0 });
  } finally {
    await stack?.db.destroy();
  }
});

test('a plugin whose dependency is not installed stops the start, naming the fix', async () => {
  await expect(createTestStack({ seed: false, plugins: [readsUsage(['usage', 'billing']), ...installedPlugins] })).rejects.toThrow(
    'plugin "usage-probe" depends on plugin "billing", which is not installed: install "billing" (apps/api/src/plugins.ts) or remove "usage-probe"',
  );
});

test('switching a plugin off for a company takes the plugins built on it along; one is switched on only after what it builds on', async () => {
  const t = await createTestApp({ plugins: [...installedPlugins, readsUsage(['usage'])] });
  try {
    const operator = await t.signIn('operator@rtc.demo');
    const [acme] = await t.core.db.select({ id: companies.id }).from(companies).where(eq(companies.email, 'admin@acme.demo'));
    const path = (plugin: string) => `/api/operator/companies/${acme!.id}/plugins/${plugin}`;
    const off = await operator.put(path('usage'), { enabled: false });
    expect(off.body).toEqual({ companyId: acme!.id, pluginId: 'usage', enabled: false, changed: ['usage', 'usage-probe'] });
    expect(await disabledPluginsOf(t.core.db, acme!.id)).toEqual(['usage', 'usage-probe']);
    const refused = await operator.put(path('usage-probe'), { enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { missing: ['usage'] } });
    expect(await disabledPluginsOf(t.core.db, acme!.id)).toEqual(['usage', 'usage-probe']);
    // Back on, usage does not switch its dependents back on by itself; each is the operator's choice.
    expect((await operator.put(path('usage'), { enabled: true })).body.changed).toEqual(['usage']);
    expect((await operator.put(path('usage-probe'), { enabled: true })).body.changed).toEqual(['usage-probe']);
    expect(await disabledPluginsOf(t.core.db, acme!.id)).toEqual([]);
    const audit = await t.core.db.select().from(auditLog).where(and(eq(auditLog.companyId, acme!.id), eq(auditLog.targetId, 'usage-probe')));
    expect(audit.map((a) => [a.action, (a.changes as { after?: { because?: string } }).after?.because ?? null])).toEqual([['plugin.disable', 'usage'], ['plugin.enable', null]]);
  } finally {
    await t.close();
  }
});
