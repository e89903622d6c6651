import { companies, projects, type CoreDeps } from '@rtc-console/core';
import { asc, eq } from 'drizzle-orm';

export interface DemoProject {
  id: string;
  appId: string;
  name: string;
  status: number;
}

/**
 * A company's id, area and projects (oldest first), looked up by name: the demo's ids differ
 * from one database to the next, its names do not.
 */
export async function companyByName(t: { core: CoreDeps }, name: string): Promise<{ id: number; area: string; projects: DemoProject[] }> {
  const [c] = await t.core.db.select({ id: companies.id, area: companies.area }).from(companies).where(eq(companies.name, name));
  if (!c) throw new Error(`no company ${name}`);
  const ps = await t.core.db
    .select({ id: projects.id, appId: projects.appId, name: projects.name, status: projects.status })
    .from(projects)
    .where(eq(projects.companyId, c.id))
    .orderBy(asc(projects.createdAt), asc(projects.id));
  return { ...c, projects: ps };
}
