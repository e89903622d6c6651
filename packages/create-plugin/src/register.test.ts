import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { namesOf } from './names.js';
import { addDependency, addToList, entryNames } from './register.js';

const list = (items: string) => `import type { AnyServerPlugin } from '@rtc-console/core';
import { usageServerPlugin } from '@rtc-console/plugin-usage/server';

/** Installed. */
export const installedPlugins: AnyServerPlugin[] = [${items}];
`;

test('appends to the list and imports after the last import, with or without a trailing comma', () => {
  const expected = list('\n  usageServerPlugin,\n  notesServerPlugin,\n').replace("/server';\n\n", "/server';\nimport { notesServerPlugin } from '@rtc-console/plugin-notes/server';\n\n");
  for (const items of ['\n  usageServerPlugin,\n', '\n  usageServerPlugin\n']) {
    expect(addToList(list(items), 'plugins.ts', 'installedPlugins', 'notesServerPlugin', '@rtc-console/plugin-notes/server')).toBe(expected);
  }
});

test('fills an empty list, leaves a registered plugin alone, and refuses a list it cannot find', () => {
  const empty = addToList(list(''), 'plugins.ts', 'installedPlugins', 'notesServerPlugin', '@rtc-console/plugin-notes/server');
  expect(empty).toContain('export const installedPlugins: AnyServerPlugin[] = [\n  notesServerPlugin,\n];');
  expect(addToList(empty, 'plugins.ts', 'installedPlugins', 'notesServerPlugin', '@rtc-console/plugin-notes/server')).toBe(empty);
  expect(() => addToList('export const installedPlugins = makeList();', 'plugins.ts', 'installedPlugins', 'notesServerPlugin', 'x')).toThrow(
    /plugins\.ts: no list "export const installedPlugins … = \[" … "\];" found: add notesServerPlugin .* by hand, or pass --no-register/,
  );
});

test('adds the dependency in name order', () => {
  const pkg = JSON.stringify({ name: 'app', dependencies: { '@rtc-console/core': 'workspace:*', '@rtc-console/server': 'workspace:*' } });
  expect(Object.keys(JSON.parse(addDependency(pkg, '@rtc-console/plugin-notes')).dependencies)).toEqual(['@rtc-console/core', '@rtc-console/plugin-notes', '@rtc-console/server']);
});

test("the entries it registers are the template's exports, renamed", () => {
  const source = (entry: string) => readFileSync(new URL(`../../plugins/template/src/${entry}/index.ts`, import.meta.url), 'utf8');
  expect(source('server')).toContain('export const templateServerPlugin =');
  expect(source('web')).toContain('export const templateWebPlugin =');
  expect(entryNames(namesOf('call-notes'))).toEqual({ server: 'callNotesServerPlugin', web: 'callNotesWebPlugin' });
});
