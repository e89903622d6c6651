/**
 * The operator's jobs page in Chromium: a failed job shows with its attempts and last error,
 * the state filter finds it, and Retry (after confirming) sends it back to the queue. In Chinese too.
 */
import { DEMO_PASSWORD, markJobFailed } from '@rtc-console/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, signInThroughForm, startWebServer, type WebServer } from './browser';

let server: WebServer;
let browser: Browser;
let failedId: string;

beforeAll(async () => {
  // No workers: the jobs stay as this test leaves them.
  server = await startWebServer();
  await server.core.jobs.send('core.purge-sessions', {});
  failedId = (await server.core.jobs.send('core.purge-mail', {}))!;
  // As a job that used up its attempts would end: failed, with the handler's error kept.
  await markJobFailed(server.db, failedId, { message: 'SMTP server refused the connection', attempts: 2 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a failed job shows its attempts and error, is found by state, and is retried after confirming', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await signInThroughForm(page, server.url, 'operator@rtc.demo', DEMO_PASSWORD);
  await page.click('[data-testid=nav-operator-jobs]');
  await page.waitForSelector(`[data-testid=state-${failedId}]`);
  const row = page.locator('[data-testid=jobs-table] tr', { has: page.locator(`[data-testid=state-${failedId}]`) });
  await expect.poll(() => row.innerText()).toContain('SMTP server refused the connection');
  expect(await row.innerText()).toMatch(/core\.purge-mail[\s\S]*Failed[\s\S]*3 \/ 3/);
  expect(await page.locator('[data-testid=jobs-table] tbody tr').count()).toBe(2);

  await page.click('[data-testid=jobs-state]');
  await page.click('.n-base-select-option:has-text("Failed")');
  await expect.poll(() => page.locator('[data-testid=jobs-table] tbody tr').count()).toBe(1);
  await page.screenshot({ path: '/tmp/operator-jobs.png' });

  await page.click(`[data-testid=retry-${failedId}]`);
  await page.click('[data-testid=confirm-retry]');
  // Back in the queue: the failed filter no longer lists it.
  await expect.poll(() => page.locator('[data-testid=jobs-table] .n-data-table-empty').count()).toBe(1);
  const [job] = (await server.db.executeSql('select state::text as state from pgboss.job where id = $1::uuid', [failedId])).rows;
  expect(job?.state).toBe('retry');
  expect(problems).toEqual([]);
  await context.close();
});

test('the page speaks Chinese', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, 'operator@rtc.demo', DEMO_PASSWORD);
  await page.click('[data-testid=language-switcher]');
  await page.getByText('中文', { exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.click('[data-testid=nav-operator-jobs]');
  await page.waitForSelector('[data-testid=jobs-table] tbody tr');
  const text = await page.locator('main, body').first().innerText();
  expect(text).toContain('后台任务');
  expect(text).toContain('等待中');
  await page.screenshot({ path: '/tmp/operator-jobs-zh.png' });
  await context.close();
});
