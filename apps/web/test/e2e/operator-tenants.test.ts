// The operator console's resellers and companies in Chromium: the operator creates a reseller
// (its first staff member is mailed a set-up link) and a direct company through the pages, in
// English; the resellers page in Chinese.
import { DEMO_PASSWORD } from '@rtc-console/testing';
import { listOutbox } from '@rtc-console/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, signInThroughForm, startWebServer, type WebServer } from './browser';

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

/** One row by SQL (this package has no drizzle of its own). */
async function row(query: string, params: unknown[]): Promise<Record<string, unknown> | undefined> {
  return (await server.db.executeSql(query, params)).rows[0] as Record<string, unknown> | undefined;
}

async function asOperator(locale = 'en-US'): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 950 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('the server responded with a status of 4') && problems.push(m.text()));
  await signInThroughForm(page, server.url, 'operator@rtc.demo', DEMO_PASSWORD);
  return { page, problems, close: () => context.close() };
}

test('the operator creates a reseller with its first staff member, edits it and suspends it', async () => {
  const { page, problems, close } = await asOperator();
  await page.click('[data-testid=nav-operator-resellers]');
  await page.waitForSelector('[data-testid=operator-resellers-table] tbody tr');
  await page.screenshot({ path: '/tmp/ops-tenants-resellers.png' });

  await page.click('[data-testid=create-reseller]');
  // The form explains a bad address before anything is sent.
  await page.fill('[data-testid=reseller-name]', 'Harbor Partners');
  await page.fill('[data-testid=reseller-staff-email]', 'not-an-address');
  await page.click('[data-testid=reseller-dialog-submit]');
  await page.getByText('Enter a valid email address').first().waitFor();
  await page.fill('[data-testid=reseller-contact-name]', 'Hana Harbor');
  await page.fill('[data-testid=reseller-contact-email]', 'hana@harbor.example');
  await page.fill('[data-testid=reseller-phone]', '+81 3 1234 5678');
  await page.fill('[data-testid=reseller-staff-email]', 'staff@harbor.example');
  await page.fill('[data-testid=reseller-staff-name]', 'Haru Staff');
  await page.screenshot({ path: '/tmp/ops-tenants-reseller-dialog.png' });
  await page.click('[data-testid=reseller-dialog-submit]');

  // Its page: details, the staff member waiting for the link, which went out by mail.
  await page.waitForSelector('[data-testid=reseller-staff-table]');
  await page.getByText('Link not used yet').waitFor();
  expect(await page.locator('body').innerText()).toContain('Hana Harbor');
  const created = await row('select id, contact_email, phone, status from resellers where name = $1', ['Harbor Partners']);
  expect(created).toMatchObject({ contact_email: 'hana@harbor.example', phone: '+81 3 1234 5678', status: 'active' });
  const mail = await listOutbox(server.core.db, { to: 'staff@harbor.example', kind: 'account-setup', limit: 5, offset: 0 });
  expect(mail.rows).toHaveLength(1);

  // Suspending asks first, then says so on the page.
  await page.click('[data-testid=toggle-reseller-status]');
  await page.click('[data-testid=confirm-reseller-status]');
  await page.waitForSelector('[data-testid=reseller-suspended]');
  await page.screenshot({ path: '/tmp/ops-tenants-reseller-detail.png', fullPage: true });
  expect((await row('select status from resellers where id = $1', [created!.id]))?.status).toBe('suspended');
  expect(problems).toEqual([]);
  await close();
});

test('the operator creates a direct company, finds it in the list, moves it to a reseller and freezes it', async () => {
  const { page, problems, close } = await asOperator();
  await page.click('[data-testid=nav-operator-companies]');
  await page.waitForSelector('[data-testid=operator-companies-table] tbody tr');
  await page.click('[data-testid=create-company]');
  await page.fill('[data-testid=register-name]', 'Lighthouse');
  await page.click('[data-testid=register-country]');
  await page.keyboard.type('Norway');
  await page.keyboard.press('Enter');
  await page.click('[data-testid=register-area-Non-CN]');
  await page.fill('[data-testid=register-email]', 'lena@lighthouse.example');
  await page.fill('[data-testid=register-first-name]', 'Lena');
  await page.fill('[data-testid=register-last-name]', 'Light');
  await page.screenshot({ path: '/tmp/ops-tenants-company-new.png', fullPage: true });
  await page.click('[data-testid=register-submit]');

  await page.waitForSelector('[data-testid=company-platform]');
  expect(await page.locator('[data-testid=company-reseller]').innerText()).toBe('Direct');
  const company = await row('select id, name, country, reseller_id, app_limit, member_limit from companies where email = $1', ['lena@lighthouse.example']);
  expect(company).toMatchObject({ name: 'Lighthouse', country: 'NO', reseller_id: null, app_limit: 10, member_limit: 10 });
  expect((await listOutbox(server.core.db, { to: 'lena@lighthouse.example', kind: 'password-reset', limit: 5, offset: 0 })).rows).toHaveLength(1);

  // Edit its limits.
  await page.click('[data-testid=edit-company]');
  await page.fill('[data-testid=edit-app-limit]', '4');
  await page.click('[data-testid=company-edit-submit]');
  await page.getByText('0 / 4').waitFor();

  // Move it to the demo reseller (confirmed), then freeze it (a dialog with a reason).
  await page.click('[data-testid=move-target]');
  await page.keyboard.type('Demo Reseller');
  await page.keyboard.press('Enter');
  await page.click('[data-testid=move-company]');
  await page.click('[data-testid=confirm-move]');
  await page.waitForFunction(() => document.querySelector('[data-testid=company-reseller]')?.textContent === 'Demo Reseller');
  await page.click('[data-testid=freeze-company]');
  await page.click('[data-testid=freeze-reason-overdue]');
  await page.click('[data-testid=freeze-submit]');
  await page.waitForSelector('[data-testid=company-frozen]');
  await page.screenshot({ path: '/tmp/ops-tenants-company-detail.png', fullPage: true });
  const after = await row('select app_limit, status, reseller_id from companies where id = $1', [company!.id]);
  expect(after).toMatchObject({ app_limit: 4, status: 3, reseller_id: expect.any(Number) });

  // The list shows it with its reseller, filtered to that reseller.
  await page.click('[data-testid=nav-operator-companies]');
  await page.fill('[data-testid=company-search] input', 'Lighthouse');
  await page.click('[data-testid=company-search-submit]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=operator-companies-table] tbody tr').length === 1);
  const text = await page.locator('[data-testid=operator-companies-table]').innerText();
  expect(text).toContain('Demo Reseller');
  expect(text).toContain('0 / 4');
  await page.screenshot({ path: '/tmp/ops-tenants-companies.png' });
  expect(problems).toEqual([]);
  await close();
});

test('the resellers page speaks Chinese', async () => {
  const { page, close } = await asOperator();
  await page.click('[data-testid=language-switcher]');
  await page.getByText('中文', { exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.click('[data-testid=nav-operator-resellers]');
  await page.waitForSelector('[data-testid=operator-resellers-table] tbody tr');
  const text = await page.locator('body').innerText();
  expect(text).toContain('新建代理商');
  expect(text).toContain('联系邮箱');
  expect(text).toContain('公司数');
  await page.click('[data-testid=create-reseller]');
  expect(await page.locator('[data-testid=reseller-dialog]').innerText()).toContain('第一位员工');
  await page.screenshot({ path: '/tmp/ops-tenants-resellers-zh.png' });
  await close();
});
