import { fileURLToPath } from 'node:url';
import { connectDatabase } from '@rtc-console/core';
import { rebuildRollups } from './rebuild.js';

/**
 * `pnpm usage:rebuild [companyId]`: recomputes every usage rollup from the raw records, on
 * DATABASE_URL's server or the embedded database in ./data (stop the console first: PGlite
 * serves one process at a time).
 */
const arg = process.argv[2];
const companyId = arg === undefined ? undefined : Number(arg);
if (companyId !== undefined && (!Number.isInteger(companyId) || companyId <= 0)) {
  console.error('usage: pnpm usage:rebuild [companyId]');
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ?? fileURLToPath(new URL('../../../../../data/pglite', import.meta.url));
const handle = await connectDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
try {
  const started = Date.now();
  const result = await rebuildRollups(handle.db, companyId ? { companyId } : {});
  console.log(`Rebuilt usage rollups${companyId ? ` of company ${companyId}` : ''} on ${handle.location} in ${((Date.now() - started) / 1000).toFixed(1)} s (${result.projectDays} project-days with transcoding peaks).`);
} finally {
  await handle.close();
}
