import { AppError, copyLines, copyValue, PROJECT_STATUS, rowsOf, type ProjectByAppId, type Tx } from '@rtc-console/core';
import type { UsageServices } from './services.js';
import { sql } from 'drizzle-orm';
import { PRODUCTS, type SessionRecord } from '../shared/model.js';
import { concurrencyMetricsOf, durationCode, durationMetricsOf, peakCode } from '../shared/metrics.js';
import { DAY_MS, splitByUtcDay, utcDay, utcInstant } from '../shared/days.js';
import { batchSchema, parseRecordFast, recordSchema, type ParsedRtm, type ParsedSession } from './record-schema.js';
import { recomputePeaks } from './peaks.js';

export interface IngestReport {
  /** Records stored now. */
  accepted: number;
  /** Records already stored before (re-sent): counted once, never twice. */
  duplicates: number;
  /** Records refused, with their index in the batch and why; the rest of the batch is kept. */
  rejected: { index: number; recordId?: string; reason: string }[];
  /** App IDs that belong to no project: reported, not silently dropped. */
  unknownAppIds: string[];
}

/** A batch's project, from core's App ID lookup; `pluginEnabled` is whether usage is on for its company. */
type ProjectRef = ProjectByAppId;

/**
 * The duration and peak metric codes of a session. They depend only on product, transcoding and
 * media, which a batch repeats endlessly, so each combination is worked out once.
 */
interface MetricCodes {
  metrics: number[];
  peakMetrics: number[];
  /** Both as COPY's array literals, tab-separated: '{1}\t{}'. */
  copy: string;
}
const metricsMemo = new Map<string, MetricCodes>();
function metricCodesOf(r: ParsedSession): MetricCodes {
  const media = r.media.kind === 'video' ? `${r.media.width}x${r.media.height}` : 'audio';
  const key = `${r.product}|${r.transcoding?.codec ?? ''}|${r.transcoding?.mode ?? ''}|${media}`;
  let codes = metricsMemo.get(key);
  if (!codes) {
    // The model's functions read neither the times nor the ids.
    const record: SessionRecord = { ...r, joinAt: '', leaveAt: '' };
    const metrics = durationMetricsOf(record).map(durationCode);
    const peakMetrics = concurrencyMetricsOf(record).map(peakCode);
    codes = { metrics, peakMetrics, copy: `${copyValue(metrics)}\t${copyValue(peakMetrics)}` };
    if (metricsMemo.size < 10_000) metricsMemo.set(key, codes);
  }
  return codes;
}

/**
 * Ingests one batch from the media edge. Each record is checked on its own; App IDs are resolved
 * to projects (disabled and deleted projects' traffic is refused); then, in one transaction,
 * raw records are inserted idempotently by record id and only the newly stored ones are added to
 * the rollups, so a re-sent batch changes nothing.
 */
export async function ingestBatch({ systemDb: db, projects: lookup }: Pick<UsageServices, 'systemDb' | 'projects'>, body: unknown): Promise<IngestReport> {
  const envelope = batchSchema.safeParse(body);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw new AppError(400, 'VALIDATION_FAILED', issue.message, envelope.error.issues.map((i) => ({ path: i.path, message: i.message })));
  }
  const report: IngestReport = { accepted: 0, duplicates: 0, rejected: [], unknownAppIds: [] };
  const sessions: { index: number; r: ParsedSession }[] = [];
  const rtm: { index: number; r: ParsedRtm }[] = [];
  const seen = new Set<string>();
  const now = Date.now();
  envelope.data.records.forEach((raw, index) => {
    // The fast path takes the plainly well-formed records; zod decides (and explains) the rest.
    let record = parseRecordFast(raw, now);
    if (record === null) {
      const parsed = recordSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const recordId = typeof (raw as { recordId?: unknown })?.recordId === 'string' ? (raw as { recordId: string }).recordId : undefined;
        report.rejected.push({ index, ...(recordId ? { recordId } : {}), reason: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
        return;
      }
      record = parsed.data;
    }
    // The same record twice in one batch is one record.
    if (seen.has(record.recordId)) {
      report.duplicates++;
      return;
    }
    seen.add(record.recordId);
    if (record.type === 'session') sessions.push({ index, r: record });
    else rtm.push({ index, r: record });
  });

  // Ingest spans companies: the system lookup, with whether the operator switched usage off for each project's company.
  const projects = await lookup.byAppIds(db, [...new Set([...sessions, ...rtm].map((x) => x.r.appId))]);
  const unknown = new Set<string>();
  const usable = <T extends { index: number; r: { appId: string; recordId: string } }>(list: T[]) =>
    list.filter(({ index, r }) => {
      const p = projects.get(r.appId);
      if (!p) unknown.add(r.appId);
      else if (p.status === PROJECT_STATUS.enabled && p.pluginEnabled) return true;
      const reason = !p
        ? 'unknown App ID'
        : p.status === PROJECT_STATUS.disabled ? 'the project is disabled' : p.status === PROJECT_STATUS.deleted ? 'the project is deleted' : 'usage is switched off for the company';
      report.rejected.push({ index, recordId: r.recordId, reason });
      return false;
    });
  const goodSessions = usable(sessions);
  const goodRtm = usable(rtm);
  report.unknownAppIds = [...unknown].sort();
  report.rejected.sort((a, b) => a.index - b.index);

  // The first attempt copies the sessions as new; a retry after a duplicate key looks first.
  let checkStored = false;
  const stored = await withRetry(
    () =>
      db.transaction(async (tx) => {
        const s = goodSessions.length ? await storeSessions(tx, goodSessions.map((x) => x.r), projects, checkStored) : 0;
        const r = goodRtm.length ? await storeRtm(tx, goodRtm.map((x) => x.r), projects) : 0;
        return s + r;
      }),
    (code) => {
      if (code === UNIQUE_VIOLATION) checkStored = true;
    },
  );
  report.accepted = stored;
  report.duplicates += goodSessions.length + goodRtm.length - stored;
  return report;
}

/** The usage_sessions columns ingest writes, in COPY order (ingested_at takes its default). */
const SESSION_COLUMNS = ['record_id', 'company_id', 'project_id', 'channel', 'uid', 'role', 'joined_at', 'left_at', 'product', 'metrics', 'peak_metrics', 'width', 'height'];

interface NewSession {
  r: ParsedSession;
  p: ProjectRef;
  product: number;
  codes: MetricCodes;
}

/** A session's usage_sessions row as a COPY line; only the edge's own strings need escaping. */
function sessionLine({ r, p, product, codes }: NewSession): string {
  const size = r.media.kind === 'video' ? `${r.media.width}\t${r.media.height}` : '\\N\t\\N';
  return `${copyValue(r.recordId)}\t${p.companyId}\t${copyValue(p.projectId)}\t${copyValue(r.channel)}\t${copyValue(r.uid)}\t${r.role === 'host' ? 1 : 2}\t`
    + `${utcInstant(r.joinAt)}\t${utcInstant(r.leaveAt)}\t${product}\t${codes.copy}\t${size}\n`;
}

/**
 * Stores the sessions not stored before and adds them to the rollups. The raw rows go in with
 * COPY, which costs Postgres about half of an INSERT … SELECT … ON CONFLICT of the same rows, but
 * cannot skip records already stored. So a batch is first tried as new (the common case: the
 * edge re-sends a batch only when an answer was lost); if any record turns out to be stored
 * already, COPY fails on the primary key, the transaction rolls back, and the retry looks the
 * stored ids up first (`checkStored`) and copies only the others. Two batches racing to store
 * the same record end the same way.
 */
async function storeSessions(tx: Tx, list: ParsedSession[], projects: Map<string, ProjectRef>, checkStored: boolean): Promise<number> {
  const stored = checkStored ? await storedSessionIds(tx, list) : new Set<string>();
  const fresh: NewSession[] = [];
  let lines = '';
  for (const r of list) {
    if (stored.has(r.recordId)) continue;
    const session = { r, p: projects.get(r.appId)!, product: PRODUCTS[r.product], codes: metricCodesOf(r) };
    fresh.push(session);
    lines += sessionLine(session);
  }
  if (!fresh.length) return 0;
  await copyLines(tx, 'usage_sessions', SESSION_COLUMNS, lines);
  await addDurations(tx, fresh);
  const touched = new Map<string, { companyId: number; projectId: string; day: string }>();
  for (const { r, p, product, codes } of fresh) {
    if (product !== PRODUCTS.transcoding || !codes.peakMetrics.length) continue;
    for (const { day } of splitByUtcDay(r.joinAt, r.leaveAt)) touched.set(`${p.projectId}|${day}`, { companyId: p.companyId, projectId: p.projectId, day });
  }
  if (touched.size) await recomputePeaks(tx, [...touched.values()]);
  return fresh.length;
}

/** Which of these records are stored already. */
async function storedSessionIds(tx: Tx, list: ParsedSession[]): Promise<Set<string>> {
  const rows = rowsOf<{ record_id: string }>(
    await tx.execute(sql`
      select record_id from usage_sessions
      where record_id in (select value from json_array_elements_text(${JSON.stringify(list.map((r) => r.recordId))}::json))`),
  );
  return new Set(rows.map((row) => row.record_id));
}

/** Adds the new sessions' milliseconds, split at UTC midnights, to the duration rollups (daily, monthly, per channel). */
async function addDurations(tx: Tx, sessions: NewSession[]): Promise<void> {
  // Per channel first; the daily rollup is then the sum of far fewer channel rows. Keyed by the
  // project and channel (one string per session), then by day, product and metric as a number.
  type ChannelRow = { company_id: number; project_id: string; channel: string; day: string; product: number; metric: number; ms: number };
  const byChannel = new Map<string, Map<number, ChannelRow>>();
  for (const { r, p, product, codes } of sessions) {
    const channelKey = `${p.projectId}|${r.channel}`;
    let rows = byChannel.get(channelKey);
    if (!rows) byChannel.set(channelKey, (rows = new Map()));
    // The parts are consecutive UTC days from the join's.
    const firstDay = Math.floor(r.joinAt / DAY_MS);
    for (const [i, { day, ms }] of splitByUtcDay(r.joinAt, r.leaveAt).entries()) {
      for (const metric of codes.metrics) {
        const key = ((firstDay + i) * 16 + product) * 1024 + metric;
        const row = rows.get(key);
        if (row) row.ms += ms;
        else rows.set(key, { company_id: p.companyId, project_id: p.projectId, channel: r.channel, day, product, metric, ms });
      }
    }
  }
  const channel = new Map<string, ChannelRow>();
  for (const [channelKey, rows] of byChannel) for (const [key, row] of rows) channel.set(`${channelKey}|${key}`, row);
  const daily = new Map<string, Omit<ChannelRow, 'channel'>>();
  for (const { channel: _channel, ...row } of channel.values()) {
    const key = `${row.project_id}|${row.day}|${row.product}|${row.metric}`;
    const sum = daily.get(key);
    if (sum) sum.ms += row.ms;
    else daily.set(key, row);
  }
  // Rows go in key order so concurrent batches lock rollup rows in the same order (no deadlock cycles).
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  await tx.execute(sql`
    insert into usage_daily (company_id, project_id, day, product, metric, ms)
    select company_id, project_id, day, product, metric, ms
    from json_to_recordset(${JSON.stringify(sorted(daily))}::json) as r(company_id int, project_id text, day date, product smallint, metric smallint, ms bigint)
    on conflict (project_id, day, product, metric) do update set ms = usage_daily.ms + excluded.ms`);
  const monthly = new Map<string, { company_id: number; project_id: string; month: string; product: number; metric: number; ms: number }>();
  for (const row of daily.values()) {
    const month = `${row.day.slice(0, 7)}-01`;
    const key = `${row.project_id}|${month}|${row.product}|${row.metric}`;
    const sum = monthly.get(key);
    if (sum) sum.ms += row.ms;
    else monthly.set(key, { company_id: row.company_id, project_id: row.project_id, month, product: row.product, metric: row.metric, ms: row.ms });
  }
  await tx.execute(sql`
    insert into usage_monthly (company_id, project_id, month, product, metric, ms)
    select company_id, project_id, month, product, metric, ms
    from json_to_recordset(${JSON.stringify(sorted(monthly))}::json) as r(company_id int, project_id text, month date, product smallint, metric smallint, ms bigint)
    on conflict (project_id, month, product, metric) do update set ms = usage_monthly.ms + excluded.ms`);
  await tx.execute(sql`
    insert into usage_daily_channel (company_id, project_id, channel, day, product, metric, ms)
    select company_id, project_id, channel, day, product, metric, ms
    from json_to_recordset(${JSON.stringify(sorted(channel))}::json) as r(company_id int, project_id text, channel text, day date, product smallint, metric smallint, ms bigint)
    on conflict (project_id, channel, day, product, metric) do update set ms = usage_daily_channel.ms + excluded.ms`);
}

/** Stores RTM activity; each user counts once per project and UTC day towards daily active users. */
async function storeRtm(tx: Tx, list: ParsedRtm[], projects: Map<string, ProjectRef>): Promise<number> {
  const rows = list.map((r) => {
    const p = projects.get(r.appId)!;
    return { record_id: r.recordId, company_id: p.companyId, project_id: p.projectId, user_id: r.userId, at: new Date(r.at).toISOString(), day: utcDay(r.at) };
  });
  const inserted = rowsOf<{ record_id: string }>(
    await tx.execute(sql`
      insert into usage_rtm_events (record_id, company_id, project_id, user_id, at)
      select record_id, company_id, project_id, user_id, at
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(record_id text, company_id int, project_id text, user_id text, at timestamptz)
      on conflict (record_id) do nothing
      returning record_id`),
  );
  if (!inserted.length) return 0;
  const fresh = new Set(inserted.map((r) => r.record_id));
  const users = rows.filter((r) => fresh.has(r.record_id)).map(({ company_id, project_id, day, user_id }) => ({ company_id, project_id, day, user_id }));
  await tx.execute(sql`
    with new_users as (
      insert into usage_rtm_users (company_id, project_id, day, user_id)
      select company_id, project_id, day, user_id
      from json_to_recordset(${JSON.stringify(users)}::json) as r(company_id int, project_id text, day date, user_id text)
      on conflict do nothing
      returning company_id, project_id, day
    )
    insert into usage_daily_peak (company_id, project_id, day, metric, value)
    select company_id, project_id, day, ${peakCode('dau')}, count(*) from new_users
    group by company_id, project_id, day
    order by project_id, day
    on conflict (project_id, day, metric) do update set value = usage_daily_peak.value + excluded.value`);
  return inserted.length;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Retries a transaction Postgres aborted: concurrent batches can deadlock on rollup rows in rare
 * orders (40P01, 40001), and COPY fails on a session stored before (23505, see storeSessions).
 * `onRetry` hears the error's code before the next attempt.
 */
async function withRetry<T>(fn: () => Promise<T>, onRetry: (code: string) => void, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001' && code !== UNIQUE_VIOLATION)) throw err;
      onRetry(code);
      // A duplicate is answered at once; a deadlock backs off a little.
      if (code !== UNIQUE_VIOLATION) await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}
