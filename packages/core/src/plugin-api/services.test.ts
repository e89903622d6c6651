import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import type { CoreDeps } from '../services/context.js';
import { definePlugin } from '../shared/plugin.js';
import { pluginEnvPrefix, pluginServicesFor } from './services.js';

const manifest = (id: string) => definePlugin({ id, name: { en: id, 'zh-CN': id } });
const fakeCore = (key = randomBytes(32)) =>
  ({ settingsKey: key, config: { publicUrl: 'http://x', demo: true, env: { WEBHOOKS_ALLOW_PRIVATE: 'on', CALL_NOTES_LIMIT: '3', SMTP_URL: 'smtp://secret' } } }) as unknown as CoreDeps;

test('secrets: what a plugin seals opens for it alone, in the context it was sealed in, under the same key', () => {
  const core = fakeCore();
  const mine = pluginServicesFor(core, manifest('webhooks'), ['secrets']).secrets;
  const other = pluginServicesFor(core, manifest('usage'), ['secrets']).secrets;
  const sealed = mine.seal('whsec_abc', '7');
  expect(sealed).not.toContain('whsec_abc');
  expect(mine.seal('whsec_abc', '7')).not.toBe(sealed);
  expect(mine.open(sealed, '7')).toBe('whsec_abc');
  expect(() => mine.open(sealed, '8')).toThrow();
  expect(() => mine.open(sealed)).toThrow();
  expect(() => other.open(sealed, '7')).toThrow();
  expect(() => pluginServicesFor(fakeCore(), manifest('webhooks'), ['secrets']).secrets.open(sealed, '7')).toThrow();
  expect(mine.open(mine.seal('plain'))).toBe('plain');
});

test("config: the demo flag, and the plugin's own environment variables only", () => {
  const core = fakeCore();
  const { config } = pluginServicesFor(core, manifest('webhooks'), ['config']);
  expect(config.demo).toBe(true);
  expect(config.env('ALLOW_PRIVATE')).toBe('on');
  expect(config.env('LIMIT')).toBeUndefined();
  expect(config.env('URL')).toBeUndefined();
  expect(pluginServicesFor(core, manifest('call-notes'), ['config']).config.env('LIMIT')).toBe('3');
  expect(pluginEnvPrefix('call-notes')).toBe('CALL_NOTES_');
});
