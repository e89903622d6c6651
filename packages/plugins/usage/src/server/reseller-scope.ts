import { notFound, projects, resellerCompanyIds, type AppAbility, type Queryable } from '@rtc-console/core';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { usageManifest } from '../shared/manifest.js';
import type { RollupTable } from './periods.js';

/**
 * A reseller reads the usage of its own companies only, and of those only while the operator
 * keeps usage on for them; the route mounter refuses any other company named in a request
 * (`company` in the route's access). These queries span companies, so they run behind the
 * reseller wall (`req.reseller.tx`) rather than one company's, with the condition of the
 * reseller's ability on every row.
 */
export async function resellerProject(db: Queryable, companyId: number, projectId: string): Promise<{ id: string; name: string }> {
  const [p] = await db.select({ id: projects.id, name: projects.name }).from(projects).where(and(eq(projects.id, projectId), eq(projects.companyId, companyId)));
  if (!p) throw notFound('Project');
  return p;
}

/** Rollup rows of the reseller's companies (or one of them, or one project). */
export function ofReseller(reseller: { ability: AppAbility }, opts: { companyId?: number | undefined; projectId?: string | undefined } = {}) {
  return (t: RollupTable): SQL =>
    and(
      inArray(t.companyId, resellerCompanyIds(reseller, { plugin: usageManifest.id })),
      opts.companyId !== undefined ? eq(t.companyId, opts.companyId) : undefined,
      opts.projectId !== undefined ? eq(t.projectId, opts.projectId) : undefined,
    )!;
}
