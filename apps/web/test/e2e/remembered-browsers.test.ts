/**
 * Remembered browsers in Chromium: a user with two-factor ticks "remember this browser" at the
 * second step, finds this browser on the profile page, forgets another one and then all (each
 * after confirming); the card in Chinese.
 */
import { confirmTwoFactorSetup, createCompany, findUserByEmail, rememberDevice, startTwoFactorSetup } from '@rtc-console/core';
import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, startWebServer } from './browser';

let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let secret = '';
const EMAIL = 'remember-browser@example.com';
const PASSWORD = 'remember-browser-pass-1';
const SHOTS = '/tmp/shots-audit';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  await createCompany(
    server.core,
    { name: 'Remember Co', email: EMAIL, firstName: 'Rem', lastName: 'Ember', country: 'US', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 1, interest: 1, environment: 1 },
    { resellerId: null, actor: { userId: null, label: 'test' }, initialPassword: PASSWORD },
  );
  const user = (await findUserByEmail(server.core.db, EMAIL))!;
  secret = (await startTwoFactorSetup(server.core, user)).secret;
  // The step before the current one: the sign-in below uses the current one.
  await confirmTwoFactorSetup(server.core, user.id, new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() - 30_000 }), {});
  // Another browser, remembered earlier.
  await rememberDevice(server.core.db, user.id, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('this browser is remembered at sign-in, listed on the profile, and forgotten with a confirmation', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  try {
    await page.goto(`${server.url}/sign-in`);
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('[data-testid=sign-in-submit]');
    await page.waitForSelector('[data-testid=two-factor-sign-in-code]');
    await page.fill('[data-testid=two-factor-sign-in-code]', new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.click('[data-testid=two-factor-remember]');
    await page.click('[data-testid=two-factor-verify]');
    await page.waitForSelector('[data-testid=nav]');

    await page.goto(`${server.url}/profile`);
    await page.waitForSelector('[data-testid=remembered-table] tbody tr');
    const rows = page.locator('[data-testid=remembered-table] tbody tr');
    expect(await rows.count()).toBe(2);
    const texts = await rows.allInnerTexts();
    expect(texts[0]).toContain('This browser');
    expect(texts[1]).toContain('Firefox 127');
    await page.locator('[data-testid=remembered-card]').screenshot({ path: `${SHOTS}/remembered-card-en.png` });
    await page.screenshot({ path: `${SHOTS}/profile-en.png`, fullPage: true });

    // Forget the other one: asked first.
    await rows.nth(1).locator('[data-testid=remembered-forget]').click();
    await page.getByText('Firefox 127 · Windows 10 will ask for the second factor at its next sign-in.').waitFor();
    await page.click('[data-testid=remembered-forget-confirm]');
    await page.getByText('Browser forgotten').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=remembered-table] tbody tr').length === 1);
    expect(await rows.first().innerText()).toContain('This browser');

    // In Chinese, then forget all.
    // The top bar's language menu (the profile's own language choice says 中文 too).
    await page.click('[data-testid=language-switcher]');
    await page.locator('.n-dropdown-option-body__label', { hasText: '中文' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.waitForFunction(() => document.querySelector('[data-testid=remembered-card]')?.textContent?.includes('已记住的浏览器'));
    expect(await rows.first().innerText()).toContain('当前浏览器');
    await page.locator('[data-testid=remembered-card]').screenshot({ path: `${SHOTS}/remembered-card-zh.png` });
    await page.click('[data-testid=remembered-forget-all]');
    await page.getByText('忘记所有已记住的浏览器？').waitFor();
    await page.click('[data-testid=remembered-forget-all-confirm]');
    await page.getByText('已忘记所有浏览器').waitFor();
    await page.getByText('没有已记住的浏览器。').waitFor();
    await page.screenshot({ path: `${SHOTS}/profile-zh.png`, fullPage: true });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
