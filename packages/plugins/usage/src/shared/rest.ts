/**
 * The reseller REST usage contract (seed 003 "Fetch the company usage", "Fetch the project
 * usage"): which (model, business) pairs exist, what each reads, the shape of its `usage`
 * object, and the query parameters.
 */
import { z } from 'zod';
import { DAY_MS, dayRange, isDay, isMonth, monthRange, utcDay } from './days.js';
import { displayMinutes } from './fees.js';
import { DURATION_METRICS, PEAK_METRICS, PRODUCTS, type DurationMetricName, type PeakMetricName, type ProductCode, type ProductName } from './model.js';

export const USAGE_MODELS = ['duration', 'transcoding', 'counter'] as const;
export type UsageModel = (typeof USAGE_MODELS)[number];

export const USAGE_BUSINESSES = ['default', 'recording', 'cloudRecording', 'miniapp', 'rtm'] as const;
export type UsageBusiness = (typeof USAGE_BUSINESSES)[number];

export type UsageInterval = 'daily' | 'monthly';

/** What a plan reads: a product of the media edge, or RTM. */
export type UsageProduct = ProductName | 'rtm';

/** One field of the `usage` object: the sum of some metrics' values. */
export interface UsageField {
  /** The seed's field name. */
  field: string;
  /** The metrics added into it, by name and by stored code (codes are unique across families). */
  metrics: readonly (DurationMetricName | PeakMetricName)[];
  codes: readonly number[];
}

/** Fields read from one rollup family, placed at the top of `usage` or under `key`. */
export interface UsageGroup {
  key: 'transcodeDuration' | 'concurrentChannel' | null;
  /** 'duration': milliseconds, shown as whole minutes; 'peak': counts. */
  family: 'duration' | 'peak';
  /** How the group's rows roll up into periods (see `aggregate`). */
  aggregate: 'sum' | 'peak';
  fields: readonly UsageField[];
}

export interface UsageShape {
  groups: readonly UsageGroup[];
}

export type UsageQueryPlan =
  | { ok: false }
  | {
      ok: true;
      model: UsageModel;
      business: UsageBusiness;
      product: UsageProduct;
      /** The product's stored code; null for RTM, whose daily active users are not per product. */
      productCode: ProductCode | null;
      shape: UsageShape;
    };

type FieldDef<N extends string> = readonly [field: string, metrics: readonly N[]];

function durationGroup(key: UsageGroup['key'], aggregate: UsageGroup['aggregate'], defs: readonly FieldDef<DurationMetricName>[]): UsageGroup {
  return { key, family: 'duration', aggregate, fields: defs.map(([field, metrics]) => ({ field, metrics, codes: metrics.map((m) => DURATION_METRICS[m]) })) };
}

function peakGroup(key: UsageGroup['key'], defs: readonly FieldDef<PeakMetricName>[]): UsageGroup {
  return { key, family: 'peak', aggregate: 'peak', fields: defs.map(([field, metrics]) => ({ field, metrics, codes: metrics.map((m) => PEAK_METRICS[m]) })) };
}

const same = <N extends string>(names: readonly N[]): FieldDef<N>[] => names.map((n) => [n, [n]] as const);

const AUDIENCE_FIELDS: FieldDef<DurationMetricName>[] = [
  ['audioAudience', ['audio']],
  ['sdAudience', ['sd']],
  ['hdAudience', ['hd']],
  ['hdpAudience', ['hdp']],
];

const SHAPES = {
  'duration/default': durationGroup(null, 'sum', [
    ['audioAll', ['audio']],
    ['videoAll', ['sd', 'hd', 'hdp']],
    ['sdAll', ['sd']],
    ['hdAll', ['hd']],
    ['hdpAll', ['hdp']],
  ]),
  'duration/miniapp': durationGroup(null, 'sum', [
    ['audioAll', ['audio']],
    ['videoAll', ['sd', 'hd', 'hdp']],
  ]),
  'duration/recording': durationGroup(null, 'sum', AUDIENCE_FIELDS),
  'duration/cloudRecording': durationGroup(null, 'sum', AUDIENCE_FIELDS),
  // Seed 001 "Transcoding": daily and monthly values are per-project peaks, like concurrent channels.
  transcodeDuration: durationGroup(
    'transcodeDuration',
    'peak',
    same(['audioHostin', 'avcAudio', 'videoSingleHost', 'avcSd', 'avcHd', 'avcHdp', 'hevcAudio', 'hevcSd', 'hevcHd', 'hevcHdp']),
  ),
  concurrentChannel: peakGroup(
    'concurrentChannel',
    same(['avcTotal', 'avcTotalHostin', 'avcTotalVideoHostin', 'avcAudio', 'audioHostin', 'videoSingleHost', 'avcSd', 'avcHd', 'avcHdp', 'hevcAudio', 'hevcSd', 'hevcHd', 'hevcHdp']),
  ),
  'counter/rtm': peakGroup(null, [['dau', ['dau']]]),
} as const satisfies Record<string, UsageGroup>;

/** The valid pairs of the seed's "Business model and measurement model comparison table". */
const PLANS: Partial<Record<`${UsageModel}/${UsageBusiness}`, { product: UsageProduct; groups: UsageGroup[] }>> = {
  'duration/default': { product: 'rtc', groups: [SHAPES['duration/default']] },
  'duration/recording': { product: 'recording', groups: [SHAPES['duration/recording']] },
  'duration/cloudRecording': { product: 'cloudRecording', groups: [SHAPES['duration/cloudRecording']] },
  'duration/miniapp': { product: 'miniapp', groups: [SHAPES['duration/miniapp']] },
  'transcoding/default': { product: 'transcoding', groups: [SHAPES.transcodeDuration, SHAPES.concurrentChannel] },
  'counter/rtm': { product: 'rtm', groups: [SHAPES['counter/rtm']] },
};

/** Whether a (model, business) pair exists in the seed's comparison table. */
export function isUsagePairAvailable(model: UsageModel, business: UsageBusiness): boolean {
  return PLANS[`${model}/${business}`] !== undefined;
}

/** What a (model, business) query reads and how its `usage` object looks; `{ ok: false }` for an N/A pair. */
export function usageQueryPlan(model: UsageModel, business: UsageBusiness): UsageQueryPlan {
  const plan = PLANS[`${model}/${business}`];
  if (!plan) return { ok: false };
  return {
    ok: true,
    model,
    business,
    product: plan.product,
    productCode: plan.product === 'rtm' ? null : PRODUCTS[plan.product],
    shape: { groups: plan.groups },
  };
}

/** The stored metric codes a plan reads, per rollup family. */
export function planCodes(plan: UsageQueryPlan): { duration: number[]; peak: number[] } {
  const out = { duration: new Set<number>(), peak: new Set<number>() };
  if (plan.ok) for (const g of plan.shape.groups) for (const f of g.fields) for (const c of f.codes) out[g.family].add(c);
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { duration: sorted(out.duration), peak: sorted(out.peak) };
}

/** A `usage` object: flat fields, or (transcoding) the two nested groups. */
export type UsageObject = { [field: string]: number | { [field: string]: number } };

/**
 * Builds one period's `usage` object from the period's aggregated values, keyed by stored metric
 * code (DURATION_METRICS / PEAK_METRICS values; codes are unique across the two families, so the
 * transcoding plan's duration and peak metrics of the same name do not collide). Each field is
 * the sum of its metrics' values: durations (milliseconds) are shown in whole minutes with
 * `displayMinutes` of the summed ms, peaks as counts. Every field is present, 0 without data;
 * codes the plan does not read are ignored. Throws for an N/A plan.
 */
export function shapeUsage(plan: UsageQueryPlan, values: ReadonlyMap<number, number>): UsageObject {
  if (!plan.ok) throw new Error('no usage shape for an unavailable model and business');
  const usage: UsageObject = {};
  for (const group of plan.shape.groups) {
    const target: { [field: string]: number } = {};
    for (const f of group.fields) {
      const total = f.codes.reduce((s, c) => s + (values.get(c) ?? 0), 0);
      target[f.field] = group.family === 'duration' ? displayMinutes(total) : total;
    }
    if (group.key === null) Object.assign(usage, target);
    else usage[group.key] = target;
  }
  return usage;
}

/** The seed's `dateTime` of a period: 'YYYY-MM-DD 00:00:00' (a month is given by its first day). */
export function usageDateTime(period: string): string {
  if (isDay(period)) return `${period} 00:00:00`;
  if (isMonth(period)) return `${period}-01 00:00:00`;
  throw new RangeError(`not a day or month: ${period}`);
}

/** One element of the response array. */
export interface UsageDatum {
  dateTime: string;
  usage: UsageObject;
}

export function usageDatum(period: string, usage: UsageObject): UsageDatum {
  return { dateTime: usageDateTime(period), usage };
}

// ---------------------------------------------------------------------------------------------
// Query parameters

/** The longest query: endTs − fromTs at most 366 days (a leap year). */
export const MAX_QUERY_SECONDS = 366 * (DAY_MS / 1000);
/** The latest accepted timestamp: 9999-12-31T23:59:59Z. */
const MAX_TS = 253_402_300_799;

const oneOf = (values: readonly string[]) => values.join(', ');
/** Absent, or given empty (`?fromTs=`). */
const missing = (v: unknown) => v === undefined || v === '';

const isTimestamp = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_TS;

/** Whole Unix seconds, as a string of digits (the query string) or a number. */
const timestamp = (field: 'fromTs' | 'endTs') =>
  z.unknown().transform((v, ctx): number => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message, continue: false });
      return z.NEVER;
    };
    if (missing(v)) return fail(`${field} is required`);
    const n = typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : Number.NaN;
    if (Number.isNaN(n)) return fail(`${field} must be a whole number of seconds since 1970-01-01T00:00:00Z (Unix time)`);
    if (!isTimestamp(n)) return fail(`${field} is out of range`);
    return n;
  });

/**
 * The query of the usage endpoints: model, business, fromTs, endTs (whole Unix seconds, as the
 * query string gives them) and interval, all mandatory; fromTs ≤ endTs, at most 366 days apart,
 * and the (model, business) pair must exist. Messages name the field.
 */
export const usageQuerySchema = z
  .object({
    model: z.enum(USAGE_MODELS, {
      error: (iss) => (missing(iss.input) ? 'model is required' : `model must be one of ${oneOf(USAGE_MODELS)}`),
    }),
    business: z.enum(USAGE_BUSINESSES, {
      error: (iss) => (missing(iss.input) ? 'business is required' : `business must be one of ${oneOf(USAGE_BUSINESSES)}`),
    }),
    fromTs: timestamp('fromTs'),
    endTs: timestamp('endTs'),
    interval: z.enum(['daily', 'monthly'], {
      error: (iss) => (missing(iss.input) ? 'interval is required' : 'interval must be one of daily, monthly'),
    }),
  })
  .superRefine((q, ctx) => {
    // Runs only once every field parsed (field issues abort); the guards keep it safe regardless.
    const knownPair = (USAGE_MODELS as readonly unknown[]).includes(q.model) && (USAGE_BUSINESSES as readonly unknown[]).includes(q.business);
    if (knownPair && !isUsagePairAvailable(q.model, q.business)) {
      ctx.addIssue({ code: 'custom', path: ['business'], message: `business ${q.business} is not available for model ${q.model}` });
    }
    if (!isTimestamp(q.fromTs) || !isTimestamp(q.endTs)) return;
    if (q.fromTs > q.endTs) {
      ctx.addIssue({ code: 'custom', path: ['fromTs'], message: 'fromTs must not be after endTs' });
    } else if (q.endTs - q.fromTs > MAX_QUERY_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['endTs'], message: 'endTs must be at most 366 days after fromTs' });
    }
  });

export type UsageQuery = z.output<typeof usageQuerySchema>;

/** Parses query parameters; on failure, the messages in field order (the first is the one to show). */
export function parseUsageQuery(input: unknown): { ok: true; query: UsageQuery } | { ok: false; errors: string[] } {
  const r = usageQuerySchema.safeParse(input);
  return r.success ? { ok: true, query: r.data } : { ok: false, errors: r.error.issues.map((i) => i.message) };
}

/** The UTC days a query covers: the day of fromTs to the day of endTs, both included. */
export function queryDays(q: Pick<UsageQuery, 'fromTs' | 'endTs'>): { fromDay: string; toDay: string } {
  return { fromDay: utcDay(q.fromTs * 1000), toDay: utcDay(q.endTs * 1000) };
}

/** The periods of a query's response, in order: its days, or the months they fall in. */
export function queryPeriods(q: Pick<UsageQuery, 'fromTs' | 'endTs' | 'interval'>): string[] {
  const { fromDay, toDay } = queryDays(q);
  return q.interval === 'daily' ? dayRange(fromDay, toDay) : monthRange(fromDay, toDay);
}
