import { catalogueWith, connectDatabase, coreMigrations, createMailer, emptyHooks, ensureBuiltinRoles, orderByDependencies, runMigrations, validatePluginManifest, type CoreDeps, type DatabaseHandle, type Db, type ServerPlugin } from '@rtc-console/core';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.js';
import { settingsKeyOf } from './settings-key.js';

/** Core's services for this process: the catalogue and hooks include every installed plugin's. */
export function createCoreDeps(db: Db, config: ApiConfig, logger: Logger, installed: readonly ServerPlugin[]): CoreDeps {
  const problems = installed.flatMap((p) => validatePluginManifest(p.manifest));
  if (problems.length) throw new Error(`Invalid plugins:\n  ${problems.join('\n  ')}`);
  // Dependencies first: a plugin's purge hook runs after those of the plugins it builds on.
  const plugins = orderByDependencies(installed);
  const hooks = emptyHooks();
  for (const p of plugins) if (p.onProjectPurge) hooks.onProjectPurge.push(p.onProjectPurge);
  return {
    db,
    logger,
    catalogue: catalogueWith(plugins.map((p) => p.manifest)),
    hooks,
    settingsKey: settingsKeyOf(config, logger),
    mailer: createMailer({ db, logger, smtpUrl: config.smtpUrl, from: config.mailFrom }),
    config: {
      publicUrl: config.publicUrl,
      invitationTtlHours: config.invitationTtlHours,
      passwordResetTtlMinutes: config.passwordResetTtlMinutes,
    },
  };
}

/**
 * Each plugin's migrations that has any, a plugin's after those of the plugins it depends on (its
 * tables may refer to theirs), to run after core's. Throws before touching the database when a
 * dependency is missing.
 */
export function migrationSets(plugins: readonly ServerPlugin[]) {
  return orderByDependencies(plugins).flatMap((p) => (p.migrations ? [{ name: p.manifest.id, folder: p.migrations }] : []));
}

/** The configured database, migrated and with its built-in roles, and core's services on it (server and CLI). */
export async function openCore(config: ApiConfig, logger: Logger, plugins: readonly ServerPlugin[]): Promise<{ handle: DatabaseHandle; core: CoreDeps }> {
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(handle, [coreMigrations, ...migrationSets(plugins)]);
  await ensureBuiltinRoles(handle.db);
  return { handle, core: createCoreDeps(handle.db, config, logger, plugins) };
}
