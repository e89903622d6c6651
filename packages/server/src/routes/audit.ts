import { listAudit, parse } from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    action: z.string().trim().max(100).optional(),
    actor: z.string().trim().max(100).optional(),
    targetType: z.string().trim().max(50).optional(),
    targetId: z.string().trim().max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] });

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
