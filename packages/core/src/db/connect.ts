import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
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
      close: () => client.end({ timeout: 5 }),
    };
  }
  const inMemory = !opts.dataDir || opts.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(opts.dataDir!, { recursive: true });
  const client = inMemory ? new PGlite() : new PGlite(opts.dataDir);
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: inMemory ? ':memory:' : opts.dataDir!,
    close: () => client.close(),
  };
}
