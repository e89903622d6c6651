import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseCommandLine } from './cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** `pnpm create-plugin …` runs this: node, from the root. */
const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/create-plugin.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

test('reads the id and the options', () => {
  expect(parseCommandLine(['call-notes', '--name', 'Call notes', '--name-zh', '通话备注', '--dir', '/x', '--no-register', '--no-install'])).toEqual({
    id: 'call-notes', name: 'Call notes', nameZh: '通话备注', dir: '/x', register: false, install: false, help: false,
  });
  expect(parseCommandLine(['crm'])).toMatchObject({ id: 'crm', register: true, install: true });
  expect(() => parseCommandLine(['a', 'b'])).toThrow('one id only (got "a" and "b")');
  expect(() => parseCommandLine(['a', '--area', 'x'])).toThrow(/Unknown option '--area'/);
  expect(() => parseCommandLine(['a', '--name'])).toThrow(/--name/);
});

test('the root script runs the scaffolder: help, and a mistake told with the usage and exit code 2', () => {
  const help = run('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: pnpm create-plugin <id> \[options\]/);
  const bad = run('Bad_Id');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/^create-plugin: "Bad_Id" is not a valid id[\s\S]*Usage: pnpm create-plugin/);
});
