import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { ingestBench, type IngestResult } from './ingest.js';
import { listBench, listMarkdown, withListResults, type ListResult } from './list.js';
import { queryBench, type QueryResult } from './query.js';
import { calibrate, calibrationText, environment, resultsMarkdown, withResults } from './report.js';
import type { Backend } from './setup.js';

/**
 * `tsx src/main.ts <what> [--docs | --no-docs]`, what being one of:
 *   all             both benchmarks on both backends (`pnpm bench`)
 *   query           the 90-day usage query on Postgres and PGlite
 *   query-postgres, query-pglite
 *   ingest          HTTP ingest into Postgres, with the COPY baseline
 *   ingest-pglite   the same into PGlite, for information
 *   list            the permission-checked project list beside its ceiling (issue #8)
 * Sizes come from BENCH_* variables (src/config.ts). The results go to bench/results/ and, for a
 * full run (`all` with 10 million records) or with --docs, into docs/benchmarks.md.
 */

const PLANS: Record<string, { query: Backend[]; ingest: Backend[]; list?: boolean }> = {
  all: { query: ['postgres', 'pglite'], ingest: ['postgres', 'pglite'], list: true },
  list: { query: [], ingest: [], list: true },
  query: { query: ['postgres', 'pglite'], ingest: [] },
  'query-postgres': { query: ['postgres'], ingest: [] },
  'query-pglite': { query: ['pglite'], ingest: [] },
  ingest: { query: [], ingest: ['postgres'] },
  'ingest-pglite': { query: [], ingest: ['pglite'] },
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const what = args.find((a) => !a.startsWith('--')) ?? 'all';
  const plan = PLANS[what];
  if (!plan) {
    console.error(`usage: tsx src/main.ts [${Object.keys(PLANS).join(' | ')}] [--docs | --no-docs]`);
    return 2;
  }
  const cfg = loadConfig();
  const started = Date.now();
  const log = (msg: string) => console.log(msg.startsWith('\n') ? msg : `[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}`);
  const env = await environment(cfg.databaseUrl);
  log(`${env.date}: ${env.cores} × ${env.cpu}, Node ${env.node}, ${env.postgres}, ${env.pglite}; load ${env.loadAtStart}`);
  const calibrationAtStart = await calibrate(cfg.databaseUrl);
  log(`reference workloads: ${calibrationText(calibrationAtStart)}`);

  const query: QueryResult[] = [];
  const ingest: IngestResult[] = [];
  const failures: string[] = [];
  const attempt = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`\n${name} failed: ${message}`);
      failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  for (const backend of plan.query) await attempt(`query on ${backend}`, async () => void query.push(await queryBench(backend, cfg, log)));
  for (const backend of plan.ingest) await attempt(`ingest on ${backend}`, async () => void ingest.push(await ingestBench(backend, cfg, log)));
  let list: ListResult | null = null;
  if (plan.list) await attempt('project list', async () => void (list = await listBench(cfg, log)));

  const loadAtEnd = loadavg().map((l) => l.toFixed(2)).join(' / ');
  const calibrationAtEnd = await calibrate(cfg.databaseUrl);
  const state = { loadAtEnd, calibrationAtStart, calibrationAtEnd };
  const listed = list as ListResult | null;
  const listText = listed ? listMarkdown(listed, `### D. The permission-checked project list (${env.date}, ${env.cores} × ${env.cpu}, Node ${env.node}, ${env.postgres})`) : '';
  const markdown = plan.query.length || plan.ingest.length ? resultsMarkdown(env, cfg, query, ingest, failures, state) : '';
  console.log(`\n${markdown}\n\n${listText}`);

  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  writeFileSync(`${RESULTS}${stamp}-${what}.json`, JSON.stringify({ what, env, cfg, query, ingest, list, failures, state }, null, 2));
  writeFileSync(`${RESULTS}${stamp}-${what}.md`, `${markdown}\n\n${listText}\n${query.map((q) => `\n#### EXPLAIN ANALYZE on ${q.backend}: the page's rollup query\n\n\`\`\`\n${q.plans.page}\n\`\`\`\n\n#### … and the raw GROUP BY baseline\n\n\`\`\`\n${q.plans.raw}\n\`\`\`\n`).join('')}`);
  console.log(`\nresults: bench/results/${stamp}-${what}.{md,json}`);

  const full = what === 'all' && cfg.records >= 10_000_000;
  if ((full || args.includes('--docs')) && !args.includes('--no-docs')) {
    const docPath = `${ROOT}docs/benchmarks.md`;
    let doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
    if (markdown) doc = withResults(doc, markdown);
    if (listText) doc = withListResults(doc, listText);
    writeFileSync(docPath, doc);
    console.log('docs/benchmarks.md updated');
  }
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
