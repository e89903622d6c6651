import { demoContext, servicesOfPlugin } from '@rtc-console/core';
import type { AddressInfo } from 'node:net';
import { createApp, createLogger, loadConfig, openCore, seedDemo, startBackground, startBanner, stopBackground } from '@rtc-console/server';
import { installedPlugins } from './plugins.js';

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
  // Jobs and event deliveries run in every API process; pg-boss keeps each job to one of them.
  await startBackground(core);
  if (seeded) {
    // Plugins' demo data goes through their real entry points, on this very server.
    const port = (server.address() as AddressInfo).port;
    for (const plugin of installedPlugins) {
      if (plugin.seedDemo) await plugin.seedDemo(servicesOfPlugin(core, plugin), demoContext(core, `http://127.0.0.1:${port}`));
    }
  }
  console.log(startBanner(config, `${handle.kind} (${handle.location})`, seeded !== null));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let requests in flight finish, then cut what is left after 10 s.
    const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.close(async () => {
      clearTimeout(force);
      await stopBackground(core).catch((err: unknown) => logger.warn({ err }, 'stopping the job queue failed'));
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
