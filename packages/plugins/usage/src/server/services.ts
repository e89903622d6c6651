import type { PluginServicesOf } from '@rtc-console/core';

/** The services the usage plugin declares (index.ts): the system database for ingest and cross-company totals, App ID lookups (with whether usage is on for each project's company), its logger. */
export const USAGE_SERVICES = ['systemDb', 'projects', 'logger'] as const;
export type UsageServices = PluginServicesOf<(typeof USAGE_SERVICES)[number]>;
