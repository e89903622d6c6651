import {
  companyInputSchema,
  createResellerApiKey,
  createResellerCompany,
  deleteResellerApiKey,
  endDashboardVisit,
  CONSOLE_STATUSES,
  freezeCompany,
  freezeSchema,
  getResellerCompany,
  intParam,
  listResellerApiKeys,
  listResellerCompanies,
  pageQuerySchema,
  parse,
  removeCompanyFromReseller,
  startDashboardVisit,
  toResellerCompanyView,
  unfreezeCompany,
  type Actor,
} from '@rtc-console/core';
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

const staffActor = (req: Request): Actor => ({ userId: req.auth!.user.id, label: `reseller:${req.reseller!.name} (${req.auth!.user.email})`, ip: req.ip, requestId: String(req.id) });

const companyListSchema = pageQuerySchema.extend({
  status: z.enum(CONSOLE_STATUSES, { error: 'status is not a known company status' }).optional(),
  sort: z.enum(['id', 'name', 'createdAt'], { error: 'sort must be id, name or createdAt' }).default('id'),
});
const registerSchema = companyInputSchema.extend({ sendPasswordResetEmail: z.boolean({ error: 'sendPasswordResetEmail must be true or false' }).default(true) });

/**
 * The reseller console (seed 001) for signed-in reseller staff: API keys, the company list and a
 * company's detail page with Freeze / Unfreeze / Remove / Visit dashboard.
 */
export function resellerConsoleRoutes(deps: ApiDeps) {
  const db = deps.core.db;
  const companyId = (req: Request) => intParam(req.params.id as string, 'Company');
  return defineRoutes([
    {
      method: 'get', path: '/api-keys', summary: "The reseller's API keys (without secrets)", access: { auth: 'reseller', can: ['read', 'ResellerApiKey'] },
      async handler(req, res) {
        const rows = await listResellerApiKeys(db, req.reseller!.id);
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'post', path: '/api-keys', summary: 'Generate an API key (the secret is shown once)', access: { auth: 'reseller', can: ['create', 'ResellerApiKey'] }, reauth: true,
      async handler(req, res) {
        res.status(201).json(await createResellerApiKey(db, req.reseller!.id, req.auth!.user.id));
      },
    },
    {
      method: 'delete', path: '/api-keys/:id', summary: 'Delete an API key (its next request is refused)', access: { auth: 'reseller', can: ['delete', 'ResellerApiKey'] },
      async handler(req, res) {
        await deleteResellerApiKey(db, req.reseller!.id, intParam(req.params.id as string, 'API key'));
        res.status(204).end();
      },
    },
    {
      method: 'get', path: '/companies', summary: "The reseller's companies: search by CID, user or email; filter by status", access: { auth: 'reseller' },
      async handler(req, res) {
        res.json(await listResellerCompanies(req.reseller!, parse(companyListSchema, req.query)));
      },
    },
    {
      method: 'post', path: '/companies', summary: 'Register a company owned by this reseller', access: { auth: 'reseller', can: ['create', 'Company'] },
      async handler(req, res) {
        const { sendPasswordResetEmail, ...input } = parse(registerSchema, req.body);
        const company = await createResellerCompany(deps.core, req.reseller!, input, { actor: staffActor(req), sendPasswordResetEmail });
        res.status(201).json(toResellerCompanyView(company));
      },
    },
    {
      method: 'get', path: '/companies/:id', summary: 'Company and user information', access: { auth: 'reseller', company: 'id' },
      async handler(req, res) {
        res.json(await getResellerCompany(req.reseller!, companyId(req)));
      },
    },
    {
      method: 'post', path: '/companies/:id/freeze', summary: 'Freeze the company (Suspended manually), optionally blocking its dashboard account', access: { auth: 'reseller', company: 'id', can: ['update', 'Company'] },
      async handler(req, res) {
        await freezeCompany(deps.core, req.resellerCompany!, parse(freezeSchema, req.body), staffActor(req));
        res.json(await getResellerCompany(req.reseller!, companyId(req)));
      },
    },
    {
      method: 'post', path: '/companies/:id/unfreeze', summary: 'Unfreeze the company', access: { auth: 'reseller', company: 'id', can: ['update', 'Company'] },
      async handler(req, res) {
        await unfreezeCompany(deps.core, req.resellerCompany!, staffActor(req));
        res.json(await getResellerCompany(req.reseller!, companyId(req)));
      },
    },
    {
      method: 'post', path: '/companies/:id/remove', summary: "Remove the company from this reseller's account", access: { auth: 'reseller', company: 'id', can: ['update', 'Company'] },
      async handler(req, res) {
        await removeCompanyFromReseller(deps.core, req.resellerCompany!, staffActor(req));
        res.status(204).end();
      },
    },
    {
      method: 'post', path: '/companies/:id/visit', summary: "Visit the company's dashboard (time-limited, audited)", access: { auth: 'reseller', company: 'id', can: ['visit', 'Company'] },
      async handler(req, res) {
        const visit = await startDashboardVisit(db, { sessionId: req.auth!.session.id, company: req.resellerCompany!, actor: staffActor(req) });
        res.status(201).json({ companyId: companyId(req), expiresAt: visit.expiresAt });
      },
    },
    {
      method: 'post', path: '/visit/end', summary: "Leave the company's dashboard", access: { auth: 'reseller' },
      async handler(req, res) {
        await endDashboardVisit(db, req.auth!.session.id);
        res.status(204).end();
      },
    },
  ]);
}
