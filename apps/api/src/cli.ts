import { createLogger, loadConfig, openCore, runConsoleCommand } from '@rtc-console/server';
import { installedPlugins } from './plugins.js';

/** `pnpm console …` on the same database and settings as the server (migrated first, so it works before the first start). */
async function cli(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const { handle, core } = await openCore(config, logger, installedPlugins);
  try {
    const result = await runConsoleCommand(process.argv.slice(2), core);
    (result.code === 0 ? console.log : console.error)(result.out);
    return result.code;
  } finally {
    await handle.close();
  }
}

cli().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
