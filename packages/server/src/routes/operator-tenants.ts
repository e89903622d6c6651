import {
  companyEditSchema,
  companyMoveSchema,
  createDirectCompany,
  createResellerForOperator,
  directCompanySchema,
  endDashboardVisit,
  freezeCompany,
  freezeSchema,
  getCompanyForOperator,
  getResellerForOperator,
  intParam,
  inviteResellerStaffForOperator,
  listResellersForOperator,
  listResellerStaff,
  loadCompany,
  moveCompany,
  parse,
  removeResellerStaff,
  resellerCreateSchema,
  resellerEditSchema,
  resellerListSchema,
  setResellerStatus,
  resellerStaffInviteSchema,
  startDashboardVisit,
  toResellerCompanyView,
  unfreezeCompany,
  updateCompanyForOperator,
  updateResellerForOperator,
  type Actor,
} from '@rtc-console/core';
import type { Request } from 'express';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

/** The operator's staff member acting, as audit entries name them. */
export const operatorActor = (req: Request, suffix = ''): Actor => ({
  userId: req.auth!.user.id, label: `operator:${req.auth!.user.email}${suffix}`, ip: req.ip, requestId: String(req.id),
});

/**
 * The operator console's resellers (list, create with the first staff member, edit, suspend,
 * staff) and companies (detail, create a direct one, edit, freeze, move, visit). The company
 * list is `GET /companies` in operator.ts; a reseller's companies are that list filtered by it.
 */
export function operatorTenantRoutes(deps: ApiDeps) {
  const core = deps.core;
  const resellerId = (req: Request) => intParam(req.params.id as string, 'Reseller');
  const companyId = (req: Request) => intParam(req.params.id as string, 'Company');
  const detail = (req: Request) => getCompanyForOperator(core.db, req.ability!, companyId(req));
  return defineRoutes([
    // Resellers
    {
      method: 'get', path: '/resellers', summary: 'Resellers: search by name or contact, filter by status, with their number of companies', access: { auth: 'operator', can: ['read', 'Reseller'] },
      async handler(req, res) {
        res.json(await listResellersForOperator(core.db, req.ability!, parse(resellerListSchema, req.query)));
      },
    },
    {
      method: 'post', path: '/resellers', summary: 'Create a reseller and invite its first staff member by e-mail', access: { auth: 'operator', can: ['create', 'Reseller'] },
      async handler(req, res) {
        const { reseller, staff } = await createResellerForOperator(core, parse(resellerCreateSchema, req.body), operatorActor(req));
        // The set-up link went to the staff member only: it is their password.
        res.status(201).json({ reseller, staff: { userId: staff.user.id, email: staff.user.email, created: staff.created, expiresMinutes: staff.expiresMinutes } });
      },
    },
    {
      method: 'get', path: '/resellers/:id', summary: 'A reseller with its contact, status and counts', access: { auth: 'operator', can: ['read', 'Reseller'] },
      async handler(req, res) {
        res.json(await getResellerForOperator(core.db, resellerId(req)));
      },
    },
    {
      method: 'patch', path: '/resellers/:id', summary: "Edit a reseller's name and contact", access: { auth: 'operator', can: ['update', 'Reseller'] },
      async handler(req, res) {
        res.json(await updateResellerForOperator(core, resellerId(req), parse(resellerEditSchema, req.body), operatorActor(req)));
      },
    },
    {
      method: 'post', path: '/resellers/:id/suspend', summary: 'Suspend a reseller: its staff cannot sign in, its API keys are refused, its companies keep working', access: { auth: 'operator', can: ['update', 'Reseller'] },
      async handler(req, res) {
        res.json(await setResellerStatus(core, resellerId(req), 'suspended', operatorActor(req)));
      },
    },
    {
      method: 'post', path: '/resellers/:id/unsuspend', summary: 'Make a suspended reseller active again', access: { auth: 'operator', can: ['update', 'Reseller'] },
      async handler(req, res) {
        res.json(await setResellerStatus(core, resellerId(req), 'active', operatorActor(req)));
      },
    },
    {
      method: 'get', path: '/resellers/:id/staff', summary: "A reseller's staff, and whether each has chosen a password yet", access: { auth: 'operator', can: ['read', 'Reseller'] },
      async handler(req, res) {
        const rows = await listResellerStaff(core.db, resellerId(req));
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'post', path: '/resellers/:id/staff', summary: 'Invite a staff member by e-mail (a one-time link to choose a password)', access: { auth: 'operator', can: ['update', 'Reseller'] },
      async handler(req, res) {
        res.status(201).json(await inviteResellerStaffForOperator(core, resellerId(req), parse(resellerStaffInviteSchema, req.body), operatorActor(req)));
      },
    },
    {
      method: 'delete', path: '/resellers/:id/staff/:userId', summary: 'Remove a staff member (their sessions end now)', access: { auth: 'operator', can: ['update', 'Reseller'] },
      async handler(req, res) {
        await removeResellerStaff(core, resellerId(req), intParam(req.params.userId as string, 'Staff member'), operatorActor(req));
        res.status(204).end();
      },
    },

    // Companies
    {
      method: 'post', path: '/companies', summary: 'Create a direct company (no reseller) and invite its first admin by e-mail', access: { auth: 'operator', can: ['create', 'Company'] },
      async handler(req, res) {
        const company = await createDirectCompany(core, parse(directCompanySchema, req.body), operatorActor(req));
        res.status(201).json(toResellerCompanyView(company));
      },
    },
    {
      method: 'get', path: '/companies/:id', summary: 'A company with its dashboard account, reseller, members and projects', access: { auth: 'operator', can: ['read', 'Company'] },
      async handler(req, res) {
        res.json(await detail(req));
      },
    },
    {
      method: 'patch', path: '/companies/:id', summary: "Edit a company's fields and limits (appLimit, memberLimit)", access: { auth: 'operator', can: ['update', 'Company'] },
      async handler(req, res) {
        const input = parse(companyEditSchema, req.body);
        await updateCompanyForOperator(core, await loadCompany(core.db, companyId(req)), input, operatorActor(req));
        res.json(await detail(req));
      },
    },
    {
      method: 'post', path: '/companies/:id/freeze', summary: 'Freeze the company (Suspended manually), optionally blocking its dashboard account', access: { auth: 'operator', can: ['update', 'Company'] },
      async handler(req, res) {
        const input = parse(freezeSchema, req.body);
        await freezeCompany(core, await loadCompany(core.db, companyId(req)), input, operatorActor(req));
        res.json(await detail(req));
      },
    },
    {
      method: 'post', path: '/companies/:id/unfreeze', summary: 'Unfreeze (and unblock) the company', access: { auth: 'operator', can: ['update', 'Company'] },
      async handler(req, res) {
        await unfreezeCompany(core, await loadCompany(core.db, companyId(req)), operatorActor(req));
        res.json(await detail(req));
      },
    },
    {
      method: 'post', path: '/companies/:id/move', summary: 'Move the company to another reseller, or to none', access: { auth: 'operator', can: ['update', 'Company'] },
      async handler(req, res) {
        const { resellerId: to } = parse(companyMoveSchema, req.body);
        await moveCompany(core, await loadCompany(core.db, companyId(req)), to, operatorActor(req));
        res.json(await detail(req));
      },
    },
    {
      method: 'post', path: '/companies/:id/visit', summary: "Visit the company's dashboard (time-limited, audited)", access: { auth: 'operator', can: ['visit', 'Company'] },
      async handler(req, res) {
        const company = await loadCompany(core.db, companyId(req));
        const visit = await startDashboardVisit(core.db, { sessionId: req.auth!.session.id, company, actor: operatorActor(req) });
        res.status(201).json({ companyId: company.id, expiresAt: visit.expiresAt });
      },
    },
    {
      method: 'post', path: '/visit/end', summary: "Leave the company's dashboard", access: { auth: 'operator', can: ['read', 'Platform'] },
      async handler(req, res) {
        await endDashboardVisit(core.db, req.auth!.session.id);
        res.status(204).end();
      },
    },
  ]);

}
