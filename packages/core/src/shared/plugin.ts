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
}

/** Typed identity: gives a manifest its type, does nothing at run time. */
export const definePlugin = <const T extends PluginManifest>(manifest: T): T => manifest;

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,30}$/;

/** Checks the rules every manifest must follow; apps call it for each installed plugin. */
export function validatePluginManifest(m: PluginManifest): string[] {
  const problems: string[] = [];
  if (!PLUGIN_ID.test(m.id)) problems.push(`plugin id "${m.id}" must be kebab-case, 2 to 31 characters`);
  for (const p of m.permissions ?? []) {
    if (!p.key.startsWith(`${m.id}.`)) problems.push(`permission "${p.key}" of plugin "${m.id}" must start with "${m.id}."`);
  }
  return problems;
}
