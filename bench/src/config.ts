/**
 * Benchmark settings, from the environment. The defaults are the sizes docs/benchmarks.md
 * reports; smaller ones make a quick run (e.g. BENCH_RECORDS=1000000 BENCH_INGEST_RECORDS=200000).
 */

function int(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}`);
  return n;
}

function list(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (!values.length || values.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error(`${name} must be a comma-separated list of whole numbers, not ${JSON.stringify(raw)}`);
  return values;
}

export interface BenchConfig {
  /** PostgreSQL server (a throwaway database is created on it and dropped after). */
  databaseUrl: string;
  /** A: session records of the one company, on Postgres and on PGlite, over `days` days, in `projects` projects. */
  records: number;
  pgliteRecords: number;
  days: number;
  projects: number;
  warmup: number;
  queryRuns: number;
  httpRuns: number;
  rawRuns: number;
  pgliteRawRuns: number;
  /** Keep the query benchmark's databases (and say where), to measure them again with `reusePostgres` / `reusePglite`. */
  keep: boolean;
  reusePostgres: string | undefined;
  reusePglite: string | undefined;
  /** B: records sent through the ingest endpoint per run. */
  ingestRecords: number;
  ingestDays: number;
  batch: number;
  clients: number[];
  copyRuns: number;
  /** B on PGlite, for information. */
  pgliteIngestRecords: number;
  pgliteClients: number[];
  seed: number;
  /** D: projects of the company whose engineer lists them, concurrent connections, seconds per round, rounds per server. */
  listProjects: number;
  listConnections: number;
  listSeconds: number;
  listRounds: number;
}

export function loadConfig(): BenchConfig {
  const records = int('BENCH_RECORDS', 10_000_000);
  return {
    databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    records,
    pgliteRecords: int('BENCH_PGLITE_RECORDS', records),
    days: int('BENCH_DAYS', 90),
    projects: int('BENCH_PROJECTS', 8),
    warmup: int('BENCH_WARMUP', 20, 0),
    queryRuns: int('BENCH_QUERY_RUNS', 200),
    httpRuns: int('BENCH_HTTP_RUNS', 100),
    rawRuns: int('BENCH_RAW_RUNS', 5),
    pgliteRawRuns: int('BENCH_PGLITE_RAW_RUNS', 3),
    keep: ['1', 'true', 'yes'].includes(process.env.BENCH_KEEP ?? ''),
    reusePostgres: process.env.BENCH_REUSE_POSTGRES || undefined,
    reusePglite: process.env.BENCH_REUSE_PGLITE || undefined,
    ingestRecords: int('BENCH_INGEST_RECORDS', 1_000_000),
    ingestDays: int('BENCH_INGEST_DAYS', 7),
    batch: int('BENCH_BATCH', 10_000),
    clients: list('BENCH_INGEST_CLIENTS', [1, 2, 4]),
    copyRuns: int('BENCH_COPY_RUNS', 3),
    pgliteIngestRecords: int('BENCH_PGLITE_INGEST_RECORDS', 200_000),
    pgliteClients: list('BENCH_PGLITE_INGEST_CLIENTS', [1, 2]),
    seed: int('BENCH_SEED', 1, 0),
    listProjects: int('BENCH_LIST_PROJECTS', 10_000, 20),
    listConnections: int('BENCH_LIST_CONNECTIONS', 50),
    listSeconds: int('BENCH_LIST_SECONDS', 10),
    listRounds: int('BENCH_LIST_ROUNDS', 2),
  };
}
