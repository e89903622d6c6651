import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renameTokens, type PluginNames } from './names.js';

/** One file's change, computed before anything is written (all of them, or none). */
export interface FileEdit {
  file: string;
  before: string;
  after: string;
}

/**
 * Adds `import { <entry> } from '<from>';` after the last import and `  <entry>,` at the end of
 * the list `export const <list>… = [` … `];`, the shape of both apps' plugins.ts. Another shape is
 * refused with what to do by hand. Already registered: unchanged.
 */
export function addToList(source: string, file: string, list: string, entry: string, from: string): string {
  const importLine = `import { ${entry} } from '${from}';`;
  if (source.includes(importLine)) return source;
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`export const ${list}`) && /=\s*\[\s*(\];)?$/.test(l));
  const end = lines.findIndex((l, i) => i > start && l === '];');
  const lastImport = lines.findLastIndex((l) => /^import .* from '[^']+';$/.test(l));
  if (start < 0 || (end < 0 && !lines[start]!.endsWith('[];'))) {
    throw new Error(`${file}: no list "export const ${list} … = [" … "];" found: add ${entry} (${importLine}) by hand, or pass --no-register`);
  }
  if (lines[start]!.endsWith('[];')) {
    lines.splice(start, 1, lines[start]!.replace(/\[\];$/, '['), `  ${entry},`, '];');
  } else {
    const last = lines[end - 1]!;
    if (end - 1 > start && !last.trimEnd().endsWith(',')) lines[end - 1] = `${last.trimEnd()},`;
    lines.splice(end, 0, `  ${entry},`);
  }
  lines.splice(lastImport + 1, 0, importLine);
  return lines.join('\n');
}

/** A workspace dependency on the plugin, among the others in name order. */
export function addDependency(source: string, pkg: string): string {
  const json = JSON.parse(source) as { dependencies?: Record<string, string> };
  json.dependencies = Object.fromEntries(Object.entries({ ...json.dependencies, [pkg]: 'workspace:*' }).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The template's entry exports, renamed like everything else of it. */
export const entryNames = (n: PluginNames) => ({ server: renameTokens('templateServerPlugin', n, 'server entry'), web: renameTokens('templateWebPlugin', n, 'web entry') });

/** The plugin's line in each app's plugin list and its dependency in each app's package.json. */
export function registrationEdits(root: string, n: PluginNames): FileEdit[] {
  const entries = entryNames(n);
  const edits: Array<[string, (source: string, file: string) => string]> = [
    ['apps/api/src/plugins.ts', (s, f) => addToList(s, f, 'installedPlugins', entries.server, `${n.pkg}/server`)],
    ['apps/web/src/plugins.ts', (s, f) => addToList(s, f, 'webPlugins', entries.web, `${n.pkg}/web`)],
    ['apps/api/package.json', (s) => addDependency(s, n.pkg)],
    ['apps/web/package.json', (s) => addDependency(s, n.pkg)],
  ];
  return edits.map(([file, edit]) => {
    const before = readFileSync(join(root, file), 'utf8');
    return { file, before, after: edit(before, file) };
  });
}
