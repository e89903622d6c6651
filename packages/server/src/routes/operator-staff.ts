import { changeOperatorRole, intParam, inviteOperatorStaff, listOperatorStaff, OPERATOR_ROLES, parse, removeOperatorStaff, staffInviteSchema, staffListQuerySchema, staffRoleSchema } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { operatorActor } from '../http/operator-actor.js';
import { defineRoutes } from '../http/route-table.js';

/**
 * The operator's own staff (/api/operator/staff): who they are, with which operator role. Giving
 * someone operator rights asks for the password again; the last operator admin stays.
 */
export function operatorStaffRoutes(deps: ApiDeps) {
  const staffId = (id: unknown) => intParam(id as string, 'Operator staff member');
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'The operator staff: name, e-mail, operator role, last sign-in (search, sort, pages)', access: { auth: 'operator', can: ['read', 'OperatorStaff'] },
      async handler(req, res) {
        const query = parse(staffListQuerySchema, req.query);
        res.json({ ...(await listOperatorStaff(deps.core, query)), limit: query.limit, offset: query.offset, meId: req.auth!.user.id });
      },
    },
    {
      method: 'get', path: '/roles', summary: 'The operator roles with their labels and descriptions', access: { auth: 'operator', can: ['read', 'OperatorStaff'] },
      handler(_req, res) {
        res.json({ rows: OPERATOR_ROLES.map(({ key, label, description }) => ({ key, label, description })) });
      },
    },
    {
      method: 'post', path: '/', summary: 'Invite someone to the operator staff with a role (mails a one-time set-password link)', access: { auth: 'operator', can: ['create', 'OperatorStaff'] }, reauth: true,
      async handler(req, res) {
        res.status(201).json(await inviteOperatorStaff(deps.core, operatorActor(req), parse(staffInviteSchema, req.body)));
      },
    },
    {
      method: 'patch', path: '/:id', summary: "Change a staff member's operator role (the last operator admin stays one)", access: { auth: 'operator', can: ['update', 'OperatorStaff'] }, reauth: true,
      async handler(req, res) {
        res.json(await changeOperatorRole(deps.core, operatorActor(req), staffId(req.params.id), parse(staffRoleSchema, req.body).role));
      },
    },
    {
      method: 'delete', path: '/:id', summary: 'Take someone off the operator staff and sign them out (not the last operator admin)', access: { auth: 'operator', can: ['delete', 'OperatorStaff'] },
      async handler(req, res) {
        await removeOperatorStaff(deps.core, operatorActor(req), staffId(req.params.id));
        res.status(204).end();
      },
    },
  ]);
}
