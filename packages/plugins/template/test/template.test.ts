/**
 * The plugin in a real test console (@rtc-console/testing: the host on a fresh database, the demo
 * seeded, this plugin installed): its routes behind its permission, its permission in the
 * catalogue, its table behind row-level security, its demo data through its declared services.
 */
import { demoContext, inCompany, rowsOf, servicesOfPlugin } from '@rtc-console/core';
import { BUILTIN_ROLE_KEYS } from '@rtc-console/core/shared';
import { createTestApp, DEMO_COMPANIES, type TestApp } from '@rtc-console/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { templateServerPlugin } from '../src/server/index.js';
import { pluginName } from '../src/shared/name.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ plugins: [templateServerPlugin] });
});
afterAll(() => t?.close());

const [acme, galaxy] = DEMO_COMPANIES;
/** The demo member of Acme holding a built-in role (the company's admin signed it up). */
const acmeMember = (role: string) => (role === 'admin' ? acme!.input.email : acme!.members.find((m) => m.role === role)!.email);
const companyOf = async (email: string) => ((await t.signIn(email)).me as { companyId: number }).companyId;

describe('/api/template/items', () => {
  test('answers the built-in roles that hold template.read (by its area), refuses the others and signed-out callers', async () => {
    expect((await t.anonymous().get('/api/template/items')).status).toBe(401);
    const holders: string[] = [];
    for (const role of BUILTIN_ROLE_KEYS) {
      const member = await t.signIn(acmeMember(role));
      const [list, add] = [await member.get('/api/template/items'), await member.post('/api/template/items', { name: `By ${role}` })];
      if (list.status === 200) holders.push(role);
      expect([list.status, add.status], role).toEqual(list.status === 200 ? [200, 201] : [403, 403]);
    }
    // "analytics" is a core area: support and engineers use it, and admins hold everything.
    expect(holders.sort()).toEqual(['admin', 'engineer', 'support']);
  });

  test('adds trimmed names, refuses empty and long ones, lists the newest first and audits each addition', async () => {
    const admin = await t.signIn(acmeMember('admin'));
    for (const name of ['   ', 'x'.repeat(121)]) expect((await admin.post('/api/template/items', { name })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/api/template/items', { name: '  First  ' })).body).toMatchObject({ id: expect.any(Number), name: 'First' });
    await admin.post('/api/template/items', { name: 'Second' });
    const { rows, count } = (await admin.get('/api/template/items?limit=2')).body as { rows: { name: string }[]; count: number };
    expect(rows.map((r) => r.name)).toEqual(['Second', 'First']);
    expect(count).toBeGreaterThan(2);
    const audit = (await admin.get('/api/audit?action=template.item.create')).body.rows as { changes: { after: { name: string } } }[];
    expect(audit.map((e) => e.changes.after.name)).toContain('First');
  });
});

test('its permission is in the catalogue with its English and Chinese labels, and a custom role can hold it alone', async () => {
  const admin = await t.signIn(acmeMember('admin'));
  const { permissions } = (await admin.get('/api/roles/catalogue')).body as { permissions: { key: string; label: Record<string, string> }[] };
  expect(permissions.find((p) => p.key === 'template.read')?.label).toEqual({ en: `View and add ${pluginName.en} items`, 'zh-CN': `查看和添加${pluginName['zh-CN']}条目` });
  const role = await admin.post('/api/roles', { name: 'Item keeper', permissions: ['template.read'] });
  expect(role.body.permissions).toEqual(['template.read']);
});

test('its migration made template_items, a company-owned table that row-level security walls per company', async () => {
  const [table] = rowsOf<{ rls: boolean; policies: number }>(
    await t.core.db.execute(sql`select relrowsecurity as rls, (select count(*)::int from pg_policies where tablename = 'template_items') as policies from pg_class where relname = 'template_items'`),
  );
  expect(table).toEqual({ rls: true, policies: 1 });
  const [mine, theirs] = [await companyOf(acme!.input.email), await companyOf(galaxy!.input.email)];
  const namesSeenBy = (company: number) => inCompany(t.core.db, company, async (tx) => rowsOf<{ name: string }>(await tx.execute(sql`select name from template_items`)).map((r) => r.name));
  await inCompany(t.core.db, mine, (tx) => tx.execute(sql`insert into template_items (company_id, name) values (${mine}, 'Walled in')`));
  expect(await namesSeenBy(mine)).toContain('Walled in');
  expect(await namesSeenBy(theirs)).not.toContain('Walled in');
  await expect(inCompany(t.core.db, theirs, (tx) => tx.execute(sql`insert into template_items (company_id, name) values (${mine}, 'Forged')`))).rejects.toThrow();
});

test('the demo seed gives every company an item, writing with the one service the plugin declares', async () => {
  const services = servicesOfPlugin(t.core, templateServerPlugin);
  expect(Object.keys(services)).toEqual(['systemDb']);
  await templateServerPlugin.seedDemo!(services, demoContext(t.core, ''));
  const [seeded] = rowsOf<{ companies: number; total: number }>(
    await t.core.db.execute(sql`select count(distinct company_id)::int as companies, (select count(*)::int from companies) as total from template_items where name = 'Welcome'`),
  );
  expect(seeded!.companies).toBe(seeded!.total);
});
