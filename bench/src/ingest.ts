import { Agent, request } from 'node:http';
import { rowsOf } from '@rtc-console/core';
import { DAY_MS, MAX_BATCH, utcDay } from '@rtc-console/plugin-usage/shared';
import { sign } from '@rtc-console/signer';
import { sql } from 'drizzle-orm';
import type { BenchConfig } from './config.js';
import { copyText } from './load.js';
import { createBenchCompany, freshDatabase, ingestKey, startServer, type Backend } from './setup.js';
import { cpuMeter, type CpuTime } from './cpu.js';
import { now, summarize, type Summary } from './stats.js';
import { copyChunks, sessions, toUsageRecord, type BenchProject, type Session } from './traffic.js';

/**
 * Benchmark B: ingest throughput through the HTTP endpoint, beside COPY of the same rows.
 *
 * For each number of concurrent clients, a fresh database and the whole API (the real Express
 * app, in this process, on a random local port). The records (the generator's realistic call
 * sessions over a few days, in time order like a media edge sends them) are serialized into
 * request bodies of `batch` records before the clock starts; each client then takes the next
 * body, signs the request with an ingest key (seed 003's HMAC headers, new date and request id
 * each time) and POSTs it to /ingest/usage/records, which validates every record, resolves App
 * IDs, stores the raw rows idempotently and adds them to the three rollups in one transaction.
 * Throughput = records accepted / wall time from the first request to the last answer.
 *
 * The baseline COPYs the same rows (as ingest stores them) into usage_sessions of a fresh
 * database with the same indexes: the cost of only writing the raw rows, with no HTTP, no
 * validation and no rollups. Timed from the first byte to COPY's end, text prepared before.
 */

export interface IngestRun {
  clients: number;
  records: number;
  requests: number;
  ms: number;
  perSecond: number;
  /** Per request, milliseconds. */
  latency: Summary;
  /** CPU time per 10,000 records: this process (the API, the clients, and PGlite if used) and the Postgres backends. */
  cpuPer10k: CpuTime;
}

export interface IngestResult {
  backend: Backend;
  records: number;
  batch: number;
  days: number;
  runs: IngestRun[];
  /** COPY of the same rows: milliseconds per run, and rows per second of the median. */
  copy: Summary;
  copyPerSecond: number;
}

function ingestDays(days: number): { fromDay: string; days: number } {
  const last = Date.now() - DAY_MS;
  return { fromDay: utcDay(last - (days - 1) * DAY_MS), days };
}

/** The records, generated once (the same for every run: the same seed). */
function generate(records: number, days: number, seed: number, projectCount: number): Session[] {
  // The generator only needs the projects' count here; App IDs are filled in per database.
  const placeholders = Array.from({ length: projectCount }, (_, i) => ({ projectId: `p${i}`, appId: '', companyId: 0 }));
  return [...sessions({ projects: placeholders, ...ingestDays(days), records, seed })];
}

function bodies(list: readonly Session[], projects: readonly BenchProject[], batch: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < list.length; i += batch) {
    out.push(Buffer.from(JSON.stringify({ records: list.slice(i, i + batch).map((s) => toUsageRecord(s, projects)) })));
  }
  return out;
}

async function ingestRun(backend: Backend, cfg: BenchConfig, list: readonly Session[], clients: number, log: (msg: string) => void): Promise<IngestRun> {
  const database = await freshDatabase(backend, cfg.databaseUrl, 'ingest');
  const server = await startServer(database);
  try {
    const company = await createBenchCompany(server.core, cfg.projects);
    const key = await ingestKey(server.core);
    const queue = bodies(list, company.projects, cfg.batch);
    const url = `${server.url}/ingest/usage/records`;
    let next = 0;
    let accepted = 0;
    const latencies: number[] = [];
    // A lean client: node:http on kept-alive connections with bodies encoded beforehand. The
    // clients share this process (and its two cores) with the API, so what they spend is taken
    // from the endpoint under test; fetch() costs several times as much per request.
    const agent = new Agent({ keepAlive: true, maxSockets: clients });
    const post = async (body: Buffer) => {
      const headers = await sign({ accessKeyId: key.accessKeyId, secret: key.secret });
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(url, {
          method: 'POST', agent,
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'content-length': body.length },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    };
    const client = async () => {
      for (let i = next++; i < queue.length; i = next++) {
        const t = now();
        const res = await post(queue[i]!);
        const report = JSON.parse(res.text) as { accepted: number; rejected: unknown[] };
        if (res.status !== 200 || report.rejected.length) throw new Error(`ingest answered ${res.status}: ${res.text.slice(0, 500)}`);
        accepted += report.accepted;
        latencies.push(now() - t);
      }
    };
    const meter = await cpuMeter(database);
    const t = now();
    await Promise.all(Array.from({ length: clients }, client));
    const ms = now() - t;
    const cpu = await meter.stop();
    const per10k = 10_000 / list.length;
    const cpuPer10k = { nodeMs: cpu.nodeMs * per10k, postgresMs: cpu.postgresMs === null ? null : cpu.postgresMs * per10k };
    const [stored] = rowsOf<{ n: string }>(await server.core.db.execute(sql`select count(*)::text as n from usage_sessions`));
    if (accepted !== list.length || Number(stored!.n) !== list.length) throw new Error(`ingest stored ${stored!.n} of ${list.length} records (accepted ${accepted})`);
    const run = { clients, records: accepted, requests: queue.length, ms, perSecond: (accepted / ms) * 1000, latency: summarize(latencies), cpuPer10k };
    log(`  ${clients} client${clients > 1 ? 's' : ''}: ${accepted.toLocaleString('en-US')} records in ${(ms / 1000).toFixed(1)} s = ${Math.round(run.perSecond).toLocaleString('en-US')} records/s (request median ${run.latency.median.toFixed(0)} ms; CPU per 10,000: node ${cpuPer10k.nodeMs.toFixed(0)} ms, postgres ${cpuPer10k.postgresMs?.toFixed(0) ?? '–'} ms)`);
    return run;
  } finally {
    await server.close();
  }
}

async function copyBaseline(backend: Backend, cfg: BenchConfig, list: readonly Session[], log: (msg: string) => void): Promise<Summary> {
  const database = await freshDatabase(backend, cfg.databaseUrl, 'copy');
  const server = await startServer(database);
  try {
    const company = await createBenchCompany(server.core, cfg.projects);
    const text = [...copyChunks(list, company.projects, 5_000)];
    const samples: number[] = [];
    for (let i = 0; i < cfg.copyRuns; i++) {
      await server.core.db.execute(sql`truncate usage_sessions`);
      const t = now();
      await copyText(database, text);
      samples.push(now() - t);
      log(`  COPY run ${i + 1}: ${list.length.toLocaleString('en-US')} rows in ${(samples[i]! / 1000).toFixed(2)} s = ${Math.round((list.length / samples[i]!) * 1000).toLocaleString('en-US')} rows/s`);
    }
    return summarize(samples);
  } finally {
    await server.close();
  }
}

export async function ingestBench(backend: Backend, cfg: BenchConfig, log: (msg: string) => void): Promise<IngestResult> {
  if (cfg.batch > MAX_BATCH) throw new Error(`BENCH_BATCH may be at most ${MAX_BATCH} (the endpoint's limit)`);
  const records = backend === 'pglite' ? cfg.pgliteIngestRecords : cfg.ingestRecords;
  const clientCounts = backend === 'pglite' ? cfg.pgliteClients : cfg.clients;
  log(`\n## Ingest benchmark on ${backend}: ${records.toLocaleString('en-US')} records over ${cfg.ingestDays} days, batches of ${cfg.batch.toLocaleString('en-US')}`);
  const list = generate(records, cfg.ingestDays, cfg.seed, cfg.projects);
  const runs: IngestRun[] = [];
  for (const clients of clientCounts) runs.push(await ingestRun(backend, cfg, list, clients, log));
  const copy = await copyBaseline(backend, cfg, list, log);
  return { backend, records, batch: cfg.batch, days: cfg.ingestDays, runs, copy, copyPerSecond: (records / copy.median) * 1000 };
}
