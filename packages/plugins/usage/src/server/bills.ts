import { rowsOf, type Queryable } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { monthOf, dayRange } from '../shared/days.js';
import { minutesFromMs, monthlyAmount, monthlyBill, sumMoney, type Price } from '../shared/fees.js';
import type { Currency } from '../shared/model.js';
import { priceKey, type PriceBook } from './prices.js';

export interface ProjectBill {
  projectId: string;
  currency: Currency;
  /** Money per day within the asked range, to the cent. */
  days: Map<string, number>;
  /** Per product and metric over the range: `<product>|<metric>` → money. */
  byMetric: Map<string, number>;
  total: number;
}

/**
 * Bills projects for the days from `fromDay` to `toDay`. The monthly free allowance is used
 * up from the first day of each month, so usage from the month's start is read even when the
 * range starts later. Only product metrics with a price are billed.
 */
export async function billProjects(
  q: Queryable,
  prices: PriceBook,
  projects: readonly { projectId: string; currency: Currency }[],
  fromDay: string,
  toDay: string,
): Promise<ProjectBill[]> {
  if (!projects.length) return [];
  const monthStart = `${monthOf(fromDay)}-01`;
  const rows = rowsOf<{ project_id: string; day: string; product: number; metric: number; ms: number }>(
    await q.execute(sql`
      select project_id, to_char(day, 'YYYY-MM-DD') as day, product, metric, ms::float8 as ms from usage_daily
      where project_id in (select value from json_array_elements_text(${JSON.stringify(projects.map((p) => p.projectId))}::json))
        and day between ${monthStart}::date and ${toDay}::date
      order by project_id, product, metric, day`),
  );
  const series = new Map<string, { day: string; minutes: number }[]>();
  for (const r of rows) {
    const k = `${r.project_id}|${r.product}|${r.metric}`;
    const list = series.get(k) ?? [];
    list.push({ day: r.day, minutes: minutesFromMs(Number(r.ms)) });
    series.set(k, list);
  }
  const inRange = new Set(dayRange(fromDay, toDay));
  return projects.map(({ projectId, currency }) => {
    const days = new Map<string, number[]>();
    const byMetric = new Map<string, number>();
    for (const [k, list] of series) {
      const [pid, product, metric] = k.split('|');
      if (pid !== projectId) continue;
      const price = prices.get(priceKey(currency, Number(product), Number(metric)));
      if (!price) continue;
      const lines = monthlyBill(list, price).filter((l) => inRange.has(l.day));
      byMetric.set(`${product}|${metric}`, sumMoney(lines.map((l) => l.amount)));
      for (const l of lines) days.set(l.day, [...(days.get(l.day) ?? []), l.amount]);
    }
    const perDay = new Map([...days].map(([day, amounts]) => [day, sumMoney(amounts)]));
    return { projectId, currency, days: perDay, byMetric, total: sumMoney(perDay.values()) };
  });
}

export interface BillTotals {
  /** Money over the range, all projects, to the cent. */
  total: number;
  /** Per product and metric over the range: `<product>|<metric>` → money, in product and metric order. */
  byMetric: Map<string, number>;
}

/** A month's cumulative amount, in cents, for its minutes so far (as `monthlyBill` rounds it). */
const cumulativeCents = (minutes: number, price: Price) => Math.round(monthlyAmount(minutes, price) * 100);

/**
 * The fees of projects for the days from `fromDay` to `toDay` as totals only (what the company
 * Usage page shows), the same money as adding up `billProjects`' day amounts without billing
 * every project-day in JavaScript. `monthlyBill` rounds each day's cumulative cost of the month
 * and charges the difference from the day before, so a month's day amounts within the range add
 * up to the month's cumulative amount at the range's last day minus the one just before the
 * range. Per project, product metric and month, that is: the month's total from usage_monthly,
 * less its days after `toDay` (last month only), and its days before `fromDay` (first month
 * only) from usage_daily. The page's usual frame ends today, so only the first month's days
 * before the frame are read day by day.
 */
export async function billTotals(
  q: Queryable,
  prices: PriceBook,
  projects: readonly { projectId: string; currency: Currency }[],
  fromDay: string,
  toDay: string,
): Promise<BillTotals> {
  if (!projects.length) return { total: 0, byMetric: new Map() };
  const firstMonth = `${monthOf(fromDay)}-01`;
  const lastMonth = `${monthOf(toDay)}-01`;
  const currencies = new Map(projects.map((p) => [p.projectId, p.currency]));
  const chosen = sql`project_id in (select value from json_array_elements_text(${JSON.stringify(projects.map((p) => p.projectId))}::json))`;
  // One row of JSON rather than a row per project, metric and month: on PGlite, handing over
  // each result row costs more than computing it.
  type Part = { project_id: string; product: number; metric: number; before_ms: number; through_ms: number };
  const [result] = rowsOf<{ parts: Part[] | string | null }>(
    await q.execute(sql`
      select json_agg(parts) as parts from (
      select project_id, product, metric, sum(before_ms)::float8 as before_ms, sum(through_ms)::float8 as through_ms from (
        select project_id, product, metric, month, 0::bigint as before_ms, ms as through_ms from usage_monthly
        where ${chosen} and month between ${firstMonth}::date and ${lastMonth}::date
        union all
        select project_id, product, metric, ${firstMonth}::date, ms, 0 from usage_daily
        where ${chosen} and day >= ${firstMonth}::date and day < ${fromDay}::date
        union all
        select project_id, product, metric, ${lastMonth}::date, 0, -ms from usage_daily
        where ${chosen} and day > ${toDay}::date and day < (${lastMonth}::date + interval '1 month')::date
      ) months
      group by project_id, product, metric, month
      ) parts`),
  );
  // postgres.js parses json columns; PGlite may hand the text over.
  const rows: Part[] = typeof result?.parts === 'string' ? (JSON.parse(result.parts) as Part[]) : (result?.parts ?? []);
  const cents = new Map<string, { product: number; metric: number; cents: number }>();
  for (const r of rows) {
    const product = Number(r.product);
    const metric = Number(r.metric);
    const price = prices.get(priceKey(currencies.get(r.project_id)!, product, metric));
    if (!price) continue;
    const amount = cumulativeCents(minutesFromMs(Number(r.through_ms)), price) - cumulativeCents(minutesFromMs(Number(r.before_ms ?? 0)), price);
    const key = `${product}|${metric}`;
    const entry = cents.get(key) ?? { product, metric, cents: 0 };
    entry.cents += amount;
    cents.set(key, entry);
  }
  const sorted = [...cents].sort(([, a], [, b]) => a.product - b.product || a.metric - b.metric);
  return {
    total: sorted.reduce((s, [, e]) => s + e.cents, 0) / 100,
    byMetric: new Map(sorted.map(([k, e]) => [k, e.cents / 100])),
  };
}
