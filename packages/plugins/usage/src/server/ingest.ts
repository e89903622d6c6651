import { AppError, rowsOf, type Db, type Tx } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { PRODUCTS, type SessionRecord } from '../shared/model.js';
import { concurrencyMetricsOf, durationCode, durationMetricsOf, peakCode } from '../shared/metrics.js';
import { splitByUtcDay, utcDay } from '../shared/days.js';
import { batchSchema, recordSchema, type ParsedRtm, type ParsedSession } from './record-schema.js';
import { recomputePeaks } from './peaks.js';
import { usageSwitchedOff } from './switch.js';

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

interface ProjectRef {
  projectId: string;
  companyId: number;
  status: number;
  /** The operator switched the usage plugin off for the project's company. */
  usageOff: boolean;
}

/** The parsed session in the record shape the model's functions take. */
function asSessionRecord(r: ParsedSession): SessionRecord {
  return { ...r, joinAt: new Date(r.joinAt).toISOString(), leaveAt: new Date(r.leaveAt).toISOString() };
}

/**
 * Ingests one batch from the media edge. Each record is checked on its own; App IDs are resolved
 * to projects (disabled and deleted projects' traffic is refused); then, in one transaction,
 * raw records are inserted idempotently by record id and only the newly stored ones are added to
 * the rollups, so a re-sent batch changes nothing.
 */
export async function ingestBatch(db: Db, body: unknown): Promise<IngestReport> {
  const envelope = batchSchema.safeParse(body);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw new AppError(400, 'VALIDATION_FAILED', issue.message, envelope.error.issues.map((i) => ({ path: i.path, message: i.message })));
  }
  const report: IngestReport = { accepted: 0, duplicates: 0, rejected: [], unknownAppIds: [] };
  const sessions: { index: number; r: ParsedSession }[] = [];
  const rtm: { index: number; r: ParsedRtm }[] = [];
  const seen = new Set<string>();
  envelope.data.records.forEach((raw, index) => {
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const recordId = typeof (raw as { recordId?: unknown })?.recordId === 'string' ? (raw as { recordId: string }).recordId : undefined;
      report.rejected.push({ index, ...(recordId ? { recordId } : {}), reason: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
      return;
    }
    // The same record twice in one batch is one record.
    if (seen.has(parsed.data.recordId)) {
      report.duplicates++;
      return;
    }
    seen.add(parsed.data.recordId);
    if (parsed.data.type === 'session') sessions.push({ index, r: parsed.data });
    else rtm.push({ index, r: parsed.data });
  });

  const projects = await resolveApps(db, [...new Set([...sessions, ...rtm].map((x) => x.r.appId))]);
  const unknown = new Set<string>();
  const usable = <T extends { index: number; r: { appId: string; recordId: string } }>(list: T[]) =>
    list.filter(({ index, r }) => {
      const p = projects.get(r.appId);
      if (!p) unknown.add(r.appId);
      else if (p.status === 1 && !p.usageOff) return true;
      const reason = !p ? 'unknown App ID' : p.status === 0 ? 'the project is disabled' : p.status !== 1 ? 'the project is deleted' : 'usage is switched off for the company';
      report.rejected.push({ index, recordId: r.recordId, reason });
      return false;
    });
  const goodSessions = usable(sessions);
  const goodRtm = usable(rtm);
  report.unknownAppIds = [...unknown].sort();
  report.rejected.sort((a, b) => a.index - b.index);

  const stored = await withDeadlockRetry(() =>
    db.transaction(async (tx) => {
      const s = goodSessions.length ? await storeSessions(tx, goodSessions.map((x) => x.r), projects) : 0;
      const r = goodRtm.length ? await storeRtm(tx, goodRtm.map((x) => x.r), projects) : 0;
      return s + r;
    }),
  );
  report.accepted = stored;
  report.duplicates += goodSessions.length + goodRtm.length - stored;
  return report;
}

/**
 * App ID → project, for the App IDs of a batch (system query: ingest spans companies), with
 * whether the operator switched usage off for the project's company (its records are refused).
 */
async function resolveApps(db: Db, appIds: string[]): Promise<Map<string, ProjectRef>> {
  if (!appIds.length) return new Map();
  const rows = rowsOf<{ app_id: string; id: string; company_id: number; status: number; usage_off: boolean }>(
    await db.execute(sql`
      select p.app_id, p.id, p.company_id, p.status, ${usageSwitchedOff(sql`p.company_id`)} as usage_off
      from projects p where p.app_id in (select value from json_array_elements_text(${JSON.stringify(appIds)}::json))`),
  );
  return new Map(rows.map((p) => [p.app_id.trim(), { projectId: p.id, companyId: Number(p.company_id), status: Number(p.status), usageOff: p.usage_off === true }]));
}

interface StoredSession {
  company_id: number;
  project_id: string;
  channel: string;
  joined_at: string;
  left_at: string;
  product: number;
  metrics: number[];
  peak_metrics: number[];
}

async function storeSessions(tx: Tx, list: ParsedSession[], projects: Map<string, ProjectRef>): Promise<number> {
  const rows = list.map((r) => {
    const p = projects.get(r.appId)!;
    const rec = asSessionRecord(r);
    return {
      record_id: r.recordId,
      company_id: p.companyId,
      project_id: p.projectId,
      channel: r.channel,
      uid: r.uid,
      role: r.role === 'host' ? 1 : 2,
      joined_at: rec.joinAt,
      left_at: rec.leaveAt,
      product: PRODUCTS[r.product],
      metrics: durationMetricsOf(rec).map(durationCode),
      peak_metrics: concurrencyMetricsOf(rec).map(peakCode),
      width: r.media.kind === 'video' ? r.media.width : null,
      height: r.media.kind === 'video' ? r.media.height : null,
    };
  });
  const inserted = rowsOf<StoredSession>(
    await tx.execute(sql`
      insert into usage_sessions (record_id, company_id, project_id, channel, uid, role, joined_at, left_at, product, metrics, peak_metrics, width, height)
      select record_id, company_id, project_id, channel, uid, role, joined_at, left_at, product, metrics, peak_metrics, width, height
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(
        record_id text, company_id int, project_id text, channel text, uid text, role smallint, joined_at timestamptz,
        left_at timestamptz, product smallint, metrics smallint[], peak_metrics smallint[], width int, height int)
      on conflict (record_id) do nothing
      returning company_id, project_id, channel, joined_at, left_at, product, metrics, peak_metrics`),
  );
  if (!inserted.length) return 0;
  await addDurations(tx, inserted);
  const touched = new Map<string, { companyId: number; projectId: string; day: string }>();
  for (const s of inserted) {
    if (Number(s.product) !== PRODUCTS.transcoding || !s.peak_metrics?.length) continue;
    for (const { day } of splitByUtcDay(Date.parse(s.joined_at), Date.parse(s.left_at))) {
      touched.set(`${s.project_id}|${day}`, { companyId: Number(s.company_id), projectId: s.project_id, day });
    }
  }
  if (touched.size) await recomputePeaks(tx, [...touched.values()]);
  return inserted.length;
}

/** Adds the new sessions' milliseconds, split at UTC midnights, to both duration rollups. */
async function addDurations(tx: Tx, sessions: StoredSession[]): Promise<void> {
  const daily = new Map<string, { company_id: number; project_id: string; day: string; product: number; metric: number; ms: number }>();
  const channel = new Map<string, { company_id: number; project_id: string; channel: string; day: string; product: number; metric: number; ms: number }>();
  for (const s of sessions) {
    const parts = splitByUtcDay(Date.parse(s.joined_at), Date.parse(s.left_at));
    for (const metric of s.metrics) {
      for (const { day, ms } of parts) {
        const k = `${s.project_id}|${day}|${s.product}|${metric}`;
        const d = daily.get(k) ?? { company_id: Number(s.company_id), project_id: s.project_id, day, product: Number(s.product), metric: Number(metric), ms: 0 };
        d.ms += ms;
        daily.set(k, d);
        const kc = `${s.project_id}|${s.channel}|${day}|${s.product}|${metric}`;
        const c = channel.get(kc) ?? { company_id: Number(s.company_id), project_id: s.project_id, channel: s.channel, day, product: Number(s.product), metric: Number(metric), ms: 0 };
        c.ms += ms;
        channel.set(kc, c);
      }
    }
  }
  // Rows go in key order so concurrent batches lock rollup rows in the same order (no deadlock cycles).
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  await tx.execute(sql`
    insert into usage_daily (company_id, project_id, day, product, metric, ms)
    select company_id, project_id, day, product, metric, ms
    from json_to_recordset(${JSON.stringify(sorted(daily))}::json) as r(company_id int, project_id text, day date, product smallint, metric smallint, ms bigint)
    on conflict (project_id, day, product, metric) do update set ms = usage_daily.ms + excluded.ms`);
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

/** Concurrent batches can still deadlock on rollup rows in rare orders; Postgres then aborts one, which we retry. */
async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw err;
      await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}
