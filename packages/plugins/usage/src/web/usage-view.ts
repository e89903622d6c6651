/**
 * What the usage pages show, as plain functions (no Vue): the seed-001 chart tabs and which of
 * their series show by default, time frames between the date picker and the API's UTC days,
 * fee lines, and the operator's price table rules.
 */
import { DAY_MS, dayStartMs, utcDay } from '../shared/days.js';
import { DURATION_METRICS, PRODUCTS, type DurationMetricName, type ProductName } from '../shared/model.js';

/** The tabs of seed 001 "Usage > Chart", in its order (the API's `tab` values). */
export const CHART_TABS = ['rtc', 'recording', 'cloudRecording', 'miniapp', 'transcoding', 'concurrentChannel', 'rtm'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

export const isChartTab = (v: unknown): v is ChartTab => (CHART_TABS as readonly unknown[]).includes(v);

/**
 * Whether a tab's series is on when the chart opens (seed 001): Video & Audio shows total audio
 * and total video, SD/HD/HD+ through the legend; Transcoding shows the H.264 series, H.265 through
 * the legend; Concurrent Channel shows the H.264 total; every other tab shows all its series.
 */
export function shownByDefault(tab: ChartTab, field: string): boolean {
  switch (tab) {
    case 'rtc':
      return field === 'audioAll' || field === 'videoAll';
    case 'transcoding':
      return !field.startsWith('hevc');
    case 'concurrentChannel':
      return field === 'avcTotal';
    default:
      return true;
  }
}

/** Duration tabs add days up; peak tabs add up each project's peak (seed 001, PRODUCT.md). */
export const aggregationOf = (tab: ChartTab): 'sum' | 'peak' => (tab === 'transcoding' || tab === 'concurrentChannel' || tab === 'rtm' ? 'peak' : 'sum');

/** The axis unit's message key: minutes, or what a count counts. */
export function unitKey(tab: ChartTab, unit: 'minutes' | 'count'): 'minutes' | 'channels' | 'users' {
  if (unit === 'minutes') return 'minutes';
  return tab === 'rtm' ? 'users' : 'channels';
}

/** The company page's series (seed 000): audio, SD, HD and HD+ on; total video through the legend. */
export const DAILY_FIELDS = ['audioAll', 'sdAll', 'hdAll', 'hdpAll', 'videoAll'] as const;
export const dailyShownByDefault = (field: string) => field !== 'videoAll';

/** A table row per period: the period and each series' value by its field name. */
export function periodRows(periods: readonly string[], series: readonly { field: string; values: readonly number[] }[]): ({ period: string } & Record<string, number | string>)[] {
  return periods.map((period, i) => ({ period, ...Object.fromEntries(series.map((s) => [s.field, s.values[i] ?? 0])) }));
}

/** Whether any value of any series is non-zero (an all-zero answer shows the empty text). */
export const hasUsage = (series: readonly { values: readonly number[] }[]) => series.some((s) => s.values.some((v) => v !== 0));

// ---- time frames ----------------------------------------------------------------------------

/** The most a time frame may span, as the API checks it: `to − from` at most 366 days. */
export const MAX_SPAN_DAYS = 366;

/** The default time frame: the last `days` days up to yesterday, in UTC days. */
export function defaultRange(now: number, days = 30): { from: string; to: string } {
  const to = utcDay(now - DAY_MS);
  return { from: utcDay(dayStartMs(to) - (days - 1) * DAY_MS), to };
}

/** A day as the date picker holds it: local midnight of that calendar day. */
export function dayToPicker(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** The calendar day the picker shows for a value (its local date), as 'YYYY-MM-DD'. */
export function pickerToDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export type Interval = 'daily' | 'monthly';

/**
 * The days a picked range asks for. Daily: the picked days. Monthly (the picker then picks
 * months): the first day of the first month to the last day of the last month.
 */
export function rangeDays(range: readonly [number, number], interval: Interval = 'daily'): { from: string; to: string } {
  const from = pickerToDay(range[0]);
  const to = pickerToDay(range[1]);
  if (interval === 'daily') return { from, to };
  const [y, m] = to.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last day of this one.
  return { from: `${from.slice(0, 7)}-01`, to: pickerToDay(new Date(y, m, 0).getTime()) };
}

/** A picked range snapped to whole months (what the month picker shows after a switch to monthly). */
export function toMonths(range: readonly [number, number]): [number, number] {
  const { from, to } = rangeDays(range, 'monthly');
  return [dayToPicker(from), dayToPicker(`${to.slice(0, 7)}-01`)];
}

/** Why a picked time frame cannot be asked for, or null: missing, reversed, or longer than 366 days. */
export function rangeProblem(range: readonly [number, number] | null, interval: Interval = 'daily'): 'rangeRequired' | 'rangeTooLong' | null {
  if (!range) return 'rangeRequired';
  const { from, to } = rangeDays(range, interval);
  if (from > to) return 'rangeRequired';
  return (dayStartMs(to) - dayStartMs(from)) / DAY_MS > MAX_SPAN_DAYS ? 'rangeTooLong' : null;
}

// ---- products, metrics, fees ----------------------------------------------------------------

const PRODUCT_NAMES = new Map<number, ProductName>(Object.entries(PRODUCTS).map(([name, code]) => [code, name as ProductName]));
const METRIC_NAMES = new Map<number, DurationMetricName>(Object.entries(DURATION_METRICS).map(([name, code]) => [code, name as DurationMetricName]));

export const productName = (code: number): ProductName | undefined => PRODUCT_NAMES.get(code);
export const metricName = (code: number): DurationMetricName | undefined => METRIC_NAMES.get(code);

/** The fees' `'<product>|<metric>'` amounts as lines in product, then metric order; zero lines left out. */
export function feeLines(byMetric: Record<string, number>): { product: ProductName; metric: DurationMetricName; amount: number }[] {
  return Object.entries(byMetric)
    .map(([key, amount]) => {
      const [p, m] = key.split('|').map(Number) as [number, number];
      return { p, m, product: productName(p), metric: metricName(m), amount };
    })
    .filter((l): l is typeof l & { product: ProductName; metric: DurationMetricName } => !!l.product && !!l.metric && l.amount !== 0)
    .sort((a, b) => a.p - b.p || a.m - b.m)
    .map(({ product, metric, amount }) => ({ product, metric, amount }));
}

const SPEC_METRICS: DurationMetricName[] = ['audio', 'sd', 'hd', 'hdp'];
const TRANSCODING_METRICS: DurationMetricName[] = ['audioHostin', 'avcAudio', 'videoSingleHost', 'avcSd', 'avcHd', 'avcHdp', 'hevcAudio', 'hevcSd', 'hevcHd', 'hevcHdp'];

/** The duration metrics a product is measured in (what the price table may price). */
export const metricsOf = (product: ProductName): DurationMetricName[] => (product === 'transcoding' ? TRANSCODING_METRICS : SPEC_METRICS);

// ---- the price table ------------------------------------------------------------------------

export interface PriceDraft {
  currency: 'USD' | 'CNY';
  product: number;
  metric: number;
  perThousand: number | null;
  freeMinutes: number | null;
}

/** The API's bounds (server/prices.ts `pricesInputSchema`). */
export const PRICE_LIMITS = { perThousand: 1_000_000, freeMinutes: 100_000_000, rows: 500 } as const;

export type PriceProblem = 'required' | 'notNegative' | 'wholeNumber' | 'tooLarge' | 'duplicate' | 'wrongMetric';

const priceKey = (r: Pick<PriceDraft, 'currency' | 'product' | 'metric'>) => `${r.currency}|${r.product}|${r.metric}`;

/**
 * Each row's problems by column, as the API would refuse them (missing, negative, fractional,
 * too large, the same currency, product and metric twice: the later row is marked), plus a
 * metric the product is not measured in, which the API would take but never bill.
 */
export function priceProblems(rows: readonly PriceDraft[]): Partial<Record<keyof PriceDraft, PriceProblem>>[] {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!first.has(priceKey(r))) first.set(priceKey(r), i);
  });
  return rows.map((r, i) => {
    const out: Partial<Record<keyof PriceDraft, PriceProblem>> = {};
    const product = productName(r.product);
    if (!product) out.product = 'required';
    else if (!metricName(r.metric)) out.metric = 'required';
    else if (!metricsOf(product).includes(metricName(r.metric)!)) out.metric = 'wrongMetric';
    else if (first.get(priceKey(r)) !== i) out.metric = 'duplicate';
    out.perThousand = amountProblem(r.perThousand, PRICE_LIMITS.perThousand, false);
    out.freeMinutes = amountProblem(r.freeMinutes, PRICE_LIMITS.freeMinutes, true);
    for (const k of Object.keys(out) as (keyof PriceDraft)[]) if (!out[k]) delete out[k];
    return out;
  });
}

function amountProblem(n: number | null, max: number, whole: boolean): PriceProblem | undefined {
  if (n === null || !Number.isFinite(n)) return 'required';
  if (n < 0) return 'notNegative';
  if (whole && !Number.isInteger(n)) return 'wholeNumber';
  if (n > max) return 'tooLarge';
  return undefined;
}

/** The first metric of a product not yet priced in a currency (for a new row), or its first metric. */
export function nextUnpriced(rows: readonly PriceDraft[], currency: PriceDraft['currency'], product: number): number {
  const name = productName(product) ?? 'rtc';
  const taken = new Set(rows.filter((r) => r.currency === currency && r.product === product).map((r) => r.metric));
  const metrics = metricsOf(name).map((m) => DURATION_METRICS[m]);
  return metrics.find((m) => !taken.has(m)) ?? metrics[0]!;
}

/**
 * A new row: the first currency, product and metric not yet priced, trying the preferred
 * currency and product (the table's filters) first; when everything is priced, a row of the
 * preferred ones for the member to change (marked as a duplicate until then).
 */
export function newPriceRow(rows: readonly PriceDraft[], prefer: { currency?: PriceDraft['currency'] | null; product?: number | null } = {}): PriceDraft {
  const currencies = prefer.currency ? [prefer.currency] : (['USD', 'CNY'] as const);
  const products = prefer.product ? [prefer.product] : Object.values(PRODUCTS);
  const taken = new Set(rows.map(priceKey));
  for (const currency of currencies) {
    for (const product of products) {
      const metric = metricsOf(productName(product) ?? 'rtc').map((m) => DURATION_METRICS[m]).find((m) => !taken.has(priceKey({ currency, product, metric: m })));
      if (metric !== undefined) return { currency, product, metric, perThousand: null, freeMinutes: 0 };
    }
  }
  const currency = currencies[0]!;
  const product = products[0]!;
  return { currency, product, metric: nextUnpriced(rows, currency, product), perThousand: null, freeMinutes: 0 };
}

/** Whether two price tables hold the same rows in the same order (unsaved changes). */
export function samePrices(a: readonly PriceDraft[], b: readonly PriceDraft[]): boolean {
  return a.length === b.length && a.every((r, i) => priceKey(r) === priceKey(b[i]!) && r.perThousand === b[i]!.perThousand && r.freeMinutes === b[i]!.freeMinutes);
}
