import {
  changeMemberRole,
  changeRoleSchema,
  intParam,
  inviteMember,
  inviteSchema,
  listInvitations,
  listMembers,
  pageQuerySchema,
  parse,
  removeMember,
  resetMemberPassword,
  revokeInvitation,
} from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

const memberListSchema = pageQuerySchema.extend({ sort: z.enum(['name', 'email', 'joinedAt', 'role']).default('joinedAt') });

export function memberRoutes(_deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'Members of the company (paginated, sortable, searchable)', access: { auth: 'company', can: ['read', 'Member'] },
      async handler(req, res) {
        res.json(await listMembers(companyContext(req), parse(memberListSchema, req.query)));
      },
    },
    {
      method: 'get', path: '/invitations', summary: 'Open invitations', access: { auth: 'company', can: ['read', 'Member'] },
      async handler(req, res) {
        res.json(await listInvitations(companyContext(req), parse(pageQuerySchema, req.query)));
      },
    },
    {
      method: 'post', path: '/invitations', summary: 'Invite someone by email with a role', access: { auth: 'company', can: ['create', 'Member'] },
      async handler(req, res) {
        const { invitation } = await inviteMember(companyContext(req), parse(inviteSchema, req.body));
        res.status(201).json(invitation);
      },
    },
    {
      method: 'delete', path: '/invitations/:id', summary: 'Withdraw an open invitation', access: { auth: 'company', can: ['create', 'Member'] },
      async handler(req, res) {
        await revokeInvitation(companyContext(req), intParam(req.params.id as string, 'Invitation'));
        res.status(204).end();
      },
    },
    {
      method: 'patch', path: '/:userId', summary: "Change a member's role", access: { auth: 'company', can: ['update', 'Member'] },
      async handler(req, res) {
        const { role } = parse(changeRoleSchema, req.body);
        res.json(await changeMemberRole(companyContext(req), intParam(req.params.userId as string, 'Member'), role));
      },
    },
    {
      method: 'post', path: '/:userId/reset-password', summary: 'Email a member a password-reset link', access: { auth: 'company', can: ['update', 'Member'] },
      async handler(req, res) {
        await resetMemberPassword(companyContext(req), intParam(req.params.userId as string, 'Member'));
        res.status(202).json({ message: 'A password-reset email was sent.' });
      },
    },
    {
      method: 'delete', path: '/:userId', summary: 'Remove a member from the company', access: { auth: 'company', can: ['delete', 'Member'] },
      async handler(req, res) {
        await removeMember(companyContext(req), intParam(req.params.userId as string, 'Member'));
        res.status(204).end();
      },
    },
  ]);
}
