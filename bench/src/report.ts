import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import postgres from 'postgres';
import type { BenchConfig } from './config.js';
import type { CpuTime } from './cpu.js';
import type { IngestResult } from './ingest.js';
import type { QueryResult } from './query.js';
import { int, ms, now, seconds } from './stats.js';

export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: string;
  pglite: string;
  loadAtStart: string;
}

/**
 * How fast the machine is right now, for reading the figures: a fixed CPU-bound loop in Node and
 * a fixed query on Postgres (median of three each). They only change with the machine's load.
 */
export interface Calibration {
  /** 100 million iterations of a small arithmetic loop. */
  nodeLoopMs: number;
  /** select count(*) from generate_series(1, 1000000). */
  postgresSeriesMs: number | null;
}

export async function calibrate(databaseUrl: string): Promise<Calibration> {
  const median3 = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const loops: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = now();
    let x = 0;
    for (let i = 0; i < 1e8; i++) x += i % 7;
    if (x < 0) console.log(x);
    loops.push(now() - t);
  }
  let postgresSeriesMs: number | null = null;
  try {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const series: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = now();
      await client`select count(*) from generate_series(1, 1000000)`;
      series.push(now() - t);
    }
    await client.end();
    postgresSeriesMs = median3(series);
  } catch {
    // No Postgres: no Postgres figure.
  }
  return { nodeLoopMs: median3(loops), postgresSeriesMs };
}

export const calibrationText = (c: Calibration) => `Node loop ${int(c.nodeLoopMs)} ms, Postgres generate_series ${c.postgresSeriesMs === null ? '–' : `${int(c.postgresSeriesMs)} ms`}`;

export async function environment(databaseUrl: string): Promise<Environment> {
  let version = 'unreachable';
  let settings = '';
  try {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [v] = await client`select current_setting('server_version') as v`;
    const rows = await client`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'synchronous_commit', 'max_wal_size') order by name`;
    version = `PostgreSQL ${v!.v}`;
    settings = rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` ${r.unit}` : ''}`).join(', ');
    await client.end();
  } catch {
    // Reported as unreachable; the Postgres benchmarks fail on their own.
  }
  // The package's exports hide its package.json: read it next to its entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglite = JSON.parse(readFileSync(join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'package.json'), 'utf8')) as { version: string };
  const cpu = cpus();
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres: version,
    postgresSettings: settings,
    pglite: `PGlite ${pglite.version}`,
    loadAtStart: loadavg().map((l) => l.toFixed(2)).join(' / '),
  };
}

const mb = (bytes: number) => `${int(bytes / 2 ** 20)} MB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(a / b >= 100 ? 0 : 1)}×` : '–');
const yes = (ok: boolean) => (ok ? '**yes**' : '**no**');
const cpu = (c: CpuTime) => (c.postgresMs === null ? `${ms(c.nodeMs)} ms (in-process)` : `${ms(c.nodeMs)} + ${ms(c.postgresMs)} ms`);

/** The results section of docs/benchmarks.md: what ran where, and the tables. */
export interface MachineState {
  loadAtEnd: string;
  calibrationAtStart: Calibration;
  calibrationAtEnd: Calibration;
}

export function resultsMarkdown(env: Environment, cfg: BenchConfig, query: QueryResult[], ingest: IngestResult[], failures: string[], state: MachineState): string {
  const out: string[] = [];
  out.push(`Run of ${env.date}: ${env.cores} × ${env.cpu}, ${env.memoryGb} GB RAM, ${env.os}; Node ${env.node}; ${env.postgres} (${env.postgresSettings || 'settings unknown'}), local, default configuration; ${env.pglite} persisted to a temporary directory on the same disk.`);
  out.push('');
  out.push(`The machine is shared with other work. Load average (1/5/15 min) at the start ${env.loadAtStart}, at the end ${state.loadAtEnd}; reference workloads (see "Reading the figures") at the start: ${calibrationText(state.calibrationAtStart)}; at the end: ${calibrationText(state.calibrationAtEnd)}.`);
  out.push('');

  if (query.length) {
    out.push(`### A. The company's ${cfg.days}-day daily usage query`);
    out.push('');
    out.push('| Backend | Session records | Page query `companyUsage`: median | p95 | min | CPU per call (Node + Postgres) | `GET /api/usage/daily`: median | p95 | Baseline: raw GROUP BY, median | min | Baseline ÷ page | Target: page median < 30 ms |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
    for (const q of query) {
      out.push(`| ${q.backend} | ${int(q.records)} | ${ms(q.page.median)} ms | ${ms(q.page.p95)} ms | ${ms(q.page.min)} ms | ${cpu(q.pageCpu)} | ${ms(q.http.median)} ms | ${ms(q.http.p95)} ms | ${ms(q.raw.median)} ms | ${ms(q.raw.min)} ms | ${ratio(q.raw.median, q.page.median)} | ${yes(q.page.median < 30)} |`);
    }
    out.push('');
    out.push(`Runs: page query ${query[0]!.page.runs} timed after ${cfg.warmup} warm-up calls; HTTP ${query[0]!.http.runs} after ${cfg.warmup}; baseline ${query.map((q) => `${q.raw.runs} on ${q.backend}`).join(', ')}, after one warm-up. Frame: ${query.map((q) => `${q.from} … ${q.to} (${q.backend})`).join('; ')}.`);
    out.push('');
    out.push('What the page showed, and checks:');
    out.push('');
    for (const q of query) {
      out.push(`- ${q.backend}: ${q.shown.days} days, ${int(q.shown.audioMinutes)} audio and ${int(q.shown.videoMinutes)} video minutes, fees ${q.shown.fees === null ? '–' : `$${q.shown.fees.toLocaleString('en-US')}`}; the rollups equal the raw records split at UTC midnights: ${q.rollupsMatchRaw ? 'yes' : '**NO**'}.`);
    }
    out.push('');
    const loaded = query.filter((q) => q.load);
    if (loaded.length) {
      out.push('Loading the data set (set-up, not a measured figure of the product except `rebuildRollups`):');
      out.push('');
      out.push('| Backend | Generate + COPY | Primary key + indexes | `rebuildRollups` | VACUUM ANALYZE | usage_sessions on disk | usage_daily rows | usage_daily_channel rows | usage_daily_peak rows |');
      out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const q of loaded) {
        const l = q.load!;
        out.push(`| ${q.backend} | ${seconds(l.generateAndCopyMs)} | ${seconds(l.indexMs)} | ${seconds(l.rollupMs)} | ${seconds(l.vacuumMs)} | ${mb(l.sizes.usage_sessions!)} | ${int(l.rollupRows.usage_daily!)} | ${int(l.rollupRows.usage_daily_channel!)} | ${int(l.rollupRows.usage_daily_peak!)} |`);
      }
      out.push('');
    }
  }

  if (ingest.length) {
    out.push('### B. Ingest throughput over HTTP');
    out.push('');
    out.push('| Backend | Concurrent clients | Records | Requests | Wall time | Records/s | Request median | p95 | CPU per 10,000 records (Node + Postgres) | Baseline: COPY of the same rows, median | COPY rows/s | Ingest ÷ COPY | Target: ≥ 50,000 records/s |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
    for (const r of ingest) {
      for (const run of r.runs) {
        const target = r.backend === 'postgres' ? yes(run.perSecond >= 50_000) : '(information)';
        out.push(`| ${r.backend} | ${run.clients} | ${int(run.records)} | ${run.requests} | ${seconds(run.ms)} | ${int(run.perSecond)} | ${int(run.latency.median)} ms | ${int(run.latency.p95)} ms | ${cpu(run.cpuPer10k)} | ${seconds(r.copy.median)} | ${int(r.copyPerSecond)} | ${(run.perSecond / r.copyPerSecond).toFixed(2)} | ${target} |`);
      }
    }
    out.push('');
    out.push(`Batches of ${int(ingest[0]!.batch)} records over ${ingest[0]!.days} days; a fresh database for every row; COPY ${ingest.map((r) => `${r.copy.runs} runs on ${r.backend}`).join(', ')}.`);
    out.push('');
  }

  if (failures.length) {
    out.push('### Failures');
    out.push('');
    for (const f of failures) out.push(`- ${f}`);
    out.push('');
  }
  return out.join('\n');
}

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** Replaces the results section of the document (between the markers), or appends one. */
export function withResults(doc: string, results: string): string {
  const block = `${RESULTS_START}\n${results}\n${RESULTS_END}`;
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  if (start === -1 || end < start) return `${doc.trimEnd()}\n\n## Results\n\n${block}\n`;
  return doc.slice(0, start) + block + doc.slice(end + RESULTS_END.length);
}

/** `doc` with the section between two markers replaced by `markdown` (appended, markers and all, when they are missing). */
export function withMarkedSection(doc: string, startMarker: string, endMarker: string, markdown: string): string {
  const block = `${startMarker}\n${markdown}\n${endMarker}`;
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start === -1 || end === -1) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, start) + block + doc.slice(end + endMarker.length);
}
