import { purgeExpiredMail, purgeExpiredSessions, purgeThrottle } from '@rtc-console/core';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openCore } from './core-deps.js';
import { installedPlugins } from './plugins.js';
import { startBanner } from './banner.js';
import { seedDemo } from './demo/seed.js';

/** Start-up: configuration, database and migrations, demo data on first start, HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(
    config.logLevel,
    undefined,
    process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,req,res', translateTime: 'SYS:HH:MM:ss' } } } : {},
  );
  for (const warning of config.warnings) logger.warn(warning);
  const { handle, core } = await openCore(config, logger, installedPlugins);
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
  console.log(startBanner(config, `${handle.kind} (${handle.location})`, seeded !== null));

  // Expired sessions are refused when used anyway; this only keeps the table small.
  const housekeeping = setInterval(() => {
    purgeExpiredSessions(handle.db, config.session).catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
    // Kept mail holds live links until they expire; nobody needs it after.
    purgeExpiredMail(handle.db).catch((err: unknown) => logger.warn({ err }, 'mail purge failed'));
    purgeThrottle(handle.db, config.signInRateLimit.windowMs).catch((err: unknown) => logger.warn({ err }, 'throttle purge failed'));
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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
