import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/rows.js';
import type { Queryable } from '../db/types.js';
import type { ProjectStatus } from '../shared/validation/project.js';
import { pluginEnabledSql } from './plugins.js';

/** A project as the media edge's App ID names it, for work that spans companies (ingest). */
export interface ProjectByAppId {
  projectId: string;
  companyId: number;
  status: ProjectStatus;
  /** Whether the plugin asked about (`opts.plugin`) is on for the project's company; true without one. */
  pluginEnabled: boolean;
}

/**
 * App ID → project for many App IDs at once (one statement, whatever their number), with whether
 * a plugin is switched on for each project's company. Plugins that take the edge's records use
 * this instead of reading core's tables.
 */
export async function projectsByAppIds(db: Queryable, appIds: readonly string[], opts: { plugin?: string } = {}): Promise<Map<string, ProjectByAppId>> {
  if (!appIds.length) return new Map();
  const enabled = opts.plugin ? pluginEnabledSql(sql`p.company_id`, opts.plugin) : sql`true`;
  const rows = rowsOf<{ app_id: string; id: string; company_id: number; status: number; enabled: boolean }>(
    await db.execute(sql`
      select p.app_id, p.id, p.company_id, p.status, ${enabled} as enabled
      from projects p where p.app_id in (select value from json_array_elements_text(${JSON.stringify(appIds)}::json))`),
  );
  return new Map(
    rows.map((p) => [p.app_id.trim(), { projectId: p.id, companyId: Number(p.company_id), status: Number(p.status) as ProjectStatus, pluginEnabled: p.enabled === true }]),
  );
}
