import { readFileSync } from 'node:fs';
import { rowsOf } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import type { BenchDatabase } from './setup.js';

/**
 * CPU time spent by this process and by the Postgres server processes of the benchmark's
 * database while something ran. On a machine shared with other work, wall time includes
 * waiting for a core; CPU time does not, so it tells how much of a figure is the code's own
 * cost. Postgres backends are read from /proc (a local server on Linux); elsewhere only this
 * process is counted. On PGlite the database runs in this process, so it is all in `node`.
 */

export interface CpuTime {
  /** This Node process (the API, the benchmark's client, and PGlite if used). */
  nodeMs: number;
  /** The Postgres backends serving the benchmark's database; null when they cannot be read. */
  postgresMs: number | null;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in milliseconds, or null. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

async function backendPids(database: BenchDatabase): Promise<number[]> {
  if (database.backend !== 'postgres') return [];
  const rows = rowsOf<{ pid: number }>(await database.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`));
  return rows.map((r) => Number(r.pid));
}

export async function cpuMeter(database: BenchDatabase): Promise<{ stop(): Promise<CpuTime> }> {
  const before = new Map<number, number>();
  let readable = database.backend === 'postgres';
  for (const pid of await backendPids(database)) {
    const ms = processCpuMs(pid);
    if (ms === null) readable = false;
    else before.set(pid, ms);
  }
  const node = process.cpuUsage();
  return {
    async stop() {
      const used = process.cpuUsage(node);
      const nodeMs = (used.user + used.system) / 1000;
      if (!readable) return { nodeMs, postgresMs: null };
      let postgresMs = 0;
      // Backends opened meanwhile count from zero; ones closed meanwhile are lost (pools keep theirs).
      for (const pid of await backendPids(database)) postgresMs += (processCpuMs(pid) ?? 0) - (before.get(pid) ?? 0);
      return { nodeMs, postgresMs: Math.max(0, postgresMs) };
    },
  };
}
