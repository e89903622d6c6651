import type { Logger } from 'pino';
import { inCompany } from '../db/tenant.js';
import type { Db, Queryable, Tx } from '../db/types.js';
import { publishEvents } from '../events/publish.js';
import type { DeliveredEvent, EventTypeDef, Subscription } from '../events/types.js';
import type { OwnerJobs } from '../jobs/types.js';
import type { CoreDeps } from '../services/context.js';
import type { Mailer } from '../services/mail/mailer.js';
import { companyAdmins } from '../services/membership.js';
import { decryptSecret, encryptSecret } from '../services/settings-crypto.js';
import { pluginSettingsOf } from '../services/plugin-settings.js';
import { isPluginEnabled } from '../services/plugins.js';
import { projectsByAppIds, type ProjectByAppId } from '../services/project-lookup.js';
import type { PluginManifest } from '../shared/plugin.js';
import type { Locale } from '../shared/permissions/types.js';

/** The events service of one plugin: it publishes the types its manifest declares, and subscribes to any. */
export interface PluginEvents {
  /** Writes events into the outbox in the caller's transaction; delivered after it commits. */
  publish(tx: Tx, events: ReadonlyArray<{ type: string; companyId: number | null; actor: string; data?: Record<string, unknown> }>): Promise<void>;
  /** Declared in `init`: the handler runs at least once per matching event, retried by the job queue. */
  subscribe(subscription: Subscription): void;
  /** Every event type core and the installed plugins publish. */
  types(): Array<EventTypeDef & { owner: string }>;
}

/**
 * Everything a plugin may ask for, by name. A plugin lists the names it uses in `services` and
 * its entry points receive those and no others: never core's deps, hooks or the mailer's insides.
 */
export interface PluginServiceMap {
  /** The system database: row-level security off, for work across companies (ingest, reseller totals). Prefer `tenant`. */
  systemDb: Db;
  /** Runs `fn` as one company: row-level security on, so it sees that company's rows only. */
  tenant: { inCompany<T>(companyId: number, fn: (tx: Tx) => Promise<T>): Promise<T> };
  /** Projects as the media edge names them (App IDs), with whether this plugin is on for their company. */
  projects: { byAppIds(q: Queryable, appIds: readonly string[]): Promise<Map<string, ProjectByAppId>> };
  /** Whether the operator left this plugin on for a company. */
  plugins: { isEnabled(companyId: number): Promise<boolean> };
  /** Sends mail through the console's outbox (kept when SMTP is down). */
  mail: Pick<Mailer, 'send'>;
  /** The console's logger, each line tagged with the plugin's id. */
  logger: Logger;
  /** This plugin's jobs: defined in `init`, sent from anywhere; names live under the plugin's id. */
  jobs: OwnerJobs;
  events: PluginEvents;
  /** This plugin's settings of a company, secrets decrypted (the manifest's schema applied). */
  settings: { of(companyId: number): Promise<{ values: Record<string, unknown>; secrets: Record<string, string> }> };
  /**
   * What a plugin may know of the install: the web app's address (for links in mail), whether the
   * demo is on, and its own environment variables: `env('ALLOW_PRIVATE')` reads
   * `<PLUGIN_ID>_ALLOW_PRIVATE` (the id in upper case, `-` as `_`), and no other variable.
   */
  config: { publicUrl: string; demo: boolean; env(name: string): string | undefined };
  /**
   * Seals a secret the plugin stores itself (a webhook's signing key): AES-256-GCM under the
   * console's settings key, with the plugin's id, and `context` when given (a company id), bound
   * in, so another plugin's ciphertext, or one moved to another context, does not open. `open`
   * throws on anything it did not seal.
   */
  secrets: { seal(plain: string, context?: string): string; open(sealed: string, context?: string): string };
  /** The company's admins (members holding the built-in admin role) and the language each reads, for mail about the company's setup. */
  team: { admins(companyId: number): Promise<Array<{ email: string; name: string; locale: Locale }>> };
}

export type PluginServiceName = keyof PluginServiceMap;
export type PluginServicesOf<N extends PluginServiceName> = Pick<PluginServiceMap, N>;
/** The services of a plugin that declares none beyond its logger (the default). */
export type PluginServices = PluginServicesOf<PluginServiceName>;

export const PLUGIN_SERVICE_NAMES: readonly PluginServiceName[] = ['systemDb', 'tenant', 'projects', 'plugins', 'mail', 'logger', 'jobs', 'events', 'settings', 'config', 'secrets', 'team'];

/** The prefix of a plugin's own environment variables: `call-notes` → `CALL_NOTES_`. */
export const pluginEnvPrefix = (pluginId: string): string => `${pluginId.toUpperCase().replace(/-/g, '_')}_`;

/**
 * Builds the services a plugin declared, each bound to the plugin (its job names, its event
 * types, its settings), and only those: asking for an undeclared one is `undefined` at run time
 * and a type error at build time.
 */
export function pluginServicesFor<N extends PluginServiceName>(core: CoreDeps, manifest: PluginManifest, names: readonly N[]): PluginServicesOf<N> {
  const id = manifest.id;
  const make: { [K in PluginServiceName]: () => PluginServiceMap[K] } = {
    systemDb: () => core.db,
    tenant: () => ({ inCompany: (companyId, fn) => inCompany(core.db, companyId, fn) }),
    projects: () => ({ byAppIds: (q, appIds) => projectsByAppIds(q, appIds, { plugin: id }) }),
    plugins: () => ({ isEnabled: (companyId) => isPluginEnabled(core.db, companyId, id) }),
    mail: () => ({ send: (m) => core.mailer.send(m) }),
    logger: () => core.logger.child({ plugin: id }),
    jobs: () => core.jobs.forOwner(id),
    events: () => ({
      async publish(tx, events) {
        for (const e of events) if (!core.events.isDeclared(e.type, id)) throw new Error(`plugin "${id}" publishes "${e.type}", which its manifest does not declare`);
        await publishEvents(tx, events);
      },
      subscribe: (sub) => core.events.subscribe(id, sub),
      types: () => core.events.types(),
    }),
    settings: () => ({ of: (companyId) => pluginSettingsOf(core, companyId, manifest) }),
    config: () => ({ publicUrl: core.config.publicUrl, demo: core.config.demo, env: (name) => core.config.env[`${pluginEnvPrefix(id)}${name}`] }),
    secrets: () => {
      const aad = (context?: string) => (context === undefined ? `plugin:${id}` : `plugin:${id}/${context}`);
      return {
        seal: (plain, context) => encryptSecret(core.settingsKey, plain, aad(context)),
        open: (sealed, context) => decryptSecret(core.settingsKey, sealed, aad(context)),
      };
    },
    team: () => ({ admins: (companyId) => companyAdmins(core.db, companyId) }),
  };
  const services: Partial<PluginServiceMap> = {};
  for (const name of new Set(names)) {
    if (!(name in make)) throw new Error(`plugin "${id}" asks for an unknown service "${String(name)}" (known: ${PLUGIN_SERVICE_NAMES.join(', ')})`);
    (services as Record<string, unknown>)[name] = make[name]();
  }
  return services as PluginServicesOf<N>;
}

const built = new WeakMap<CoreDeps, Map<string, unknown>>();

/** A plugin's services on these core deps, built once (init, routes and demo share them). */
export function servicesOfPlugin<N extends PluginServiceName>(core: CoreDeps, plugin: { manifest: PluginManifest; services?: readonly N[] }): PluginServicesOf<N> {
  let byPlugin = built.get(core);
  if (!byPlugin) built.set(core, (byPlugin = new Map()));
  const id = plugin.manifest.id;
  if (!byPlugin.has(id)) byPlugin.set(id, pluginServicesFor(core, plugin.manifest, plugin.services ?? (['logger'] as N[])));
  return byPlugin.get(id) as PluginServicesOf<N>;
}

export type { DeliveredEvent };
