import { expect, test } from 'vitest';
import { dependenciesOf, dependentsOf, orderByDependencies, RESERVED_PLUGIN_IDS, validatePluginManifest } from './plugin.js';

const plugin = (id: string, dependsOn?: string[]) => ({ manifest: { id, ...(dependsOn ? { dependsOn } : {}) } });
const ids = (ps: { manifest: { id: string } }[]) => ps.map((p) => p.manifest.id);

test('plugins keep their installed order when nothing depends on anything', () => {
  expect(ids(orderByDependencies([plugin('usage'), plugin('webhooks'), plugin('analytics')]))).toEqual(['usage', 'webhooks', 'analytics']);
});

test('a plugin comes after the plugins it depends on, however they were installed', () => {
  const ordered = ids(orderByDependencies([plugin('billing', ['usage']), plugin('reports', ['billing', 'analytics']), plugin('usage'), plugin('analytics', ['usage'])]));
  expect(ordered).toEqual(['usage', 'billing', 'analytics', 'reports']);
  for (const [later, earlier] of [['billing', 'usage'], ['reports', 'billing'], ['reports', 'analytics'], ['analytics', 'usage']] as const) {
    expect(ordered.indexOf(later), `${later} after ${earlier}`).toBeGreaterThan(ordered.indexOf(earlier));
  }
});

test('a missing dependency stops the start with the plugin, the dependency and the fix named', () => {
  expect(() => orderByDependencies([plugin('billing', ['usage'])])).toThrow(
    'plugin "billing" depends on plugin "usage", which is not installed: install "usage" (apps/api/src/plugins.ts) or remove "billing"',
  );
});

test('circles, self-dependencies and plugins installed twice are refused', () => {
  expect(() => orderByDependencies([plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a'])])).toThrow('plugins depend on each other in a circle: a → b → c → a');
  expect(() => orderByDependencies([plugin('a', ['a'])])).toThrow('plugin "a" depends on itself');
  expect(() => orderByDependencies([plugin('a'), plugin('a')])).toThrow('plugin "a" is installed twice');
});

test('dependents and dependencies are followed through other plugins', () => {
  const installed = [plugin('usage'), plugin('billing', ['usage']), plugin('reports', ['billing']), plugin('webhooks')].map((p) => p.manifest);
  expect(dependentsOf(installed, 'usage').sort()).toEqual(['billing', 'reports']);
  expect(dependentsOf(installed, 'reports')).toEqual([]);
  expect(dependenciesOf(installed, 'reports').sort()).toEqual(['billing', 'usage']);
  expect(dependenciesOf(installed, 'webhooks')).toEqual([]);
});

test("a manifest whose id core uses is refused, naming the id; a free id is not", () => {
  const manifest = (id: string) => ({ id, name: { en: id, 'zh-CN': id } });
  expect(RESERVED_PLUGIN_IDS).toContain('projects');
  expect(validatePluginManifest(manifest('projects'))).toEqual([expect.stringMatching(/^plugin id "projects" is reserved: core uses it/)]);
  expect(validatePluginManifest(manifest('call-notes'))).toEqual([]);
});
