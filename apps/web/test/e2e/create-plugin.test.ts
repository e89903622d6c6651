/**
 * A plugin made by `pnpm create-plugin` shows in the console: a throwaway one, copied from
 * packages/plugins/template by the real script, is bundled into a build of this web app (its
 * entry appended to `src/plugins.ts` in the bundle only: no file of the repository changes) and
 * installed in a test API. In
 * Chromium, a member whose role holds its permission sees its nav entry, opens its page and adds
 * an item; a member without it sees no entry and "no permission" at its URL; a Chinese-speaking
 * admin of another company sees the Chinese label and none of the first company's items.
 * The API half (route, permission, migration) is apps/api/test/create-plugin.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerPlugin } from '@rtc-console/core';
import { DEMO_PASSWORD, startTestServer } from '@rtc-console/testing';
import type { Browser, Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pluginExport, scaffoldThrowawayPlugin, type ThrowawayPlugin } from '@rtc-console/testing/throwaway-plugin';
import { installedPlugins } from '@rtc-console/api/plugins';
import { launchChromium, navKeys, signInThroughForm } from './browser';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const pluginList = join(webRoot, 'src/plugins.ts');

/** Serves `src/plugins.ts` to the bundler with the throwaway plugin's web entry appended to `webPlugins`. */
function withThrowaway(webEntry: string, id: string): Plugin {
  return {
    name: 'throwaway-plugin',
    enforce: 'pre',
    load(file) {
      if (file.split('?')[0] !== pluginList) return null;
      return `${readFileSync(pluginList, 'utf8')}
import * as throwaway from ${JSON.stringify(webEntry)};
webPlugins.push(Object.values(throwaway).find((e) => (e as { manifest?: { id?: string } }).manifest?.id === ${JSON.stringify(id)}) as WebPlugin);
`;
    },
  };
}

let plugin: ThrowawayPlugin;
/** The build: outside the repository's dot-folder, which the API's static server would not serve. */
let dist: string | undefined;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  plugin = scaffoldThrowawayPlugin(['--name', 'Throwaway', '--name-zh', '临时插件']);
  dist = mkdtempSync(join(tmpdir(), 'rtc-web-with-plugin-'));
  await build({ root: webRoot, configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true }, plugins: [withThrowaway(plugin.webEntry, plugin.id)] });
  const serverPlugin = pluginExport<ServerPlugin>((await import(/* @vite-ignore */ plugin.serverEntry)) as Record<string, unknown>, plugin.id);
  server = await startTestServer({ env: { WEB_DIST: dist }, plugins: [...installedPlugins, serverPlugin] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  plugin?.remove();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

/** A signed-in page that records uncaught errors and console errors from then on. */
async function signedIn(email: string): Promise<{ page: Page; problems: string[]; done(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, email, DEMO_PASSWORD);
  // From here on (the sign-in page itself asks who is signed in, and gets a 401).
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  return { page, problems, done: () => context.close() };
}

describe('a scaffolded plugin in the console', () => {
  test('a member holding its permission sees its nav entry, opens its page and adds an item', async () => {
    const { id } = plugin;
    const { page, problems, done } = await signedIn('engineer@acme.demo');
    try {
      // The template's nav entry is keyed like its route, `<id>-items`.
      expect(await navKeys(page)).toContain(`${id}-items`);
      const entry = page.locator(`[data-testid=nav-${id}-items]`);
      expect(await entry.innerText()).toBe('Throwaway');
      await entry.click();
      await page.waitForURL((u) => u.pathname === `/${id}`);
      await page.waitForSelector(`[data-testid=${id}-page]`);
      expect(await page.locator(`[data-testid=${id}-page] h1`).innerText()).toBe('Throwaway');
      await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('No items'), `[data-testid=${id}-count]`);
      expect(await page.title()).toContain('Throwaway');

      await page.fill(`[data-testid=${id}-name] input`, 'Made in the browser');
      await page.click(`[data-testid=${id}-add]`);
      await page.locator(`[data-testid=${id}-table]`).getByText('Made in the browser').waitFor();
      expect(await page.locator(`[data-testid=${id}-count]`).innerText()).toBe('One item');

      // It was stored: a fresh load of the page's URL lists it again.
      await page.reload();
      await page.locator(`[data-testid=${id}-table]`).getByText('Made in the browser').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await done();
    }
  });

  test("the company's audit log names the plugin's action with the plugin's own label", async () => {
    const { id } = plugin;
    // The item the engineer added above; the audit log is the admin's.
    const { page, problems, done } = await signedIn('admin@acme.demo');
    try {
      await page.goto(`${server.url}/audit?action=${id}.item.create`);
      const row = page.locator('[data-testid=audit-table] tbody tr').filter({ hasText: `${id}.item.create` }).first();
      await row.waitFor();
      expect(await row.innerText()).toContain('Added an item');
      // The action filter, preset by the link, knows the plugin's action by its label too.
      expect(await page.locator('[data-testid=audit-filter-action]').innerText()).toContain('Added an item');
      expect(problems).toEqual([]);
    } finally {
      await done();
    }
  });

  test('a member without it sees no entry, and "no permission" at its URL', async () => {
    const { page, done } = await signedIn('ops@acme.demo');
    try {
      expect(await navKeys(page)).not.toContain(`${plugin.id}-items`);
      expect(await navKeys(page)).toContain('overview');
      await page.goto(`${server.url}/${plugin.id}`);
      await page.waitForSelector('[data-testid=no-permission]');
      expect(await page.locator(`[data-testid=${plugin.id}-page]`).count()).toBe(0);
    } finally {
      await done();
    }
  });

  test("in Chinese, for another company's admin: the Chinese label, and none of the first company's items", async () => {
    const { id } = plugin;
    const { page, problems, done } = await signedIn('admin@galaxy.demo');
    try {
      const entry = page.locator(`[data-testid=nav-${id}-items]`);
      expect(await entry.innerText()).toBe('临时插件');
      await entry.click();
      await page.waitForSelector(`[data-testid=${id}-page]`);
      await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('暂无条目'), `[data-testid=${id}-count]`);
      expect(await page.locator(`[data-testid=${id}-page] h1`).innerText()).toBe('临时插件');
      expect(await page.locator(`[data-testid=${id}-table]`).getByText('Made in the browser').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await done();
    }
  });
});
