import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { NAME_FILE, nameFile, renameTokens, type DisplayName, type PluginNames } from './names.js';

/** What the template's folder holds besides its sources: installed, built or cached, never copied. */
const NOT_COPIED = new Set(['node_modules', '.turbo', 'dist', 'coverage']);

/** The template's files, as POSIX paths relative to its folder. */
export function templateFiles(templateDir: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => !NOT_COPIED.has(e.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(templateDir).map((file) => relative(templateDir, file).split(sep).join('/')).sort();
}

/**
 * The template sits three folders below the repository root (packages/plugins/template); its
 * configs reach the root's with this prefix, which a copy placed elsewhere (`--dir`) needs changed.
 */
const TEMPLATE_TO_ROOT = '../../../';

/**
 * The new plugin's files, path → content: the template's, with its id renamed in paths and
 * contents, its name file written for `name`, the package's description set, and the configs'
 * way to the root's fitted to where the copy goes. Nothing is written here.
 */
export function pluginFiles(templateDir: string, target: string, root: string, n: PluginNames, name: DisplayName): Map<string, string> {
  let toRoot = relative(target, root).split(sep).join('/');
  toRoot = toRoot ? `${toRoot}/` : './';
  const files = new Map<string, string>();
  for (const file of templateFiles(templateDir)) {
    let text = readFileSync(join(templateDir, file), 'utf8');
    if (file === NAME_FILE) text = nameFile(name);
    else text = renameTokens(text, n, `template/${file}`);
    if (!file.includes('/')) text = text.replaceAll(TEMPLATE_TO_ROOT, toRoot);
    if (file === 'package.json') {
      const pkg = JSON.parse(text) as Record<string, unknown>;
      pkg.description = `${name.en}: a console plugin made with pnpm create-plugin (see docs/plugins.md).`;
      text = `${JSON.stringify(pkg, null, 2)}\n`;
    }
    files.set(renameTokens(file, n, 'a file name in template/'), text);
  }
  return files;
}

/** Writes the files into `target`, which must not exist; on a failure it removes what it wrote. */
export function writeFiles(target: string, files: Map<string, string>): void {
  mkdirSync(dirname(target), { recursive: true });
  mkdirSync(target);
  try {
    for (const [file, text] of files) {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      writeFileSync(join(target, file), text);
    }
  } catch (err) {
    rmSync(target, { recursive: true, force: true });
    throw err;
  }
}
