import { auditQuerySchema, listPlatformAudit, parse } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

/**
 * The platform audit log (/api/operator/audit): every write that belongs to no company, the
 * operator's own and users' account events, filtered like a company's log.
 */
export function operatorAuditRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/audit', summary: 'The platform audit log (operator writes, account events), newest first, filterable', access: { auth: 'operator', can: ['read', 'PlatformAudit'] },
      async handler(req, res) {
        res.json(await listPlatformAudit(deps.core, parse(auditQuerySchema, req.query)));
      },
    },
  ]);
}
