import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { installedPlugins } from '@rtc-console/api/plugins';
import { startTestServer } from '@rtc-console/testing';
import {
  companies,
  connectDatabase,
  createCompany,
  createIngestKey,
  createProject,
  createReseller,
  findUserByEmail,
  loadCompanyContext,
  projects,
  type CompanyContext,
  type CoreDeps,
  type Db,
} from '@rtc-console/core';
import type { TestDatabase } from '@rtc-console/core/testing';
import { demoPrices, savePrices } from '@rtc-console/plugin-usage/server';
import { asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import type { BenchProject } from './traffic.js';

export type Backend = 'postgres' | 'pglite';

/** A database for one benchmark; `destroy` drops it (Postgres) or deletes its directory (PGlite). */
export interface BenchDatabase extends TestDatabase {
  backend: Backend;
  /** Postgres: the URL of this very database (for COPY on a connection of its own). */
  url?: string;
  /** PGlite: the embedded instance (for COPY from a blob). */
  pglite?: PGlite;
}

/** A new database with a random name on the Postgres server, dropped by `destroy`. */
export async function freshPostgres(serverUrl: string, purpose: string, maxConnections = 10): Promise<BenchDatabase> {
  const name = `rtc_bench_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ databaseUrl: url.toString(), maxConnections });
  return {
    ...handle,
    backend: 'postgres',
    url: url.toString(),
    async destroy() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** PGlite persisted to a new temporary directory (as the console runs it, not in memory), deleted by `destroy`. */
export async function freshPglite(purpose: string): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(process.env.BENCH_TMPDIR || tmpdir(), `rtc-bench-${purpose}-`));
  const handle = await connectDatabase({ dataDir: dir });
  return {
    ...handle,
    backend: 'pglite',
    pglite: (handle.db as unknown as { $client: PGlite }).$client,
    async destroy() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database kept from an earlier run (BENCH_KEEP=1 prints where), to measure again without
 * loading again: a database name on the Postgres server, or a PGlite directory. Not dropped.
 */
export async function existingDatabase(backend: Backend, serverUrl: string, where: string): Promise<BenchDatabase> {
  if (backend === 'pglite') {
    const handle = await connectDatabase({ dataDir: where });
    return { ...handle, backend, pglite: (handle.db as unknown as { $client: PGlite }).$client, destroy: () => handle.close() };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${where}`;
  const handle = await connectDatabase({ databaseUrl: url.toString(), maxConnections: 10 });
  return { ...handle, backend, url: url.toString(), destroy: () => handle.close() };
}

/** Keeps a fresh database after the run: `destroy` only closes it. */
export function kept(db: BenchDatabase): BenchDatabase {
  return { ...db, destroy: () => db.close() };
}

export function freshDatabase(backend: Backend, serverUrl: string, purpose: string): Promise<BenchDatabase> {
  return backend === 'postgres' ? freshPostgres(serverUrl, purpose) : freshPglite(purpose);
}

export type BenchServer = Awaited<ReturnType<typeof startTestServer>>;

/** The whole API (core and the installed plugins, the real Express app) on the database, listening on a random local port. */
export function startServer(database: BenchDatabase): Promise<BenchServer> {
  return startTestServer({ database, seed: false, plugins: installedPlugins });
}

export const BENCH_PASSWORD = 'bench-password-2026';
export const BENCH_ADMIN = 'admin@bench.example';

export interface BenchCompany {
  companyId: number;
  userId: number;
  ctx: CompanyContext;
  projects: BenchProject[];
}

/**
 * The company the benchmarks measure, set up through core's services like a reseller and its
 * admin would: the company with its admin account, `projectCount` projects, and the demo price
 * table (so the page's fees are computed too).
 */
export async function createBenchCompany(core: CoreDeps, projectCount: number): Promise<BenchCompany> {
  await savePrices(core.db, demoPrices());
  const reseller = await createReseller(core, 'Bench Reseller');
  const company = await createCompany(
    core,
    {
      name: 'Bench Calls Inc.', email: BENCH_ADMIN, firstName: 'Bench', lastName: 'Admin', country: 'US', area: 'Non-CN',
      appLimit: Math.max(10, projectCount), memberLimit: 10, industry: 3, interest: 2, environment: 2,
    },
    { resellerId: reseller.id, actor: { userId: null, label: 'bench' }, initialPassword: BENCH_PASSWORD },
  );
  const { ctx, userId } = await adminContext(core, company.id);
  for (let i = 0; i < projectCount; i++) await createProject(ctx, { name: `Bench project ${i + 1}`, region: 'Non-CN', billingType: 'duration' });
  return { companyId: company.id, userId, ctx, projects: await projectsOf(core.db, company.id) };
}

async function adminContext(core: CoreDeps, companyId: number): Promise<{ ctx: CompanyContext; userId: number }> {
  const user = await findUserByEmail(core.db, BENCH_ADMIN);
  const loaded = user && (await loadCompanyContext(core, { userId: user.id, companyId, actor: { userId: user.id, label: BENCH_ADMIN } }));
  if (!user || !loaded) throw new Error('bench: the admin is not a member of the bench company');
  return { ctx: loaded.ctx, userId: user.id };
}

async function projectsOf(db: Db, companyId: number): Promise<BenchProject[]> {
  const rows = await db
    .select({ id: projects.id, appId: projects.appId, companyId: projects.companyId })
    .from(projects)
    .where(eq(projects.companyId, companyId))
    .orderBy(asc(projects.createdAt), asc(projects.id));
  return rows.map((p) => ({ projectId: p.id, appId: p.appId.trim(), companyId: p.companyId }));
}

/** The bench company of a database set up before (BENCH_REUSE). */
export async function findBenchCompany(core: CoreDeps): Promise<BenchCompany | null> {
  const [c] = await core.db.select({ id: companies.id }).from(companies).where(eq(companies.name, 'Bench Calls Inc.'));
  if (!c) return null;
  const { ctx, userId } = await adminContext(core, c.id);
  return { companyId: c.id, userId, ctx, projects: await projectsOf(core.db, c.id) };
}

/** An ingest key, as the media edge would hold one. */
export function ingestKey(core: CoreDeps): Promise<{ accessKeyId: string; secret: string }> {
  return createIngestKey(core.db, 'Benchmark media edge');
}

/** Signs in through the API like the web app does; the cookie header to send with later requests. */
export async function signIn(baseUrl: string, email = BENCH_ADMIN, password = BENCH_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`bench: sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
