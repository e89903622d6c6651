import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { createPlugin } from './create-plugin.js';
import { validateId } from './validate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'create-plugin-ids-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test.each([
  [undefined, /give the plugin an id/],
  ['Bad_Id', /not a valid id: lowercase kebab-case/],
  ['call--notes', /not a valid id/],
  ['x', /must be 2 to 30 characters/],
  ['a'.repeat(31), /must be 2 to 30 characters/],
  ['projects', /"projects" is reserved/],
  ['plugin-settings', /reserved/],
  ['usage', /"usage" is taken: packages\/plugins\/usage exists/],
  ['template', /"template" is taken: packages\/plugins\/template exists/],
  ['audit-log', /the permission subject "AuditLog" belongs to core/],
  ['job', /the permission subject "Job" belongs to core/],
])('refuses %s', async (id, message) => {
  await expect(validateId(id, ROOT)).rejects.toThrow(message);
});

test('takes a free kebab-case id of 2 to 30 characters', async () => {
  for (const id of ['call-notes', 'ab', 'crm2', 'a'.repeat(30)]) expect(await validateId(id, ROOT)).toBe(id);
});

test("refuses a package name or a subject another workspace plugin has, reading the plugin's manifest", async () => {
  const dir = join(scratch, 'packages/plugins/notebook');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@rtc-console/plugin-notes', exports: { './shared': './src/shared.js' } }));
  const permission = { key: 'notebook.read', action: 'read', subject: 'CallNotes', area: 'analytics', label: { en: 'x', 'zh-CN': 'x' } };
  writeFileSync(join(dir, 'src/shared.js'), `export const m = ${JSON.stringify({ id: 'notebook', name: { en: 'N', 'zh-CN': 'N' }, permissions: [permission] })};`);
  await expect(validateId('notes', scratch)).rejects.toThrow('a workspace package is already named @rtc-console/plugin-notes');
  await expect(validateId('call-notes', scratch)).rejects.toThrow('the permission subject "CallNotes" belongs to the plugin "notebook"');
  expect(await validateId('call-log', scratch)).toBe('call-log');
});

test('refuses bad names, an existing folder, and registering a folder outside packages/plugins, writing nothing', async () => {
  const quiet = () => {};
  const dir = join(scratch, 'elsewhere');
  for (const name of ['', 'a {b}', "it's", 'x'.repeat(61)]) {
    await expect(createPlugin({ id: 'call-notes', name, dir, register: false, install: false }, ROOT, quiet)).rejects.toThrow(/--name must be 1 to 60 characters/);
  }
  await expect(createPlugin({ id: 'call-notes', nameZh: '{备注}', dir, register: false, install: false }, ROOT, quiet)).rejects.toThrow(/--name-zh/);
  await expect(createPlugin({ id: 'call-notes', dir: scratch, register: false, install: false }, ROOT, quiet)).rejects.toThrow(/already exists: nothing was written/);
  await expect(createPlugin({ id: 'call-notes', dir, register: true, install: false }, ROOT, quiet)).rejects.toThrow(/add --no-register/);
  await expect(import('node:fs').then((fs) => fs.existsSync(dir))).resolves.toBe(false);
});
