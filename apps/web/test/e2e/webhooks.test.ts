/**
 * The webhooks plugin's pages in Chromium: an admin adds an endpoint (the server's refusal of a
 * plain-http URL lands on the URL field, the password is asked again, the secret is shown once),
 * sends a test event that a receiver on 127.0.0.1 gets signed, reads it in the delivery log,
 * rotates the secret, switches the endpoint off and deletes it, each after confirming; an
 * engineer has no Webhooks entry; the list in Chinese.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, navKeys, signInThroughForm, startWebServer, type WebServer } from './browser';

const shots = process.env.SCREENSHOT_DIR ?? '/tmp';
let server: WebServer;
let browser: Browser;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  });
});
let receiverUrl: string;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  // The installed plugin, with the demo on: loopback receivers are allowed. Workers run: deliveries happen.
  server = await startWebServer({ jobs: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

/** Standard Webhooks' check, by hand: HMAC-SHA256 over `id.timestamp.body` with the secret's bytes. */
function signatureValid(secret: string, h: IncomingHttpHeaders, body: string): boolean {
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${h['webhook-id']}.${h['webhook-timestamp']}.${body}`).digest('base64');
  return String(h['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

async function open(locale: string, email: string): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 950 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, email, DEMO_PASSWORD);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  return { page, problems, close: () => context.close() };
}

test('an admin adds an endpoint, tests it, reads the delivery, rotates its secret, switches it off and deletes it', async () => {
  const { page, problems, close } = await open('en-US', 'admin@acme.demo');
  await page.click('[data-testid=nav-webhooks]');
  await page.waitForSelector('[data-testid=webhooks-table]');
  await page.click('[data-testid=webhook-add]');
  await page.fill('[data-testid=webhook-url]', receiverUrl.replace('127.0.0.1', 'example.com'));
  await page.fill('[data-testid=webhook-description]', 'Order system');
  await page.click('[data-testid=webhook-events]');
  for (const type of ['project.created', 'member.joined']) {
    await page.keyboard.type(type);
    await page.click(`.n-base-select-option:has-text("${type}")`);
  }
  await page.click('[data-testid=webhook-form] .n-card-header');
  await page.screenshot({ path: `${shots}/webhooks-form.png` });

  // Adding reveals a secret: the password first; then the server refuses http to another machine, on the URL field.
  await page.click('[data-testid=webhook-form-submit]');
  await page.fill('[data-testid=reauth-password]', DEMO_PASSWORD);
  await page.click('[data-testid=reauth-confirm]');
  const urlItem = page.locator('[data-testid=webhook-form] .n-form-item', { has: page.locator('[data-testid=webhook-url]') });
  await expect.poll(() => urlItem.innerText()).toMatch(/https:\/\//);
  await page.screenshot({ path: `${shots}/webhooks-form-error.png` });

  await page.fill('[data-testid=webhook-url]', receiverUrl);
  await page.click('[data-testid=webhook-form-submit]');
  await page.waitForSelector('[data-testid=webhook-secret-dialog]');
  const secret = (await page.locator('[data-testid=webhook-secret]').innerText()).trim();
  expect(secret).toMatch(/^whsec_/);
  await page.screenshot({ path: `${shots}/webhooks-secret.png` });
  await page.click('[data-testid=webhook-secret-dialog-saved]');

  // The endpoint's page: nothing about the secret, then a test event.
  await page.waitForSelector('[data-testid=webhook-event-types]');
  expect(await page.content()).not.toContain(secret);
  await page.click('[data-testid=webhook-test]');
  await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
  expect(signatureValid(secret, received[0]!.headers, received[0]!.body)).toBe(true);
  expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'webhooks.test' });
  await expect.poll(async () => {
    await page.click('[data-testid=deliveries-refresh]');
    return page.locator('[data-testid^=delivery-status-]').allInnerTexts();
  }, { timeout: 20_000 }).toEqual(['Delivered']);
  // The endpoint's own state follows the log: delivered just now.
  await expect.poll(() => page.locator('.n-descriptions').innerText()).not.toContain('Never');
  await page.click('[data-testid=deliveries-table] .n-data-table-expand-trigger');
  await page.waitForSelector('[data-testid^=delivery-detail-]');
  expect(await page.locator('[data-testid^=delivery-detail-]').innerText()).toContain('{"received":true}');
  await page.screenshot({ path: `${shots}/webhooks-detail.png`, fullPage: true });

  // A new secret, shown once (the password was entered a moment ago).
  await page.click('[data-testid=webhook-rotate]');
  await page.click('[data-testid=confirm-rotate]');
  await page.waitForSelector('[data-testid=webhook-secret-dialog]');
  const rotated = (await page.locator('[data-testid=webhook-secret]').innerText()).trim();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await page.click('[data-testid=webhook-secret-dialog-saved]');

  await page.click('[data-testid=webhook-disable]');
  await page.click('[data-testid=confirm-disable]');
  await page.waitForSelector('[data-testid=webhook-enable]');
  expect(await page.locator('[data-testid^=webhook-status-]').innerText()).toBe('Off');
  // The list says so too; back to the endpoint by its link.
  await page.click('text=All endpoints');
  await page.waitForSelector('[data-testid=webhooks-table] [data-testid^=webhook-status-]');
  expect(await page.locator('[data-testid=webhooks-table] tbody').innerText()).toMatch(/Order system[\s\S]*2 events[\s\S]*Off/);
  await page.screenshot({ path: `${shots}/webhooks-list.png` });
  await page.click('[data-testid=webhooks-table] a[data-testid^=webhook-]');
  await page.waitForSelector('[data-testid=webhook-enable]');

  await page.click('[data-testid=webhook-delete]');
  await page.click('[data-testid=confirm-delete]');
  await page.waitForSelector('[data-testid=webhooks-table]');
  await expect.poll(() => page.locator('[data-testid=webhooks-table] .n-data-table-empty').count()).toBe(1);
  expect(problems).toEqual([]);
  await close();
});

test('an engineer has no Webhooks entry and no access by URL; the list reads in Chinese for 星河直播', async () => {
  const engineer = await open('en-US', 'engineer@acme.demo');
  expect(await navKeys(engineer.page)).not.toContain('webhooks');
  await engineer.page.goto(`${server.url}/webhooks`);
  await engineer.page.waitForSelector('text=No permission');
  await engineer.close();

  const galaxy = await open('zh-CN', 'admin@galaxy.demo');
  await galaxy.page.click('[data-testid=nav-webhooks]');
  await galaxy.page.waitForSelector('[data-testid=webhooks-table]');
  await galaxy.page.click('[data-testid=webhook-add]');
  await galaxy.page.waitForSelector('[data-testid=webhook-form]');
  expect(await galaxy.page.locator('[data-testid=webhook-form]').innerText()).toContain('添加 Webhook 接收地址');
  await galaxy.page.screenshot({ path: `${shots}/webhooks-form-zh.png` });
  await galaxy.page.keyboard.press('Escape');
  expect(await galaxy.page.locator('h1').innerText()).toBe('Webhooks');
  await galaxy.page.screenshot({ path: `${shots}/webhooks-list-zh.png` });
  expect(galaxy.problems).toEqual([]);
  await galaxy.close();
});
