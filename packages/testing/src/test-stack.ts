import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { coreMigrations, ensureBuiltinRoles, runMigrations, setPasswordCost, type AnyServerPlugin, type CoreDeps } from '@rtc-console/core';
import { createTestDatabase, type TestDatabase } from '@rtc-console/core/testing';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp, createCoreDeps, createLogger, initPlugins, loadConfig, migrationSets, seedDemo, startBackground, stopBackground, type ApiConfig } from '@rtc-console/server';

export interface TestStack {
  app: Express;
  core: CoreDeps;
  db: TestDatabase;
  config: ApiConfig;
  plugins: readonly AnyServerPlugin[];
  /** Stops the job queue when it was started, then drops the database. */
  destroy(): Promise<void>;
}

/**
 * The whole API with the given plugins on a fresh database (in-memory PGlite, or a throwaway
 * database on DATABASE_URL's server), demo data seeded unless `seed: false`, passwords hashed
 * cheaply. Used by plugins' tests, the installation's tests and the web app's browser tests.
 */
export async function createTestStack(opts: StackOptions): Promise<TestStack> {
  setPasswordCost('fast');
  const { plugins } = opts;
  const sets = [coreMigrations, ...migrationSets(plugins)];
  const db = opts.database ?? (await createTestDatabase(sets));
  if (opts.database) await runMigrations(db, sets);
  await ensureBuiltinRoles(db.db);
  // The seeded stack is the demo (with its mailbox); `seed: false` is a real install's empty start.
  const demo = opts.seed === false ? 'off' : 'on';
  // A key of its own, so tests write no key file.
  const config = loadConfig({ DEMO: demo, LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', SETTINGS_KEY: randomBytes(32).toString('base64'), ...opts.env });
  const logger = opts.logger ?? createLogger('silent');
  // Fast polls: a test waits for jobs and deliveries.
  const config2 = opts.jobs ? { ...config, jobs: { pollSeconds: 0.5, cronCheckSeconds: 1 } } : config;
  const core = createCoreDeps(db, config2, logger, plugins);
  await initPlugins(core, plugins);
  if (opts.seed !== false) await seedDemo(core);
  // The queue's tables always exist (routes may send jobs, the operator lists them); only `jobs` works them.
  if (opts.jobs) await startBackground(core);
  else await core.jobs.start({ work: false });
  const destroy = async () => {
    await stopBackground(core, 2);
    await db.destroy();
  };
  return { app: createApp({ core, config: config2, logger, plugins }), core, db, config: config2, plugins, destroy };
}

export interface StackOptions {
  seed?: boolean;
  env?: Record<string, string>;
  /** Where the app and core log (silent by default); the logging tests read it. */
  logger?: Logger;
  /**
   * The server plugins to install, no default: a plugin's tests pass that plugin (and what it
   * depends on), the installation's tests its installed list, the host's own an empty one.
   */
  plugins: readonly AnyServerPlugin[];
  /**
   * Start the job queue's workers and the events dispatcher (pg-boss's schema is installed then):
   * for tests of jobs and event deliveries. Off by default, as most tests need neither.
   */
  jobs?: boolean;
  /**
   * Run on this database instead of a fresh in-memory or throwaway one (the benchmarks bring a
   * PGlite directory or a database of their own); it is migrated here and destroyed by `close`.
   */
  database?: TestDatabase;
}

/** A test stack listening on a free local port; `close` stops it and drops the database. */
export async function startTestServer(opts: StackOptions): Promise<TestStack & { url: string; close(): Promise<void> }> {
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
      await stack.destroy();
    },
  };
}
