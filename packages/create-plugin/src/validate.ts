import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORE_PERMISSIONS, PLATFORM_SUBJECTS, RESERVED_PLUGIN_IDS, type PluginManifest } from '@rtc-console/core/shared';
import { namesOf } from './names.js';

/** A mistake in what the caller asked for: told with the usage text, exit code 2. */
export class UsageError extends Error {}

/** Lowercase kebab-case: letters and digits, single hyphens, a letter first. */
const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Where workspace packages live (pnpm-workspace.yaml). */
const PACKAGE_FOLDERS = ['apps', 'packages', 'packages/plugins', 'bench'];

interface PackageJson {
  name?: string;
  exports?: Record<string, string>;
}

const packagesIn = (root: string): Array<{ dir: string; pkg: PackageJson }> =>
  PACKAGE_FOLDERS.flatMap((base) => {
    const parent = join(root, base);
    if (base === 'bench') return existsSync(join(parent, 'package.json')) ? [{ dir: parent, pkg: JSON.parse(readFileSync(join(parent, 'package.json'), 'utf8')) as PackageJson }] : [];
    if (!existsSync(parent)) return [];
    return readdirSync(parent)
      .map((d) => join(parent, d))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson }));
  });

const isManifest = (v: unknown): v is PluginManifest =>
  typeof v === 'object' && v !== null && typeof (v as PluginManifest).id === 'string' && typeof (v as PluginManifest).name?.en === 'string';

/** The manifests of the workspace's plugin packages, from their shared entries (imported, not read as text). */
export async function workspaceManifests(root: string): Promise<PluginManifest[]> {
  const found: PluginManifest[] = [];
  for (const { dir, pkg } of packagesIn(root)) {
    const shared = pkg.exports?.['./shared'];
    if (!pkg.name?.startsWith('@rtc-console/plugin-') || !shared) continue;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(join(dir, shared)).href)) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`cannot load ${pkg.name}'s manifest to compare ids and subjects (run pnpm install?): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    found.push(...Object.values(mod).filter(isManifest));
  }
  return found;
}

/**
 * Refuses an id the console could not install, saying why: not kebab-case or not 2 to 30
 * characters (its longest name, `<id>_items_company_id_companies_id_fk`, must fit Postgres's
 * 63), reserved by core, the name of an existing package or plugin, or one whose CASL subject
 * (`call-notes` → `CallNotes`) core or a workspace plugin already has.
 */
export async function validateId(id: string | undefined, root: string): Promise<string> {
  if (!id) throw new UsageError('give the plugin an id, e.g. pnpm create-plugin call-notes');
  if (!ID_PATTERN.test(id)) throw new UsageError(`"${id}" is not a valid id: lowercase kebab-case (letters, digits, single hyphens), starting with a letter`);
  if (id.length < 2 || id.length > 30) throw new UsageError(`"${id}" must be 2 to 30 characters (it names tables and constraints, which Postgres caps at 63)`);
  if (RESERVED_PLUGIN_IDS.includes(id)) throw new UsageError(`"${id}" is reserved: core uses it for a route, a page or a message namespace`);
  const n = namesOf(id);
  if (existsSync(join(root, 'packages/plugins', id))) throw new UsageError(`"${id}" is taken: packages/plugins/${id} exists`);
  if (packagesIn(root).some(({ pkg }) => pkg.name === n.pkg)) throw new UsageError(`"${id}" is taken: a workspace package is already named ${n.pkg}`);
  const manifests = await workspaceManifests(root);
  const owner = manifests.find((m) => m.id === id);
  if (owner) throw new UsageError(`"${id}" is taken: a workspace plugin has that id`);
  const subjects = new Map<string, string>([...PLATFORM_SUBJECTS, ...CORE_PERMISSIONS.map((p) => p.subject)].map((s) => [s, 'core']));
  for (const m of manifests) for (const p of m.permissions ?? []) subjects.set(p.subject, `the plugin "${m.id}"`);
  const holder = subjects.get(n.pascal);
  if (holder) throw new UsageError(`"${id}" is taken: the permission subject "${n.pascal}" belongs to ${holder}`);
  return id;
}

/** A display name goes into messages: no characters vue-i18n gives a meaning ({}@$|) and no quotes. */
export function validateName(flag: string, value: string | undefined): void {
  if (value === undefined) return;
  if (!value.trim() || value.length > 60 || /[{}@$|'"`\\<>\n]/.test(value)) throw new UsageError(`${flag} must be 1 to 60 characters without quotes, braces or {}@$|<>\\`);
}
