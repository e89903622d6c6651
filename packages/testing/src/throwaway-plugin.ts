/**
 * A throwaway plugin made by the real scaffolder (`scripts/create-plugin.mjs`, which copies
 * packages/plugins/template), for the tests that prove a scaffolded plugin works: the API's
 * route/permission/migration test and the web app's browser test
 * (`@rtc-console/testing/throwaway-plugin`). It lives in `.tmp-plugins/<id>` (gitignored) with
 * `--no-register`, so nothing of the repository changes; its dependencies are linked to the very
 * packages the apps and the template resolve (same instances of vue, naive-ui, drizzle-orm,
 * core), as `pnpm install` would link them.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TMP = join(REPO_ROOT, '.tmp-plugins');
const SCRIPT = join(REPO_ROOT, 'scripts/create-plugin.mjs');
/** Where its dependencies are installed: the web app's first, so the browser bundle shares its Vue; then the template's, which has them all. */
const LINK_FROM = ['apps/web', 'packages/plugins/template'].map((p) => join(REPO_ROOT, p, 'node_modules'));

export interface ThrowawayPlugin {
  id: string;
  dir: string;
  /** What the scaffolder printed. */
  output: string;
  /** Absolute paths of its entries, for `import()` and bundlers. */
  serverEntry: string;
  webEntry: string;
  /** Deletes the folder (safe to call twice). */
  remove(): void;
}

/** Runs the scaffolder as `pnpm create-plugin` does (node, from the repository root). */
export function runCreatePlugin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Scaffolds a plugin with a random id (`tmp-…`) into `.tmp-plugins/`, linked and ready to import. */
export function scaffoldThrowawayPlugin(args: string[] = []): ThrowawayPlugin {
  removeStale();
  const id = `tmp-${randomBytes(4).toString('hex')}`;
  const dir = join(TMP, id);
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(TMP) && readdirSync(TMP).length === 0) rmdirSync(TMP);
  };
  // Even if the worker ends before the test's afterAll.
  process.once('exit', remove);
  try {
    const r = runCreatePlugin([id, '--dir', dir, '--no-register', ...args]);
    if (r.status !== 0) throw new Error(`create-plugin ${id} failed (${r.status}):\n${r.stderr}${r.stdout}`);
    linkDependencies(dir);
    return { id, dir, output: r.stdout, serverEntry: join(dir, 'src/server/index.ts'), webEntry: join(dir, 'src/web/index.ts'), remove };
  } catch (err) {
    remove();
    throw err;
  }
}

/** `node_modules/<dep>` → the package the apps already resolve, for each dependency it declares. */
function linkDependencies(dir: string): void {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const source = LINK_FROM.map((base) => join(base, name)).find((p) => existsSync(p));
    if (!source) throw new Error(`the throwaway plugin depends on ${name}, which neither the web app nor the template has installed`);
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(source), link, 'dir');
  }
}

/** Leftovers of runs that were killed (older than an hour): never another run's live folder. */
function removeStale(): void {
  if (!existsSync(TMP)) return;
  for (const name of readdirSync(TMP)) {
    const path = join(TMP, name);
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

/** The export of a module that is a plugin entry for `id` (server or web: both carry the manifest). */
export function pluginExport<T>(mod: Record<string, unknown>, id: string): T {
  const found = Object.values(mod).find((v) => typeof v === 'object' && v !== null && (v as { manifest?: { id?: string } }).manifest?.id === id);
  if (!found) throw new Error(`no plugin entry for "${id}" among ${Object.keys(mod).join(', ')}`);
  return found as T;
}
