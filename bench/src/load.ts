import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rowsOf, type Db } from '@rtc-console/core';
import { rebuildRollups } from '@rtc-console/plugin-usage/server';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { BenchDatabase } from './setup.js';
import { now } from './stats.js';
import { COPY_COLUMNS, copyChunks, sessions, type BenchProject, type TrafficOptions } from './traffic.js';

/**
 * Loading tens of millions of records through the ingest endpoint would take most of an hour
 * and measure ingest, not the query; so the query benchmark writes the raw records with COPY
 * (the rows ingest would have stored: same columns, metric codes from the plugin's own model
 * functions), then builds the rollups with the product's own `rebuildRollups`, the repair tool
 * that derives them from the raw records. The rollups are real; only the way the raw rows got in
 * differs (the ingest benchmark measures that way).
 */

const COPY_SQL = `COPY usage_sessions (${COPY_COLUMNS}) FROM STDIN`;

/** COPY text into usage_sessions, through a connection of its own (Postgres) or PGlite's blob device. */
export async function copyText(database: BenchDatabase, chunks: Iterable<string>): Promise<void> {
  if (database.backend === 'postgres') {
    const client = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const writable = await client.unsafe(COPY_SQL).writable();
      await pipeline(Readable.from(chunks, { objectMode: false, highWaterMark: 4 }), writable);
    } finally {
      await client.end();
    }
    return;
  }
  // PGlite reads COPY input from /dev/blob; a few megabytes per statement.
  const pg = database.pglite!;
  const rowsPerCopy = 100_000;
  let pending: string[] = [];
  let lines = 0;
  const flush = async () => {
    if (!pending.length) return;
    await pg.query(`COPY usage_sessions (${COPY_COLUMNS}) FROM '/dev/blob'`, [], { blob: new Blob(pending) });
    pending = [];
    lines = 0;
  };
  for (const chunk of chunks) {
    pending.push(chunk);
    lines += countLines(chunk);
    if (lines >= rowsPerCopy) await flush();
  }
  await flush();
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface IndexDef {
  name: string;
  /** `alter table … add constraint …` or `create index …`. */
  create: string;
  drop: string;
}

/** usage_sessions' primary key and indexes, as the migrations made them. */
async function sessionIndexes(db: Db): Promise<IndexDef[]> {
  const constraints = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'usage_sessions'::regclass and contype in ('p', 'u')`),
  );
  const indexes = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`
      select i.relname as name, pg_get_indexdef(i.oid) as def
      from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = 'usage_sessions'::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`),
  );
  return [
    ...constraints.map((c) => ({ name: c.name, create: `ALTER TABLE usage_sessions ADD CONSTRAINT "${c.name}" ${c.def}`, drop: `ALTER TABLE usage_sessions DROP CONSTRAINT "${c.name}"` })),
    ...indexes.map((i) => ({ name: i.name, create: i.def, drop: `DROP INDEX "${i.name}"` })),
  ];
}

export interface LoadTimes {
  records: number;
  generateAndCopyMs: number;
  indexMs: number;
  rollupMs: number;
  vacuumMs: number;
  /** Bytes on disk, with indexes. */
  sizes: Record<string, number>;
  rollupRows: Record<string, number>;
}

/**
 * Loads `records` session records of the projects over `days` days from `fromDay` into an empty
 * usage_sessions: indexes dropped, COPY, indexes rebuilt exactly as they were, rollups rebuilt by
 * the product, then VACUUM ANALYZE (what autovacuum would have done on a live database).
 */
export async function loadSessions(
  database: BenchDatabase,
  o: Pick<TrafficOptions, 'fromDay' | 'days' | 'records' | 'seed'> & { projects: readonly BenchProject[] },
  log: (msg: string) => void,
): Promise<LoadTimes> {
  const { db } = database;
  const indexes = await sessionIndexes(db);
  for (const i of indexes) await db.execute(sql.raw(i.drop));

  let t = now();
  let copied = 0;
  let lastLog = t;
  const chunks = function* () {
    for (const chunk of copyChunks(sessions(o), o.projects, 5_000)) {
      copied += 5_000;
      if (now() - lastLog > 30_000) {
        lastLog = now();
        log(`  … ${Math.min(copied, o.records).toLocaleString('en-US')} rows (${((lastLog - t) / 1000).toFixed(0)} s)`);
      }
      yield chunk;
    }
  };
  await copyText(database, chunks());
  const generateAndCopyMs = now() - t;
  log(`  COPY of ${o.records.toLocaleString('en-US')} rows: ${(generateAndCopyMs / 1000).toFixed(1)} s`);

  t = now();
  for (const i of indexes) await db.execute(sql.raw(i.create));
  const indexMs = now() - t;
  log(`  primary key and indexes (${indexes.map((i) => i.name).join(', ')}): ${(indexMs / 1000).toFixed(1)} s`);

  t = now();
  await rebuildRollups(db);
  const rollupMs = now() - t;
  log(`  rebuildRollups: ${(rollupMs / 1000).toFixed(1)} s`);

  t = now();
  await db.execute(sql`vacuum analyze`);
  const vacuumMs = now() - t;
  log(`  VACUUM ANALYZE: ${(vacuumMs / 1000).toFixed(1)} s`);

  return { records: o.records, generateAndCopyMs, indexMs, rollupMs, vacuumMs, ...(await tableFacts(db)) };
}

/** Sizes and row counts of the usage tables. */
export async function tableFacts(db: Db): Promise<Pick<LoadTimes, 'sizes' | 'rollupRows'>> {
  const sizes: Record<string, number> = {};
  const rollupRows: Record<string, number> = {};
  for (const table of ['usage_sessions', 'usage_daily', 'usage_daily_channel', 'usage_daily_peak']) {
    const [row] = rowsOf<{ bytes: string; n: string }>(
      await db.execute(sql`select pg_total_relation_size(${table}::regclass)::text as bytes, (select count(*) from ${sql.identifier(table)})::text as n`),
    );
    sizes[table] = Number(row!.bytes);
    rollupRows[table] = Number(row!.n);
  }
  return { sizes, rollupRows };
}
