import { companies, pluginEnabledSql, projects, type Db } from '@rtc-console/core';
import { and, asc, eq } from 'drizzle-orm';
import { usageManifest } from '../shared/manifest.js';

/** Enabled projects' App IDs by company (usage switched on), so a traffic generator knows where to report. */
export async function listIngestApps(db: Db): Promise<{ companies: { id: number; name: string; apps: { appId: string; projectId: string }[] }[] }> {
  const rows = await db
    .select({ companyId: companies.id, companyName: companies.name, appId: projects.appId, projectId: projects.id })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(and(eq(projects.status, 1), pluginEnabledSql(companies.id, usageManifest.id)))
    .orderBy(asc(companies.id), asc(projects.createdAt));
  const out = new Map<number, { id: number; name: string; apps: { appId: string; projectId: string }[] }>();
  for (const r of rows) {
    const c = out.get(r.companyId) ?? { id: r.companyId, name: r.companyName, apps: [] };
    c.apps.push({ appId: r.appId, projectId: r.projectId });
    out.set(r.companyId, c);
  }
  return { companies: [...out.values()] };
}
