import { rowsOf, type Tx } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { PRODUCTS } from '../shared/model.js';
import { peakConcurrency } from '../shared/peaks.js';
import { MAX_SESSION_MS } from './record-schema.js';

const DAY_MS = 86_400_000;

/**
 * Recomputes each given project-day's peak of concurrent transcoding channels, per category,
 * from that project's transcoding sessions overlapping the day (bounded by the longest session
 * allowed), and stores it. Peaks cannot be added up like durations, so they are recomputed.
 */
export async function recomputePeaks(tx: Tx, touched: { companyId: number; projectId: string; day: string }[]): Promise<void> {
  const byProject = new Map<string, { companyId: number; days: string[] }>();
  for (const t of touched) {
    const entry = byProject.get(t.projectId) ?? { companyId: t.companyId, days: [] };
    entry.days.push(t.day);
    byProject.set(t.projectId, entry);
  }
  const out: { company_id: number; project_id: string; day: string; metric: number; value: number }[] = [];
  for (const [projectId, { companyId, days }] of [...byProject].sort(([a], [b]) => (a < b ? -1 : 1))) {
    days.sort();
    const first = Date.parse(`${days[0]}T00:00:00Z`);
    const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`) + DAY_MS;
    const sessions = rowsOf<{ channel: string; joined_at: string; left_at: string; peak_metrics: number[] }>(
      await tx.execute(sql`
        select channel, joined_at, left_at, peak_metrics from usage_sessions
        where project_id = ${projectId} and product = ${PRODUCTS.transcoding}
          and joined_at >= ${new Date(first - MAX_SESSION_MS).toISOString()}::timestamptz
          and joined_at < ${new Date(last).toISOString()}::timestamptz
          and left_at > ${new Date(first).toISOString()}::timestamptz`),
    );
    const byMetric = new Map<number, { channel: string; start: number; end: number }[]>();
    for (const s of sessions) {
      for (const m of s.peak_metrics) {
        const list = byMetric.get(Number(m)) ?? [];
        list.push({ channel: s.channel, start: Date.parse(s.joined_at), end: Date.parse(s.left_at) });
        byMetric.set(Number(m), list);
      }
    }
    for (const day of days) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (const [metric, intervals] of [...byMetric].sort(([a], [b]) => a - b)) {
        const value = peakConcurrency(intervals, start, start + DAY_MS);
        if (value > 0) out.push({ company_id: companyId, project_id: projectId, day, metric, value });
      }
    }
  }
  if (!out.length) return;
  await tx.execute(sql`
    insert into usage_daily_peak (company_id, project_id, day, metric, value)
    select company_id, project_id, day, metric, value
    from json_to_recordset(${JSON.stringify(out)}::json) as r(company_id int, project_id text, day date, metric smallint, value int)
    on conflict (project_id, day, metric) do update set value = excluded.value`);
}
