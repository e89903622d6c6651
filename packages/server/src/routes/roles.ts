import {
  BUILTIN_ROLES,
  createRole,
  deleteRole,
  intParam,
  listRoles,
  parse,
  roleInputSchema,
  updateRole,
} from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

export function roleRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/catalogue', summary: 'Every grantable permission (core and plugins), with labels', access: { auth: 'company', can: ['read', 'Role'] },
      handler(_req, res) {
        const { areas, permissions } = deps.core.catalogue;
        res.json({ areas, permissions, builtinRoles: BUILTIN_ROLES });
      },
    },
    {
      method: 'get', path: '/', summary: 'Built-in and custom roles with what each may do', access: { auth: 'company', can: ['read', 'Role'] },
      async handler(req, res) {
        res.json(await listRoles(companyContext(req)));
      },
    },
    {
      method: 'post', path: '/', summary: 'Create a custom role', access: { auth: 'company', can: ['manage', 'Role'] },
      async handler(req, res) {
        res.status(201).json(await createRole(companyContext(req), parse(roleInputSchema, req.body)));
      },
    },
    {
      method: 'put', path: '/:id', summary: 'Edit a custom role', access: { auth: 'company', can: ['manage', 'Role'] },
      async handler(req, res) {
        res.json(await updateRole(companyContext(req), intParam(req.params.id as string, 'Role'), parse(roleInputSchema, req.body)));
      },
    },
    {
      method: 'delete', path: '/:id', summary: 'Delete a custom role nobody holds', access: { auth: 'company', can: ['manage', 'Role'] },
      async handler(req, res) {
        await deleteRole(companyContext(req), intParam(req.params.id as string, 'Role'));
        res.status(204).end();
      },
    },
  ]);
}
