// createCompany is one transaction, and the reseller's view finds the dashboard account whatever
// the case of its address.
import { auditLog, companies, createCompany, createReseller, createUser, getResellerCompany, memberships, resellerScope, users, type CompanyInput } from '@rtc-console/core';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

const input = (email: string): CompanyInput => ({
  name: 'Tx Test Co', email, firstName: 'Tess', lastName: 'Tx', country: 'US', area: 'Non-CN',
  appLimit: 5, memberLimit: 5, industry: 3, interest: 2, environment: 2,
});
const actor = { userId: null, label: 'test' };

async function counts() {
  const n = async (table: typeof companies | typeof users | typeof memberships | typeof auditLog) => Number((await t.core.db.select({ n: count() }).from(table))[0]?.n);
  return { companies: await n(companies), users: await n(users), memberships: await n(memberships), audit: await n(auditLog) };
}

test('a failure at the last step (the audit entry) leaves no company, no user and no membership behind', async () => {
  const before = await counts();
  // A constraint the console knows nothing of makes the last insert fail, as a fault would.
  await t.core.db.execute(sql`alter table audit_log add constraint company_tx_test check (action <> 'company.create')`);
  try {
    await expect(createCompany(t.core, input('tx-new@example.com'), { actor, initialPassword: 'a-long-passphrase' })).rejects.toThrow();
  } finally {
    await t.core.db.execute(sql`alter table audit_log drop constraint company_tx_test`);
  }
  expect(await counts()).toEqual(before);
  // The same call now succeeds whole.
  const made = await createCompany(t.core, input('tx-new@example.com'), { actor, initialPassword: 'a-long-passphrase' });
  expect(await counts()).toEqual({ companies: before.companies + 1, users: before.users + 1, memberships: before.memberships + 1, audit: before.audit + 1 });
  expect(made.name).toBe('Tx Test Co');
});

test("the reseller's company detail finds the dashboard account whatever the case of its address", async () => {
  const reseller = await createReseller(t.core, 'Case Reseller');
  await createUser(t.core.db, { email: 'Case.Person@Example.com', name: 'Case Person', password: 'a-long-passphrase' });
  const company = await createCompany(t.core, input('case.person@example.com'), { actor, resellerId: reseller.id });
  // Read behind the reseller wall, as the reseller console reads it.
  const detail = await getResellerCompany(resellerScope(t.core.db, { kind: 'resellerStaff', userId: 0, resellerId: reseller.id }, reseller.name), company.id);
  expect(detail.user).toMatchObject({ email: 'Case.Person@Example.com', name: 'Case Person' });
  expect(detail.members).toBe(1);
});
