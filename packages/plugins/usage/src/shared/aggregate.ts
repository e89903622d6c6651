import { isDay, monthOf } from './days.js';

/** One rollup row: a project's value of a metric on a UTC day. */
export interface UsageRow<M extends string | number = string> {
  projectId: string;
  day: string;
  metric: M;
  value: number;
}

export interface AggregateOptions {
  /**
   * 'sum' for duration products (values add up over projects and days); 'peak' for transcoding,
   * concurrent channels and RTM daily active users (each project's value is a daily peak).
   */
  kind: 'sum' | 'peak';
  interval: 'daily' | 'monthly';
}

export interface UsagePoint<M extends string | number = string> {
  /** 'YYYY-MM-DD' for daily, 'YYYY-MM' for monthly. */
  period: string;
  metric: M;
  value: number;
}

/**
 * Rolls project-day rows up into periods (seed 001, PRODUCT.md "Usage").
 * - sum, daily: Σ over projects of the day's values; sum, monthly: Σ of the month's days.
 * - peak, daily: Σ over projects of each project's daily peak; peak, monthly: Σ over projects of
 *   each project's greatest daily value within the month (not the sum of daily peaks).
 * For 'peak', several rows of one project, day and metric are one peak: the greatest is taken.
 * Output is sorted by period, then metric (numbers numerically, strings by code unit).
 */
export function aggregate<M extends string | number>(rows: readonly UsageRow<M>[], opts: AggregateOptions): UsagePoint<M>[] {
  const periodOf = opts.interval === 'monthly' ? monthOf : (day: string) => {
    if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
    return day;
  };
  const totals = new Map<string, UsagePoint<M>>();
  const add = (period: string, metric: M, value: number) => {
    const key = JSON.stringify([period, metric]);
    const point = totals.get(key);
    if (point) point.value += value;
    else totals.set(key, { period, metric, value });
  };

  if (opts.kind === 'sum') {
    for (const r of rows) add(periodOf(r.day), r.metric, r.value);
  } else {
    // Each project's peak per period and metric, then the sum over projects.
    const peaks = new Map<string, { period: string; metric: M; value: number }>();
    for (const r of rows) {
      const period = periodOf(r.day);
      const key = JSON.stringify([r.projectId, period, r.metric]);
      const cur = peaks.get(key);
      if (!cur) peaks.set(key, { period, metric: r.metric, value: r.value });
      else if (r.value > cur.value) cur.value = r.value;
    }
    for (const p of peaks.values()) add(p.period, p.metric, p.value);
  }

  return [...totals.values()].sort((a, b) => cmp(a.period, b.period) || cmp(a.metric, b.metric));
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
