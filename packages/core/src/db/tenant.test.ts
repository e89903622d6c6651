import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog, companies, memberships, projects, roles, sessions, users } from '../schema/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { inCompany } from './tenant.js';
import { rowsOf } from './rows.js';

let t: TestDatabase;
let a: number;
let b: number;

const company = (name: string) => ({
  name, email: `${name}@example.com`, firstName: 'A', lastName: 'B', country: 'CN', area: 'CN' as const,
});

beforeAll(async () => {
  t = await createTestDatabase();
  [{ id: a }, { id: b }] = (await t.db.insert(companies).values([company('alpha'), company('beta')]).returning({ id: companies.id })) as [
    { id: number },
    { id: number },
  ];
  await t.db.insert(projects).values([
    { id: 'pa1', companyId: a, appId: 'a'.repeat(32), name: 'Alpha one' },
    { id: 'pb1', companyId: b, appId: 'b'.repeat(32), name: 'Beta one' },
  ]);
  const [u1, u2] = await t.db.insert(users).values([{ email: 'ua@x.io', name: 'ua' }, { email: 'ub@x.io', name: 'ub' }]).returning();
  const [admin] = await t.db.insert(roles).values({ builtin: 'admin', name: 'Admin' }).returning();
  await t.db.insert(memberships).values([
    { companyId: a, userId: u1!.id, roleId: admin!.id },
    { companyId: b, userId: u2!.id, roleId: admin!.id },
  ]);
  await t.db.insert(auditLog).values([{ companyId: b, actorLabel: 'x', action: 'project.create', targetType: 'Project' }]);
});
afterAll(() => t.destroy());

describe(`row-level security (${process.env.DATABASE_URL ? 'Postgres' : 'PGlite'})`, () => {
  test('a query that forgets the company filter returns only the current company', async () => {
    const seen = await inCompany(t.db, a, (tx) => tx.select().from(projects));
    expect(seen.map((p) => p.id)).toEqual(['pa1']);
    const seenB = await inCompany(t.db, b, (tx) => tx.select().from(projects));
    expect(seenB.map((p) => p.id)).toEqual(['pb1']);
  });

  test('a forgotten filter on other tables leaks nothing either', async () => {
    await inCompany(t.db, a, async (tx) => {
      expect((await tx.select().from(companies)).map((c) => c.id)).toEqual([a]);
      expect((await tx.select().from(memberships)).every((m) => m.companyId === a)).toBe(true);
      expect((await tx.select().from(users)).map((u) => u.email)).toEqual(['ua@x.io']);
      expect(await tx.select().from(auditLog)).toEqual([]);
      // Built-in roles are shared reference rows and stay visible.
      expect((await tx.select().from(roles)).map((r) => r.builtin)).toEqual(['admin']);
    });
  });

  test("updates and deletes cannot reach another company's rows", async () => {
    await inCompany(t.db, a, async (tx) => {
      await tx.update(projects).set({ name: 'hijacked' });
      await tx.delete(projects).where(sql`id = 'pb1'`);
    });
    const [row] = await t.db.select().from(projects).where(sql`id = 'pb1'`);
    expect(row?.name).toBe('Beta one');
  });

  test("inserting a row for another company is refused", async () => {
    await expect(
      inCompany(t.db, a, (tx) => tx.insert(projects).values({ id: 'px', companyId: b, appId: 'c'.repeat(32), name: 'x' })),
    ).rejects.toThrow();
    expect(await t.db.select().from(projects).where(sql`id = 'px'`)).toEqual([]);
  });

  test('tenants cannot touch company settings or tables without row-level security', async () => {
    await inCompany(t.db, a, (tx) => tx.update(companies).set({ memberLimit: 999 }));
    const [row] = await t.db.select().from(companies).where(sql`id = ${a}`);
    expect(row?.memberLimit).toBe(10);
    await expect(inCompany(t.db, a, (tx) => tx.select().from(sessions))).rejects.toThrow();
  });

  test('the audit log is append-only for tenants', async () => {
    await inCompany(t.db, b, async (tx) => {
      await tx.update(auditLog).set({ action: 'forged' });
      await tx.delete(auditLog);
    });
    const rows = await t.db.select().from(auditLog);
    expect(rows.map((r) => r.action)).toEqual(['project.create']);
  });

  test('the settings end with the transaction', async () => {
    await inCompany(t.db, a, async () => undefined);
    const [row] = rowsOf<{ role: string; company: string | null }>(
      await t.db.execute(sql`select current_user as role, current_setting('app.company_id', true) as company`),
    );
    expect(row?.role).not.toBe('console_tenant');
    expect(row?.company ?? '').toBe('');
  });

  test('a failing statement rolls the whole transaction back, and the error is the statement\'s own', async () => {
    const [before] = await t.db.select().from(projects).where(sql`id = 'pa1'`);
    await expect(
      inCompany(t.db, a, async (tx) => {
        await tx.update(projects).set({ name: 'renamed in a failed transaction' }).where(sql`id = 'pa1'`);
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toSatisfy((err: Error & { cause?: Error }) => /division by zero/.test(err.cause?.message ?? err.message));
    const [row] = await t.db.select().from(projects).where(sql`id = 'pa1'`);
    expect(row?.name).toBe(before?.name);
  });

  test('statements sent at once, before any answer, all run inside the company', async () => {
    // The first statements go out with the opening message (see inCompany); several at once, twice over, in parallel.
    const runs = await Promise.all(
      [a, b, a, b].map((id) =>
        inCompany(t.db, id, (tx) =>
          Promise.all([
            tx.select().from(projects),
            tx.execute(sql`select current_user as role, current_setting('app.company_id', true) as company`),
          ]),
        ),
      ),
    );
    runs.forEach(([seen, settings], i) => {
      const id = [a, b, a, b][i]!;
      expect(seen.map((p) => p.companyId)).toEqual([id]);
      expect(rowsOf<{ role: string; company: string }>(settings)[0]).toEqual({ role: 'console_tenant', company: String(id) });
    });
  });

  test('a committed write stays', async () => {
    await inCompany(t.db, a, (tx) => tx.update(projects).set({ name: 'Alpha renamed' }).where(sql`id = 'pa1'`));
    const [row] = await t.db.select().from(projects).where(sql`id = 'pa1'`);
    expect(row?.name).toBe('Alpha renamed');
  });
});
