import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { coreMigrations, ensureBuiltinRoles, runMigrations, setPasswordCost, type CoreDeps, type ServerPlugin } from '@rtc-console/core';
import { createTestDatabase, type TestDatabase } from '@rtc-console/core/testing';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { loadConfig, type ApiConfig } from './config.js';
import { createLogger } from './logger.js';
import { createCoreDeps, migrationSets } from './core-deps.js';
import { installedPlugins } from './plugins.js';
import { seedDemo } from './demo/seed.js';

export interface TestStack {
  app: Express;
  core: CoreDeps;
  db: TestDatabase;
  config: ApiConfig;
  plugins: readonly ServerPlugin[];
}

/**
 * The whole API on a fresh database (in-memory PGlite, or a throwaway database on
 * DATABASE_URL's server), demo data seeded unless `seed: false`, passwords hashed cheaply.
 * Used by the API's tests and by the web app's browser tests.
 */
export async function createTestStack(opts: StackOptions = {}): Promise<TestStack> {
  setPasswordCost('fast');
  const plugins = opts.plugins ?? installedPlugins;
  const sets = [coreMigrations, ...migrationSets(plugins)];
  const db = opts.database ?? (await createTestDatabase(sets));
  if (opts.database) await runMigrations(db, sets);
  await ensureBuiltinRoles(db.db);
  // The seeded stack is the demo (with its mailbox); `seed: false` is a real install's empty start.
  const demo = opts.seed === false ? 'off' : 'on';
  // A key of its own, so tests write no key file.
  const config = loadConfig({ DEMO: demo, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', SETTINGS_KEY: randomBytes(32).toString('base64'), ...opts.env });
  const logger = opts.logger ?? createLogger('silent');
  const core = createCoreDeps(db.db, config, logger, plugins);
  if (opts.seed !== false) await seedDemo(core);
  return { app: createApp({ core, config, logger, plugins }), core, db, config, plugins };
}

export interface StackOptions {
  seed?: boolean;
  env?: Record<string, string>;
  /** Where the app and core log (silent by default); the logging tests read it. */
  logger?: Logger;
  /** The server plugins to install; the app's own list by default. */
  plugins?: readonly ServerPlugin[];
  /**
   * Run on this database instead of a fresh in-memory or throwaway one (the benchmarks bring a
   * PGlite directory or a database of their own); it is migrated here and destroyed by `close`.
   */
  database?: TestDatabase;
}

/** A test stack listening on a free local port; `close` stops it and drops the database. */
export async function startTestServer(opts: StackOptions = {}): Promise<TestStack & { url: string; close(): Promise<void> }> {
  const stack = await createTestStack(opts);
  const server = stack.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...stack,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stack.db.destroy();
    },
  };
}

export { DEMO_COMPANIES, DEMO_PASSWORD } from './demo/demo-data.js';
