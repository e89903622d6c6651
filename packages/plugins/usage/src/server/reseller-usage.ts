import type { ResellerScope } from '@rtc-console/core';
import { z } from 'zod';
import { DAY_MS, dayRange, isDay, monthRange } from '../shared/days.js';
import { usageQueryPlan, type UsageObject, type UsageQueryPlan } from '../shared/rest.js';
import { ofReseller } from './reseller-scope.js';
import { usageByPeriod } from './usage-by-period.js';

/**
 * The tabs of seed 001 "Usage > Chart", each one seed-003 plan (and, for transcoding, one of
 * its two groups). Units: minutes for durations, a count for peaks.
 */
export const USAGE_TABS = {
  rtc: { model: 'duration', business: 'default', group: null, unit: 'minutes' },
  recording: { model: 'duration', business: 'recording', group: null, unit: 'minutes' },
  cloudRecording: { model: 'duration', business: 'cloudRecording', group: null, unit: 'minutes' },
  miniapp: { model: 'duration', business: 'miniapp', group: null, unit: 'minutes' },
  transcoding: { model: 'transcoding', business: 'default', group: 'transcodeDuration', unit: 'minutes' },
  concurrentChannel: { model: 'transcoding', business: 'default', group: 'concurrentChannel', unit: 'count' },
  rtm: { model: 'counter', business: 'rtm', group: null, unit: 'count' },
} as const;
export type UsageTab = keyof typeof USAGE_TABS;

const day = (field: string) => z.string({ error: `${field} is required` }).refine(isDay, `${field} must be a date (YYYY-MM-DD)`);
const rangeChecks = (q: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (!isDay(q.from) || !isDay(q.to)) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / DAY_MS > 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the interval may span at most 366 days' });
};

export const resellerChartQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    interval: z.enum(['daily', 'monthly'], { error: 'interval must be daily or monthly' }),
    tab: z.enum(Object.keys(USAGE_TABS) as [UsageTab, ...UsageTab[]], { error: `tab must be one of ${Object.keys(USAGE_TABS).join(', ')}` }),
    companyId: z.coerce.number().int().positive().optional(),
  })
  .superRefine(rangeChecks);

export function planOf(tab: UsageTab): Extract<UsageQueryPlan, { ok: true }> {
  const t = USAGE_TABS[tab];
  const plan = usageQueryPlan(t.model, t.business);
  if (!plan.ok) throw new Error(`no plan for tab ${tab}`);
  return t.group ? { ...plan, shape: { groups: plan.shape.groups.filter((g) => g.key === t.group) } } : plan;
}

/** The fields of a tab's `usage` objects, flattened (transcoding's are nested one level). */
export function flatten(usage: UsageObject): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(usage)) {
    if (typeof v === 'number') out[k] = v;
    else Object.assign(out, v);
  }
  return out;
}

export interface UsageChart {
  tab: UsageTab;
  unit: 'minutes' | 'count';
  periods: string[];
  series: { field: string; values: number[] }[];
}

/** Seed 001 "Usage > Chart": one tab over an interval, daily or monthly, all companies or one. */
export async function resellerChart(reseller: ResellerScope, q: z.infer<typeof resellerChartQuerySchema>): Promise<UsageChart> {
  const plan = planOf(q.tab);
  const range = { fromDay: q.from, toDay: q.to, interval: q.interval };
  const byPeriod = (await reseller.tx((tx) => usageByPeriod(tx, plan, range, ofReseller(reseller, { companyId: q.companyId })))).get('') ?? new Map();
  const periods = q.interval === 'daily' ? dayRange(q.from, q.to) : monthRange(q.from, q.to);
  const fields = plan.shape.groups.flatMap((g) => g.fields.map((f) => f.field));
  const rows = periods.map((p) => flatten(byPeriod.get(p) ?? {}));
  return { tab: q.tab, unit: USAGE_TABS[q.tab].unit, periods, series: fields.map((field) => ({ field, values: rows.map((r) => r[field] ?? 0) })) };
}
