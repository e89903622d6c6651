/**
 * Figures: the numbers a plugin adds to the operator's and the resellers' overview, and to the
 * rows of their company lists (a "usage this month" column). The host asks every installed
 * plugin that declares `figures` and shows what comes back, without knowing what it counts: the
 * usage plugin's minutes, later tickets' open tickets or billing's balance, all the same way.
 */

/** A label or a unit in every language the console speaks. */
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

export interface Figure {
  /** Stable across releases, unique within the plugin (`rtcMinutes`); the host prefixes it with the plugin's id. */
  key: string;
  label: LocalizedText;
  /** The value now (this month, for a monthly figure). */
  value: number;
  /** What `value` counts, shown after it ("minutes", "分钟"). */
  unit: LocalizedText;
  /** The same figure for the previous period (the same days of last month), when there is one: the page shows the change. */
  previous?: number;
  /** What the previous period is called ("same days last month"), shown beside `previous`. */
  previousLabel?: LocalizedText;
}

/**
 * Whose figures: the whole platform (`resellerId` undefined, for the operator), one reseller's
 * companies (`resellerId` a number), or the companies without a reseller (`null`). `now` is the
 * instant the periods are counted from (tests pass a fixed one).
 */
export interface FigureScope {
  resellerId?: number | null;
  now: Date;
}

/**
 * What a plugin's `figures` entry returns. Companies the operator switched the plugin off for
 * count nowhere: a plugin leaves them out of its platform and reseller figures itself, and the
 * host never asks for them in `companies` (their rows show no figure).
 */
export interface PluginFigures {
  /** The overview's cards for the scope. */
  platform?(scope: FigureScope): Promise<Figure[]>;
  /** Per company, for list columns: only the ids asked, each of the caller's visible rows with the plugin on; a company without figures may be absent. */
  companies?(companyIds: readonly number[], scope: FigureScope): Promise<Record<number, Figure[]>>;
  /**
   * Per reseller, for the operator's reseller list: each figure over the reseller's companies
   * with the plugin on (what `platform` gives with that `resellerId`), for every id asked (the
   * caller's readable ones); a reseller without figures may be absent. A plugin whose figure
   * does not add up over companies (an average) leaves it out here.
   */
  resellers?(resellerIds: readonly number[], scope: FigureScope): Promise<Record<number, Figure[]>>;
}

/** A figure as the API answers it: keyed `<pluginId>.<key>`, with the plugin that gave it. */
export interface HostFigure extends Figure {
  plugin: string;
}

/**
 * The days (UTC, 'YYYY-MM-DD') of monthly figures: this month's first and last day, last month's,
 * and `lastMonthSameDay`, the day of last month that `now` is at in this one (the month's last
 * day when it is shorter), so "so far this month" can be set against the same days of last month.
 */
export function monthBounds(now: Date): { thisMonth: string; thisMonthEnd: string; lastMonth: string; lastMonthEnd: string; lastMonthSameDay: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const lastMonthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    thisMonth: day(new Date(Date.UTC(y, m, 1))),
    thisMonthEnd: day(new Date(Date.UTC(y, m + 1, 0))),
    lastMonth: day(new Date(Date.UTC(y, m - 1, 1))),
    lastMonthEnd: day(new Date(Date.UTC(y, m, 0))),
    lastMonthSameDay: day(new Date(Date.UTC(y, m - 1, Math.min(now.getUTCDate(), lastMonthDays)))),
  };
}
