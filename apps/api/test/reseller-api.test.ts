// The reseller RESTful API (seed 003) end to end over real HTTP, through the signer's typed client:
// every endpoint once with its exact shapes, the side effects (dashboard account, reset email,
// audit), and a deleted key refused on its next request.
import { auditLog, companies, deleteResellerApiKey, listOutbox, users } from '@rtc-console/core';
import { createResellerClient, ResellerApiError, type ResellerClient } from '@rtc-console/signer';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './harness.js';
import { apiKey, otherReseller, resellerId, type ApiKey } from './reseller-helpers.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let key: ApiKey;
let api: ResellerClient;
const COMPANY_KEYS = ['appLimit', 'area', 'country', 'environment', 'id', 'industry', 'interest', 'memberLimit', 'name', 'status'];

beforeAll(async () => {
  server = await startTestServer({ seed: true, env: { RESELLER_API_RATE: '1000' } });
  key = await apiKey(server.core);
  api = createResellerClient({ baseUrl: server.url, accessKeyId: key.accessKeyId, secret: key.secret });
});
afterAll(() => server.close());

const refusal = async (p: Promise<unknown>): Promise<ResellerApiError> => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ResellerApiError);
  return e as ResellerApiError;
};

describe('companies', () => {
  let created: Awaited<ReturnType<ResellerClient['createCompany']>>;

  it('creates a company with the seed body and answers the seed shape', async () => {
    created = await api.createCompany({
      companyName: 'Agora', email: 'new-owner@example.com', firstName: 'John', lastName: 'Doe', country: 'CN', area: 'CN',
      appLimit: 2, memberLimit: 10, industry: 12, interest: 1, environment: 1, sendPasswordResetEmail: true,
    });
    expect(Object.keys(created).sort()).toEqual(COMPANY_KEYS);
    expect(created).toMatchObject({ name: 'Agora', country: 'CN', area: 'CN', appLimit: 2, memberLimit: 10, industry: 12, interest: 1, environment: 1, status: 0 });
    const [row] = await server.core.db.select().from(companies).where(eq(companies.id, created.id));
    expect(row!.resellerId).toBe(await resellerId(server.core));
  });

  it('gives the company a dashboard account and emails it a password link when asked', async () => {
    const [user] = await server.core.db.select().from(users).where(eq(users.email, 'new-owner@example.com'));
    expect(user?.name).toBe('John Doe');
    const mail = await listOutbox(server.core.db, { to: 'new-owner@example.com', kind: 'password-reset', limit: 5, offset: 0 });
    expect(mail.count).toBe(1);
    expect(mail.rows[0]!.text).toContain('/reset-password?token=');
  });

  it('accepts the sample body (name instead of companyName) and applies the defaults', async () => {
    const c = await api.createCompany({ name: 'Sample Co', email: 'sample@example.com', firstName: 'A', lastName: 'B', country: 'us', area: 'Non-CN' });
    expect(c).toMatchObject({ name: 'Sample Co', country: 'US', appLimit: 10, memberLimit: 10, industry: 12, interest: 1, environment: 1, status: 0 });
    expect(await listOutbox(server.core.db, { to: 'sample@example.com', limit: 5, offset: 0 })).toMatchObject({ count: 0 });
  });

  it('lists only this reseller’s companies with limit and offset', async () => {
    const other = await otherReseller(server.core);
    const all = await api.listCompanies({ limit: 100 });
    expect(all.rows.map((r) => r.id)).toContain(created.id);
    expect(all.rows.map((r) => r.id)).not.toContain(other.companyId);
    expect(all.count).toBe(all.rows.length);
    for (const r of all.rows) expect(Object.keys(r).sort()).toEqual(COMPANY_KEYS);
    const page = await api.listCompanies({ limit: 1, offset: 1 });
    expect(page).toEqual({ rows: [all.rows[1]], count: all.count });
    expect((await api.listCompanies()).rows.length).toBe(Math.min(20, all.count));
  });

  it('writes the reseller and key into the company’s audit log', async () => {
    const [entry] = await server.core.db.select().from(auditLog).where(and(eq(auditLog.companyId, created.id), eq(auditLog.action, 'company.create')));
    expect(entry!.actorLabel).toBe(`reseller:Demo Reseller (API key ${key.accessKeyId.slice(0, 8)}…)`);
  });

  describe('projects and UAP', () => {
    let projectId: string;

    it('creates a project: id, name, status 1, created in ISO 8601', async () => {
      const p = await api.createProject(created.id, { name: 'ProjectX' });
      expect(Object.keys(p).sort()).toEqual(['created', 'id', 'name', 'status']);
      expect(p).toMatchObject({ name: 'ProjectX', status: 1 });
      expect(p.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      projectId = p.id;
    });

    it('lists the company’s projects', async () => {
      const list = await api.listProjects(created.id, { limit: 20, offset: 0 });
      expect(list.count).toBe(1);
      expect(list.rows[0]).toMatchObject({ id: projectId, name: 'ProjectX', status: 1 });
    });

    it('keeps appLimit: a third project of a company limited to two is refused', async () => {
      await api.createProject(created.id, { name: 'Second' });
      const e = await refusal(api.createProject(created.id, { name: 'Third' }));
      expect([e.status, e.code]).toEqual([409, 'LIMIT_REACHED']);
      expect((await api.listProjects(created.id)).count).toBe(2);
    });

    it('enables UAP self-service and answers the seed shape', async () => {
      const uap = await api.enableUap(created.id, projectId, { typeId: 7, region: 2 });
      expect(Object.keys(uap).sort()).toEqual(['id', 'projectName', 'region', 'status', 'typeId']);
      expect(uap).toMatchObject({ typeId: 7, projectName: 'ProjectX', status: 1, region: 2 });
      const again = await refusal(api.enableUap(created.id, projectId, { typeId: 7, region: 2 }));
      expect(again.status).toBe(409);
    });

    it('answers company and project usage, one UsageDatum per day', async () => {
      const q = { model: 'duration', business: 'default', fromTs: 1767225600, endTs: 1767484799, interval: 'daily' } as const;
      for (const usage of [await api.companyUsage(created.id, q), await api.projectUsage(created.id, projectId, q)]) {
        expect(usage.map((d) => d.dateTime)).toEqual(['2026-01-01 00:00:00', '2026-01-02 00:00:00', '2026-01-03 00:00:00']);
        for (const d of usage) expect(Object.keys(d.usage).length).toBeGreaterThan(0);
      }
    });

    it('answers the daily bills of a day at least two days back, projects of this reseller only', async () => {
      const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const bills = await api.dailyBills(day);
      expect(bills).toMatchObject({ pageNumber: 1, hasMore: false });
      expect(bills.elements.some((e) => e.projectId === projectId && e.companyId === created.id)).toBe(true);
      expect(bills.totalSize).toBe(bills.elements.length);
      const tooNew = await refusal(api.dailyBills(new Date().toISOString().slice(0, 10).replaceAll('-', '')));
      expect(tooNew.status).toBe(400);
    });
  });
});

describe('keys', () => {
  it('works in strong mode too (method, path, query and body signed)', async () => {
    const strong = createResellerClient({ baseUrl: server.url, accessKeyId: key.accessKeyId, secret: key.secret, strong: true });
    expect((await strong.listCompanies({ limit: 1 })).rows).toHaveLength(1);
  });

  it('refuses a deleted key on its very next request', async () => {
    const doomed = await apiKey(server.core);
    const client = createResellerClient({ baseUrl: server.url, accessKeyId: doomed.accessKeyId, secret: doomed.secret });
    await client.listCompanies();
    await deleteResellerApiKey(server.core.db, await resellerId(server.core), doomed.id);
    const e = await refusal(client.listCompanies());
    expect([e.status, e.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
