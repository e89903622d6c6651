import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

/**
 * The database handle the console works with: drizzle over PGlite or postgres.js. Both share
 * the query builder, so nothing outside `connect.ts` knows which one runs. The relational
 * query API is not used, so the schema type stays open for plugins' tables.
 */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, any>;
export type Queryable = Db | Tx;

export type DriverKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DriverKind;
  /** Where the data lives, for start-up messages: a directory, ':memory:' or a URL without password. */
  location: string;
  /**
   * Runs SQL text as given (parameters `$1…` when `values` has any, else possibly several
   * statements): for libraries that bring their own SQL, like the job queue (pg-boss).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Calls `fn` on each NOTIFY on `channel` (Postgres sends them at commit); resolves to the unsubscribe. */
  listen(channel: string, fn: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
