/**
 * The server's refusals land on the field they concern, in the user's words, and leave it once
 * the field is edited: the profile's new password (it holds the account's name), an invitation to
 * someone already a member, a role named like an existing one. The forms route them through the
 * web kit's useSubmit.
 */
import { DEMO_COMPANIES, DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import roles from '../../src/i18n/messages/roles';
import team from '../../src/i18n/messages/team';
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

const acme = DEMO_COMPANIES[0]!;

/** The feedback under the form item holding `input`. */
const feedbackOf = (page: Page, input: string): Locator => page.locator('.n-form-item', { has: page.locator(`[data-testid=${input}]`) }).locator('.n-form-item-feedback-wrapper');

async function asUser(email: string, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await signInThroughForm(page, server.url, email, DEMO_PASSWORD);
    await run(page);
  } finally {
    await context.close();
  }
}

test("a new password holding the account's name is refused on its field; editing the field clears it", async () => {
  const engineer = acme.members.find((m) => m.role === 'engineer')!;
  await asUser(engineer.email, async (page) => {
    await page.goto(`${server.url}/profile`);
    const weak = `${engineer.name} rocks!`;
    await page.fill('[data-testid=password-current]', DEMO_PASSWORD);
    await page.fill('[data-testid=password-new]', weak);
    await page.fill('[data-testid=password-confirm]', weak);
    await page.click('[data-testid=password-save]');
    await expect.poll(() => feedbackOf(page, 'password-new').innerText()).toMatch(/e-mail address or your name/);
    await page.fill('[data-testid=password-new]', 'quiet harbour lanterns');
    await expect.poll(() => feedbackOf(page, 'password-new').innerText()).not.toMatch(/e-mail address or your name/);
  });
  // Nothing changed: the demo password still signs in.
  expect((await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: engineer.email, password: DEMO_PASSWORD }) })).status).toBe(200);
});

test('inviting someone already a member says so on the e-mail field', async () => {
  const member = acme.members[0]!;
  await asUser(acme.input.email, async (page) => {
    await page.goto(`${server.url}/team`);
    await page.click('[data-testid=invite-member]');
    await page.fill('[data-testid=invite-email]', member.email);
    await page.click('[data-testid=invite-role]');
    await page.locator('.n-base-select-option').first().click();
    await page.click('[data-testid=invite-submit]');
    const said = team.en.team.invite.alreadyMember.replace('{email}', member.email);
    await expect.poll(() => feedbackOf(page, 'invite-email').innerText()).toBe(said);
    await page.fill('[data-testid=invite-email]', 'someone.new@example.com');
    await expect.poll(() => feedbackOf(page, 'invite-email').innerText()).not.toBe(said);
  });
});

test('a role named like an existing one is refused on the name field', async () => {
  await asUser(acme.input.email, async (page) => {
    await page.goto(`${server.url}/roles`);
    await page.click('[data-testid=new-role]');
    await page.fill('[data-testid=role-name]', acme.customRole.name);
    await page.locator('[data-testid^=role-perm-]').first().click();
    await page.click('[data-testid=role-save]');
    await expect.poll(() => feedbackOf(page, 'role-name').innerText()).toBe(roles.en.roles.editor.nameTaken);
  });
});
