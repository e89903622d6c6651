import { catalogueWith, connectDatabase, CORE_EVENT_TYPES, coreMigrations, createMailer, emptyHooks, ensureBuiltinRoles, EventBus, JobQueue, orderByDependencies, purgeExpiredMail, purgeExpiredSignUps, purgeDispatchedEvents, purgeExpiredSessions, purgeThrottle, runMigrations, servicesOfPlugin, validatePluginManifest, type AnyServerPlugin, type CoreDeps, type DatabaseHandle } from '@rtc-console/core';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.js';
import { settingsKeyOf } from './settings-key.js';

/** Core's services for this process: the catalogue, hooks and event types include every installed plugin's. */
export function createCoreDeps(handle: DatabaseHandle, config: ApiConfig, logger: Logger, installed: readonly AnyServerPlugin[]): CoreDeps {
  const problems = installed.flatMap((p) => validatePluginManifest(p.manifest));
  if (problems.length) throw new Error(`Invalid plugins:\n  ${problems.join('\n  ')}`);
  // Dependencies first: a plugin's purge hook runs after those of the plugins it builds on.
  const plugins = orderByDependencies(installed);
  const hooks = emptyHooks();
  for (const p of plugins) if (p.onProjectPurge) hooks.onProjectPurge.push(p.onProjectPurge);
  const { db } = handle;
  const jobs = new JobQueue(handle, logger, { pollingIntervalSeconds: config.jobs.pollSeconds, cronMonitorIntervalSeconds: config.jobs.cronCheckSeconds });
  const events = new EventBus(handle, jobs, logger, { pollMs: config.jobs.pollSeconds * 1000 });
  events.declare('core', CORE_EVENT_TYPES);
  for (const p of plugins) events.declare(p.manifest.id, p.manifest.events ?? []);
  defineHousekeeping(jobs, handle, config);
  return {
    db,
    logger,
    catalogue: catalogueWith(plugins.map((p) => p.manifest)),
    hooks,
    jobs,
    events,
    settingsKey: settingsKeyOf(config, logger),
    mailer: createMailer({ db, logger, smtpUrl: config.smtpUrl, from: config.mailFrom }),
    config: {
      publicUrl: config.publicUrl,
      invitationTtlHours: config.invitationTtlHours,
      passwordResetTtlMinutes: config.passwordResetTtlMinutes,
      demo: config.demo,
      env: config.env,
    },
  };
}

/**
 * Core's upkeep as scheduled jobs, run once per cluster whatever the number of API processes:
 * expired sessions are refused when used anyway, kept mail holds live links until they expire,
 * the sign-in throttle forgets old failures, and events handed on leave the outbox after a week;
 * this keeps the tables small.
 */
function defineHousekeeping(jobs: JobQueue, handle: DatabaseHandle, config: ApiConfig): void {
  const core = jobs.forOwner('core');
  core.define({ name: 'purge-sessions', cron: '*/10 * * * *', retryLimit: 2, handler: async () => void (await purgeExpiredSessions(handle.db, config.session)) });
  core.define({ name: 'purge-mail', cron: '*/10 * * * *', retryLimit: 2, handler: async () => void (await purgeExpiredMail(handle.db)) });
  core.define({ name: 'purge-sign-ups', cron: '*/10 * * * *', retryLimit: 2, handler: async () => void (await purgeExpiredSignUps(handle.db)) });
  core.define({ name: 'purge-events', cron: '17 3 * * *', retryLimit: 2, handler: async () => void (await purgeDispatchedEvents(handle.db)) });
  core.define({ name: 'purge-throttle', cron: '*/10 * * * *', retryLimit: 2, handler: async () => void (await purgeThrottle(handle.db, config.signInRateLimit.windowMs)) });
}

/** Each plugin's `init` (its jobs and subscriptions), dependencies first; before the queue starts. */
export async function initPlugins(core: CoreDeps, plugins: readonly AnyServerPlugin[]): Promise<void> {
  for (const p of orderByDependencies(plugins)) await p.init?.(servicesOfPlugin(core, p));
}

/** Starts the job queue's workers and the events dispatcher in this process. */
export async function startBackground(core: CoreDeps): Promise<void> {
  await core.jobs.start();
  await core.events.start();
}

/** Stops them, letting running jobs finish (up to `timeoutSeconds`). */
export async function stopBackground(core: CoreDeps, timeoutSeconds = 10): Promise<void> {
  await core.events.stop();
  await core.jobs.stop(timeoutSeconds);
}

/**
 * Each plugin's migrations that has any, a plugin's after those of the plugins it depends on (its
 * tables may refer to theirs), to run after core's. Throws before touching the database when a
 * dependency is missing.
 */
export function migrationSets(plugins: readonly AnyServerPlugin[]) {
  return orderByDependencies(plugins).flatMap((p) => (p.migrations ? [{ name: p.manifest.id, folder: p.migrations }] : []));
}

/** The configured database, migrated and with its built-in roles, and core's services on it, plugins initialised (server and CLI). */
export async function openCore(config: ApiConfig, logger: Logger, plugins: readonly AnyServerPlugin[]): Promise<{ handle: DatabaseHandle; core: CoreDeps }> {
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(handle, [coreMigrations, ...migrationSets(plugins)]);
  await ensureBuiltinRoles(handle.db);
  const core = createCoreDeps(handle, config, logger, plugins);
  await initPlugins(core, plugins);
  return { handle, core };
}
