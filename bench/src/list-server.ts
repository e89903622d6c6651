import type { AddressInfo } from 'node:net';
import { drizzle } from 'drizzle-orm/postgres-js';
import express from 'express';
import postgres from 'postgres';
import { listStatements } from './list-statements.js';

/**
 * One server of benchmark D, in a process of its own so that the load generator does not share
 * its core: `tsx src/list-server.ts <api | bare | hello>` with DATABASE_URL (and, for `bare`,
 * BENCH_COMPANY_ID). Prints `listening <port>` once it accepts connections.
 *
 *   api    the console's API as `pnpm start` runs it (DEMO=off), on DATABASE_URL
 *   bare   Express 5 and postgres.js (prepared statements, as the console's list asks for) running the two statements
 *          the project list runs (the page and the count; their text built by drizzle from the same
 *          table and conditions), nothing else: no session, no membership, no ability, no
 *          row-level security, no transaction
 *   hello  Express 5 answering a constant JSON body
 */

async function startApi(): Promise<express.Express> {
  const { createApp, createLogger, loadConfig, openCore } = await import('@rtc-console/server');
  const { installedPlugins } = await import('@rtc-console/api/plugins');
  const config = loadConfig({ ...process.env, DEMO: 'off', WEB_DIST: '/nonexistent' });
  const logger = createLogger(config.logLevel);
  const { core } = await openCore(config, logger, installedPlugins);
  return createApp({ core, config, logger, plugins: installedPlugins });
}

function startBare(): express.Express {
  const companyId = Number(process.env.BENCH_COMPANY_ID);
  // postgres.js with the console's pool size. Its `unsafe` does not prepare unless asked (3.4), so
  // both statements ask, as the console's list does: parsed once per connection, one round trip each.
  const client = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
  // The statements' text, built by drizzle from the table and conditions the console's list uses for an engineer's first page.
  const statements = listStatements(drizzle(client), companyId);
  const page = statements.page.toSQL();
  const total = statements.count.toSQL();
  const app = express();
  app.get('/api/projects', async (_req, res, next) => {
    try {
      const rows = await client.unsafe(page.sql, page.params as never[], { prepare: true });
      const [n] = await client.unsafe(total.sql, total.params as never[], { prepare: true });
      res.json({ rows: rows.map(({ app_certificate: _secret, ...view }) => view), count: Number(n?.count ?? 0) });
    } catch (err) {
      next(err);
    }
  });
  return app;
}

function startHello(): express.Express {
  const app = express();
  app.get('/api/projects', (_req, res) => void res.json({ hello: 'world' }));
  return app;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const app = mode === 'api' ? await startApi() : mode === 'bare' ? startBare() : mode === 'hello' ? startHello() : null;
  if (!app) throw new Error('usage: list-server.ts <api | bare | hello>');
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  // Exit normally on a signal, so that `--cpu-prof` writes its profile.
  process.once('SIGINT', () => process.exit(0));
  console.log(`listening ${(server.address() as AddressInfo).port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
