import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { installedPlugins } from '@rtc-console/api/plugins';
import { createCoreDeps, createLogger, loadConfig, migrationSets } from '@rtc-console/server';
import { acceptInvitation, coreMigrations, ensureBuiltinRoles, inviteMember, rowsOf, runMigrations, type CoreDeps } from '@rtc-console/core';
import autocannon from 'autocannon';
import { sql, type SQL } from 'drizzle-orm';
import type { BenchConfig } from './config.js';
import { withMarkedSection } from './report.js';
import { listStatements } from './list-statements.js';
import { BENCH_PASSWORD, createBenchCompany, existingDatabase, findBenchCompany, freshPostgres, kept, signIn, type BenchDatabase } from './setup.js';

/**
 * Benchmark D (issue #8): the permission-checked project list, `GET /api/projects?limit=20`, for an
 * engineer of a company with 10,000 projects, under 50 concurrent connections; beside its ceiling,
 * bare Express 5 + postgres.js running the same two statements on the same database, and beside
 * Express answering "hello". Each server runs in a process of its own (started with the console's
 * own V8 flags); the load generator (autocannon) runs in this one. Every server gets the same
 * rounds, one after another, so all three figures come from the same run on the same data.
 */

export type ListTarget = 'api' | 'bare' | 'hello';

export interface ListRound {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface ListResult {
  projects: number;
  connections: number;
  seconds: number;
  /** Per target, the rounds in the order run. */
  rounds: Record<ListTarget, ListRound[]>;
  /** The best round's requests per second of the API over that of the bare route. */
  ratio: number;
  body: { rows: number; count: number };
  /** EXPLAIN ANALYZE of the two statements, as the bare route runs them. */
  plans: { page: string[]; count: string[] };
}

/** The plans of the list's two statements, exactly as the bare route runs them. */
async function explainList(database: BenchDatabase, companyId: number): Promise<{ page: string[]; count: string[] }> {
  const statements = listStatements(database.db, companyId);
  const lines = async (q: { getSQL(): SQL }) => rowsOf<{ 'QUERY PLAN': string }>(await database.db.execute(sql`explain analyze ${q.getSQL()}`)).map((r) => r['QUERY PLAN']);
  return { page: await lines(statements.page), count: await lines(statements.count) };
}

const ENGINEER = 'engineer@bench.example';
const SERVER = fileURLToPath(new URL('./list-server.ts', import.meta.url));

/** The benchmarks' company (setup.ts: created through core's services) with `count` projects, and an engineer who accepted an invitation. */
async function seed(core: CoreDeps, count: number): Promise<{ companyId: number }> {
  const company = await createBenchCompany(core, count);
  const { token } = await inviteMember(company.ctx, { email: ENGINEER, role: 'engineer' });
  await acceptInvitation(core, token, { name: 'Bench Engineer', password: BENCH_PASSWORD });
  return { companyId: company.companyId };
}

interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts one server process and waits for its `listening <port>` line. */
function startTarget(target: ListTarget, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', SERVER, target], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`bench: the ${target} server exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /^listening (\d+)$/.exec(line);
      if (!m) return;
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        child,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

async function round(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<ListRound> {
  const r = await autocannon({ url: `${url}/api/projects?limit=20`, headers, connections, duration: seconds, pipelining: 1 });
  return { requests: r.requests.total, perSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

export async function listBench(cfg: BenchConfig, log: (msg: string) => void): Promise<ListResult> {
  // BENCH_REUSE_POSTGRES=<database> measures again a database an earlier run kept (BENCH_KEEP=1).
  const reused = cfg.reusePostgres ? await existingDatabase('postgres', cfg.databaseUrl, cfg.reusePostgres) : null;
  const fresh = reused ?? (await freshPostgres(cfg.databaseUrl, 'list'));
  const database = cfg.keep && !reused ? kept(fresh) : fresh;
  if (cfg.keep && !reused) log(`D: keeping database ${new URL(database.url!).pathname.slice(1)}`);
  try {
    await runMigrations(database, [coreMigrations, ...migrationSets(installedPlugins)]);
    await ensureBuiltinRoles(database.db);
    const apiConfig = loadConfig({ DEMO: 'off', LOG_LEVEL: 'silent', DATABASE_URL: database.url! });
    const core = createCoreDeps(database, apiConfig, createLogger('silent'), installedPlugins);
    let companyId: number;
    if (reused) {
      const found = await findBenchCompany(core);
      if (!found) throw new Error(`bench: ${cfg.reusePostgres} holds no benchmark company`);
      companyId = found.companyId;
    } else {
      log(`D: seeding ${cfg.listProjects.toLocaleString('en-US')} projects and an engineer`);
      companyId = (await seed(core, cfg.listProjects)).companyId;
      // What autovacuum would have done on a live database by the time anyone lists.
      await database.db.execute(sql`vacuum analyze`);
    }
    const plans = await explainList(database, companyId);
    log(`  page: ${plans.page.at(-1)}; count: ${plans.count.at(-1)}`);

    const env = { DATABASE_URL: database.url!, BENCH_COMPANY_ID: String(companyId), DEMO: 'off' };
    const targets: ListTarget[] = ['api', 'bare', 'hello'];
    const rounds: Record<ListTarget, ListRound[]> = { api: [], bare: [], hello: [] };
    let body = { rows: 0, count: 0 };
    for (let r = 0; r < cfg.listRounds; r++) {
      for (const target of targets) {
        const server = await startTarget(target, env);
        try {
          const headers: Record<string, string> = { accept: 'application/json' };
          if (target === 'api') {
            headers.cookie = await signIn(server.url, ENGINEER, BENCH_PASSWORD);
            const res = await fetch(`${server.url}/api/projects?limit=20`, { headers });
            const json = (await res.json()) as { rows: unknown[]; count: number };
            if (res.status !== 200 || json.rows.length !== 20) throw new Error(`bench: the list answered ${res.status} with ${json.rows?.length} rows`);
            body = { rows: json.rows.length, count: json.count };
          }
          // A short warm-up (JIT, pools), then the timed round.
          await round(server.url, headers, cfg.listConnections, 2);
          const result = await round(server.url, headers, cfg.listConnections, cfg.listSeconds);
          rounds[target].push(result);
          log(`  round ${r + 1} ${target.padEnd(5)}: ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
        } finally {
          await server.stop();
        }
      }
    }
    const best = (t: ListTarget) => Math.max(...rounds[t].map((x) => x.perSecond));
    return { projects: cfg.listProjects, connections: cfg.listConnections, seconds: cfg.listSeconds, rounds, ratio: best('api') / best('bare'), body, plans };
  } finally {
    await database.destroy();
  }
}

export const LIST_START = '<!-- bench:list:start -->';
export const LIST_END = '<!-- bench:list:end -->';

/** The markdown table of benchmark D: every round of every server, and the verdict against the ≥ 0.7× target. */
export function listMarkdown(result: ListResult, header: string): string {
  const label: Record<ListTarget, string> = {
    api: '`GET /api/projects?limit=20` (the console: session, membership, ability, RLS, transaction)',
    bare: 'ceiling: bare Express 5 + postgres.js, the same two statements',
    hello: 'Express 5 "hello"',
  };
  const lines = [
    header,
    '',
    `${result.projects.toLocaleString('en-US')} projects in one company, an engineer's session, ${result.connections} connections, rounds of ${result.seconds} s (after 2 s of warm-up each); the list answered ${result.body.rows} rows of ${result.body.count.toLocaleString('en-US')}.`,
    '',
    '| server | round | req/s | p50 ms | p99 ms | non-2xx / errors |',
    '|---|---|---|---|---|---|',
  ];
  for (const target of ['api', 'bare', 'hello'] as const) {
    result.rounds[target].forEach((r, i) => lines.push(`| ${label[target]} | ${i + 1} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} / ${r.errors} |`));
  }
  lines.push('', `**The list runs at ${result.ratio.toFixed(2)}× its ceiling** (best round over best round; target ≥ 0.70×: ${result.ratio >= 0.7 ? 'met' : 'not met'}).`);
  return lines.join('\n');
}

/** `doc` with the list section replaced (or appended when the markers are missing). */
export const withListResults = (doc: string, markdown: string): string => withMarkedSection(doc, LIST_START, LIST_END, markdown);
