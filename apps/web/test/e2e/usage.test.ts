import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, navKeys, signInThroughForm, startWebServer, type WebServer } from './browser';
import { seedUsage } from './usage-data';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  await seedUsage(server);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in page of its own context (downloads allowed), closed after the test. */
async function as<T>(email: string, run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  try {
    await signInThroughForm(page, server.url, email, DEMO_PASSWORD);
    return await run(page, context);
  } finally {
    await context.close();
  }
}

/** How many pixels of a canvas are not transparent: a drawn chart has many. */
const paintedPixels = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

/** The numbers in a table's body cells (thousands separators removed). */
const tableNumbers = async (page: Page, testid: string) =>
  (await page.locator(`[data-testid=${testid}] tbody td`).allInnerTexts()).map((s) => Number(s.replace(/,/g, ''))).filter((n) => Number.isFinite(n));

describe('the usage pages in Chromium', () => {
  test('an ops member opens Usage from the nav and sees the chart drawn, the days in the table and the totals', async () => {
    await as('ops@acme.demo', async (page) => {
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(err.message));
      expect(await navKeys(page)).toContain('usage');
      await page.click('[data-testid=nav-usage]');
      await page.waitForURL((u) => u.pathname === '/usage');
      await page.waitForSelector('[data-testid=usage-table] tbody tr td');
      await page.waitForSelector('[data-testid=usage-chart-card] canvas');
      // ECharts animates for 300 ms; then the lines are on the canvas.
      await page.waitForTimeout(600);
      expect(await paintedPixels(page, '[data-testid=usage-chart-card] canvas')).toBeGreaterThan(2_000);
      expect(await page.locator('[data-testid=usage-chart-empty]').count()).toBe(0);

      // The totals are the API's, for the same 30 days.
      const api = await page.evaluate(async () => {
        const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        const from = new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
        return (await (await fetch(`/api/usage/daily?from=${from}&to=${to}`)).json()) as { totals: Record<string, number> };
      });
      expect(api.totals.audioAll).toBeGreaterThan(0);
      for (const field of ['audioAll', 'sdAll', 'hdAll', 'hdpAll', 'videoAll']) {
        expect(Number(await page.locator(`[data-testid=usage-total-${field}] [data-value]`).getAttribute('data-value')), field).toBe(api.totals[field]);
      }
      expect(Math.max(...(await tableNumbers(page, 'usage-table')))).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=usage-fees-total]').innerText()).toMatch(/^\$\d/);

      // Ops may read usage, not export it, nor list projects.
      expect(await page.locator('[data-testid=usage-export-csv], [data-testid=usage-export-xlsx]').count()).toBe(0);
      expect(await page.locator('[data-testid=usage-projects-hidden]').isVisible()).toBe(true);

      // A time frame over 366 days is explained, not sent.
      const asked: string[] = [];
      page.on('request', (r) => r.url().includes('/api/usage/daily') && asked.push(r.url()));
      await page.click('[data-testid=usage-range]');
      await page.fill('[data-testid=usage-range] input >> nth=0', '2024-01-01');
      await page.keyboard.press('Enter');
      await page.click('[data-testid=usage-query]');
      await page.waitForSelector('text=The time frame may span at most 366 days');
      expect(asked).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  test('the support member has no Usage nav entry and gets the no-permission page on /usage', async () => {
    await as('support@acme.demo', async (page) => {
      expect(await navKeys(page)).not.toContain('usage');
      await page.goto(`${server.url}/usage`);
      await page.waitForSelector('[data-testid=no-permission]');
      expect(await page.locator('[data-testid=usage-table]').count()).toBe(0);
    });
  });

  test('the overview shows a member who reads usage the recent usage card', async () => {
    await as('ops@acme.demo', async (page) => {
      await page.waitForSelector('[data-testid=usage-widget] canvas');
      await page.waitForTimeout(600);
      expect(await paintedPixels(page, '[data-testid=usage-widget] canvas')).toBeGreaterThan(500);
    });
    await as('support@acme.demo', async (page) => {
      await page.waitForSelector('[data-testid=overview-role]');
      expect(await page.locator('[data-testid=usage-widget]').count()).toBe(0);
    });
  });

  test("an admin exports the shown days as CSV: usage.csv with a row per day and project", async () => {
    await as('admin@acme.demo', async (page) => {
      await page.goto(`${server.url}/usage`);
      await page.waitForSelector('[data-testid=usage-table] tbody tr td');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=usage-export-csv]')]);
      expect(download.suggestedFilename()).toBe('usage.csv');
      const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^"?Period"?,"?Project ID"?,"?Project"?,/);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines[1]).toMatch(/^"?\d{4}-\d{2}-\d{2}"?,/);
      await page.waitForSelector('text=usage.csv downloaded');
    });
  });

  test('a reseller sees the chart with the seven product tabs, each with its own series, and downloads usage.xlsx', async () => {
    await as('reseller@rtc.demo', async (page) => {
      await page.click('[data-testid=nav-usage-reseller-chart]');
      await page.waitForURL((u) => u.pathname === '/reseller/usage/chart');
      await page.waitForSelector('[data-testid=usage-reseller-table] tbody tr td');
      const tabs = await page.locator('[data-testid^=usage-tab-]').allInnerTexts();
      expect(tabs).toEqual(['Video & Audio', 'On-premise Recording', 'Cloud Recording', 'Mini App', 'Transcoding', 'Concurrent Channel', 'Real-time Messaging (RTM)']);
      expect(Math.max(...(await tableNumbers(page, 'usage-reseller-table')))).toBeGreaterThan(0);
      expect(await paintedPixels(page, '.usage-chart canvas')).toBeGreaterThan(2_000);

      await page.click('[data-testid=usage-tab-rtm]');
      await page.waitForSelector('[data-testid=usage-reseller-table] th:has-text("Daily active users")');
      await page.click('[data-testid=usage-tab-transcoding]');
      await page.waitForSelector('[data-testid=usage-reseller-table] th:has-text("H.265 SD video hosting-in")');

      await page.click('[data-testid=nav-usage-reseller-download]');
      await page.waitForSelector('[data-testid=usage-download]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=usage-download]')]);
      expect(download.suggestedFilename()).toBe('usage.xlsx');
      // An xlsx file is a zip archive.
      expect(readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');
    });
  });

  test('the operator cannot save a negative price, and saves a fixed table after confirming', async () => {
    await as('operator@rtc.demo', async (page) => {
      await page.click('[data-testid=nav-usage-prices]');
      await page.waitForSelector('[data-testid=price-free-0]');
      await page.fill('[data-testid=price-per-thousand-0]', '-1');
      await page.locator('[data-testid=price-per-thousand-0]').blur();
      await page.waitForSelector('[data-testid=price-problem-0-perThousand]');
      await page.click('[data-testid=prices-save]');
      await page.waitForSelector('[data-testid=prices-invalid]');
      expect(await page.locator('[data-testid=confirm-save-prices]').count()).toBe(0);

      await page.fill('[data-testid=price-per-thousand-0]', '7.5');
      await page.locator('[data-testid=price-per-thousand-0]').blur();
      await page.click('[data-testid=prices-save]');
      await page.click('[data-testid=confirm-save-prices]');
      await page.waitForSelector('text=Price table saved');
      await page.reload();
      await page.waitForSelector('[data-testid=price-per-thousand-0]');
      expect(await page.inputValue('[data-testid=price-per-thousand-0]')).toBe('7.5');
    });
  });
});
