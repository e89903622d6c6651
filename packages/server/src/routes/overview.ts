import { companiesOverview, parse, platformOverview, readableCompanyIds, readableResellerIds } from '@rtc-console/core';
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { companyFigures, platformFigures, resellerFigures } from '../figures.js';
import { defineRoutes } from '../http/route-table.js';

const MAX_ROWS = 100;

/** `1,2,3`: the ids of a list page's visible rows, at most a hundred. */
const idList = (name: 'companies' | 'resellers', what: string) =>
  z
    .string({ error: `${name} is required (comma-separated ${what} ids)` })
    .trim()
    .regex(/^\d{1,10}(,\d{1,10})*$/, `${name} must be comma-separated ${what} ids`)
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_ROWS, `${name} may name at most ${MAX_ROWS} ${name}`);

/** `?companies=1,2,3`: the rows of a company list. */
export const figuresQuerySchema = z.object({ companies: idList('companies', 'company') });

/** The operator's lists: `?companies=1,2,3` or `?resellers=1,2`, exactly one of them. */
export const operatorFiguresQuerySchema = z
  .object({ companies: idList('companies', 'company').optional(), resellers: idList('resellers', 'reseller').optional() })
  .refine((q) => (q.companies === undefined) !== (q.resellers === undefined), 'Give either companies or resellers (comma-separated ids), one of them');

async function figuresOfCompanies(deps: ApiDeps, req: Request, asked: number[], resellerId: number | undefined) {
  // Ids the caller may not read are left out, as if they did not exist.
  const ids = await readableCompanyIds(deps.core.db, req.ability!, asked);
  return { companies: await companyFigures(deps, ids, { resellerId, now: new Date() }) };
}

/** The operator's overview and the figures of its company list's rows, under /api/operator. */
export function operatorOverviewRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/overview', summary: 'The platform at a glance: companies by status, new this week, resellers, and every plugin\'s figures', access: { auth: 'operator', can: ['read', 'Platform'] },
      async handler(req, res) {
        const now = new Date();
        res.json({ ...(await platformOverview(deps.core.db, req.ability!, now)), figures: await platformFigures(deps, { now }) });
      },
    },
    {
      method: 'get', path: '/figures', summary: "Every plugin's figures of some companies or resellers (a list page's rows: ?companies=1,2,3 or ?resellers=1,2)", access: { auth: 'operator', can: ['read', 'Company'] },
      async handler(req, res) {
        const q = parse(operatorFiguresQuerySchema, req.query);
        if (!q.resellers) return void res.json(await figuresOfCompanies(deps, req, q.companies!, undefined));
        // A reseller's figures add up its companies': reading them asks for Company (the route) and that reseller.
        const ids = await readableResellerIds(deps.core.db, req.ability!, q.resellers);
        res.json({ resellers: await resellerFigures(deps, ids, { now: new Date() }) });
      },
    },
  ]);
}

/** The reseller's overview of its own companies and its list's figures, under /api/reseller. */
export function resellerOverviewRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/overview', summary: "The reseller's companies at a glance, and every plugin's figures for them", access: { auth: 'reseller', can: ['read', 'Company'] },
      async handler(req, res) {
        const reseller = req.reseller!;
        const now = new Date();
        const overview = await reseller.tx((tx) => companiesOverview(tx, reseller.ability, now));
        res.json({ ...overview, figures: await platformFigures(deps, { resellerId: reseller.id, now }) });
      },
    },
    {
      method: 'get', path: '/figures', summary: "Every plugin's figures of some of the reseller's companies (?companies=1,2,3)", access: { auth: 'reseller', can: ['read', 'Company'] },
      async handler(req, res) {
        res.json(await figuresOfCompanies(deps, req, parse(figuresQuerySchema, req.query).companies, req.reseller!.id));
      },
    },
  ]);
}
