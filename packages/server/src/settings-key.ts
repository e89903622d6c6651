import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.js';

/**
 * The key that encrypts plugin settings' secrets: SETTINGS_KEY when set; otherwise one generated
 * once into `settings.key` beside the embedded database (readable by this user only), so the
 * embedded default needs no set-up. Back it up with `./data`: without it, stored secrets cannot
 * be read. Several instances on one database need SETTINGS_KEY (one key for all).
 */
export function settingsKeyOf(config: Pick<ApiConfig, 'settingsKey' | 'dataDir' | 'databaseUrl'>, logger?: Logger): Buffer {
  if (config.settingsKey) return Buffer.from(config.settingsKey, 'base64');
  const file = join(dirname(config.dataDir), 'settings.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      if (config.databaseUrl) logger?.warn({ file }, 'generated the settings key into a file: set SETTINGS_KEY (the same on every instance) when several instances share the database');
    } catch (err) {
      // Another process of this install made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64; restore it from a backup or set SETTINGS_KEY`);
  return key;
}
