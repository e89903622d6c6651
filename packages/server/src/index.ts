// The host's entry: what an installation needs to run the console with its plugins (apps/api's
// main and CLI), what @rtc-console/testing needs to start one in tests, and the route tables the
// installation's access tests read.
export { createApp } from './app.js';
export type { ApiDeps } from './deps.js';
export { loadConfig, REPO_ROOT, type ApiConfig } from './config.js';
export { createLogger } from './logger.js';
export { createCoreDeps, initPlugins, migrationSets, openCore, startBackground, stopBackground } from './core-deps.js';
export { startBanner } from './banner.js';
export { runConsoleCommand } from './console-commands.js';
export { seedDemo } from './demo/seed.js';
export { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_RESELLER, DEMO_STAFF, type DemoCompany, type DemoMember } from './demo/demo-data.js';
export { routeTables, type MountedTable } from './routes/index.js';
export { restRoutes } from './openapi/document.js';
export { logSafeUrl } from './http/log-safe.js';
