/**
 * `dependsOn`: a plugin that builds on another's data runs its migrations after that plugin's,
 * whatever the installed order, and a plugin whose dependency is not installed stops the start
 * with a message naming the fix, before anything touches the database.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineServerPlugin, rowsOf, type ServerPlugin } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { installedPlugins } from '../src/plugins.js';
import { createTestStack, type TestStack } from '../src/testing.js';

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
