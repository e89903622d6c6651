import { companiesOverview, parse, platformOverview, readableCompanyIds } from '@rtc-console/core';
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { companyFigures, platformFigures } from '../figures.js';
import { defineRoutes } from '../http/route-table.js';

const MAX_COMPANIES = 100;

/** `?companies=1,2,3`: the visible rows of a list page, at most a hundred. */
export const figuresQuerySchema = z.object({
  companies: z
    .string({ error: 'companies is required (comma-separated company ids)' })
    .trim()
    .regex(/^\d{1,10}(,\d{1,10})*$/, 'companies must be comma-separated company ids')
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_COMPANIES, `companies may name at most ${MAX_COMPANIES} companies`),
});

async function figuresOfRows(deps: ApiDeps, req: Request, resellerId: number | undefined) {
  const { companies: asked } = parse(figuresQuerySchema, req.query);
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
      method: 'get', path: '/figures', summary: "Every plugin's figures of some companies (a list page's rows: ?companies=1,2,3)", access: { auth: 'operator', can: ['read', 'Company'] },
      async handler(req, res) {
        res.json(await figuresOfRows(deps, req, undefined));
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
        res.json(await figuresOfRows(deps, req, req.reseller!.id));
      },
    },
  ]);
}
