// The reseller console in Chromium (issue 4 "Proof"): an API key's secret is shown once; freezing
// with blocking locks the company's admin out; visiting a dashboard shows the banner and leaves an
// audit entry.
import { DEMO_PASSWORD } from '@rtc-console/testing';
import { sessions } from '@rtc-console/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import common from '../../src/i18n/messages/common';
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

/** A fresh browser (no shared cookies), signed in as reseller staff, in English. */
async function asReseller(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, 'reseller@rtc.demo', DEMO_PASSWORD);
  return { context, page };
}

/** Finds a company through the list's search box and opens its detail page; answers its CID. */
async function openCompany(page: Page, email: string): Promise<number> {
  await page.click('[data-testid=nav-reseller-companies]');
  await page.fill('[data-testid=company-search] input', email);
  await page.click('[data-testid=company-search-submit]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=reseller-companies-table] tbody tr').length === 1);
  const link = page.locator('[data-testid^=company-detail-]');
  const id = Number((await link.getAttribute('data-testid'))!.replace('company-detail-', ''));
  await link.click();
  await page.waitForSelector('[data-testid=company-info]');
  return id;
}

describe('reseller console in Chromium', () => {
  test('generates an API key whose secret is shown once, after the password is confirmed', async () => {
    const { context, page } = await asReseller();
    try {
      // Generating reveals a secret: an old sign-in is asked for the password first.
      await server.core.db.update(sessions).set({ reauthAt: null });
      await page.click('[data-testid=user-menu]');
      await page.click('[data-testid=menu-reseller-settings]');
      await page.click('.n-tabs-tab[data-name=api-keys]');
      await page.click('[data-testid=generate-api-key]');
      await page.fill('[data-testid=reauth-password]', DEMO_PASSWORD);
      await page.click('[data-testid=reauth-confirm]');

      const accessKeyId = (await page.locator('[data-testid=new-access-key-id]').innerText()).trim();
      const secret = (await page.locator('[data-testid=new-secret]').innerText()).trim();
      expect(accessKeyId).toMatch(/^[A-Za-z0-9]{40}$/);
      expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);

      // Closing the dialog: the key is listed, its secret is gone from the page and from storage.
      await page.click('[data-testid=api-key-secret-saved]');
      await page.waitForSelector('[data-testid=api-key-secret]', { state: 'detached' });
      await page.getByText(accessKeyId).waitFor();
      const anywhere = () => page.evaluate(() => document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(await anywhere()).not.toContain(secret);

      // Nor after a reload; the key is still listed by its ID.
      await page.reload();
      await page.getByText(accessKeyId).waitFor();
      expect(await anywhere()).not.toContain(secret);
    } finally {
      await context.close();
    }
  });

  test("visits a company's dashboard: the banner shows, the audit log has the visit, Leave goes back", async () => {
    const { context, page } = await asReseller();
    try {
      const id = await openCompany(page, 'admin@galaxy.demo');
      await page.click('[data-testid=visit-company]');
      await page.click('[data-testid=confirm-visit]');

      // The company's overview, with the banner naming the company and the visit's end.
      await page.waitForURL((u) => u.pathname === '/');
      const banner = page.locator('[data-testid=visit-banner]');
      await banner.waitFor();
      expect(await banner.innerText()).toMatch(/You are visiting 星河直播’s dashboard as reseller staff until \d\d:\d\d/);
      await page.waitForSelector('[data-testid=overview-role]');

      // The visit has admin rights: the audit log shows it, under the reseller's name; a reload keeps the banner.
      await page.click('[data-testid=nav-audit]');
      const entry = page.locator('tr', { hasText: 'company.visit' }).first();
      await entry.waitFor();
      expect(await entry.innerText()).toContain('Visited the dashboard');
      expect(await entry.innerText()).toContain('Demo Reseller');
      await page.reload();
      await banner.waitFor();

      await page.click('[data-testid=visit-leave]');
      await page.waitForURL((u) => u.pathname === `/reseller/companies/${id}`);
      await page.waitForSelector('[data-testid=company-info]');
      expect(await banner.count()).toBe(0);
      expect(await page.locator('[data-testid=nav-audit]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('freezes a company with blocking: its admin is signed out and cannot sign in until unfrozen', async () => {
    const admin = await browser.newContext({ locale: 'en-US' });
    const adminPage = await admin.newPage();
    const { context, page } = await asReseller();
    try {
      await signInThroughForm(adminPage, server.url, 'admin@galaxy.demo', DEMO_PASSWORD);

      await openCompany(page, 'admin@galaxy.demo');
      await page.click('[data-testid=freeze-company]');
      // The dialog insists on a reason.
      await page.click('[data-testid=freeze-submit]');
      await page.getByText('Pick one of the options').waitFor();
      await page.click('[data-testid=freeze-reason-violation]');
      await page.click('[data-testid=freeze-block]');
      await page.click('[data-testid=freeze-submit]');
      await page.waitForSelector('[data-testid=company-blocked]');
      expect(await page.locator('[data-testid=company-info] [data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['suspendedManually', 'blocked']);

      // The admin's open session has ended; signing in again is refused with the blocked message.
      await adminPage.goto(`${server.url}/projects`);
      await adminPage.waitForURL((u) => u.pathname === '/sign-in');
      await adminPage.fill('input[name=email]', 'admin@galaxy.demo');
      await adminPage.fill('input[name=password]', DEMO_PASSWORD);
      await adminPage.click('[data-testid=sign-in-submit]');
      const refused = adminPage.locator('[data-testid=sign-in-error]');
      await refused.waitFor();
      // In the admin's own language (it was saved in this browser at the first sign-in).
      expect([common.en.errors.COMPANY_BLOCKED, common['zh-CN'].errors.COMPANY_BLOCKED]).toContain(await refused.innerText());

      // Unfreezing (after confirming) lets the admin in again.
      await page.click('[data-testid=unfreeze-company]');
      await page.click('[data-testid=confirm-unfreeze]');
      await page.waitForSelector('[data-testid=freeze-company]');
      await adminPage.click('[data-testid=sign-in-submit]');
      await adminPage.waitForSelector('[data-testid=nav]');
    } finally {
      await context.close();
      await admin.close();
    }
  });
});
