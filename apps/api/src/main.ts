import { connectDatabase, coreMigrations, ensureBuiltinRoles, purgeExpiredSessions, runMigrations } from '@rtc-console/core';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createCoreDeps, migrationSets } from './core-deps.js';
import { installedPlugins } from './plugins.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_RESELLER, DEMO_STAFF } from './demo/demo-data.js';
import { seedDemo, type DemoLogin } from './demo/seed.js';

/** Start-up: configuration, database and migrations, demo data on first start, HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({
    level: config.logLevel,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,req,res', translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(handle, [coreMigrations, ...migrationSets(installedPlugins)]);
  await ensureBuiltinRoles(handle.db);
  const core = createCoreDeps(handle.db, config, logger, installedPlugins);
  const seeded = config.demo ? await seedDemo(core) : null;

  const app = createApp({ core, config, logger, plugins: installedPlugins });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  if (seeded) {
    // Plugins' demo data goes through their real entry points, on this very server.
    const port = (server.address() as AddressInfo).port;
    for (const plugin of installedPlugins) {
      if (plugin.seedDemo) await plugin.seedDemo(core, { baseUrl: `http://127.0.0.1:${port}` });
    }
  }
  printBanner(config.publicUrl, `${handle.kind} (${handle.location})`, seeded, config.devMailbox);

  // Expired sessions are refused when used anyway; this only keeps the table small.
  const housekeeping = setInterval(() => {
    purgeExpiredSessions(handle.db, config.session).catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
  }, 10 * 60_000).unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let requests in flight finish, then cut what is left after 10 s.
    const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.close(async () => {
      clearTimeout(force);
      clearInterval(housekeeping);
      await handle.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printBanner(url: string, database: string, seeded: DemoLogin[] | null, mailbox: boolean): void {
  const lines = [`\n  RTC Console is running at ${url}`, `  Database: ${database}`];
  if (mailbox) lines.push(`  Demo mailbox (mail is kept, not sent): ${url}/dev/mailbox`);
  lines.push(seeded ? '  Demo data seeded. Sign in as any of these, password ' + DEMO_PASSWORD + ':' : '  Demo logins (password ' + DEMO_PASSWORD + '):');
  lines.push(...demoLoginLines());
  console.log(lines.join('\n') + '\n');
}

function demoLoginLines(): string[] {
  const staff = `    Staff: ${DEMO_STAFF.reseller.email} (reseller ${DEMO_RESELLER}), ${DEMO_STAFF.operator.email} (platform operator)`;
  return [staff, ...DEMO_COMPANIES.map((c) => {
    const who = [`${c.input.email} (admin)`, ...c.members.map((m) => `${m.email} (${m.role === 'custom' ? c.customRole.name : m.role})`)];
    return `    ${c.input.name}: ${who.join(', ')}`;
  })];
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
