import { companyOfReseller, notFound, projects, type Db } from '@rtc-console/core';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { RollupTable } from './periods.js';

/**
 * A reseller reads the usage of its own companies only: a company of another reseller is a
 * 403 (seed 003), an unknown one a 404 (core's rule, shared with the rest of the reseller API).
 * These queries span companies, so they run outside any company's row-level security, with the
 * reseller condition on every row.
 */
export async function resellerCompany(db: Db, resellerId: number, companyId: number): Promise<{ id: number; name: string; area: string }> {
  const c = await companyOfReseller(db, resellerId, companyId);
  return { id: c.id, name: c.name, area: c.area };
}

export async function resellerProject(db: Db, companyId: number, projectId: string): Promise<{ id: string; name: string }> {
  const [p] = await db.select({ id: projects.id, name: projects.name }).from(projects).where(and(eq(projects.id, projectId), eq(projects.companyId, companyId)));
  if (!p) throw notFound('Project');
  return p;
}

/** Rollup rows of the reseller's companies (or one of them, or one project). */
export function ofReseller(resellerId: number, opts: { companyId?: number | undefined; projectId?: string | undefined } = {}) {
  return (t: RollupTable): SQL =>
    and(
      inArray(t.companyId, sql`(select id from companies where reseller_id = ${resellerId})`),
      opts.companyId !== undefined ? eq(t.companyId, opts.companyId) : undefined,
      opts.projectId !== undefined ? eq(t.projectId, opts.projectId) : undefined,
    )!;
}
