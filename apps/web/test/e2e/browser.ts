import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installedPlugins } from '@rtc-console/api/plugins';
import { startTestServer } from '@rtc-console/testing';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this sandboxed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('[data-testid=sign-in-submit]');
  await page.waitForSelector('[data-testid=nav]');
}

/** The keys of the nav entries on screen (`nav-projects` → `projects`). */
export async function navKeys(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^nav-/, '')).sort();
}

/** Switches the console to Chinese through the language menu and waits until the page speaks it. */
export async function switchToChinese(page: Page): Promise<void> {
  await page.click('[data-testid=language-switcher]');
  await page.getByText('中文', { exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
}

type ServerOptions = Omit<Parameters<typeof startTestServer>[0], 'plugins'>;
export type WebServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A test server (every installed plugin) serving the built web app, with any further options
 * (extra env, jobs on); throws when the app is not built. Every browser test starts its console here.
 */
export async function startWebServer(opts: ServerOptions = {}): Promise<WebServer> {
  const dist = fileURLToPath(new URL('../../dist', import.meta.url));
  if (!existsSync(`${dist}/index.html`)) throw new Error('Build the web app first (pnpm --filter @rtc-console/web build)');
  return startTestServer({ ...opts, env: { ...opts.env, WEB_DIST: dist }, plugins: installedPlugins });
}

/**
 * How many pixels a data table's content overflows sideways (0 when every column fits, as the
 * operator's and resellers' lists must at 1440 px): its scrolling body and header, and the
 * table's own box against the window.
 */
export async function sidewaysOverflow(page: Page, testid: string): Promise<number> {
  return page.locator(`[data-testid=${testid}]`).evaluate((table) => {
    const boxes = [table, ...table.querySelectorAll('.n-scrollbar-container, .n-data-table-base-table-body, .n-data-table-base-table-header')];
    const inner = Math.max(0, ...boxes.map((el) => el.scrollWidth - el.clientWidth));
    const outer = Math.max(0, Math.ceil(table.getBoundingClientRect().right - document.documentElement.clientWidth));
    return Math.max(inner, outer);
  });
}
