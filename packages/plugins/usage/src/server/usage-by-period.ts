import type { Queryable } from '@rtc-console/core';
import type { SQL } from 'drizzle-orm';
import { shapeUsage, type UsageObject, type UsageQueryPlan } from '../shared/rest.js';
import { periodValues, type RollupTable } from './periods.js';

export interface PeriodRange {
  fromDay: string;
  toDay: string;
  interval: 'daily' | 'monthly';
}

/**
 * One plan of the usage contract (seed 003's model × business: a chart tab, a REST query, a
 * column group of the download) read for every period of a range, in the seed's `usage`
 * shape. With `by`, one result per project, company or reseller that has usage.
 */
export async function usageByPeriod(
  q: Queryable,
  plan: Extract<UsageQueryPlan, { ok: true }>,
  range: PeriodRange,
  where: (table: RollupTable) => SQL,
  opts: { channel?: string | undefined; by?: 'project' | 'company' | 'reseller' } = {},
): Promise<Map<string, Map<string, UsageObject>>> {
  const values = new Map<string, Map<string, Map<number, number>>>();
  for (const group of plan.shape.groups) {
    const codes = [...new Set(group.fields.flatMap((f) => f.codes))];
    const rows = await periodValues(q, {
      family: group.family,
      kind: group.aggregate,
      interval: range.interval,
      fromDay: range.fromDay,
      toDay: range.toDay,
      codes,
      ...(group.family === 'duration' && plan.productCode !== null ? { product: plan.productCode } : {}),
      channel: group.family === 'duration' ? opts.channel : undefined,
      by: opts.by,
      where,
    });
    for (const r of rows) {
      const key = r.key ?? '';
      const periods = values.get(key) ?? new Map<string, Map<number, number>>();
      const metrics = periods.get(r.period) ?? new Map<number, number>();
      metrics.set(r.metric, r.value);
      periods.set(r.period, metrics);
      values.set(key, periods);
    }
  }
  const out = new Map<string, Map<string, UsageObject>>();
  for (const [key, periods] of values) {
    out.set(key, new Map([...periods].map(([period, metrics]) => [period, shapeUsage(plan, metrics)])));
  }
  return out;
}
