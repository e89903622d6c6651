import { rowsOf, type Db } from '@rtc-console/core';
import { sql, type SQL } from 'drizzle-orm';
import { PRODUCTS } from '../shared/model.js';
import { peakCode } from '../shared/metrics.js';
import { recomputePeaks } from './peaks.js';

/**
 * Rebuilds every rollup from the raw records (all companies, or one): the repair tool for a
 * rollup that went wrong, and the proof that incremental maintenance adds up to the same.
 * Durations are split at UTC midnights in SQL; peaks are recomputed like at ingest.
 */
export async function rebuildRollups(db: Db, opts: { companyId?: number } = {}): Promise<{ projectDays: number }> {
  const only = (alias: string): SQL => (opts.companyId ? sql`${sql.raw(alias)}.company_id = ${opts.companyId}` : sql`true`);
  return db.transaction(async (tx) => {
    // Day arithmetic on timestamptz follows the session's time zone: pin it to UTC.
    await tx.execute(sql`set local timezone = 'UTC'`);
    for (const table of ['usage_daily', 'usage_monthly', 'usage_daily_channel', 'usage_daily_peak', 'usage_rtm_users']) {
      await tx.execute(sql`delete from ${sql.identifier(table)} t where ${only('t')}`);
    }
    const split = sql`
      from usage_sessions s
      cross join lateral (
        select g::date as day,
               round(extract(epoch from (least(s.left_at, g + interval '1 day') - greatest(s.joined_at, g))) * 1000)::bigint as ms
        from generate_series(date_trunc('day', s.joined_at), s.left_at, interval '1 day') g
      ) d
      cross join lateral unnest(s.metrics) as m(metric)
      where ${only('s')} and d.ms > 0`;
    await tx.execute(sql`
      insert into usage_daily (company_id, project_id, day, product, metric, ms)
      select s.company_id, s.project_id, d.day, s.product, m.metric, sum(d.ms) ${split}
      group by 1, 2, 3, 4, 5`);
    await tx.execute(sql`
      insert into usage_monthly (company_id, project_id, month, product, metric, ms)
      select d.company_id, d.project_id, date_trunc('month', d.day::timestamp)::date, d.product, d.metric, sum(d.ms)
      from usage_daily d where ${only('d')}
      group by 1, 2, 3, 4, 5`);
    await tx.execute(sql`
      insert into usage_daily_channel (company_id, project_id, channel, day, product, metric, ms)
      select s.company_id, s.project_id, s.channel, d.day, s.product, m.metric, sum(d.ms) ${split}
      group by 1, 2, 3, 4, 5, 6`);

    const touched = rowsOf<{ company_id: number; project_id: string; day: string }>(
      await tx.execute(sql`
        select distinct s.company_id, s.project_id, g::date::text as day
        from usage_sessions s
        cross join lateral generate_series(date_trunc('day', s.joined_at), s.left_at - interval '1 millisecond', interval '1 day') g
        where ${only('s')} and s.product = ${PRODUCTS.transcoding} and cardinality(s.peak_metrics) > 0`),
    );
    await recomputePeaks(tx, touched.map((t) => ({ companyId: Number(t.company_id), projectId: t.project_id, day: t.day })));

    await tx.execute(sql`
      insert into usage_rtm_users (company_id, project_id, day, user_id)
      select distinct e.company_id, e.project_id, e.at::date, e.user_id from usage_rtm_events e where ${only('e')}`);
    await tx.execute(sql`
      insert into usage_daily_peak (company_id, project_id, day, metric, value)
      select u.company_id, u.project_id, u.day, ${peakCode('dau')}, count(*) from usage_rtm_users u where ${only('u')}
      group by 1, 2, 3`);
    return { projectDays: touched.length };
  });
}
