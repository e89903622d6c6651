import { sql, type SQL } from 'drizzle-orm';
import { usageManifest } from '../shared/manifest.js';

/**
 * SQL: whether the operator switched the usage plugin off for the company `companyId` (an SQL
 * expression). Such a company's traffic is refused by ingest and left out of the apps listed to
 * traffic generators, like a disabled project's.
 */
export function usageSwitchedOff(companyId: SQL): SQL {
  return sql`exists (select 1 from company_plugins cp where cp.company_id = ${companyId} and cp.plugin_id = ${usageManifest.id} and not cp.enabled)`;
}
