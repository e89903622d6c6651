/**
 * The platform audit log page in Chromium: the operator admin changes a platform setting, finds
 * the entry with its before and after, filters it by action, reads the page in Chinese; the
 * support desk gets the no-permission page.
 */
import { DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, signInThroughForm, startWebServer, switchToChinese } from './browser';

let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
const SHOTS = '/tmp/shots-audit';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Chooses an action in the filter by typing part of its label, as a user finds one in the long list. */
async function pickAction(page: Page, label: string) {
  await page.click('[data-testid=audit-filter-action]');
  await page.locator('.n-base-select-menu').waitFor({ state: 'visible' });
  await page.locator('[data-testid=audit-filter-action] input').fill(label.slice(0, 12));
  await page.locator('.n-base-select-option:visible', { hasText: label }).first().click();
  // The menu stays in the page, hidden, once it was opened.
  await page.locator('.n-base-select-menu').waitFor({ state: 'hidden' });
}

test('the operator admin sees an entry made in the test, filters it, and reads the page in Chinese', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  try {
    await signInThroughForm(page, server.url, 'operator@rtc.demo', DEMO_PASSWORD);
    // An entry of this test: a settings change through the API, as the settings page makes it.
    const changed = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch('/api/operator/settings', { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ defaultMemberLimit: 77 }) });
      return res.status;
    });
    expect(changed).toBe(200);
    await page.click('[data-testid=nav-platform-audit]');
    await page.waitForSelector('[data-testid=audit-table] tbody tr');
    expect(await page.locator('h1').innerText()).toBe('Platform audit log');
    expect(await page.locator('[data-testid=nav-platform-audit]').innerText()).toBe('Audit log');
    const first = page.locator('[data-testid=audit-table] tbody tr').first();
    expect(await first.innerText()).toContain('Changed the platform settings');
    expect(await first.innerText()).toContain('Operator operator@rtc.demo');
    expect(await first.innerText()).toContain('Platform settings #1');
    // Its changes: the limit, after 77.
    await first.locator('.n-data-table-expand-trigger').click();
    await page.waitForSelector('[data-testid=audit-diff]');
    expect(await page.locator('[data-testid=audit-diff]').innerText()).toContain('77');
    await page.screenshot({ path: `${SHOTS}/platform-audit-en.png` });

    // Filter by an action of another area: the settings entry goes.
    await pickAction(page, 'All reseller actions');
    await page.waitForFunction(() => !document.querySelector('[data-testid=audit-table] tbody')?.textContent?.includes('Changed the platform settings'));
    // Then by its own action: back, and only it.
    await page.click('[data-testid=audit-reset]');
    await pickAction(page, 'Changed the platform settings');
    // Every row the table shows is then that action: this test's entry, the demo has no other.
    await expect.poll(() => page.locator('[data-testid=audit-table] .action code').allInnerTexts()).toEqual(['platform.settings.update']);
    await page.screenshot({ path: `${SHOTS}/platform-audit-filtered-en.png` });

    await switchToChinese(page);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === '平台审计日志');
    await page.waitForSelector('[data-testid=audit-table] tbody tr');
    const zhRow = await page.locator('[data-testid=audit-table] tbody tr').first().innerText();
    expect(zhRow).toContain('修改平台设置');
    expect(zhRow).toContain('运营 operator@rtc.demo');
    expect(await page.locator('[data-testid=nav-platform-audit]').innerText()).toBe('审计日志');
    await page.screenshot({ path: `${SHOTS}/platform-audit-zh.png` });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the support desk has no nav entry and gets the no-permission page', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await signInThroughForm(page, server.url, 'desk@rtc.demo', DEMO_PASSWORD);
    expect(await page.locator('[data-testid=nav-platform-audit]').count()).toBe(0);
    await page.goto(`${server.url}/operator/audit`);
    await page.waitForSelector('[data-testid=no-permission]');
    expect(await page.locator('[data-testid=audit-table]').count()).toBe(0);
  } finally {
    await context.close();
  }
});
