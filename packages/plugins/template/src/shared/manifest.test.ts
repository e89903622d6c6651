import { catalogueWith, validatePluginManifest } from '@rtc-console/core/shared';
import { expect, test } from 'vitest';
import { templateManifest } from './manifest.js';
import { messages } from './messages.js';

type Tree = Record<string, unknown>;
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`]));

test('the manifest follows the plugin rules and joins the catalogue', () => {
  expect(validatePluginManifest(templateManifest)).toEqual([]);
  expect(catalogueWith([templateManifest]).get('template.read')).toMatchObject({ plugin: 'template', area: 'analytics' });
});

test('every message exists in English and Chinese', () => {
  expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort());
});
