import { rowsOf, type Queryable } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { monthOf, dayRange } from '../shared/days.js';
import { minutesFromMs, monthlyBill, sumMoney } from '../shared/fees.js';
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
