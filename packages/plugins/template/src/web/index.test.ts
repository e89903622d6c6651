import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { messages } from '../shared/messages.js';
import { templateRead } from '../shared/manifest.js';
import { templateWebPlugin } from './index.js';

type Tree = Record<string, unknown>;
const has = (tree: Tree, key: string) => typeof key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree) === 'string';

test('the nav entry opens the page, and both need the permission', () => {
  const [route] = templateWebPlugin.routes ?? [];
  const [entry] = templateWebPlugin.nav ?? [];
  expect(entry).toMatchObject({ to: route?.name, can: templateRead });
  expect(route?.meta).toMatchObject({ can: templateRead, title: 'template.title' });
});

test('every message key the web entry and the page use exists in English and Chinese', () => {
  const sources = [readFileSync(new URL('./index.ts', import.meta.url), 'utf8'), readFileSync(new URL('./views/ItemsView.vue', import.meta.url), 'utf8')];
  // t('template.…') in the page, and the label and title keys of the entry's nav, routes and audit actions.
  const used = sources.flatMap((s) => [...s.matchAll(/(?:\bt\(|label: |title: )'template\.([A-Za-z.]+)'/g)].map((m) => m[1]!));
  expect(used).toContain('form.add');
  expect(used.filter((k) => !has(messages.en, k) || !has(messages['zh-CN'], k))).toEqual([]);
});
