import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { templateFiles } from './copy.js';
import { createPlugin, nextSteps, type CreateOptions } from './create-plugin.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPLATE = join(ROOT, 'packages/plugins/template');
const scratch = mkdtempSync(join(tmpdir(), 'create-plugin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const quiet = () => {};
const options = (o: Partial<CreateOptions>): CreateOptions => ({ id: 'call-notes', register: false, install: false, ...o });
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('a plugin copied from the template', async () => {
  const dir = join(scratch, 'copy', 'call-notes');
  const created = await createPlugin(options({ dir, name: 'Call notes', nameZh: '通话备注' }), ROOT, quiet);

  test("has every file of the template's, renamed, and nothing else", () => {
    const expected = templateFiles(TEMPLATE).map((f) => f.replace('template.test.ts', 'call-notes.test.ts').replace('0000_template', '0000_call_notes'));
    expect(created.files).toEqual(expected);
    expect(templateFiles(dir)).toEqual([...expected].sort());
    expect(created.files).toContain('test/call-notes.test.ts');
  });

  test('says its id in every case, and the template\'s nowhere but in Vue\'s <template> tags', () => {
    const leftovers = created.files.flatMap((f) => read(dir, f).split('\n').filter((l) => /template/i.test(l.replace(/<\/?template[\s>]/g, ''))).map((l) => `${f}: ${l}`));
    expect(leftovers).toEqual([]);
    expect(read(dir, 'src/shared/manifest.ts')).toContain("key: 'call-notes.read', action: 'read', subject: 'CallNotes'");
    expect(read(dir, 'src/server/index.ts')).toContain('export const callNotesServerPlugin = defineServerPlugin({');
    expect(read(dir, 'src/web/index.ts')).toContain("{ path: 'call-notes', name: 'call-notes-items'");
    expect(read(dir, 'src/shared/messages.ts')).toContain('shortcuts: { callNotesItems:');
    expect(read(dir, 'migrations/0000_call_notes.sql')).toContain('CREATE POLICY "call_notes_items_tenant_isolation" ON "call_notes_items"');
    expect(JSON.parse(read(dir, 'migrations/meta/_journal.json')).entries[0].tag).toBe('0000_call_notes');
    expect(read(dir, 'src/web/views/ItemsView.vue')).toMatch(/^<template>$/m);
  });

  test('carries its name, its package name and the workspace versions (catalog:)', () => {
    expect(read(dir, 'src/shared/name.ts')).toContain(`{ en: 'Call notes', 'zh-CN': '通话备注' }`);
    const pkg = JSON.parse(read(dir, 'package.json'));
    expect(pkg).toMatchObject({ name: '@rtc-console/plugin-call-notes', description: 'Call notes: a console plugin made with pnpm create-plugin (see docs/plugins.md).' });
    expect(pkg.dependencies).toMatchObject({ '@rtc-console/core': 'workspace:*', vue: 'catalog:', 'drizzle-orm': 'catalog:' });
  });

  test("reaches the root's configs from where it was put", () => {
    const base = JSON.parse(read(dir, 'tsconfig.json')).extends as string;
    expect(resolve(dir, base)).toBe(join(ROOT, 'tsconfig.base.json'));
    const lint = /from '([^']+eslint\.config\.js)'/.exec(read(dir, 'eslint.config.js'))![1]!;
    expect(resolve(dir, lint)).toBe(join(ROOT, 'eslint.config.js'));
  });

  test('without --name-zh the Chinese name is the English one, and the next steps say so', async () => {
    const other = await createPlugin(options({ id: 'crm', dir: join(scratch, 'copy', 'crm') }), ROOT, quiet);
    expect(read(other.target, 'src/shared/name.ts')).toContain(`{ en: 'Crm', 'zh-CN': 'Crm' }`);
    expect(nextSteps(other, { register: false }).join('\n')).toMatch(/add crmServerPlugin to apps\/api\/src\/plugins\.ts.*\n.*\n.*Chinese name in src\/shared\/name\.ts/);
  });
});

describe('registering', () => {
  /** A repository of its own: the apps' plugin lists and package.json as they are, the real template linked in. */
  function fakeRoot(): string {
    const root = join(scratch, 'repo');
    for (const file of ['apps/api/src/plugins.ts', 'apps/web/src/plugins.ts', 'apps/api/package.json', 'apps/web/package.json', 'tsconfig.base.json']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(ROOT, file), join(root, file));
    }
    mkdirSync(join(root, 'packages/plugins'), { recursive: true });
    symlinkSync(TEMPLATE, join(root, 'packages/plugins/template'), 'dir');
    return root;
  }

  test('adds one line to each app\'s plugin list, the import, and the workspace dependency to each app', async () => {
    const root = fakeRoot();
    const created = await createPlugin(options({ register: true }), root, quiet);
    expect(created.target).toBe(join(root, 'packages/plugins/call-notes'));
    expect(created.registered).toEqual(['apps/api/src/plugins.ts', 'apps/web/src/plugins.ts', 'apps/api/package.json', 'apps/web/package.json']);
    const api = read(root, 'apps/api/src/plugins.ts');
    expect(api).toContain("import { callNotesServerPlugin } from '@rtc-console/plugin-call-notes/server';");
    expect(api).toMatch(/\n {2}callNotesServerPlugin,\n\];/);
    expect(read(root, 'apps/web/src/plugins.ts')).toMatch(/import \{ callNotesWebPlugin \} from '@rtc-console\/plugin-call-notes\/web';[\s\S]*\n {2}callNotesWebPlugin,\n\];/);
    for (const app of ['api', 'web']) expect(JSON.parse(read(root, `apps/${app}/package.json`)).dependencies['@rtc-console/plugin-call-notes']).toBe('workspace:*');
    expect(created.installed).toBeUndefined();
    expect(existsSync(join(root, 'packages/plugins/call-notes/src/server/index.ts'))).toBe(true);
  });
});
