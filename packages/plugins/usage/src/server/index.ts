import { fileURLToPath } from 'node:url';
import { defineServerPlugin } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { usageManifest } from '../shared/manifest.js';
import { seedUsageDemo } from './demo.js';
import { usageFigures } from './figures.js';
import { usageMounts, usageRoutes } from './routes.js';
import { USAGE_SERVICES } from './services.js';

/** The usage plugin's server entry: tables, routes, the purge of a deleted project's usage, demo traffic, the overview's figures. */
export const usageServerPlugin = defineServerPlugin({
  manifest: usageManifest,
  services: USAGE_SERVICES,
  migrations: fileURLToPath(new URL('../../migrations', import.meta.url)),
  routes: usageRoutes,
  mounts: usageMounts,
  figures: usageFigures,
  async onProjectPurge(tx, project) {
    for (const table of ['usage_sessions', 'usage_rtm_events', 'usage_rtm_users', 'usage_daily', 'usage_monthly', 'usage_daily_channel', 'usage_daily_peak']) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where project_id = ${project.id}`);
    }
  },
  seedDemo: seedUsageDemo,
});

export { ingestBatch, type IngestReport } from './ingest.js';
export { rebuildRollups } from './rebuild.js';
export { generateTraffic, type TrafficOptions } from './demo.js';
// For the benchmarks (bench/): the company Usage page's query, and the demo price table.
export { companyUsage, type CompanyUsage, type CompanyUsageQuery } from './company-usage.js';
export { demoPrices, savePrices } from './prices.js';
export { prng } from './traffic.js';
