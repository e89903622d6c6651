// Self sign-up in Chromium (issue 16 "Proof"): with sign-up open, a new user signs up through the
// page, opens the verification link from the dev mailbox and lands in the console as the admin of
// a new company; the page in Chinese; the sign-in page hides the link when sign-up is closed.

import { listOutbox, updatePlatformSettings } from '@rtc-console/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import signup from '../../src/i18n/messages/signup';
import { launchChromium, startWebServer, type WebServer } from './browser';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  await updatePlatformSettings(server.core.db, { signUpMode: 'open', defaultAppLimit: 5, defaultMemberLimit: 8 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function fillSignUp(page: Page, p: { name: string; email: string; password: string; company: string; country: string }): Promise<void> {
  await page.fill('[data-testid=sign-up-name]', p.name);
  await page.fill('[data-testid=sign-up-email]', p.email);
  await page.fill('[data-testid=sign-up-password]', p.password);
  await page.fill('[data-testid=sign-up-company]', p.company);
  await page.click('[data-testid=sign-up-country]');
  await page.keyboard.type(p.country);
  await page.click(`.n-base-select-option:has-text("(${p.country})")`);
  await page.click('[data-testid=sign-up-area-Non-CN]');
  await page.click('[data-testid=sign-up-terms]');
}

/** The verification link of the newest sign-up mail to `email`, read from the dev mailbox page, on this server. */
async function linkFromMailbox(page: Page, email: string): Promise<string> {
  await page.goto(`${server.url}/dev/mailbox`);
  await page.fill('[data-testid=mailbox-filter-to] input', email);
  await page.keyboard.press('Enter');
  const link = page.locator('[data-testid=mailbox-list] a[href*="/verify-email?token="]').first();
  await link.waitFor();
  const href = (await link.getAttribute('href'))!;
  const url = new URL(href);
  return `${server.url}${url.pathname}${url.search}`;
}

describe('self sign-up in Chromium', () => {
  test('a new user signs up, verifies the e-mail from the mailbox and lands in the console of the new company', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.click('[data-testid=sign-up-link]');
      await page.waitForSelector('[data-testid=sign-up-name]');

      // The form checks with the API's rules before sending: a common password, no terms.
      await page.fill('[data-testid=sign-up-password]', 'password1234');
      await page.click('[data-testid=sign-up-submit]');
      await expect.poll(() => page.locator('.n-form-item-feedback__line').allInnerTexts()).toContain('This password is too common: attackers try it first. Choose another');
      expect(await page.locator('.n-form-item-feedback__line').allInnerTexts()).toContain('Accept the terms to continue');
      await page.screenshot({ path: '/tmp/signup-form-errors.png', fullPage: true });

      await fillSignUp(page, { name: 'Ada Lovelace', email: 'ada@engine.example', password: 'analytical engine 1843', company: 'Engine Works', country: 'GB' });
      await page.screenshot({ path: '/tmp/signup-form.png', fullPage: true });
      await page.click('[data-testid=sign-up-submit]');
      await page.waitForSelector('[data-testid=sign-up-sent]');
      expect(await page.locator('[data-testid=sign-up-sent]').innerText()).toContain('ada@engine.example');
      await page.screenshot({ path: '/tmp/signup-sent.png', fullPage: true });

      const link = await linkFromMailbox(page, 'ada@engine.example');
      await page.screenshot({ path: '/tmp/signup-mailbox.png', fullPage: true });
      await page.goto(link);
      await page.waitForSelector('[data-testid=nav]');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('body').innerText()).toContain('Engine Works');
      await page.screenshot({ path: '/tmp/signup-landed.png', fullPage: true });

      // The link works once: opened again it explains so.
      const again = await context.newPage();
      await again.goto(link);
      await again.waitForSelector('[data-testid=verify-error]');
      expect(await again.locator('[data-testid=verify-error]').innerText()).toContain('already used');
      await again.screenshot({ path: '/tmp/signup-verify-used.png', fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('the sign-up page in Chinese, through to the check-your-inbox state', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/sign-up`);
      await page.waitForSelector('[data-testid=sign-up-name]');
      const zh = signup['zh-CN'].signUp;
      const text = await page.locator('body').innerText();
      for (const label of [zh.title, zh.name, zh.email, zh.password, zh.companyName, zh.country, zh.area, zh.acceptTerms]) expect(text).toContain(label);
      await page.click('[data-testid=sign-up-submit]');
      await expect.poll(() => page.locator('.n-form-item-feedback__line').allInnerTexts()).toContain(zh.mustAccept);
      await fillSignUp(page, { name: '张三', email: 'zhang@example.cn', password: '我的密码很长很长', company: '张记科技', country: 'CN' });
      await page.click('[data-testid=sign-up-submit]');
      await page.waitForSelector('[data-testid=sign-up-sent]');
      expect(await page.locator('[data-testid=sign-up-sent]').innerText()).toContain(zh.sentTitle);
      await page.screenshot({ path: '/tmp/signup-zh.png', fullPage: true });
      // The verification mail is in the language the form was filled in.
      const { rows } = await listOutbox(server.core.db, { to: 'zhang@example.cn', kind: 'sign-up', limit: 1, offset: 0 });
      expect(rows[0]?.subject).toBe('请验证您的邮箱以开通 RTC 控制台');
    } finally {
      await context.close();
    }
  });

  test('with sign-up closed the sign-in page has no sign-up link and the sign-up page says it is closed', async () => {
    await updatePlatformSettings(server.core.db, { signUpMode: 'closed' });
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.waitForSelector('[data-testid=sign-in-submit]');
      await page.waitForLoadState('networkidle');
      expect(await page.locator('[data-testid=sign-up-link]').count()).toBe(0);
      await page.goto(`${server.url}/sign-up`);
      await page.waitForSelector('[data-testid=sign-up-closed]');
      expect(await page.locator('[data-testid=sign-up-name]').count()).toBe(0);
    } finally {
      await context.close();
      await updatePlatformSettings(server.core.db, { signUpMode: 'open' });
    }
  });
});
