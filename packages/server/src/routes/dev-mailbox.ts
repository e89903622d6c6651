import { listOutbox, parse } from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

const querySchema = z.object({
  to: z.string().trim().max(254).optional(),
  kind: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * The demo mailbox: mail kept in the outbox because no SMTP server is configured. Mounted
 * only while that is so and DEMO is on, since it shows reset and invitation links.
 */
export function devMailboxRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'Mail kept in the outbox (demo only)', access: { auth: 'public' },
      async handler(req, res) {
        res.json(await listOutbox(deps.core.db, parse(querySchema, req.query)));
      },
    },
  ]);
}
