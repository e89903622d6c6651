import {
  companyInputSchema,
  createProject,
  createResellerCompany,
  enableProjectProduct,
  idParam,
  listProjects,
  listResellerCompanies,
  parse,
  productEnableSchema,
  projectNameSchema,
  resellerCompanyContext,
  toResellerCompanyView,
  type Actor,
} from '@rtc-console/core';
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { RESELLER_API_DOCS } from './reseller-api-docs.js';
import { restCompanyBodySchema, restCompanyView, restPageSchema, restProjectView } from './reseller-api-shapes.js';

/** Who acts in the audit log: the reseller, through the API key that signed the request. */
const apiActor = (req: Request): Actor => ({
  userId: null,
  label: `reseller:${req.reseller!.name} (API key ${req.resellerApiKey!.accessKeyId.slice(0, 8)}…)`,
  ip: req.ip,
  requestId: String(req.id),
});

/**
 * The reseller RESTful API of seed 003, under /v1/resellers, signed with the reseller's API keys.
 * Success bodies keep the seed's bare shapes; errors are the console's envelope. The usage
 * endpoints of the same API belong to the usage plugin and mount beside these.
 */
export function resellerApiRoutes(deps: ApiDeps) {
  // The company the mounter checked (`company` in the route's access), as its admin.
  const inCompany = (req: Request) => resellerCompanyContext(deps.core, req.resellerCompany!, apiActor(req));
  return defineRoutes([
    {
      method: 'post', path: '/companies', summary: 'Create a company and its dashboard account', access: { auth: 'resellerApi', can: ['create', 'Company'] }, doc: RESELLER_API_DOCS.createCompany,
      async handler(req, res) {
        const { sendPasswordResetEmail, ...input } = parse(restCompanyBodySchema, req.body);
        const company = await createResellerCompany(deps.core, req.reseller!, parse(companyInputSchema, input), { actor: apiActor(req), sendPasswordResetEmail });
        res.status(201).json(toResellerCompanyView(company));
      },
    },
    {
      method: 'get', path: '/companies', summary: "The reseller's companies", access: { auth: 'resellerApi' }, doc: RESELLER_API_DOCS.listCompanies,
      async handler(req, res) {
        const page = parse(restPageSchema, req.query);
        const { rows, count } = await listResellerCompanies(req.reseller!, { ...page, sort: 'id', order: 'asc' });
        res.json({ rows: rows.map(restCompanyView), count });
      },
    },
    {
      method: 'post', path: '/companies/:companyId/projects', summary: 'Create a project in a company', access: { auth: 'resellerApi', company: 'companyId', can: ['update', 'Company'] }, doc: RESELLER_API_DOCS.createProject,
      async handler(req, res) {
        const ctx = await inCompany(req);
        const { name } = parse(z.object({ name: projectNameSchema }), req.body);
        res.status(201).json(restProjectView(await createProject(ctx, { name, region: 'CN', billingType: 'duration' })));
      },
    },
    {
      method: 'get', path: '/companies/:companyId/projects', summary: "A company's projects", access: { auth: 'resellerApi', company: 'companyId' }, doc: RESELLER_API_DOCS.listProjects,
      async handler(req, res) {
        const ctx = await inCompany(req);
        const page = parse(restPageSchema, req.query);
        const { rows, count } = await listProjects(ctx, { ...page, status: 'all', sort: 'createdAt', order: 'asc' });
        res.json({ rows: rows.map(restProjectView), count });
      },
    },
    {
      method: 'post', path: '/companies/:companyId/projects/:projectId/uap', summary: 'Enable UAP self-service (a product) on a project', access: { auth: 'resellerApi', company: 'companyId', can: ['update', 'Company'] }, doc: RESELLER_API_DOCS.enableUap,
      async handler(req, res) {
        const ctx = await inCompany(req);
        const projectId = idParam(req.params.projectId as string, 'Project');
        const { product, projectName } = await enableProjectProduct(ctx, projectId, parse(productEnableSchema, req.body));
        res.status(201).json({ id: product.id, typeId: product.typeId, projectName, status: product.status, region: product.region });
      },
    },
  ]);
}
