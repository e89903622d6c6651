// The operator's and a reseller's overview in Chromium (issue 16): companies by status, new this
// week, the usage plugin's RTC minutes this month against last month as cards, and the usage
// column of the company lists; in English, and the reseller's in Chinese.
import { DEMO_PASSWORD } from '@rtc-console/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import figures from '../../src/i18n/messages/figures';
import { launchChromium, sidewaysOverflow, signInThroughForm, startWebServer, switchToChinese } from './browser';
import { createIngestKey, monthBounds, setCompanyPlugin } from '@rtc-console/core';
import { generateTraffic } from '@rtc-console/plugin-usage/server';
import { seedUsage } from './usage-data';

const bounds = monthBounds(new Date());
const shots = '/tmp/shots-tables';
/** On a month's first day, nothing of this month is in yet (the traffic ends yesterday). */
const monthStarted = new Date().getUTCDate() > 1;

let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  await seedUsage(server);
  // Last month's first days too (the figures' previous period: the same days as this month's so far).
  const key = await createIngestKey(server.core.db, 'overview tests');
  const sameDays = Number(bounds.lastMonthSameDay.slice(8, 10));
  await generateTraffic({ baseUrl: server.url, accessKeyId: key.accessKeyId, secret: key.secret, companies: 2, days: sameDays, calls: 10, endDay: bounds.lastMonthSameDay, seed: 16 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Overview {
  companies: { total: number; byStatus: Record<string, number>; newThisWeek: number };
  figures: { key: string; value: number; previous?: number }[];
}

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, email, DEMO_PASSWORD);
  return page;
}

const apiGet = <T>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
const digits = (s: string) => Number(s.replace(/[^\d]/g, ''));

/** The overview's cards against the API's numbers for the same caller. */
async function expectCards(page: Page, kind: 'operator' | 'reseller') {
  await page.goto(`${server.url}/`);
  const section = page.locator(`[data-testid=overview-${kind}-figures]`);
  await section.locator('[data-testid=figure-usage\\.rtcMinutes]').waitFor();
  const api = await apiGet<Overview>(page, `/api/${kind}/overview`);
  const rtc = api.figures.find((f) => f.key === 'usage.rtcMinutes')!;
  if (monthStarted) expect(rtc.value).toBeGreaterThan(0);
  expect(rtc.previous).toBeGreaterThan(0);
  const card = section.locator('[data-testid=figure-usage\\.rtcMinutes]');
  expect(digits(await card.locator('[data-testid=figure-value]').innerText())).toBe(rtc.value);
  expect(digits(await card.locator('[data-testid=figure-previous]').innerText())).toBe(rtc.previous);
  expect(await card.locator('[data-testid=figure-change]').innerText()).toMatch(/[▲▼] \d+ %|new|no change|新增|持平/);
  expect(digits(await section.locator('[data-testid=figure-companies] .n-statistic-value').innerText())).toBe(api.companies.total);
  for (const [status, n] of Object.entries(api.companies.byStatus)) {
    expect(await section.locator(`[data-testid=status-count-${status}]`).getAttribute('data-count'), status).toBe(String(n));
  }
  return { section, api };
}

describe('overview in Chromium', () => {
  test("the operator's overview: the platform's companies, resellers and minutes; the usage column on Companies", async () => {
    const page = await signedIn('operator@rtc.demo');
    try {
      const { section } = await expectCards(page, 'operator');
      await section.locator('[data-testid=figure-resellers]').waitFor();
      expect(await section.innerText()).toContain(figures.en.overviewFigures.platformTitle);
      await page.screenshot({ path: '/tmp/overview-operator.png', fullPage: true });

      await page.click('[data-testid=nav-operator-companies]');
      await page.waitForSelector('[data-testid=operator-companies-table] [data-testid=figure-cell]');
      const ids = await page.locator('[data-testid=operator-companies-table] tbody tr td:first-child').allInnerTexts();
      const listed = await apiGet<{ companies: Record<string, { key: string; value: number }[]> }>(page, `/api/operator/figures?companies=${ids.map((s) => s.trim()).join(',')}`);
      const cells = await page.locator('[data-testid=figure-cell]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
      const expected = Object.values(listed.companies).flatMap((l) => l.filter((f) => f.key === 'usage.rtcMinutes').map((f) => f.value));
      expect(cells.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      if (monthStarted) expect(Math.max(...cells)).toBeGreaterThan(0);
      await page.screenshot({ path: '/tmp/overview-operator-companies.png', fullPage: true });
      // Every column fits a 1440 px window: the plugin switches share one cell, limits sit with what is used.
      expect(await sidewaysOverflow(page, 'operator-companies-table')).toBe(0);
      await page.screenshot({ path: `${shots}/operator-companies-en.png` });
      await page.click(`[data-testid=plugins-${ids[0]!.trim()}]`);
      await page.waitForSelector(`[data-testid=plugin-${ids[0]!.trim()}-usage]`);
      await page.screenshot({ path: `${shots}/operator-companies-plugins-en.png` });
      await page.keyboard.press('Escape');

      // The resellers' list: each reseller's minutes over its companies, as the API sums them.
      await page.click('[data-testid=nav-operator-resellers]');
      await page.waitForSelector('[data-testid=operator-resellers-table] [data-testid=figure-cell]');
      expect(await page.locator('[data-testid=operator-resellers-table] thead').innerText()).toContain('RTC minutes this month');
      const resellerIds = await page.locator('[data-testid=operator-resellers-table] tbody tr td:first-child').allInnerTexts();
      const sums = await apiGet<{ resellers: Record<string, { key: string; value: number }[]> }>(page, `/api/operator/figures?resellers=${resellerIds.map((s) => s.trim()).join(',')}`);
      const shown = await page.locator('[data-testid=operator-resellers-table] [data-testid=figure-cell]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
      expect(shown).toEqual(resellerIds.map((id) => sums.resellers[id.trim()]!.find((f) => f.key === 'usage.rtcMinutes')!.value));
      if (monthStarted) expect(Math.max(...shown)).toBeGreaterThan(0);
      expect(await sidewaysOverflow(page, 'operator-resellers-table')).toBe(0);
      await page.screenshot({ path: `${shots}/operator-resellers-en.png` });

      // In Chinese both lists still fit.
      await switchToChinese(page);
      expect(await page.locator('[data-testid=operator-resellers-table] thead').innerText()).toContain('本月 RTC 分钟数');
      expect(await sidewaysOverflow(page, 'operator-resellers-table')).toBe(0);
      await page.screenshot({ path: `${shots}/operator-resellers-zh.png` });
      await page.click('[data-testid=nav-operator-companies]');
      await page.waitForSelector('[data-testid=operator-companies-table] [data-testid=figure-cell]');
      await page.waitForSelector(`[data-testid=plugins-${ids[0]!.trim()}]`);
      expect(await sidewaysOverflow(page, 'operator-companies-table')).toBe(0);
      await page.screenshot({ path: `${shots}/operator-companies-zh.png` });

      // Usage switched off for a company: its row shows no figure ("—"), the others keep theirs.
      const off = Number(ids[0]!.trim());
      const plugins = server.plugins.map((p) => p.manifest);
      await setCompanyPlugin(server.core.db, { userId: null, label: 'test' }, off, 'usage', false, plugins);
      try {
        await page.reload();
        await page.waitForSelector('[data-testid=operator-companies-table] [data-testid=figure-none]');
        expect(await page.locator('[data-testid=figure-none]').count()).toBe(1);
        expect(await page.locator('[data-testid=figure-cell]').count()).toBe(ids.length - 1);
        // Its plugins cell says one is off, in the language of the page.
        expect(await page.locator(`[data-testid=plugins-${off}]`).innerText()).toMatch(/^(\d+ of \d+ on|开启 \d+\/\d+)$/);
        await page.screenshot({ path: `${shots}/operator-companies-usage-off.png` });
      } finally {
        await setCompanyPlugin(server.core.db, { userId: null, label: 'test' }, off, 'usage', true, plugins);
      }
    } finally {
      await page.context().close();
    }
  });

  test("a reseller's overview in English, then in Chinese; its company list shows usage this month", async () => {
    const page = await signedIn('reseller@rtc.demo');
    try {
      const { section } = await expectCards(page, 'reseller');
      expect(await section.innerText()).toContain(figures.en.overviewFigures.resellerTitle);
      expect(await section.locator('[data-testid=figure-resellers]').count()).toBe(0);
      await page.screenshot({ path: '/tmp/overview-reseller.png', fullPage: true });

      await page.click('[data-testid=nav-reseller-companies]');
      await page.waitForSelector('[data-testid=reseller-companies-table] [data-testid=figure-cell]');
      expect(await page.locator('[data-testid=reseller-companies-table] thead').innerText()).toContain('RTC minutes this month');
      await page.screenshot({ path: '/tmp/overview-reseller-companies.png', fullPage: true });
      expect(await sidewaysOverflow(page, 'reseller-companies-table')).toBe(0);
      await page.screenshot({ path: `${shots}/reseller-companies-en.png` });

      await page.click('[data-testid=language-switcher]');
      await page.getByText('中文', { exact: true }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      expect(await page.locator('[data-testid=reseller-companies-table] thead').innerText()).toContain('本月 RTC 分钟数');
      expect(await sidewaysOverflow(page, 'reseller-companies-table')).toBe(0);
      await page.screenshot({ path: `${shots}/reseller-companies-zh.png` });
      const zh = await expectCards(page, 'reseller');
      const text = await zh.section.innerText();
      expect(text).toContain(figures['zh-CN'].overviewFigures.resellerTitle);
      expect(text).toContain('本月 RTC 分钟数');
      expect(text).toContain(figures['zh-CN'].overviewFigures.byStatus);
      expect(text).toContain('上月同期');
      await page.screenshot({ path: '/tmp/overview-reseller-zh.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
