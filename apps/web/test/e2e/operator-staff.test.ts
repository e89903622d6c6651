/**
 * The operator's staff and platform settings pages in Chromium: the operator invites a support-desk
 * member (after confirming the password), changes their role, switches sign-up to "by invitation
 * only" and sends a test e-mail; the staff page in Chinese.
 */
import { DEMO_PASSWORD } from '@rtc-console/testing';
import { findUserByEmail, getPlatformSettings, listOutbox, sessions } from '@rtc-console/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, signInThroughForm, switchToChinese, startWebServer, type WebServer } from './browser';

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

test('the operator invites a support-desk member, changes their role, and makes sign-up invitation-only', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  // A message that fails to compile (vue-i18n) only logs: count it as a problem too.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  await signInThroughForm(page, server.url, 'operator@rtc.demo', DEMO_PASSWORD);

  // Inviting gives operator rights: an old sign-in is asked for the password first.
  await server.core.db.update(sessions).set({ reauthAt: null });
  await page.click('[data-testid=nav-operator-staff]');
  await page.waitForSelector('[data-testid=staff-table] tbody tr');
  expect(await page.locator('[data-testid=operator-roles]').innerText()).toContain('Tickets and the knowledge base; companies and resellers read-only');
  await page.click('[data-testid=invite-staff]');
  await page.fill('[data-testid=staff-email]', 'desk@example.com');
  await page.fill('[data-testid=staff-name]', 'Dana Desk');
  await page.click('[data-testid=operator-role-support]');
  await page.screenshot({ path: '/tmp/ops-staff-invite.png' });
  await page.click('[data-testid=invite-staff-submit]');
  await page.fill('[data-testid=reauth-password]', DEMO_PASSWORD);
  await page.click('[data-testid=reauth-confirm]');
  await page.getByText('Invitation sent to desk@example.com').waitFor();
  const user = await findUserByEmail(server.core.db, 'desk@example.com');
  expect(user?.platformRole).toBe('support');
  await page.waitForSelector(`[data-testid=staff-role-${user!.id}]`);
  expect(await page.locator(`[data-testid=staff-role-${user!.id}]`).innerText()).toBe('Support desk');
  expect((await listOutbox(server.core.db, { to: 'desk@example.com', kind: 'account-setup', limit: 1, offset: 0 })).count).toBe(1);
  await page.screenshot({ path: '/tmp/ops-staff-list.png' });

  // A role change (the password was just entered: no second prompt).
  await page.click(`[data-testid=staff-change-role-${user!.id}]`);
  await page.click('[data-testid=staff-role-dialog] [data-testid=operator-role-finance]');
  await page.click('[data-testid=staff-role-submit]');
  await page.getByText('Dana Desk is now Finance').waitFor();
  expect((await findUserByEmail(server.core.db, 'desk@example.com'))?.platformRole).toBe('finance');

  // Sign-up by invitation only, through the settings page; a bad limit is explained first.
  await page.click('[data-testid=nav-platform-settings]');
  await page.waitForSelector('[data-testid=sign-up-mode]');
  expect(await page.locator('[data-testid=sign-up-mode]').innerText()).toContain('Only people with an invitation may sign up');
  await page.click('[data-testid=sign-up-invitation]');
  await page.fill('[data-testid=mail-from]', 'not-an-address');
  await page.click('[data-testid=save-platform-settings]');
  await page.locator('.n-form-item-feedback--error').first().waitFor();
  expect((await getPlatformSettings(server.core.db)).signUpMode).toBe('closed');
  await page.fill('[data-testid=mail-from]', 'ops@example.com');
  await page.click('[data-testid=save-platform-settings]');
  await page.getByText('Platform settings saved').waitFor();
  expect(await getPlatformSettings(server.core.db)).toMatchObject({ signUpMode: 'invitation', mailFrom: 'ops@example.com' });

  // The test e-mail: no SMTP here, so it is kept in the outbox, from the saved sender.
  await page.click('[data-testid=send-test-mail]');
  const result = page.locator('[data-testid=test-mail-result]');
  await result.waitFor();
  expect(await result.innerText()).toContain('kept in the outbox (from ops@example.com)');
  await page.screenshot({ path: '/tmp/ops-staff-settings.png', fullPage: true });
  expect(problems).toEqual([]);
  await context.close();
});

test('the staff page speaks Chinese', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, 'operator@rtc.demo', DEMO_PASSWORD);
  await switchToChinese(page);
  await page.click('[data-testid=nav-operator-staff]');
  await page.waitForSelector('[data-testid=staff-table] tbody tr');
  const text = await page.locator('main, body').first().innerText();
  for (const words of ['运营人员', '邀请人员', '运营管理员', '客服', '财务', '处理工单、维护知识库；只读查看公司和代理商']) expect(text).toContain(words);
  await page.click('[data-testid=nav-platform-settings]');
  // The stored mode (the first test made it invitation-only) is the one checked.
  await page.waitForSelector('[data-testid=sign-up-invitation].n-radio--checked');
  const settings = await page.locator('main, body').first().innerText();
  for (const words of ['平台设置', '仅限邀请', '发送测试邮件']) expect(settings).toContain(words);
  await page.screenshot({ path: '/tmp/ops-staff-zh.png' });
  await context.close();
});
