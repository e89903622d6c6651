import { companies, rowsOf, type Queryable } from '@rtc-console/core';
import { sql, type SQL } from 'drizzle-orm';
import { usageDaily, usageDailyChannel, usageDailyPeak } from './schema.js';

/** The rollup tables share `companyId` and `projectId` columns, which conditions use. */
export type RollupTable = typeof usageDaily | typeof usageDailyChannel | typeof usageDailyPeak;

export interface PeriodValue {
  /** The project or company id when the query is broken down by one. */
  key?: string;
  period: string;
  metric: number;
  value: number;
}

export interface PeriodQuery {
  /** Which rollup: durations (milliseconds) or peaks (counts). */
  family: 'duration' | 'peak';
  /** 'sum' for duration products; 'peak' for transcoding, concurrent channels and RTM. */
  kind: 'sum' | 'peak';
  interval: 'daily' | 'monthly';
  fromDay: string;
  toDay: string;
  codes: readonly number[];
  /** Duration rollup only: the product. */
  product?: number;
  /** Extra conditions on the rollup rows (company, reseller, project, permissions), on the table read. */
  where: (table: RollupTable) => SQL;
  /** Read the per-channel duration rollup for this channel. */
  channel?: string | undefined;
  /** Break the values down per project, company or reseller (the company's, now) instead of adding them all up. */
  by?: 'project' | 'company' | 'reseller' | undefined;
}

/**
 * Rolls rollup rows up into days or months, in SQL, with the model's rules (the same as
 * `aggregate` in shared/aggregate.ts): sums add up over projects and days; peaks add up each
 * project's daily value for a day, and each project's greatest daily value for a month.
 */
export async function periodValues(q: Queryable, p: PeriodQuery): Promise<PeriodValue[]> {
  if (!p.codes.length) return [];
  const rollup: RollupTable = p.family === 'peak' ? usageDailyPeak : p.channel !== undefined ? usageDailyChannel : usageDaily;
  const table = sql`${rollup}`;
  const value = p.family === 'peak' ? sql`value` : sql`ms`;
  const filters = sql.join(
    [
      sql`day between ${p.fromDay}::date and ${p.toDay}::date`,
      sql`metric in (select value::smallint from json_array_elements_text(${JSON.stringify(p.codes)}::json))`,
      p.product !== undefined && p.family === 'duration' ? sql`product = ${p.product}` : undefined,
      p.channel !== undefined && p.family === 'duration' ? sql`channel = ${p.channel}` : undefined,
      p.where(rollup),
    ].filter((x): x is SQL => x !== undefined),
    sql` and `,
  );
  const key =
    p.by === 'project' ? sql`project_id`
    : p.by === 'company' ? sql`company_id::text`
    // The reseller a company has today, through core's schema: a company moved to another reseller brings its usage along.
    : p.by === 'reseller' ? sql`(select ${companies.resellerId} from ${companies} where ${companies.id} = ${rollup.companyId})::text`
    : sql`''`;
  // Group by the date (or the month's first day) and format only the grouped rows: to_char on
  // every rollup row was a third of the Usage page's query time on PGlite.
  const bucket = p.interval === 'monthly' ? sql`date_trunc('month', day::timestamp)::date` : sql`day`;
  const format = p.interval === 'monthly' ? sql`to_char(bucket, 'YYYY-MM')` : sql`to_char(bucket, 'YYYY-MM-DD')`;
  const query =
    p.kind === 'peak' && p.interval === 'monthly'
      ? // A month's peak is each project's greatest day, added up over projects (one peak row per project, day and metric).
        sql`select key, ${format} as period, metric, sum(mx)::float8 as value from (
              select ${key} as key, project_id, ${bucket} as bucket, metric, max(${value}) as mx from ${table} where ${filters} group by 1, project_id, 3, metric
            ) m group by key, bucket, metric order by key, bucket, metric`
      : // Sums, and a day's peak (the projects' daily peaks added up): one level of grouping.
        sql`select key, ${format} as period, metric, value from (
              select ${key} as key, ${bucket} as bucket, metric, sum(${value})::float8 as value from ${table} where ${filters} group by 1, 2, metric
            ) d order by key, bucket, metric`;
  return rowsOf<{ key: string; period: string; metric: number; value: number }>(await q.execute(query)).map((r) => ({
    ...(p.by ? { key: r.key } : {}),
    period: r.period,
    metric: Number(r.metric),
    value: Number(r.value),
  }));
}
