import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BILLING_TYPES, ERROR_CODES, PROJECT_REGIONS, RESERVED_PLUGIN_IDS } from '@rtc-console/core/shared';
import { describe, expect, test } from 'vitest';
import { messageModules } from '../src/i18n/messages';
import { webPlugins } from '../src/plugins';

type Tree = Record<string, unknown>;

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function has(tree: Tree, key: string): boolean {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in (node as Tree))) return false;
    node = (node as Tree)[part];
  }
  return typeof node === 'string';
}

/** The console's messages as i18n/index.ts builds them: core's modules, then each plugin's under its id. */
const pluginMessages = (locale: 'en' | 'zh-CN'): Tree => Object.fromEntries(webPlugins.map((p) => [p.manifest.id, p.manifest.messages?.[locale] ?? {}]));
const en: Tree = Object.assign({}, ...messageModules.map((m) => m.en), pluginMessages('en'));
const zh: Tree = Object.assign({}, ...messageModules.map((m) => m['zh-CN']), pluginMessages('zh-CN'));

/**
 * The web sources of the installed plugins (packages/plugins/<id>): they use the same keys
 * (`<plugin>.…`, and core's). Only the installed ones: the plugin template, and any package not
 * in src/plugins.ts, has messages the console does not load, and tests its keys itself.
 */
const pluginsDir = join(__dirname, '../../../packages/plugins');
const pluginWebDirs = webPlugins.map((p) => join(pluginsDir, p.manifest.id, 'src/web')).filter((dir) => existsSync(dir));

/** The web kit's components use the console's messages too (`common.search`, `errors.…`). */
const webKitDir = join(__dirname, '../../../packages/web-kit/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(vue|ts)$/.test(name) ? [path] : [];
  });
}

/** Static keys the source passes to t()/$t(), and route/nav label keys. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\b\$?t\(\s*'([A-Za-z0-9_.-]+)'/g, /\b(?:title|label): '([a-z]+\.[A-Za-z0-9_.]+)'/g];
  for (const file of [join(__dirname, '../src'), webKitDir, ...pluginWebDirs].flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) used.set(m[1]!, file);
  }
  return used;
}

describe('translations', () => {
  test('every message module has the same keys in English and Chinese', () => {
    for (const m of messageModules) {
      expect(keys(m['zh-CN']).sort()).toEqual(keys(m.en).sort());
    }
  });

  test("every installed plugin's messages have the same keys in English and Chinese", () => {
    for (const p of webPlugins) {
      expect(p.manifest.messages, `plugin ${p.manifest.id} has no messages`).toBeDefined();
      expect(keys(p.manifest.messages!['zh-CN']).sort(), p.manifest.id).toEqual(keys(p.manifest.messages!.en).sort());
    }
  });

  test('no two message modules (or a module and a plugin) define the same top-level key', () => {
    const seen = new Map<string, number>(webPlugins.map((p) => [p.manifest.id, -1]));
    messageModules.forEach((m, i) => {
      for (const k of Object.keys(m.en)) {
        expect(seen.has(k), `top-level key "${k}" defined twice`).toBe(false);
        seen.set(k, i);
      }
    });
  });

  test("core's message namespaces are reserved plugin ids (a plugin's messages live under its id)", () => {
    // A camelCase namespace cannot collide: plugin ids are lower case.
    const namespaces = messageModules.flatMap((m) => Object.keys(m.en)).filter((k) => k === k.toLowerCase());
    expect(namespaces).toContain('errors');
    expect(namespaces.filter((k) => !RESERVED_PLUGIN_IDS.includes(k))).toEqual([]);
  });

  test('no message is empty', () => {
    for (const tree of [en, zh]) for (const k of keys(tree)) expect(String(k.split('.').reduce<unknown>((n, p) => (n as Tree)[p], tree)).trim()).not.toBe('');
  });

  test('every key the source uses exists in both languages', () => {
    const missing = [...usedKeys()].filter(([key]) => !has(en, key) || !has(zh, key)).map(([key, file]) => `${key} (${relative(join(__dirname, '../../..'), file)})`);
    expect(missing).toEqual([]);
  });

  test('keys built at run time exist for every value', () => {
    const dynamic = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...PROJECT_REGIONS.map((r) => `projects.regions.${r}`),
      ...BILLING_TYPES.map((b) => `projects.billing.${b}`),
      ...['enabled', 'disabled', 'deleted'].map((s) => `projects.status.${s}`),
    ];
    expect(dynamic.filter((k) => !has(en, k) || !has(zh, k))).toEqual([]);
  });
});
