import { auditQuerySchema, listAudit, parse } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

export function auditRoutes(_deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'The audit log, newest first, filterable', access: { auth: 'company', can: ['read', 'AuditLog'] },
      async handler(req, res) {
        res.json(await listAudit(companyContext(req), parse(auditQuerySchema, req.query)));
      },
    },
  ]);
}
