/**
 * Plugins' slots and the API client's session handling, in Chromium: the usage plugin's tab on
 * the project detail page (for roles that may read usage, by the nav's rule), and a session
 * ended on the server mid-use landing on sign-in, then back on the same page and tab after
 * signing in again, without a full page load.
 */
import { DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

/** A signed-in page of its own context that records uncaught errors, closed after the test. */
async function as<T>(email: string, run: (page: Page, context: BrowserContext, problems: string[]) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  try {
    await signInThroughForm(page, server.url, email, DEMO_PASSWORD);
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    return await run(page, context, problems);
  } finally {
    await context.close();
  }
}

/** Opens the first project of the list, by its link, and waits for its tabs. */
async function openFirstProject(page: Page): Promise<string> {
  await page.click('[data-testid=nav-projects]');
  const link = page.locator('[data-testid=projects-table] a[data-testid^="project-"]').first();
  await link.waitFor();
  const id = (await link.getAttribute('data-testid'))!.replace(/^project-/, '');
  await link.click();
  await page.waitForSelector('[data-testid=project-tabs]');
  return id;
}

const tabKeys = (page: Page) =>
  page.locator('[data-testid^="project-tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace(/^project-tab-/, '')));

describe('project tabs from plugins', () => {
  test("an admin sees the usage plugin's tab on a project, opens it and sees that project's usage", async () => {
    await as('admin@acme.demo', async (page, _context, problems) => {
      const id = await openFirstProject(page);
      expect(await tabKeys(page)).toEqual(['details', 'usage']);
      await page.click('[data-testid=project-tab-usage]');
      await page.waitForSelector('[data-testid=usage-project-tab] [data-testid=usage-widget]');
      // The open tab is in the URL, and the tab asks the usage API for this project only.
      expect(new URL(page.url()).searchParams.get('tab')).toBe('usage');
      const asked = page.waitForRequest((r) => r.url().includes('/api/usage/daily'));
      await page.locator('[data-testid=usage-project-tab]').getByText('30 days').click();
      expect(new URL((await asked).url()).searchParams.get('projectId')).toBe(id);
      expect(problems).toEqual([]);
    });
  });

  test('an engineer, who may manage projects but not read usage, sees no usage tab', async () => {
    await as('engineer@acme.demo', async (page) => {
      await openFirstProject(page);
      expect(await tabKeys(page)).toEqual(['details']);
      // Asked for by URL, the tab it may not see falls back to the details.
      await page.goto(`${page.url().split('?')[0]}?tab=usage`);
      await page.waitForSelector('[data-testid=project-tabs]');
      expect(await page.locator('[data-testid=usage-project-tab]').count()).toBe(0);
      expect(await page.locator('[data-testid=save-project]').isVisible()).toBe(true);
    });
  });
});

describe('a session ending mid-use', () => {
  test('the next request lands on sign-in, and signing in again returns to the same page and tab', async () => {
    await as('admin@acme.demo', async (page, context, problems) => {
      await openFirstProject(page);
      await page.click('[data-testid=project-tab-usage]');
      await page.waitForSelector('[data-testid=usage-project-tab] [data-testid=usage-widget]');
      const here = new URL(page.url());
      // Marks this page load: a full reload would lose it.
      await page.evaluate(() => ((window as unknown as { loadMark: number }).loadMark = 42));

      // The server ends the session (as an idle timeout or a revocation would): sign it out with its own cookie.
      const cookie = (await context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
      const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
      const out = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }, body: '{}' });
      expect(out.status).toBe(204);

      // The member keeps working: the next request is refused, and the app goes to sign-in.
      await page.locator('[data-testid=usage-project-tab]').getByText('30 days').click();
      await page.waitForURL((u) => u.pathname === '/sign-in');
      const signIn = new URL(page.url());
      expect(signIn.searchParams.get('expired')).toBe('1');
      expect(signIn.searchParams.get('redirect')).toBe(here.pathname + here.search);
      expect(await page.getByText('Your session ended').count()).toBeGreaterThan(0);

      await page.fill('input[name=email]', 'admin@acme.demo');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('[data-testid=sign-in-submit]');
      await page.waitForURL((u) => u.pathname === here.pathname);
      expect(new URL(page.url()).searchParams.get('tab')).toBe('usage');
      await page.waitForSelector('[data-testid=usage-project-tab] [data-testid=usage-widget]');
      // The same page load throughout: the app routed, it did not reload.
      expect(await page.evaluate(() => (window as unknown as { loadMark?: number }).loadMark)).toBe(42);
      // Writes carry the new session's token (kept from the sign-in answer): saving the project's settings works.
      await page.click('[data-testid=project-tab-details]');
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/projects/'));
      await page.click('[data-testid=save-project]');
      expect((await saved).status()).toBe(200);
      expect(problems).toEqual([]);
    });
  });
});
