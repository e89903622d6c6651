/**
 * One access model for every caller: the route mounter checks the permission a route declares
 * on the caller's own ability, whatever its kind, and a reseller's reads run behind the reseller
 * wall, so a handler that forgets the reseller condition still shows nothing of another's.
 * A careless plugin's routes stand in for the mistakes a real one could make.
 */
import { companies, defineRoutes, defineServerPlugin, projects, type ServerPlugin } from '@rtc-console/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installedPlugins } from '../src/plugins.js';
import { createTestApp, type TestApp, type TestClient } from './harness.js';
import { apiKey, otherReseller, resellerId, signedClient } from './reseller-helpers.js';

const careless: ServerPlugin = defineServerPlugin({
  manifest: { id: 'careless', name: { en: 'Careless', 'zh-CN': '粗心' } },
  routes: () =>
    defineRoutes([
      // Forgets the reseller condition: the wall still shows only the caller's companies.
      {
        method: 'get', path: '/companies', summary: 'every company, carelessly', access: { auth: 'reseller' },
        async handler(req, res) {
          res.json(await req.reseller!.tx(async (tx) => ({
            companies: (await tx.select({ id: companies.id }).from(companies)).map((c) => c.id),
            projects: (await tx.select({ companyId: projects.companyId }).from(projects)).map((p) => p.companyId),
          })));
        },
      },
      // Declares more than reseller staff hold: refused before the handler runs.
      { method: 'get', path: '/operator-only', summary: 'x', access: { auth: 'reseller', can: ['manage', 'IngestKey'] }, handler: (_req, res) => void res.json({ reached: true }) },
      // The operator manages the platform but reads no company's own data.
      { method: 'get', path: '/projects', summary: 'x', access: { auth: 'operator', can: ['read', 'Project'] }, handler: (_req, res) => void res.json({ reached: true }) },
      { method: 'get', path: '/platform', summary: 'x', access: { auth: 'operator' }, handler: (_req, res) => void res.json({ reached: true }) },
    ]),
  mounts: () => [
    {
      prefix: '/v1/careless',
      routes: defineRoutes([
        {
          method: 'get', path: '/companies', summary: 'every company, carelessly', access: { auth: 'resellerApi' },
          async handler(req, res) {
            res.json(await req.reseller!.tx(async (tx) => (await tx.select({ id: companies.id }).from(companies)).map((c) => c.id)));
          },
        },
        // Visiting dashboards is for staff: a key is refused even on its own company.
        { method: 'get', path: '/companies/:id/visit', summary: 'x', access: { auth: 'resellerApi', company: 'id', can: ['visit', 'Company'] }, handler: (_req, res) => void res.json({ reached: true }) },
        { method: 'get', path: '/companies/:id', summary: 'x', access: { auth: 'resellerApi', company: 'id' }, handler: (req, res) => void res.json({ id: req.resellerCompany!.id }) },
      ]),
    },
  ],
});

let t: TestApp;
let staff: TestClient;
let operator: TestClient;
let own: number[];
let foreign: number;

beforeAll(async () => {
  t = await createTestApp({ plugins: [...installedPlugins, careless] });
  const mine = await resellerId(t.core);
  own = (await t.core.db.select({ id: companies.id, resellerId: companies.resellerId }).from(companies)).filter((c) => c.resellerId === mine).map((c) => c.id).sort((a, b) => a - b);
  foreign = (await otherReseller(t.core)).companyId;
  staff = await t.signIn('reseller@rtc.demo');
  operator = await t.signIn('operator@rtc.demo');
});
afterAll(() => t?.close());

describe('the reseller wall behind a handler that forgets the condition', () => {
  test("staff see their reseller's companies and projects only", async () => {
    expect(own.length).toBeGreaterThan(0);
    const res = await staff.get('/api/careless/companies');
    expect(res.status).toBe(200);
    expect([...res.body.companies].sort((a: number, b: number) => a - b)).toEqual(own);
    expect(res.body.companies).not.toContain(foreign);
    expect(res.body.projects.length).toBeGreaterThan(0);
    for (const c of res.body.projects) expect(own).toContain(c);
  });

  test("an API key sees its reseller's companies only", async () => {
    const call = signedClient(t.app, await apiKey(t.core));
    const res = await call('get', '/v1/careless/companies');
    expect(res.status).toBe(200);
    expect([...res.body].sort((a: number, b: number) => a - b)).toEqual(own);
  });
});

describe("the mounter checks each route's declared permission on the caller's ability", () => {
  test('reseller staff are refused what only the operator holds', async () => {
    expect((await staff.get('/api/careless/operator-only')).status).toBe(403);
  });

  test("the operator is refused a company's own data, and let in to the platform", async () => {
    expect((await operator.get('/api/careless/projects')).status).toBe(403);
    expect((await operator.get('/api/careless/platform')).status).toBe(200);
  });

  test('a key may read its own company, not visit it, and is refused another reseller’s', async () => {
    const call = signedClient(t.app, await apiKey(t.core));
    expect((await call('get', `/v1/careless/companies/${own[0]}`)).body).toEqual({ id: own[0] });
    expect((await call('get', `/v1/careless/companies/${own[0]}/visit`)).status).toBe(403);
    expect((await call('get', `/v1/careless/companies/${foreign}`)).status).toBe(403);
    expect((await call('get', '/v1/careless/companies/999999')).status).toBe(404);
  });
});
