import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog, companies, companyPlugins, memberships, projects, resellers, roles, sessions, users } from '../schema/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { inReseller } from './tenant.js';
import { rowsOf } from './rows.js';

/** drizzle wraps the driver's error: the reason is in its cause. */
const denied = (err: Error & { cause?: Error }) => /permission denied/.test(err.cause?.message ?? err.message);

let t: TestDatabase;
let r1: number;
let r2: number;
const ids: Record<string, number> = {};

const company = (name: string, resellerId: number | null) => ({
  name, email: `${name}@example.com`, firstName: 'A', lastName: 'B', country: 'CN', area: 'CN' as const, resellerId,
});

beforeAll(async () => {
  t = await createTestDatabase();
  [{ id: r1 }, { id: r2 }] = (await t.db.insert(resellers).values([{ name: 'R1' }, { name: 'R2' }]).returning({ id: resellers.id })) as [{ id: number }, { id: number }];
  const made = await t.db.insert(companies).values([company('mine', r1), company('theirs', r2), company('direct', null)]).returning({ id: companies.id, name: companies.name });
  for (const c of made) ids[c.name] = c.id;
  await t.db.insert(projects).values([
    { id: 'pm', companyId: ids.mine!, appId: 'm'.repeat(32), name: 'Mine' },
    { id: 'pt', companyId: ids.theirs!, appId: 't'.repeat(32), name: 'Theirs' },
    { id: 'pd', companyId: ids.direct!, appId: 'd'.repeat(32), name: 'Direct' },
  ]);
  const us = await t.db.insert(users).values([{ email: 'm@x.io', name: 'm' }, { email: 't@x.io', name: 't' }, { email: 'loner@x.io', name: 'l' }]).returning();
  const [admin] = await t.db.insert(roles).values({ builtin: 'admin', name: 'Admin' }).returning();
  await t.db.insert(memberships).values([
    { companyId: ids.mine!, userId: us[0]!.id, roleId: admin!.id },
    { companyId: ids.theirs!, userId: us[1]!.id, roleId: admin!.id },
  ]);
  await t.db.insert(companyPlugins).values([{ companyId: ids.mine!, pluginId: 'usage', enabled: false }, { companyId: ids.theirs!, pluginId: 'usage', enabled: false }]);
  await t.db.insert(auditLog).values([{ companyId: ids.mine!, actorLabel: 'x', action: 'project.create', targetType: 'Project' }]);
});
afterAll(() => t.destroy());

describe(`the reseller wall (${process.env.DATABASE_URL ? 'Postgres' : 'PGlite'})`, () => {
  test("queries that forget the reseller condition see the reseller's companies only", async () => {
    const seen = await inReseller(t.db, r1, async (tx) => ({
      companies: (await tx.select({ name: companies.name }).from(companies)).map((c) => c.name),
      projects: (await tx.select({ id: projects.id }).from(projects)).map((p) => p.id),
      members: (await tx.select({ companyId: memberships.companyId }).from(memberships)).map((m) => m.companyId),
      users: (await tx.select({ email: users.email }).from(users)).map((u) => u.email),
      switches: (await tx.select({ companyId: companyPlugins.companyId }).from(companyPlugins)).map((s) => s.companyId),
    }));
    expect(seen).toEqual({ companies: ['mine'], projects: ['pm'], members: [ids.mine], users: ['m@x.io'], switches: [ids.mine] });
    const other = await inReseller(t.db, r2, (tx) => tx.select({ name: companies.name }).from(companies));
    expect(other.map((c) => c.name)).toEqual(['theirs']);
  });

  test("a company's own records without a reseller policy stay hidden", async () => {
    expect(await inReseller(t.db, r1, (tx) => tx.select().from(auditLog))).toEqual([]);
    expect(await inReseller(t.db, r1, (tx) => tx.select().from(roles))).toEqual([]);
  });

  test('the wall reads only: writes are refused, even to its own companies', async () => {
    await expect(inReseller(t.db, r1, (tx) => tx.update(companies).set({ name: 'renamed' }).where(sql`true`))).rejects.toSatisfy(denied);
    await expect(inReseller(t.db, r1, (tx) => tx.delete(projects).where(sql`true`))).rejects.toSatisfy(denied);
    const [mine] = await t.db.select({ name: companies.name }).from(companies).where(sql`${companies.id} = ${ids.mine!}`);
    expect(mine!.name).toBe('mine');
  });

  test('tables without row-level security are out of reach', async () => {
    await expect(inReseller(t.db, r1, (tx) => tx.select().from(sessions))).rejects.toSatisfy(denied);
    await expect(inReseller(t.db, r1, (tx) => tx.select().from(resellers))).rejects.toSatisfy(denied);
  });

  test('nothing carries over to the next use of the connection', async () => {
    await inReseller(t.db, r1, (tx) => tx.select().from(companies));
    const [after] = rowsOf<{ who: string; reseller: string | null }>(await t.db.execute(sql`select current_user as who, current_setting('app.reseller_id', true) as reseller`));
    expect(after!.who).not.toBe('console_reseller');
    expect(after!.reseller ?? '').toBe('');
  });

  test('a bad reseller id throws before any query', () => {
    expect(() => inReseller(t.db, 0, async () => 1)).toThrow('bad reseller id');
  });
});
