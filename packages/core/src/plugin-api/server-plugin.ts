import type { Tx } from '../db/types.js';
import { createIngestKey } from '../services/ingest-keys.js';
import type { CoreDeps } from '../services/context.js';
import type { Project } from '../schema/projects.js';
import type { PluginManifest } from '../shared/plugin.js';
import type { PluginFigures } from './figures.js';
import type { RouteDef, RouteTable } from './routes.js';
import type { PluginServiceName, PluginServicesOf } from './services.js';

/**
 * A plugin's server entry. It names the services it uses (`services`) and every entry point
 * receives exactly those (the Backstage `registerInit({ deps })` idea, as a list). Company-scoped
 * work inside a route goes through `req.company.tx` (row-level security on).
 */
export interface ServerPlugin<N extends PluginServiceName = PluginServiceName> {
  manifest: PluginManifest;
  /** The services it uses; `logger` when absent. */
  services?: readonly N[];
  /** Its drizzle-kit migrations folder; applied after core's and its dependencies', tracked in `__migrations_<id>`. */
  migrations?: string;
  /** Runs once at start, before the job queue starts: define jobs, subscribe to events. */
  init?: (services: PluginServicesOf<N>) => void | Promise<void>;
  /** Routes mounted at `/api/<id>`, behind sign-in, company context and CASL as each declares. */
  routes?: (services: PluginServicesOf<N>) => RouteDef[];
  /** Routes under other prefixes: `/v1/…` (REST) or `/ingest/<id>` (media edge). */
  mounts?: (services: PluginServicesOf<N>) => RouteTable[];
  /**
   * Numbers for the operator's and the resellers' overview and their company lists' columns
   * (usage this month against last month, open tickets): see `PluginFigures`.
   */
  figures?: (services: PluginServicesOf<N>) => PluginFigures;
  /** Removes the plugin's data of a project being deleted, inside the deleting transaction. */
  onProjectPurge?: (tx: Tx, project: Project) => Promise<void>;
  /**
   * Adds the plugin's demo data once core's demo is seeded and the server listens, through the
   * plugin's real entry points (`baseUrl` reaches this very server).
   */
  seedDemo?: (services: PluginServicesOf<N>, ctx: DemoContext) => Promise<void>;
}

/** What the host gives a plugin's demo seed beyond its services: this server's address, and the credentials an operator would make for the media edge. */
export interface DemoContext {
  baseUrl: string;
  /** A new platform ingest key (as on the operator's Ingest keys page), to send demo traffic through the real ingest endpoint. */
  ingestKey(name: string): Promise<{ accessKeyId: string; secret: string }>;
}

/** The demo context of a server at `baseUrl`, for the start command and tests. */
export function demoContext(core: Pick<CoreDeps, 'db'>, baseUrl: string): DemoContext {
  return {
    baseUrl,
    async ingestKey(name) {
      const key = await createIngestKey(core.db, name);
      return { accessKeyId: key.accessKeyId, secret: key.secret };
    },
  };
}

/** Any installed plugin, whatever services it declared (the host's lists). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyServerPlugin = ServerPlugin<any>;

/** Typed identity for a plugin's server entry: infers the services from the `services` list. */
export const defineServerPlugin = <N extends PluginServiceName = 'logger'>(plugin: ServerPlugin<N>): ServerPlugin<N> => plugin;
