import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DatabaseHandle, Db } from './types.js';

export interface ConnectOptions {
  /** `postgres://…`: the real server through postgres.js. Absent: embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's directory; `memory://` or absent for an in-memory database (tests). */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}

export async function connectDatabase(opts: ConnectOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const client = postgres(opts.databaseUrl, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      // Session-level settings never leak between requests: everything tenant-scoped is SET LOCAL.
      connection: { application_name: 'rtc-console' },
    });
    const db = drizzlePostgres(client) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      location: redactUrl(opts.databaseUrl),
      async executeSql(text, values) {
        // Prepared once per connection (postgres.js keeps them by text): the job queue's statements
        // are a few fixed texts run again and again, and unprepared each would cost two round trips.
        if (values?.length) return { rows: lastResultRows(await client.unsafe(text, values.map(asPgParameter) as never[], { prepare: true })) };
        // Without parameters: the simple protocol, which takes several statements (pg-boss's
        // migrations and locked sections say BEGIN … COMMIT), on a connection of their own, as
        // postgres.js asks of any text that opens a transaction.
        const reserved = await client.reserve();
        try {
          return { rows: lastResultRows(await reserved.unsafe(text).simple()) };
        } catch (err) {
          // A failed statement after BEGIN leaves the transaction open and aborted: end it before
          // the connection goes back to the pool, or the pool's next user would inherit it.
          await reserved.unsafe('rollback').catch(() => undefined);
          throw err;
        } finally {
          reserved.release();
        }
      },
      async listen(channel, fn) {
        // postgres.js keeps one extra connection for all of a client's LISTENs.
        const { unlisten } = await client.listen(channel, () => fn());
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const inMemory = !opts.dataDir || opts.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(opts.dataDir!, { recursive: true });
  // PGlite's contrib extensions load only when passed here; the migrations then CREATE EXTENSION them.
  const extensions = { pg_trgm };
  const client = inMemory ? new PGlite({ extensions }) : new PGlite(opts.dataDir, { extensions });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: inMemory ? ':memory:' : opts.dataDir!,
    async executeSql(text, values) {
      if (values?.length) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    async listen(channel, fn) {
      const unlisten = await client.listen(channel, () => fn());
      return unlisten;
    },
    close: () => client.close(),
  };
}

/** postgres.js answers several statements with one result each, one statement with its rows. */
function lastResultRows(result: unknown): Record<string, unknown>[] {
  const list = result as unknown[];
  if (list.length && Array.isArray(list[0])) return (list.at(-1) ?? []) as Record<string, unknown>[];
  return list as Record<string, unknown>[];
}

/**
 * A parameter as node-postgres would send it, which libraries written for it (pg-boss) expect:
 * plain objects as JSON text (postgres.js would refuse them where the column's type is not
 * JSON); dates, buffers, arrays and scalars as postgres.js serializes them by their type.
 */
function asPgParameter(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value ?? null;
  if (value instanceof Date || Buffer.isBuffer(value) || Array.isArray(value)) return value;
  return JSON.stringify(value);
}
