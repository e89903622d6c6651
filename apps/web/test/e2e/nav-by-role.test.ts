import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_COMPANIES, DEMO_PASSWORD } from '@rtc-console/testing';
import { catalogueWith, createAppAbility, defineRulesFor, isBuiltinRoleKey, platformAbilityOf, type MemberRoleInput } from '@rtc-console/core/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { navEntries, type PlacedNavEntry } from '../../src/nav';
import { webPlugins } from '../../src/plugins';
import { launchChromium, navKeys, signInThroughForm, startWebServer, type WebServer } from './browser';

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

/** The permission catalogue as the API builds it: core's and every installed plugin's. */
const catalogue = catalogueWith(webPlugins.map((p) => p.manifest));

/** Who a login is, as the layout sees it: a role in a company (or none), reseller staff, platform operator. */
interface Viewer {
  email: string;
  role: MemberRoleInput['role'] | null;
  reseller: boolean;
  operator: 'admin' | 'support' | false;
}

/** Every demo login with the role it holds in its first company, as `defineRulesFor` takes it. */
const members: Viewer[] = DEMO_COMPANIES.flatMap((c): Viewer[] => {
  const customRules = catalogue.toRules(c.customRole.permissions);
  const roleOf = (role: string): MemberRoleInput['role'] => (isBuiltinRoleKey(role) ? { builtin: role } : { rules: customRules, projectIds: null });
  return [
    { email: c.input.email, role: roleOf('admin'), reseller: false, operator: false },
    ...c.members.map((m): Viewer => ({ email: m.email, role: roleOf(m.role), reseller: false, operator: false })),
  ];
}).filter((m, i, all) => all.findIndex((o) => o.email === m.email) === i);

/** The demo's people outside any company (packages/server/src/demo/demo-data.ts DEMO_STAFF): the reseller's staff and the operator. */
const staff: (Viewer & { intro: string })[] = [
  { email: 'reseller@rtc.demo', role: null, reseller: true, operator: false, intro: 'overview-reseller' },
  { email: 'operator@rtc.demo', role: null, reseller: false, operator: 'admin', intro: 'overview-operator' },
  // A read-only operator role: the staff, settings and ingest-key entries are not its.
  { email: 'desk@rtc.demo', role: null, reseller: false, operator: 'support', intro: 'overview-operator' },
];

/**
 * What the nav tables say this login may see, by the layout's rule: the overview, company entries
 * the role allows (only with a company), the reseller section for reseller staff, the operator
 * section for the platform operator.
 */
function expectedNav(v: Viewer): string[] {
  const ability = createAppAbility(v.role ? defineRulesFor({ userId: 1, companyId: 1, role: v.role }, catalogue) : []);
  const visible = (e: PlacedNavEntry) => {
    switch (e.section ?? 'company') {
      case 'company':
        return !!v.role && (!e.can || ability.can(...e.can));
      case 'reseller':
        return v.reseller;
      case 'operator':
        return !!v.operator && (!e.can || platformAbilityOf({ kind: 'operator', userId: 1, role: v.operator }).can(...e.can));
    }
  };
  return ['overview', ...navEntries.filter(visible).map((e) => e.key)].sort();
}

/**
 * A route's path by its name (`operator-companies` → `/operator/companies`): core's from the
 * router's table, a plugin's from the routes it declares.
 */
const routerSource = readFileSync(fileURLToPath(new URL('../../src/router/index.ts', import.meta.url)), 'utf8');
const pluginPaths = new Map(webPlugins.flatMap((p) => p.routes).map((r) => [String(r.name), `/${r.path}`]));
function pathOf(name: string): string {
  const pluginPath = pluginPaths.get(name);
  if (pluginPath) return pluginPath;
  const m = new RegExp(`path: '([^']*)', name: '${name}'`).exec(routerSource);
  if (!m) throw new Error(`route "${name}" is not in src/router/index.ts`);
  return `/${m[1]}`;
}

async function expectNoPermission(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('[data-testid=no-permission]');
  expect(await page.locator('[data-testid=no-permission]').isVisible()).toBe(true);
}

describe('each demo role in Chromium', () => {
  test.each(members)('$email sees exactly the nav entries of its role, and a clear no-permission page elsewhere', async (member) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInThroughForm(page, server.url, member.email, DEMO_PASSWORD);
      const expected = expectedNav(member);
      expect(await navKeys(page)).toEqual(expected);
      const hidden = navEntries.find((e) => !expected.includes(e.key));
      if (hidden) await expectNoPermission(page, pathOf(hidden.to));
    } finally {
      await context.close();
    }
  });

  test.each(staff)('$email (no company) sees the overview and its section, a friendly overview, and no company pages', async (person) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInThroughForm(page, server.url, person.email, DEMO_PASSWORD);
      const expected = expectedNav(person);
      expect(await navKeys(page)).toEqual(expected);
      // No company: no company name or switcher in the header.
      expect(await page.locator('[data-testid=company-name], [data-testid=company-switcher]').count()).toBe(0);
      // The overview, loaded afresh while signed in, says who they are instead of a company role, without errors.
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(err.message));
      page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
      await page.goto(`${server.url}/`);
      await page.waitForSelector(`[data-testid=${person.intro}]`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('[data-testid=overview-role]').count()).toBe(0);
      // Each page of its section opens; a company page does not.
      for (const e of navEntries.filter((n) => expected.includes(n.key))) {
        await page.click(`[data-testid=nav-${e.key}]`);
        await page.waitForURL((u) => u.pathname === pathOf(e.to));
        expect(await page.locator('[data-testid=no-permission]').count()).toBe(0);
        // Give the page's own requests time to answer (a client-side navigation has no load state).
        await page.waitForTimeout(500);
      }
      const companyPage = navEntries.find((e) => (e.section ?? 'company') === 'company');
      if (companyPage) await expectNoPermission(page, pathOf(companyPage.to));
      // A page of its own section its role does not allow (the support desk's staff page) says so too.
      const notItsRole = navEntries.find((e) => e.section === (person.operator ? 'operator' : 'reseller') && !expected.includes(e.key));
      if (notItsRole) await expectNoPermission(page, pathOf(notItsRole.to));
      // Neither the overview nor the section's pages failed a request or threw.
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a company admin gets the no-permission page on every operator page', async () => {
    const admin = members[0]!;
    const operatorPages = navEntries.filter((e) => e.section === 'operator');
    expect(operatorPages.length).toBeGreaterThan(0);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInThroughForm(page, server.url, admin.email, DEMO_PASSWORD);
      for (const e of operatorPages) await expectNoPermission(page, pathOf(e.to));
      expect(pathOf('operator-companies')).toBe('/operator/companies');
    } finally {
      await context.close();
    }
  });

  test('switching to 中文 changes the page', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await signInThroughForm(page, server.url, 'engineer@acme.demo', DEMO_PASSWORD);
      await page.goto(`${server.url}/projects`);
      await page.waitForSelector('[data-testid=projects-table]');
      expect(await page.locator('[data-testid=nav-projects]').innerText()).toBe('Projects');
      await page.click('[data-testid=language-switcher]');
      await page.getByText('中文', { exact: true }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      expect(await page.locator('[data-testid=nav-projects]').innerText()).toBe('项目管理');
      expect(await page.locator('h1').innerText()).toBe('项目管理');
      expect(await page.title()).toContain('RTC 控制台');
      // The choice is the user's: it survives a reload.
      await page.reload();
      await page.waitForSelector('[data-testid=nav-projects]');
      expect(await page.locator('[data-testid=nav-projects]').innerText()).toBe('项目管理');
    } finally {
      await context.close();
    }
  });
});
