import { rowsOf, type Db } from '@rtc-console/core';
import { DAY_MS, PRODUCTS, utcDay } from '@rtc-console/plugin-usage/shared';
import { companyUsage, type CompanyUsage } from '@rtc-console/plugin-usage/server';
import { sql } from 'drizzle-orm';
import type { BenchConfig } from './config.js';
import { loadSessions, tableFacts, type LoadTimes } from './load.js';
import {
  createBenchCompany,
  existingDatabase,
  findBenchCompany,
  freshDatabase,
  kept,
  signIn,
  startServer,
  type Backend,
  type BenchCompany,
  type BenchDatabase,
} from './setup.js';
import { cpuMeter, type CpuTime } from './cpu.js';
import { now, summarize, timeRuns, type Summary } from './stats.js';

/**
 * Benchmark A: the company Usage page's query for a 90-day time frame, over one company's
 * 10 million session records, beside a plain GROUP BY over the same raw records in the same run.
 *
 * - `page`: the product's `companyUsage` (what GET /api/usage/daily runs: the company and
 *   its visible projects, the daily minutes from the rollup, totals, and the period's fees), as
 *   the company's admin, in a tenant transaction with row-level security on, one call after
 *   another after a warm-up.
 * - `http`: the same through the real API, GET /api/usage/daily with a signed-in session (Express,
 *   session check, permission guards, JSON), for information.
 * - `raw`: the baseline, the daily RTC minutes per metric computed from usage_sessions with one
 *   GROUP BY (each session counted on the day it started), as a system query.
 */

export interface QueryResult {
  backend: Backend;
  records: number;
  projects: number;
  from: string;
  to: string;
  load: LoadTimes | null;
  page: Summary;
  /** CPU time per page query call: this process, and the Postgres backends (null on PGlite: it runs in this process). */
  pageCpu: CpuTime;
  http: Summary;
  httpCpu: CpuTime;
  raw: Summary;
  /** The exact split (at UTC midnights) computed from raw records equals the rollups the page reads. */
  rollupsMatchRaw: boolean;
  /** What the page showed: total audio and video minutes of the frame. */
  shown: { audioMinutes: number; videoMinutes: number; days: number; fees: number | null };
  /** EXPLAIN ANALYZE of the page's daily rollup query and of the baseline (one run each). */
  plans: { page: string; raw: string };
}

/** The baseline: a plain GROUP BY over the raw records of the frame (no rollup). */
function rawGroupBy(companyId: number, from: string, to: string) {
  return sql`
    select (s.joined_at at time zone 'UTC')::date as day, m.metric, sum(extract(epoch from s.left_at - s.joined_at) * 1000)::float8 as ms
    from usage_sessions s cross join lateral unnest(s.metrics) as m(metric)
    where s.company_id = ${companyId} and s.product = ${PRODUCTS.rtc}
      and s.joined_at >= ${`${from}T00:00:00Z`}::timestamptz and s.joined_at < (${to}::date + 1)::timestamptz
    group by 1, 2`;
}

/** The page's daily rollup query as `periodValues` builds it for the admin (for EXPLAIN only; the timed runs call the product). */
function pageRollupQuery(companyId: number, from: string, to: string) {
  return sql`
    select '' as key, to_char(day, 'YYYY-MM-DD') as period, metric, sum(v)::float8 as value from (
      select company_id, project_id, day, metric, sum(ms)::float8 as v from usage_daily
      where day between ${from}::date and ${to}::date
        and metric in (select value::smallint from json_array_elements_text(${'[1,2,3,4]'}::json))
        and product = ${PRODUCTS.rtc} and company_id = ${companyId}
      group by company_id, project_id, day, metric
    ) d group by 1, 2, metric order by 1, 2, metric`;
}

/** The exact daily milliseconds per metric from all the raw records (split at UTC midnights), against the rollup. */
async function rollupsMatchRaw(db: Db, companyId: number): Promise<boolean> {
  const diff = rowsOf<{ n: string }>(
    await db.execute(sql`
      with raw as (
        select d.day, m.metric, sum(d.ms)::bigint as ms
        from usage_sessions s
        cross join lateral (
          select g::date as day,
                 round(extract(epoch from (least(s.left_at, g + interval '1 day') - greatest(s.joined_at, g))) * 1000)::bigint as ms
          from generate_series(date_trunc('day', s.joined_at, 'UTC'), s.left_at, interval '1 day') g
        ) d
        cross join lateral unnest(s.metrics) as m(metric)
        where s.company_id = ${companyId} and s.product = ${PRODUCTS.rtc} and d.ms > 0
        group by 1, 2
      ), rolled as (
        select day, metric, sum(ms)::bigint as ms from usage_daily where company_id = ${companyId} and product = ${PRODUCTS.rtc} group by 1, 2
      )
      select count(*)::text as n from raw full join rolled using (day, metric) where raw.ms is distinct from rolled.ms`),
  );
  return Number(diff[0]!.n) === 0;
}

async function explain(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const rows = rowsOf<Record<string, string>>(await db.execute(sql`explain (analyze, buffers) ${query}`));
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

function shownOf(usage: CompanyUsage): QueryResult['shown'] {
  const t = usage.totals as Record<string, number>;
  return {
    audioMinutes: t.audioAll ?? 0,
    videoMinutes: t.videoAll ?? 0,
    days: usage.days.length,
    fees: usage.fees?.total ?? null,
  };
}

export async function queryBench(backend: Backend, cfg: BenchConfig, log: (msg: string) => void): Promise<QueryResult> {
  const records = backend === 'pglite' ? cfg.pgliteRecords : cfg.records;
  const reuse = backend === 'pglite' ? cfg.reusePglite : cfg.reusePostgres;
  // The frame: the last `days` whole UTC days (yesterday backwards), where all the records are.
  const to = utcDay(Date.now() - DAY_MS);
  const from = utcDay(Date.parse(`${to}T00:00:00Z`) - (cfg.days - 1) * DAY_MS);

  log(`\n## Query benchmark on ${backend}: ${records.toLocaleString('en-US')} records, ${from} … ${to}`);
  let database: BenchDatabase = reuse ? await existingDatabase(backend, cfg.databaseUrl, reuse) : await freshDatabase(backend, cfg.databaseUrl, 'query');
  if (cfg.keep && !reuse) database = kept(database);
  const server = await startServer(database);
  try {
    const { core } = server;
    let company: BenchCompany | null = reuse ? await findBenchCompany(core) : null;
    let load: LoadTimes | null = null;
    let dataFrom = from;
    if (!company) {
      company = await createBenchCompany(core, cfg.projects);
      load = await loadSessions(database, { projects: company.projects, fromDay: from, days: cfg.days, records, seed: cfg.seed }, log);
    } else {
      const [first] = rowsOf<{ day: string | null }>(await core.db.execute(sql`select to_char(min(joined_at) at time zone 'UTC', 'YYYY-MM-DD') as day from usage_sessions`));
      dataFrom = first?.day ?? from;
      log(`  reusing ${database.location}: ${(await tableFacts(core.db)).rollupRows.usage_sessions!.toLocaleString('en-US')} records from ${dataFrom}`);
    }
    if (cfg.keep && !reuse) log(`  kept: ${database.location} (BENCH_REUSE_${backend.toUpperCase()} to measure it again)`);
    // A reused database holds the days it was loaded with.
    const frameFrom = reuse ? dataFrom : from;
    const frameTo = utcDay(Date.parse(`${frameFrom}T00:00:00Z`) + (cfg.days - 1) * DAY_MS);
    const { ctx, companyId } = company;
    const q = { from: frameFrom, to: frameTo };

    const first = await companyUsage(core.db, ctx, q);
    const shown = shownOf(first);
    log(`  the page shows ${shown.days} days, ${shown.audioMinutes.toLocaleString('en-US')} audio and ${shown.videoMinutes.toLocaleString('en-US')} video minutes, fees ${shown.fees}`);

    /** Warm-up, then timed runs with the CPU time they took, per run. */
    const measure = async (fn: () => Promise<unknown>, runs: number): Promise<[Summary, CpuTime]> => {
      await timeRuns(fn, 0, cfg.warmup);
      const meter = await cpuMeter(database);
      const summary = await timeRuns(fn, runs);
      const cpu = await meter.stop();
      return [summary, { nodeMs: cpu.nodeMs / runs, postgresMs: cpu.postgresMs === null ? null : cpu.postgresMs / runs }];
    };

    log(`  page query: ${cfg.warmup} warm-up, ${cfg.queryRuns} timed runs`);
    const [page, pageCpu] = await measure(() => companyUsage(core.db, ctx, q), cfg.queryRuns);

    const cookie = await signIn(server.url);
    const url = `${server.url}/api/usage/daily?from=${frameFrom}&to=${frameTo}`;
    const get = async () => {
      const res = await fetch(url, { headers: { cookie, accept: 'application/json' } });
      if (res.status !== 200) throw new Error(`GET /api/usage/daily answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    log(`  GET /api/usage/daily: ${cfg.warmup} warm-up, ${cfg.httpRuns} timed runs`);
    const [http, httpCpu] = await measure(get, cfg.httpRuns);

    const rawRuns = backend === 'pglite' ? cfg.pgliteRawRuns : cfg.rawRuns;
    log(`  raw GROUP BY baseline: 1 warm-up, ${rawRuns} timed runs`);
    const samples: number[] = [];
    const rawQuery = rawGroupBy(companyId, frameFrom, frameTo);
    for (let i = 0; i <= rawRuns; i++) {
      const t = now();
      await core.db.execute(rawQuery);
      if (i > 0) samples.push(now() - t);
    }
    const raw = summarize(samples);

    log('  checking the rollups against the raw records, and EXPLAIN ANALYZE');
    const match = await rollupsMatchRaw(core.db, companyId);
    const plans = { page: await explain(core.db, pageRollupQuery(companyId, frameFrom, frameTo)), raw: await explain(core.db, rawQuery) };
    return { backend, records, projects: company.projects.length, from: frameFrom, to: frameTo, load, page, pageCpu, http, httpCpu, raw, rollupsMatchRaw: match, shown, plans };
  } finally {
    await server.close();
  }
}
