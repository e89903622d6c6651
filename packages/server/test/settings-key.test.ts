import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { settingsKeyOf } from '../src/settings-key.js';

const dir = mkdtempSync(join(tmpdir(), 'rtc-settings-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = (sub: string, settingsKey?: string) => ({ settingsKey, dataDir: join(dir, sub, 'pglite'), databaseUrl: undefined });

test('without SETTINGS_KEY a key is generated once beside the data, readable by this user only, and kept', () => {
  const first = settingsKeyOf(config('a'));
  expect(first).toHaveLength(32);
  expect(statSync(join(dir, 'a', 'settings.key')).mode & 0o777).toBe(0o600);
  expect(settingsKeyOf(config('a')).equals(first)).toBe(true);
});

test('SETTINGS_KEY wins over the file; a damaged file stops the start, naming the fix', () => {
  const key = Buffer.alloc(32, 7);
  expect(settingsKeyOf(config('a', key.toString('base64'))).equals(key)).toBe(true);
  settingsKeyOf(config('b'));
  writeFileSync(join(dir, 'b', 'settings.key'), 'not a key\n');
  expect(() => settingsKeyOf(config('b'))).toThrow('restore it from a backup or set SETTINGS_KEY');
});
