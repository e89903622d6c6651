/**
 * The company settings page, in Chromium: a plugin's settings form drawn from its manifest (the
 * webhooks plugin's), checked as typed, saved, kept across a reload; admins only; both languages.
 */
import { DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, navKeys, signInThroughForm, startWebServer, type WebServer } from './browser';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("an admin sets the webhooks plugin's settings: out of range is refused on the field, a saved value stays", async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await signInThroughForm(page, server.url, 'admin@acme.demo', DEMO_PASSWORD);
  await page.click('[data-testid=nav-company-settings]');
  const form = page.locator('[data-testid=plugin-settings-webhooks]');
  await form.locator('[data-testid=setting-disableAfterHours] input').waitFor();
  expect(await page.locator('[data-testid=settings-plugin-webhooks]').innerText()).toContain('Switch an endpoint off after failing for (hours)');

  const hours = form.locator('[data-testid=setting-disableAfterHours] input');
  await hours.fill('500');
  await hours.blur();
  // The field's bound comes from the manifest's schema (at most 168): naive-ui clamps the number to it.
  await expect.poll(() => hours.inputValue()).toBe('168');
  await hours.fill('48');
  await form.locator('[data-testid=setting-notifyAdmins]').click();
  await page.screenshot({ path: '/tmp/company-settings.png' });
  await form.locator('[data-testid=save-settings-webhooks]').click();
  await page.getByText('Settings saved').waitFor();

  const stored = (await server.db.executeSql("select values from plugin_settings where plugin_id = 'webhooks'")).rows;
  expect(stored).toHaveLength(1);
  expect(JSON.parse(JSON.stringify(stored[0]!.values))).toEqual({ disableAfterHours: 48, notifyAdmins: false });

  await page.reload();
  await expect.poll(() => page.locator('[data-testid=setting-disableAfterHours] input').inputValue()).toBe('48');
  expect(await page.locator('[data-testid=setting-notifyAdmins]').getAttribute('aria-checked')).toBe('false');
  expect(await page.locator('[data-testid=plugin-settings-webhooks]').innerText()).toContain('Last changed');
  expect(problems).toEqual([]);
  await context.close();
});

test('engineers do not get the page; the form speaks Chinese', async () => {
  const engineer = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const ep = await engineer.newPage();
  await signInThroughForm(ep, server.url, 'engineer@acme.demo', DEMO_PASSWORD);
  expect(await navKeys(ep)).not.toContain('company-settings');
  await engineer.close();

  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, 'admin@acme.demo', DEMO_PASSWORD);
  await page.click('[data-testid=language-switcher]');
  await page.getByText('中文', { exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.click('[data-testid=nav-company-settings]');
  await page.locator('[data-testid=setting-disableAfterHours] input').waitFor();
  const text = await page.locator('[data-testid=settings-plugin-webhooks]').innerText();
  expect(text).toContain('接收地址持续失败多久后停用（小时）');
  expect(text).toContain('保存');
  await page.screenshot({ path: '/tmp/company-settings-zh.png' });
  await context.close();
});
