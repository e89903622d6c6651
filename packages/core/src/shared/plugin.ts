import type { z } from 'zod';
import type { AreaDef, Locale, Localized, PermissionDef } from './permissions/types.js';

/**
 * What a plugin is, in plain data: the part both the API and the web app read. No Node and no
 * Vue here, so the manifest can be imported anywhere (PRODUCT.md "plugin developer").
 */
export interface PluginManifest {
  /** kebab-case; also the API prefix (`/api/<id>`), the i18n namespace and the migrations table. */
  id: string;
  name: Localized;
  description?: Localized;
  /** New areas for the role editor; reuse core's (`usage`, `analytics`, …) where they fit. */
  areas?: AreaDef[];
  /** Permissions it adds to the catalogue; built-in roles get them through their areas. */
  permissions?: PermissionDef[];
  /** Its messages, available in the web app under `<id>.…`. */
  messages?: Record<Locale, Record<string, unknown>>;
  /**
   * Ids of the plugins it builds on (e.g. billing on usage's data): they must be installed, and
   * their migrations run before this plugin's.
   */
  dependsOn?: readonly string[];
  /**
   * Its settings per company, edited by the company's admins: `values` (shown and sent back) and
   * `secrets` (string fields, encrypted at rest, never sent back: the API says only whether each
   * is set). Both are zod objects; `values` fields should have defaults.
   */
  settings?: { values?: z.ZodObject; secrets?: z.ZodObject };
  /** The event types it publishes (each `<id>.<what happened>`), for subscribers and pickers such as webhook endpoints. */
  events?: ReadonlyArray<{ type: string; description: Localized }>;
}

/** Typed identity: gives a manifest its type, does nothing at run time. */
export const definePlugin = <const T extends PluginManifest>(manifest: T): T => manifest;

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,30}$/;

/**
 * Ids no plugin may take: a plugin's id is its API prefix (`/api/<id>`), its page path, its i18n
 * namespace and its job and event owner, and core already uses these as one or another (its API
 * prefixes, page paths and message namespaces, which tests compare with this list), or keeps them
 * for the app's own files and words. The host refuses such a plugin at start; the scaffolder
 * refuses to create one.
 */
export const RESERVED_PLUGIN_IDS: readonly string[] = [
  // API prefixes (/api/<x>, /v1, /ingest) and the owner of core's jobs and events
  'api', 'auth', 'invitations', 'profile', 'company', 'members', 'roles', 'projects', 'audit', 'plugin-settings', 'operator', 'reseller',
  'resellers', 'dev', 'v1', 'ingest', 'core', 'sign-up', 'kb',
  // page paths of the web app
  'sign-in', 'sign-out', 'forgot-password', 'reset-password', 'accept-invitation', 'team', 'settings', 'overview', 'not-found',
  'verify-email',
  // message namespaces of the web app
  'app', 'common', 'nav', 'layout', 'system', 'reauth', 'validation', 'errors', 'invite', 'certificate', 'mailbox',
  'twoFactor', 'two-factor', 'two-factor-setup', 'sessions', 'companyTwoFactor', 'rememberedBrowsers', 'platformAudit',
  // the app's files, a plugin's entries, and words that would confuse
  'assets', 'favicon', 'index', 'public', 'static', 'node-modules', 'shared', 'server', 'web', 'test', 'tests',
  'plugin', 'plugins', 'all', 'admin', 'console', 'companies', 'member', 'project', 'role', 'user', 'users',
];

/** Checks the rules every manifest must follow; apps call it for each installed plugin. */
export function validatePluginManifest(m: PluginManifest): string[] {
  const problems: string[] = [];
  if (!PLUGIN_ID.test(m.id)) problems.push(`plugin id "${m.id}" must be kebab-case, 2 to 31 characters`);
  if (RESERVED_PLUGIN_IDS.includes(m.id)) problems.push(`plugin id "${m.id}" is reserved: core uses it (an API prefix, a page, a message namespace or a file); rename the plugin`);
  for (const p of m.permissions ?? []) {
    if (!p.key.startsWith(`${m.id}.`)) problems.push(`permission "${p.key}" of plugin "${m.id}" must start with "${m.id}."`);
  }
  for (const e of m.events ?? []) {
    if (!new RegExp(`^${m.id}\\.[a-z][a-z0-9_.]*$`).test(e.type)) problems.push(`event type "${e.type}" of plugin "${m.id}" must be "${m.id}.<what happened>" in lower case`);
  }
  return problems;
}

/**
 * The installed plugins in an order where each comes after the plugins it depends on (otherwise
 * as installed), for migrations, hooks and routes. Throws, naming the fix, when a dependency is
 * not installed, a plugin is installed twice, or plugins depend on each other in a circle: the
 * console refuses to start rather than run a plugin without what it needs.
 */
export function orderByDependencies<T extends { manifest: Pick<PluginManifest, 'id' | 'dependsOn'> }>(plugins: readonly T[]): T[] {
  const byId = new Map<string, T>();
  const problems: string[] = [];
  for (const p of plugins) {
    if (byId.has(p.manifest.id)) problems.push(`plugin "${p.manifest.id}" is installed twice`);
    byId.set(p.manifest.id, p);
  }
  for (const p of plugins) {
    for (const dep of p.manifest.dependsOn ?? []) {
      if (dep === p.manifest.id) problems.push(`plugin "${dep}" depends on itself`);
      else if (!byId.has(dep)) problems.push(`plugin "${p.manifest.id}" depends on plugin "${dep}", which is not installed: install "${dep}" (apps/api/src/plugins.ts) or remove "${p.manifest.id}"`);
    }
  }
  if (problems.length) throw new Error(`Cannot start the plugins:\n  ${problems.join('\n  ')}`);
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: T, path: string[]): void => {
    const id = p.manifest.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const circle = [...path.slice(path.indexOf(id)), id].join(' → ');
      throw new Error(`Cannot start the plugins:\n  plugins depend on each other in a circle: ${circle}`);
    }
    state.set(id, 'visiting');
    for (const dep of p.manifest.dependsOn ?? []) visit(byId.get(dep)!, [...path, id]);
    state.set(id, 'done');
    ordered.push(p);
  };
  for (const p of plugins) visit(p, []);
  return ordered;
}

type DependencyInfo = Pick<PluginManifest, 'id' | 'dependsOn'>;

/** The installed plugins that build on `id`, directly or through others (for switching them off with it). */
export function dependentsOf(plugins: readonly DependencyInfo[], id: string): string[] {
  const found = new Set<string>();
  const walk = (of: string) => {
    for (const p of plugins) if (p.dependsOn?.includes(of) && !found.has(p.id)) { found.add(p.id); walk(p.id); }
  };
  walk(id);
  return [...found];
}

/** The plugins `id` builds on, directly or through others (they must be on for it to be). */
export function dependenciesOf(plugins: readonly DependencyInfo[], id: string): string[] {
  const byId = new Map(plugins.map((p) => [p.id, p]));
  const found = new Set<string>();
  const walk = (of: string) => {
    for (const dep of byId.get(of)?.dependsOn ?? []) if (!found.has(dep)) { found.add(dep); walk(dep); }
  };
  walk(id);
  return [...found];
}
