import { companies, monthBounds, pluginEnabledSql, type Figure, type FigureScope, type PluginFigures } from '@rtc-console/core';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { usageManifest } from '../shared/manifest.js';
import type { UsageObject } from '../shared/rest.js';
import type { RollupTable } from './periods.js';
import { flatten, planOf } from './reseller-usage.js';
import type { UsageServices } from './services.js';
import { usageByPeriod } from './usage-by-period.js';

/** Which companies of the scope: the ones asked (`ids`), or those of some resellers (`resellerIds`); all without either. */
interface Among {
  ids?: readonly number[];
  resellerIds?: readonly number[];
}

/** The companies of a scope with usage on: every one, one reseller's, or those without a reseller; narrowed by `among`. */
function companiesOf(scope: FigureScope, among: Among = {}): SQL {
  const reseller = scope.resellerId === undefined ? undefined : scope.resellerId === null ? isNull(companies.resellerId) : eq(companies.resellerId, scope.resellerId);
  const where = and(
    pluginEnabledSql(companies.id, usageManifest.id),
    reseller,
    among.ids ? inArray(companies.id, [...among.ids]) : undefined,
    among.resellerIds ? inArray(companies.resellerId, [...among.resellerIds]) : undefined,
  );
  return sql`(select ${companies.id} from ${companies} where ${where})`;
}

/** RTC minutes of a period's `usage` object (the "RTC" tab of the reseller chart: audio plus video). */
const rtcMinutes = (usage: UsageObject | undefined): number => {
  const f = flatten(usage ?? {});
  return (f.audioAll ?? 0) + (f.videoAll ?? 0);
};

const month = (day: string) => day.slice(0, 7);

function rtcFigure(value: number, previous: number): Figure {
  return {
    key: 'rtcMinutes',
    label: { en: 'RTC minutes this month', 'zh-CN': '本月 RTC 分钟数' },
    value,
    unit: { en: 'minutes', 'zh-CN': '分钟' },
    previous,
    previousLabel: { en: 'Same days last month', 'zh-CN': '上月同期' },
  };
}

/**
 * The usage plugin's figures: RTC minutes (audio and video, hosts and audience) so far this
 * month, against the same days of last month (1st to today's date, so the change means
 * something before the month is over), read from the rollups like the reseller's chart: the
 * same query, so each number is its "RTC" tab over the same days, monthly. Companies with usage
 * switched off count nowhere: not on the platform, nor in their reseller's sum.
 */
export function usageFigures(services: UsageServices): PluginFigures {
  const db = services.systemDb;
  const plan = planOf('rtc');
  /** RTC minutes of the companies in scope (narrowed by `among`), per company or reseller with `by`, this month and the same days of last month. */
  const read = async (scope: FigureScope, among: Among, by?: 'company' | 'reseller') => {
    const b = monthBounds(scope.now);
    const where = (t: RollupTable) => inArray(t.companyId, companiesOf(scope, among));
    const minutes = async (fromDay: string, toDay: string) => {
      const byKey = await usageByPeriod(db, plan, { fromDay, toDay, interval: 'monthly' }, where, by ? { by } : {});
      return new Map([...byKey].map(([key, periods]) => [key, rtcMinutes(periods.get(month(fromDay)))]));
    };
    return { now: await minutes(b.thisMonth, b.thisMonthEnd), before: await minutes(b.lastMonth, b.lastMonthSameDay) };
  };
  return {
    async platform(scope) {
      const r = await read(scope, {});
      return [rtcFigure(r.now.get('') ?? 0, r.before.get('') ?? 0)];
    },
    async companies(ids, scope) {
      if (!ids.length) return {};
      const r = await read(scope, { ids }, 'company');
      // Every company asked (with usage on) gets a figure, 0 without usage.
      const on = await db.select({ id: companies.id }).from(companies).where(inArray(companies.id, companiesOf(scope, { ids })));
      return Object.fromEntries(on.map(({ id }) => [id, [rtcFigure(r.now.get(String(id)) ?? 0, r.before.get(String(id)) ?? 0)]]));
    },
    async resellers(ids, scope) {
      if (!ids.length) return {};
      // Grouped in SQL by the companies' reseller: each reseller's sum over its companies with usage on.
      const r = await read(scope, { resellerIds: ids }, 'reseller');
      return Object.fromEntries(ids.map((id) => [id, [rtcFigure(r.now.get(String(id)) ?? 0, r.before.get(String(id)) ?? 0)]]));
    },
  };
}
