import { AppError, companies, defineRoutes, projects, PROJECT_STATUS, resellerCompanyIds, type ResellerScope, type RouteDef } from '@rtc-console/core';
import type { UsageServices } from './services.js';
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { DAY_MS, utcDay } from '../shared/days.js';
import { parseUsageQuery, queryDays, queryPeriods, shapeUsage, usageDatum, usageQueryPlan } from '../shared/rest.js';
import { billProjects } from './bills.js';
import { currencyOf, priceBook } from './prices.js';
import { USAGE_REST_DOCS } from './rest-api-docs.js';
import { ofReseller, resellerProject } from './reseller-scope.js';
import { usageManifest } from '../shared/manifest.js';
import { usageByPeriod } from './usage-by-period.js';

/** Seed 003: a page of daily bills holds at most 1,000 elements. */
export const BILL_PAGE_SIZE = 1000;

const billsQuerySchema = z.object({
  period: z.string({ error: 'period is required' }).regex(/^\d{8}$/, 'period must be a date formatted yyyyMMdd'),
  pageNumber: z.coerce.number({ error: 'pageNumber must be a number' }).int('pageNumber must be a whole number').min(1, 'pageNumber must be at least 1').default(1),
});

function badRequest(errors: string[]): AppError {
  return new AppError(400, 'VALIDATION_FAILED', errors[0] ?? 'Invalid query', errors.map((message) => ({ message })));
}

/** `yyyyMMdd` → `YYYY-MM-DD`, or null when it is not a real date. */
function periodDay(period: string): string | null {
  const day = `${period.slice(0, 4)}-${period.slice(4, 6)}-${period.slice(6, 8)}`;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || utcDay(ms) !== day ? null : day;
}

/**
 * The reseller REST API's usage and bill endpoints (seed 003), in its exact response shapes.
 * They sit behind the reseller staff's session until the signed API arrives with its issue.
 */
export function restRoutes(services: UsageServices): RouteDef[] {
  const { systemDb: db } = services;

  async function usage(companyId: number, projectId: string | undefined, query: unknown) {
    const parsed = parseUsageQuery(query);
    if (!parsed.ok) throw badRequest(parsed.errors);
    const plan = usageQueryPlan(parsed.query.model, parsed.query.business);
    if (!plan.ok) throw badRequest([`business ${parsed.query.business} is not available for model ${parsed.query.model}`]);
    const { fromDay, toDay } = queryDays(parsed.query);
    return { plan, fromDay, toDay, periods: queryPeriods(parsed.query), interval: parsed.query.interval, companyId, projectId };
  }

  async function respond(reseller: ResellerScope, u: Awaited<ReturnType<typeof usage>>) {
    const range = { fromDay: u.fromDay, toDay: u.toDay, interval: u.interval };
    const byPeriod = (await reseller.tx((tx) => usageByPeriod(tx, u.plan, range, ofReseller(reseller, { companyId: u.companyId, projectId: u.projectId })))).get('');
    const zero = shapeUsage(u.plan, new Map());
    return u.periods.map((p) => usageDatum(p, byPeriod?.get(p) ?? zero));
  }

  return defineRoutes([
    {
      method: 'get', path: '/companies/daily-bills', summary: 'Daily bills of every project of the reseller (T-2, pages of 1,000)', access: { auth: 'resellerApi' }, doc: USAGE_REST_DOCS.dailyBills,
      async handler(req, res) {
        const parsed = billsQuerySchema.safeParse(req.query);
        if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message));
        const day = periodDay(parsed.data.period);
        if (!day) throw badRequest(['period must be a real date formatted yyyyMMdd']);
        const latest = utcDay(Date.now() - 2 * DAY_MS);
        if (day > latest) throw badRequest([`period must be ${latest.replaceAll('-', '')} or earlier: a day's bill is ready two days after it (UTC)`]);
        const reseller = req.reseller!;
        const where = and(inArray(projects.companyId, resellerCompanyIds(reseller, { plugin: usageManifest.id })), ne(projects.status, PROJECT_STATUS.deleted));
        // The operator's price list is platform data, read before entering the reseller wall.
        const prices = await priceBook(db);
        const { total, page, bills } = await reseller.tx(async (tx) => {
          const [total] = await tx.select({ n: count() }).from(projects).where(where);
          const page = await tx
            .select({ projectId: projects.id, companyId: projects.companyId, area: companies.area })
            .from(projects)
            .innerJoin(companies, eq(companies.id, projects.companyId))
            .where(where)
            .orderBy(asc(projects.companyId), asc(projects.id))
            .limit(BILL_PAGE_SIZE)
            .offset((parsed.data.pageNumber - 1) * BILL_PAGE_SIZE);
          const bills = await billProjects(tx, prices, page.map((p) => ({ projectId: p.projectId, currency: currencyOf(p.area) })), day, day);
          return { total, page, bills };
        });
        const totalSize = Number(total?.n ?? 0);
        res.json({
          totalSize,
          pageSize: page.length,
          pageNumber: parsed.data.pageNumber,
          hasMore: parsed.data.pageNumber * BILL_PAGE_SIZE < totalSize,
          elements: page.map((p, i) => ({ companyId: p.companyId, projectId: p.projectId, amount: bills[i]!.days.get(day) ?? 0, currency: bills[i]!.currency })),
        });
      },
    },
    {
      method: 'get', path: '/companies/:companyId/usage', summary: "A company's usage (seed 003 model × business)", access: { auth: 'resellerApi', company: 'companyId' }, doc: USAGE_REST_DOCS.companyUsage,
      async handler(req, res) {
        const companyId = req.resellerCompany!.id;
        res.json(await respond(req.reseller!, await usage(companyId, undefined, req.query)));
      },
    },
    {
      method: 'get', path: '/companies/:companyId/projects/:projectId/usage', summary: "A project's usage (seed 003 model × business)", access: { auth: 'resellerApi', company: 'companyId' }, doc: USAGE_REST_DOCS.projectUsage,
      async handler(req, res) {
        const companyId = req.resellerCompany!.id;
        const project = await req.reseller!.tx((tx) => resellerProject(tx, companyId, String(req.params.projectId)));
        res.json(await respond(req.reseller!, await usage(companyId, project.id, req.query)));
      },
    },
  ]);
}
