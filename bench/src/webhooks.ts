/**
 * Benchmark E: the webhooks plugin.
 *
 * 1. **Deliveries per second.** `BENCH_WEBHOOK_EVENTS` events of one company are written into
 *    the outbox (as core's services write them, in tenant transactions of 50), each going to
 *    `BENCH_WEBHOOK_ENDPOINTS` endpoints on a receiver on 127.0.0.1; timed from the first write
 *    to the last request received. The whole path runs: the commit's notification, the events
 *    dispatcher, the plugin's subscriber (one delivery row and one job per endpoint), the delivery
 *    jobs (SSRF check, signing, the POST, the attempt recorded). Beside it, in the same run, the
 *    same number of bare `fetch` POSTs of the same bodies to the same receiver, as many at once as
 *    the plugin delivers at once (its `concurrency`). Target: the plugin at ≥ 0.5× bare fetch.
 * 2. **What an event adds to the write that publishes it.** Creating a project through core's
 *    `createProject` (which publishes `project.created` in its transaction) beside the very same
 *    statements without the event, alternated one by one in the same run, with the endpoints
 *    subscribed to `project.created` (so every created project is also delivered, in the
 *    background). Target: ≤ 10 % added at the median.
 *
 * Runs on Postgres (DATABASE_URL, a throwaway database) or PGlite (BENCH_WEBHOOK_BACKEND=pglite),
 * with the console's production job settings (JOB_POLL_SECONDS=2). `--docs` writes the result
 * into docs/benchmarks.md.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  companies,
  coreMigrations,
  createProject,
  ensureBuiltinRoles,
  projects,
  publishEvents,
  randomBase62,
  randomHex,
  recordAudit,
  runMigrations,
  servicesOfPlugin,
  type CompanyContext,
} from '@rtc-console/core';
import { usageServerPlugin } from '@rtc-console/plugin-usage/server';
import { createEndpoint, createWebhooksServerPlugin } from '@rtc-console/plugin-webhooks/server';
import { createCoreDeps, createLogger, initPlugins, loadConfig, migrationSets, startBackground, stopBackground } from '@rtc-console/server';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import { calibrate, calibrationText, environment, withMarkedSection } from './report.js';
import { createBenchCompany, freshDatabase, type Backend } from './setup.js';
import { now, summarize, type Summary } from './stats.js';

const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return n;
};

const EVENTS = int('BENCH_WEBHOOK_EVENTS', 2000);
const ENDPOINTS = int('BENCH_WEBHOOK_ENDPOINTS', 1);
const ROUNDS = int('BENCH_WEBHOOK_ROUNDS', 2);
const WRITES = int('BENCH_WEBHOOK_WRITES', 400);
const CONCURRENCY = int('BENCH_WEBHOOK_CONCURRENCY', 16);
const BACKEND = (process.env.BENCH_WEBHOOK_BACKEND ?? 'postgres') as Backend;
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));
export const WEBHOOKS_START = '<!-- bench:webhooks:start -->';
export const WEBHOOKS_END = '<!-- bench:webhooks:end -->';

/** The receiver: counts requests, keeps how long each event took from its write to its arrival. */
function receiver() {
  let received = 0;
  let waiting: { target: number; resolve: () => void } | null = null;
  const latencies: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sentAt = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { sentAt?: number } }).data?.sentAt;
      if (typeof sentAt === 'number') latencies.push(Date.now() - sentAt);
      received++;
      res.writeHead(204).end();
      if (waiting && received >= waiting.target) {
        waiting.resolve();
        waiting = null;
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  return {
    server,
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    /** Resolves once `n` more requests than now have arrived; the latencies start afresh. */
    expect(n: number): Promise<void> {
      latencies.length = 0;
      const target = received + n;
      return new Promise((resolve) => (waiting = { target, resolve }));
    },
    latencies,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** The body a delivery of an event sends (the same shape and size for the bare POSTs). */
const body = (n: number, sentAt: number) => JSON.stringify({ type: 'project.created', timestamp: new Date().toISOString(), data: { projectId: `bench${n}`, appId: 'f'.repeat(32), name: `Bench event ${n}`, sentAt } });

/** `n` events of the company written into the outbox, 50 per tenant transaction, as fast as they go. */
async function publish(ctx: CompanyContext, n: number): Promise<void> {
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => ({
      type: 'project.created', companyId: ctx.companyId, actor: 'bench',
      data: { projectId: `bench${i + j}`, appId: 'f'.repeat(32), name: `Bench event ${i + j}`, sentAt: Date.now() },
    }));
    await ctx.tx((tx) => publishEvents(tx, batch));
  }
}

/** `n` POSTs with `fetch`, `concurrency` at a time, to the receiver's endpoints in turn. */
async function bareFetch(urls: string[], n: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(urls[i % urls.length]!, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': `msg_${i}_1`, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) }, body: body(i, Date.now()) });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** createProject's statements, the same way, without its `project.created` event: the baseline of part 2. */
async function createProjectWithoutEvent(ctx: CompanyContext, name: string): Promise<void> {
  await ctx.tx(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('company'), ${ctx.companyId})`);
    const [company] = await tx.select({ appLimit: companies.appLimit }).from(companies).where(eq(companies.id, ctx.companyId));
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(projects).where(and(eq(projects.companyId, ctx.companyId), ne(projects.status, -1)));
    if (Number(n) >= (company?.appLimit ?? 0)) throw new Error('bench: project limit');
    const [row] = await tx.insert(projects).values({ id: randomBase62(8), companyId: ctx.companyId, appId: randomHex(16), name, region: 'Non-CN', billingType: 'duration' }).returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.create', targetType: 'Project', targetId: row!.id, after: { name: row!.name, appId: row!.appId, region: row!.region } });
  });
}

interface ThroughputRound {
  plugin: { perSecond: number; seconds: number; latency: Summary };
  bare: { perSecond: number; seconds: number };
}

export interface WebhooksResult {
  backend: Backend;
  events: number;
  endpoints: number;
  concurrency: number;
  rounds: ThroughputRound[];
  ratio: number;
  writes: { withEvent: Summary; withoutEvent: Summary; added: number };
}

async function run(log: (m: string) => void): Promise<WebhooksResult> {
  const database = await freshDatabase(BACKEND, DATABASE_URL, 'webhooks');
  const plugin = createWebhooksServerPlugin({ allowLoopback: true, concurrency: CONCURRENCY });
  // The usage plugin too: the benchmark company comes with the demo price table (setup.ts).
  const plugins = [usageServerPlugin, plugin];
  const rx = receiver();
  try {
    await runMigrations(database, [coreMigrations, ...migrationSets(plugins)]);
    await ensureBuiltinRoles(database.db);
    const config = loadConfig({ DEMO: 'off', LOG_LEVEL: 'silent', ...(database.url ? { DATABASE_URL: database.url } : {}), SETTINGS_KEY: Buffer.alloc(32, 7).toString('base64') });
    const core = createCoreDeps(database, config, createLogger('silent'), plugins);
    await initPlugins(core, plugins);
    const company = await createBenchCompany(core, 0);
    await database.db.update(companies).set({ appLimit: 1_000_000 }).where(eq(companies.id, company.companyId));
    await startBackground(core);
    const base = await rx.listen();
    const services = servicesOfPlugin(core, plugin);
    const urls: string[] = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const url = `${base}/hook/${i}`;
      urls.push(url);
      await createEndpoint(company.ctx, { services, settings: { policy: { allowPrivate: false, allowLoopback: true } } }, { url, description: 'bench', eventTypes: ['project.created'], enabled: true });
    }
    // Warm-up: the path once end to end, JIT and connections.
    const warm = rx.expect(50 * ENDPOINTS);
    await publish(company.ctx, 50);
    await warm;
    await bareFetch(urls, 200, CONCURRENCY);

    const rounds: ThroughputRound[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const deliveries = EVENTS * ENDPOINTS;
      const arrived = rx.expect(deliveries);
      const t0 = now();
      await publish(company.ctx, EVENTS);
      await arrived;
      const pluginSeconds = (now() - t0) / 1000;
      const latency = summarize(rx.latencies);
      const t1 = now();
      const bareArrived = rx.expect(deliveries);
      await bareFetch(urls, deliveries, CONCURRENCY);
      await bareArrived;
      const bareSeconds = (now() - t1) / 1000;
      const round = { plugin: { perSecond: deliveries / pluginSeconds, seconds: pluginSeconds, latency }, bare: { perSecond: deliveries / bareSeconds, seconds: bareSeconds } };
      rounds.push(round);
      log(`E1 round ${r + 1}: plugin ${round.plugin.perSecond.toFixed(0)} deliveries/s (write to arrival p50 ${latency.median.toFixed(0)} ms, p95 ${latency.p95.toFixed(0)} ms), bare fetch ${round.bare.perSecond.toFixed(0)}/s`);
    }
    const best = (k: 'plugin' | 'bare') => Math.max(...rounds.map((r) => r[k].perSecond));

    // Part 2: alternate, one by one; every event is also delivered in the background meanwhile.
    const withEvent: number[] = [];
    const withoutEvent: number[] = [];
    for (let i = 0; i < WRITES + 20; i++) {
      const t = now();
      if (i % 2) await createProject(company.ctx, { name: `Bench write ${i}`, region: 'Non-CN', billingType: 'duration' });
      else await createProjectWithoutEvent(company.ctx, `Bench write ${i}`);
      // The first 20 are warm-up.
      if (i >= 20) (i % 2 ? withEvent : withoutEvent).push(now() - t);
    }
    const writes = { withEvent: summarize(withEvent), withoutEvent: summarize(withoutEvent), added: 0 };
    writes.added = writes.withEvent.median / writes.withoutEvent.median - 1;
    log(`E2: createProject median ${writes.withEvent.median.toFixed(2)} ms (p95 ${writes.withEvent.p95.toFixed(2)}), without the event ${writes.withoutEvent.median.toFixed(2)} ms (p95 ${writes.withoutEvent.p95.toFixed(2)}): ${(writes.added * 100).toFixed(1)} % added`);
    await stopBackground(core, 5);
    return { backend: BACKEND, events: EVENTS, endpoints: ENDPOINTS, concurrency: CONCURRENCY, rounds, ratio: best('plugin') / best('bare'), writes };
  } finally {
    await rx.close();
    await database.destroy();
  }
}

function markdown(r: WebhooksResult, header: string): string {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const lines = [
    header,
    '',
    `${f(r.events)} events × ${r.endpoints} endpoint(s) on ${r.backend}, deliveries ${r.concurrency} at a time per process; bare fetch with the same concurrency to the same receiver on 127.0.0.1.`,
    '',
    '| round | plugin deliveries/s | write → arrival p50 / p95 ms | bare fetch POSTs/s | ratio |',
    '|---|---|---|---|---|',
    ...r.rounds.map((x, i) => `| ${i + 1} | ${f(x.plugin.perSecond)} | ${f(x.plugin.latency.median)} / ${f(x.plugin.latency.p95)} | ${f(x.bare.perSecond)} | ${(x.plugin.perSecond / x.bare.perSecond).toFixed(2)}× |`),
    '',
    `**Deliveries run at ${r.ratio.toFixed(2)}× bare fetch** (best round over best round; target ≥ 0.5×: ${r.ratio >= 0.5 ? 'met' : 'not met'}).`,
    '',
    '| write | runs | median ms | p95 ms | mean ms |',
    '|---|---|---|---|---|',
    `| \`createProject\` (publishes \`project.created\`) | ${r.writes.withEvent.runs} | ${f(r.writes.withEvent.median, 2)} | ${f(r.writes.withEvent.p95, 2)} | ${f(r.writes.withEvent.mean, 2)} |`,
    `| the same statements without the event | ${r.writes.withoutEvent.runs} | ${f(r.writes.withoutEvent.median, 2)} | ${f(r.writes.withoutEvent.p95, 2)} | ${f(r.writes.withoutEvent.mean, 2)} |`,
    '',
    `**The event adds ${(r.writes.added * 100).toFixed(1)} %** to the write's median (target ≤ 10 %: ${r.writes.added <= 0.1 ? 'met' : 'not met'}).`,
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}`);
  const env = await environment(DATABASE_URL);
  log(`${env.date}: ${env.cores} × ${env.cpu}, Node ${env.node}, ${env.postgres}; load ${env.loadAtStart}`);
  const before = await calibrate(DATABASE_URL);
  log(`reference workloads: ${calibrationText(before)}`);
  const result = await run(log);
  const after = await calibrate(DATABASE_URL);
  const header = `### E. Webhooks (${env.date}, ${env.cores} × ${env.cpu}, Node ${env.node}, ${result.backend === 'postgres' ? env.postgres : env.pglite})`;
  const text = `${markdown(result, header)}\n\nLoad average ${env.loadAtStart} at the start, ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end; reference workloads ${calibrationText(before)} at the start, ${calibrationText(after)} at the end.`;
  console.log(`\n${text}\n`);
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  writeFileSync(`${RESULTS}${stamp}-webhooks.json`, JSON.stringify({ env, result, calibration: { before, after } }, null, 2));
  writeFileSync(`${RESULTS}${stamp}-webhooks.md`, text);
  if (process.argv.includes('--docs')) {
    const docPath = `${ROOT}docs/benchmarks.md`;
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
    writeFileSync(docPath, withMarkedSection(doc, WEBHOOKS_START, WEBHOOKS_END, text));
    console.log('docs/benchmarks.md updated');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
