#!/usr/bin/env node
// Looks at a page as a given user: signs in through the sign-in form, opens the path, saves a PNG.
// Usage: node scripts/screenshot.mjs <baseUrl> <path> <out.png> [email] [password] [locale en|zh-CN] [width]
import { chromium } from 'playwright-core';

const [base, path, out, email, password = 'rtc-demo-2026', locale = 'en', width = '1400'] = process.argv.slice(2);
if (!base || !path || !out) {
  console.error('usage: screenshot.mjs <baseUrl> <path> <out.png> [email] [password] [locale] [width]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  await page.addInitScript((l) => localStorage.setItem('rtc-console.locale', l), locale);
  if (email) {
    await page.goto(`${base}/sign-in`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await page.click('[data-testid=sign-in-submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    // The user's saved language wins at sign-in; switch to the one asked for through the menu.
    const wanted = locale === 'zh-CN' ? '中文' : 'English';
    if ((await page.locator('[data-testid=language-switcher]').innerText()).trim() !== wanted) {
      await page.click('[data-testid=language-switcher]');
      await page.getByText(wanted, { exact: true }).click();
    }
  }
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
