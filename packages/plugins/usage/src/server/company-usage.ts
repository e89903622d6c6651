import { accessibleWhere, assertCan, companies, notFound, projects, PROJECT_STATUS, type CompanyScope, type Db } from '@rtc-console/core';
import { and, eq, ne, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { DAY_MS, dayRange, isDay } from '../shared/days.js';
import { shapeUsage, usageQueryPlan, type UsageObject } from '../shared/rest.js';
import { billTotals } from './bills.js';
import type { RollupTable } from './periods.js';
import { currencyOf, priceBook } from './prices.js';
import { usageByPeriod } from './usage-by-period.js';

const day = (field: string) => z.string({ error: `${field} is required` }).refine(isDay, `${field} must be a date (YYYY-MM-DD)`);

export const companyUsageQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    projectId: z.string().trim().min(1).max(16).optional(),
    channel: z.string().trim().min(1).max(128).optional(),
  })
  .superRefine((q, ctx) => {
    if (!isDay(q.from) || !isDay(q.to)) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / DAY_MS > 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the time frame may span at most 366 days' });
  });
export type CompanyUsageQuery = z.infer<typeof companyUsageQuerySchema>;

export interface CompanyUsage {
  currency: 'USD' | 'CNY';
  /** Daily minutes of seed 000's Usage page: audio and video by spec, for all users (hosts and audience). */
  days: { day: string; usage: UsageObject }[];
  totals: UsageObject;
  /** The period's fees for the chosen projects; null with a channel filter (fees are per project). */
  fees: { total: number; byMetric: Record<string, number> } | null;
}

/** The conditions every company usage query carries: this company, and the projects the role may see. */
function visible(ctx: CompanyScope, projectId?: string) {
  return (t: RollupTable): SQL =>
    and(
      eq(t.companyId, ctx.companyId),
      accessibleWhere(ctx.ability, 'read', 'Usage', { companyId: t.companyId, projectId: t.projectId }),
      projectId ? eq(t.projectId, projectId) : undefined,
    )!;
}

/** The company's RTC usage per day (seed 000 "Check Usage"), from the rollups only; the price book is read with the system handle (`db`, the plugin's declared `systemDb`). */
export async function companyUsage(db: Db, ctx: CompanyScope, q: CompanyUsageQuery): Promise<CompanyUsage> {
  assertCan(ctx.ability, 'read', 'Usage');
  const plan = usageQueryPlan('duration', 'default');
  if (!plan.ok) throw new Error('the RTC usage plan is missing');
  // Read before the transaction: on PGlite (one connection) a query outside the open
  // transaction would wait for it forever.
  const prices = await priceBook(db);
  return ctx.tx(async (tx) => {
    const [company] = await tx.select({ area: companies.area }).from(companies).where(eq(companies.id, ctx.companyId));
    const currency = currencyOf(company?.area ?? 'Non-CN');
    const projectRows = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(
        and(
          eq(projects.companyId, ctx.companyId),
          ne(projects.status, PROJECT_STATUS.deleted),
          accessibleWhere(ctx.ability, 'read', 'Usage', { companyId: projects.companyId, projectId: projects.id }),
          q.projectId ? eq(projects.id, q.projectId) : undefined,
        ),
      );
    if (q.projectId && !projectRows.length) throw notFound('Project');

    const range = { fromDay: q.from, toDay: q.to, interval: 'daily' as const };
    const byDay = (await usageByPeriod(tx, plan, range, visible(ctx, q.projectId), { channel: q.channel })).get('') ?? new Map<string, UsageObject>();
    const zero = shapeUsage(plan, new Map());
    // The totals add up the minutes shown for each day, so the table's columns sum to them.
    const totals: UsageObject = { ...zero };
    for (const usage of byDay.values()) for (const [k, v] of Object.entries(usage)) if (typeof v === 'number') totals[k] = (totals[k] as number) + v;

    let fees: CompanyUsage['fees'] = null;
    if (!q.channel) {
      // Totals only: the page shows no day's fee, so no project-day is billed on its own.
      const bill = await billTotals(tx, prices, projectRows.map((p) => ({ projectId: p.id, currency })), q.from, q.to);
      fees = { total: bill.total, byMetric: Object.fromEntries(bill.byMetric) };
    }
    return { currency, days: dayRange(q.from, q.to).map((d) => ({ day: d, usage: byDay.get(d) ?? { ...zero } })), totals, fees };
  });
}
