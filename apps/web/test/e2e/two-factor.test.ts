// Two-factor sign-in in Chromium: a user sets it up on the profile page, the code computed here
// from the secret shown on screen, sees the ten recovery codes once, signs out, signs in with the
// password and a code; the second step again in Chinese, with a recovery code.
import { acceptInvitation, createCompany, findUserByEmail, inviteMember, listUserCompanies, loadCompanyContext } from '@rtc-console/core';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import twoFactor from '../../src/i18n/messages/two-factor';
import { launchChromium, signInThroughForm, startWebServer, type WebServer } from './browser';

let server: WebServer;
let browser: Browser;
const EMAIL = 'tf-browser@example.com';
const PASSWORD = 'two-factor-browser-1';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchChromium();
  await createCompany(
    server.core,
    { name: 'TF Browser Co', email: EMAIL, firstName: 'Tess', lastName: 'Factor', country: 'US', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 1, interest: 1, environment: 1 },
    { resellerId: null, actor: { userId: null, label: 'test' }, initialPassword: PASSWORD },
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The code of the app for the step `offset` half-minutes from now (the API accepts ±1, each step once). */
const codeAt = (secret: string, offset: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offset * 30_000 });

async function passwordStep(page: Page) {
  await page.goto(`${server.url}/sign-in`);
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('[data-testid=sign-in-submit]');
  await page.waitForSelector('[data-testid=two-factor-sign-in-code]');
}

describe('two-factor sign-in in Chromium', () => {
  let secret = '';
  let recoveryCodes: string[] = [];
  /** The code the sign-in test used: refused from then on, whatever the clock says by the next test. */
  let usedCode = '';

  test('set up on the profile page: password again, QR code and key, first code, recovery codes once', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await signInThroughForm(page, server.url, EMAIL, PASSWORD);
      await page.click('[data-testid=user-menu]');
      await page.getByText('Profile', { exact: true }).click();
      await page.waitForSelector('[data-testid=two-factor-card]');
      expect((await page.locator('[data-testid=two-factor-status]').innerText()).trim()).toBe(twoFactor.en.twoFactor.off);
      await page.waitForSelector('[data-testid=sessions-table] tbody tr');
      await page.screenshot({ path: '/tmp/twofactor-profile-off.png', fullPage: true });

      await page.click('[data-testid=two-factor-start]');
      // Revealing a secret: the password is asked again.
      await page.fill('[data-testid=reauth-password]', PASSWORD);
      await page.click('[data-testid=reauth-confirm]');
      await page.waitForSelector('[data-testid=two-factor-qr]');
      secret = (await page.locator('[data-testid=two-factor-secret]').innerText()).replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await page.screenshot({ path: '/tmp/twofactor-setup.png', fullPage: true });

      // A wrong code first: refused on the field.
      await page.fill('[data-testid=two-factor-code]', codeAt(secret, 0) === '000000' ? '111111' : '000000');
      await page.click('[data-testid=two-factor-confirm]');
      await page.getByText('The code is not correct or was already used').first().waitFor();

      await page.fill('[data-testid=two-factor-code]', codeAt(secret, -1));
      await page.click('[data-testid=two-factor-confirm]');
      await page.waitForSelector('[data-testid=recovery-codes]');
      recoveryCodes = (await page.locator('[data-testid=recovery-code]').allInnerTexts()).map((c) => c.trim());
      expect(recoveryCodes).toHaveLength(10);
      for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      await page.screenshot({ path: '/tmp/twofactor-recovery-codes.png', fullPage: true });
      await page.click('[data-testid=recovery-saved]');
      await page.waitForSelector('[data-testid=recovery-codes]', { state: 'detached' });
      expect((await page.locator('[data-testid=two-factor-status]').innerText()).trim()).toBe(twoFactor.en.twoFactor.on);
      // Shown once: not on the page any more.
      expect(await page.content()).not.toContain(recoveryCodes[0]);
      await page.screenshot({ path: '/tmp/twofactor-profile-on.png', fullPage: true });

      await page.click('[data-testid=user-menu]');
      await page.click('[data-testid=sign-out]');
      await page.waitForSelector('[data-testid=sign-in-submit]');
    } finally {
      await context.close();
    }
  });

  test('signs in with the password and a code, then lands in the console', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await passwordStep(page);
      expect(page.url()).toContain('/sign-in/two-factor');
      // The console is out of reach until the code is entered.
      await page.goto(`${server.url}/projects`);
      await page.waitForSelector('[data-testid=two-factor-sign-in-code]');
      expect(page.url()).toContain('/sign-in/two-factor');
      await page.screenshot({ path: '/tmp/twofactor-sign-in-step.png', fullPage: true });
      // The step after the set-up's code (±1 is accepted, each step once).
      usedCode = codeAt(secret, 1);
      await page.fill('[data-testid=two-factor-sign-in-code]', usedCode);
      await page.click('[data-testid=two-factor-verify]');
      await page.waitForSelector('[data-testid=nav]');
      expect(new URL(page.url()).pathname).toBe('/projects');
    } finally {
      await context.close();
    }
  });

  test('the second step in Chinese, with a recovery code', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await passwordStep(page);
      // The account's language is English; the page's switcher turns this one to Chinese.
      await page.click('[data-testid=language-switcher]');
      await page.getByText('中文', { exact: true }).click();
      const zh = twoFactor['zh-CN'].twoFactor;
      await page.getByText(zh.signInTitle, { exact: true }).first().waitFor();
      expect(await page.locator('[data-testid=two-factor-verify]').innerText()).toContain(zh.verify);
      expect(await page.locator('[data-testid=two-factor-remember]').innerText()).toContain(zh.remember);
      await page.screenshot({ path: '/tmp/twofactor-sign-in-zh.png', fullPage: true });
      // A used code is refused in Chinese too (the very code used before: a fresh step's code could pass).
      await page.fill('[data-testid=two-factor-sign-in-code]', usedCode);
      await page.click('[data-testid=two-factor-verify]');
      await page.getByText('验证码不正确或已使用').first().waitFor();
      await page.fill('[data-testid=two-factor-sign-in-code]', recoveryCodes[0]!);
      await page.click('[data-testid=two-factor-verify]');
      await page.waitForSelector('[data-testid=nav]');
    } finally {
      await context.close();
    }
  });

  test('the company admin requires it on the settings page; a member already at work is taken to set-up at once, and at sign-in; then into the console', async () => {
    // A member of the same company, invited and accepted.
    const admin = await findUserByEmail(server.core.db, EMAIL);
    const companyId = (await listUserCompanies(server.core.db, admin!.id))[0]!.id;
    const loaded = await loadCompanyContext(server.core, { userId: admin!.id, companyId, actor: { userId: admin!.id, label: EMAIL } });
    const memberEmail = 'tf-browser-member@example.com';
    const { token } = await inviteMember(loaded!.ctx, { email: memberEmail, role: 'support' });
    await acceptInvitation(server.core, token, { name: 'Mia Member', password: PASSWORD });

    // The member is already at work in another browser when the admin requires it.
    const working = await browser.newContext({ locale: 'en-US' });
    const memberPage = await working.newPage();
    await signInThroughForm(memberPage, server.url, memberEmail, PASSWORD);

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      // The admin (two-factor on, this browser not remembered): password, a recovery code, then the settings page.
      await passwordStep(page);
      await page.fill('[data-testid=two-factor-sign-in-code]', recoveryCodes[1]!);
      await page.click('[data-testid=two-factor-verify]');
      await page.waitForSelector('[data-testid=nav]');
      await page.click('[data-testid=nav-company-settings]');
      await page.waitForSelector('[data-testid=company-two-factor-switch]');
      expect(await page.locator('[data-testid=company-two-factor-count]').innerText()).toContain('1 of 2');
      await page.click('[data-testid=company-two-factor-switch]');
      await page.getByText('Two-factor sign-in is now required').waitFor();
      await page.screenshot({ path: '/tmp/twofactor-company-settings.png', fullPage: true });

      // The member's next step in the console (the profile, whose data it asks for) lands on set-up, without a reload.
      await memberPage.click('[data-testid=user-menu]');
      await memberPage.getByText('Profile', { exact: true }).click();
      await memberPage.waitForSelector('[data-testid=two-factor-required]');
      expect(memberPage.url()).toContain('/two-factor-setup');
      await working.close();

      await page.click('[data-testid=user-menu]');
      await page.click('[data-testid=sign-out]');

      // The member: after the password, the set-up page and nothing else.
      await page.waitForSelector('[data-testid=sign-in-submit]');
      await page.fill('input[name=email]', memberEmail);
      await page.fill('input[name=password]', PASSWORD);
      await page.click('[data-testid=sign-in-submit]');
      await page.waitForSelector('[data-testid=two-factor-required]');
      expect(page.url()).toContain('/two-factor-setup');
      expect(await page.locator('[data-testid=two-factor-required]').innerText()).toContain('TF Browser Co');
      await page.screenshot({ path: '/tmp/twofactor-enroll.png', fullPage: true });
      await page.click('[data-testid=two-factor-start]');
      await page.fill('[data-testid=reauth-password]', PASSWORD);
      await page.click('[data-testid=reauth-confirm]');
      await page.waitForSelector('[data-testid=two-factor-qr]');
      const memberSecret = (await page.locator('[data-testid=two-factor-secret]').innerText()).replace(/\s+/g, '');
      await page.fill('[data-testid=two-factor-code]', codeAt(memberSecret, 0));
      await page.click('[data-testid=two-factor-confirm]');
      await page.waitForSelector('[data-testid=recovery-codes]');
      expect(await page.locator('[data-testid=recovery-code]').count()).toBe(10);
      await page.click('[data-testid=two-factor-continue]');
      await page.waitForSelector('[data-testid=nav]');
    } finally {
      await context.close();
      await working.close();
    }
  });
});
