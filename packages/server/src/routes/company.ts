import { getCompanySummary } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

export function companyRoutes(_deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'The current company: name, limits and how much of them is used', access: { auth: 'company' },
      async handler(req, res) {
        res.json(await getCompanySummary(companyContext(req)));
      },
    },
  ]);
}
