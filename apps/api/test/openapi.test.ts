// The OpenAPI document of the reseller RESTful API: it covers every /v1 route, it is valid
// OpenAPI 3.1 in shape, and the real answers (successes and refusals) match what it says.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRoutes, routeTables, type ApiDeps } from '@rtc-console/server';
import { companyByName, createTestApp, type TestApp } from './harness.js';
import { apiKey, otherReseller, signedClient } from './reseller-helpers.js';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: { 'application/json': { schema: object } } }>;
  parameters?: { name: string; in: string; required?: boolean }[];
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let doc: Doc;
let send: ReturnType<typeof signedClient>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const checked: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { RESELLER_API_RATE: '100000' } });
  send = signedClient(t.app, await apiKey(t.core));
  doc = (await request(t.app).get('/v1/openapi.json').expect(200)).body as Doc;
});
afterAll(() => t.close());

/** Validates a real answer against the document's schema for its path, method and status. */
function conforms(path: string, method: string, res: { status: number; body: unknown }) {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path} is documented`).toBeDefined();
  const answer = op!.responses[String(res.status)];
  expect(answer, `${method} ${path} documents status ${res.status}`).toBeDefined();
  const schema = answer!.content?.['application/json'].schema;
  if (schema) {
    const validate = ajv.compile(schema);
    expect(validate(res.body), `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body).slice(0, 500)}`).toBe(true);
  }
  checked.push(`${method} ${path} ${res.status}`);
}

describe('the document', () => {
  it('is OpenAPI 3.1 with an operation for every /v1 route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const deps = { core: t.core, config: t.config, plugins: t.plugins } as unknown as ApiDeps;
    const routes = restRoutes(routeTables(deps)).map((r) => `${r.route.method} ${r.path}`).sort();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(routes);
    expect(routes.length).toBeGreaterThanOrEqual(8);
  });

  it('declares path parameters for every {placeholder} and unique operation ids', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        ids.add(op.operationId);
        const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(placeholders.sort());
        for (const [, r] of Object.entries(op.responses)) if (r.content) ajv.compile(r.content['application/json'].schema);
      }
    }
    expect(ids.size).toBe(Object.values(doc.paths).flatMap((ops) => Object.values(ops)).length);
  });
});

describe('real answers match the document', () => {
  const usageQuery = 'model=duration&business=default&fromTs=1767225600&endTs=1767484799&interval=daily';

  it('for every operation, on success and on refusal', async () => {
    const acme = await companyByName(t, 'Acme Video');
    const foreign = await otherReseller(t.core);
    const C = '/v1/resellers/companies';
    const P = (id: number | string) => `${C}/{companyId}`.replace('{companyId}', String(id));
    const email = `openapi-${Date.now()}@example.com`;

    const created = await send('post', C, { companyName: 'OpenAPI Co', email, firstName: 'O', lastName: 'A', country: 'JP', area: 'Non-CN' });
    conforms('/v1/resellers/companies', 'post', created);
    conforms('/v1/resellers/companies', 'post', await send('post', C, { companyName: '', email }));
    conforms('/v1/resellers/companies', 'get', await send('get', `${C}?limit=5`));
    conforms('/v1/resellers/companies', 'get', await send('get', `${C}?limit=500`));
    conforms('/v1/resellers/companies', 'get', await request(t.app).get(C));

    const id = created.body.id as number;
    const project = await send('post', `${P(id)}/projects`, { name: 'Documented' });
    conforms('/v1/resellers/companies/{companyId}/projects', 'post', project);
    conforms('/v1/resellers/companies/{companyId}/projects', 'post', await send('post', `${P(foreign.companyId)}/projects`, { name: 'x' }));
    conforms('/v1/resellers/companies/{companyId}/projects', 'get', await send('get', `${P(id)}/projects`));
    conforms('/v1/resellers/companies/{companyId}/projects', 'get', await send('get', `${P(999999)}/projects`));

    const uapPath = '/v1/resellers/companies/{companyId}/projects/{projectId}/uap';
    conforms(uapPath, 'post', await send('post', `${P(id)}/projects/${project.body.id}/uap`, { typeId: 3, region: 1 }));
    conforms(uapPath, 'post', await send('post', `${P(id)}/projects/${project.body.id}/uap`, { typeId: 3, region: 1 }));
    conforms(uapPath, 'post', await send('post', `${P(id)}/projects/${project.body.id}/uap`, { typeId: 4, region: 1 }));

    const usagePath = '/v1/resellers/companies/{companyId}/usage';
    conforms(usagePath, 'get', await send('get', `${P(acme.id)}/usage?${usageQuery}`));
    conforms(usagePath, 'get', await send('get', `${P(acme.id)}/usage?${usageQuery.replace('daily', 'monthly')}`));
    conforms(usagePath, 'get', await send('get', `${P(acme.id)}/usage?${usageQuery.replace('model=duration', 'model=transcoding')}`));
    conforms(usagePath, 'get', await send('get', `${P(acme.id)}/usage?model=counter&business=rtm&fromTs=1767225600&endTs=1767484799&interval=daily`));
    conforms(usagePath, 'get', await send('get', `${P(foreign.companyId)}/usage?${usageQuery}`));
    conforms(usagePath, 'get', await send('get', `${P(acme.id)}/usage?model=nope`));

    const projectUsage = '/v1/resellers/companies/{companyId}/projects/{projectId}/usage';
    conforms(projectUsage, 'get', await send('get', `${P(acme.id)}/projects/${acme.projects[0]!.id}/usage?${usageQuery}`));
    conforms(projectUsage, 'get', await send('get', `${P(acme.id)}/projects/nope/usage?${usageQuery}`));

    const bills = '/v1/resellers/companies/daily-bills';
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    conforms(bills, 'get', await send('get', `${bills}?period=${day}`));
    conforms(bills, 'get', await send('get', `${bills}?period=2026-01-01`));

    const statuses = new Set(checked.map((c) => c.split(' ').at(-1)));
    expect([...statuses].sort()).toEqual(['200', '201', '400', '401', '403', '404', '409']);
  });
});
