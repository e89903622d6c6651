import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db/rows.js';
import type { Queryable } from '../db/types.js';
import type { JobRow, JobState } from '../shared/jobs.js';


export interface JobListQuery {
  state?: JobState | undefined;
  /** Exact queue, or `<owner>.` for every queue of an owner. */
  queue?: string | undefined;
  /** Part of the queue's name. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * Recent jobs from pg-boss's tables (the live one and the archive of finished ones), newest first,
 * for the operator's jobs page: what ran, what waits to retry and why, what failed for good.
 * The tables are the queue library's, read here only (core owns the queue).
 */
export async function listJobs(db: Queryable, q: JobListQuery): Promise<{ rows: JobRow[]; count: number }> {
  const where: SQL[] = [];
  if (q.state) where.push(sql`state = ${q.state}::pgboss.job_state`);
  if (q.queue?.endsWith('.')) where.push(sql`starts_with(name, ${q.queue})`);
  else if (q.queue) where.push(sql`name = ${q.queue}`);
  if (q.q) where.push(sql`strpos(name, ${q.q.toLowerCase()}) > 0`);
  // The queue's internal queues (its cron and maintenance bookkeeping) are not jobs of ours.
  where.push(sql`name not like '\\_\\_pgboss%'`);
  const filter = sql.join(where, sql` and `);
  const columns = sql`id, name, state::text as state, retry_count, retry_limit, created_on, started_on, completed_on, start_after, output`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with all_jobs as (
        select ${columns}, false as archived from pgboss.job where ${filter}
        union all
        select ${columns}, true as archived from pgboss.archive where ${filter}
      )
      select *, count(*) over () as total from all_jobs
      order by created_on desc, id
      limit ${q.limit} offset ${q.offset}`),
  );
  const count = rows.length ? Number(rows[0]!.total) : q.offset ? await countJobs(db, filter) : 0;
  return { rows: rows.map(toJobRow), count };
}

async function countJobs(db: Queryable, filter: SQL): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select ((select count(*) from pgboss.job where ${filter}) + (select count(*) from pgboss.archive where ${filter}))::int as n`));
  return row?.n ?? 0;
}

function toJobRow(r: Record<string, unknown>): JobRow {
  const state = r.state as JobState;
  const ranOnce = r.started_on != null;
  return {
    id: String(r.id),
    queue: String(r.name),
    state,
    // pg-boss counts retries; a job that started has made one attempt more than its retries.
    attempts: Number(r.retry_count) + (ranOnce || state === 'retry' ? 1 : 0),
    retryLimit: Number(r.retry_limit),
    createdAt: iso(r.created_on)!,
    startedAt: iso(r.started_on),
    finishedAt: state === 'completed' || state === 'failed' || state === 'cancelled' ? iso(r.completed_on) : null,
    runAfter: iso(r.start_after)!,
    lastError: state === 'failed' || state === 'retry' ? errorMessage(r.output) : null,
    archived: Boolean(r.archived),
  };
}

/** Timestamps come as Date from PGlite and as text from postgres.js under drizzle. */
function iso(v: unknown): string | null {
  if (v == null) return null;
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** pg-boss keeps a failure as the serialized error (`{ message, stack, … }`) or what the handler threw. */
function errorMessage(output: unknown): string | null {
  if (output == null) return null;
  const o = typeof output === 'string' ? safeJson(output) : output;
  if (o && typeof o === 'object' && 'message' in o) return String((o as { message: unknown }).message).slice(0, 500);
  return JSON.stringify(o).slice(0, 500);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
