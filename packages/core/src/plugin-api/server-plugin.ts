import type { Tx } from '../db/types.js';
import type { Project } from '../schema/projects.js';
import type { PluginManifest } from '../shared/plugin.js';
import type { CoreDeps } from '../services/context.js';
import type { RouteDef, RouteTable } from './routes.js';

/**
 * What a plugin's server entry receives: core's services. The database handle here is the
 * system one; company-scoped work goes through `req.company.tx` (row-level security on).
 */
export type PluginServices = CoreDeps;

export interface ServerPlugin {
  manifest: PluginManifest;
  /** Its drizzle-kit migrations folder; applied after core's, tracked in `__migrations_<id>`. */
  migrations?: string;
  /** Routes mounted at `/api/<id>`, behind sign-in, company context and CASL as each declares. */
  routes?: (services: PluginServices) => RouteDef[];
  /** Routes under other prefixes: `/v1/…` (REST) or `/ingest/<id>` (media edge). */
  mounts?: (services: PluginServices) => RouteTable[];
  /** Removes the plugin's data of a project being deleted, inside the deleting transaction. */
  onProjectPurge?: (tx: Tx, project: Project) => Promise<void>;
  /**
   * Adds the plugin's demo data once core's demo is seeded and the server listens, through the
   * plugin's real entry points (`baseUrl` reaches this very server).
   */
  seedDemo?: (services: PluginServices, ctx: { baseUrl: string }) => Promise<void>;
}

/** Typed identity for a plugin's server entry. */
export const defineServerPlugin = <T extends ServerPlugin>(plugin: T): T => plugin;
