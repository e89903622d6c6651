import { companyTwoFactor, companyTwoFactorSchema, parse, setCompanyTwoFactor } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { companyContext } from '../http/company-context.js';
import { defineRoutes } from '../http/route-table.js';

/** A company setting: every member must sign in with a second factor. Company settings' permission. */
export function companyTwoFactorRoutes(_deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: "Whether the company requires two-factor sign-in, and how many members have it on", access: { auth: 'company', can: ['manage', 'PluginSettings'] },
      async handler(req, res) {
        res.json(await companyTwoFactor(companyContext(req)));
      },
    },
    {
      method: 'put', path: '/', summary: 'Require (or stop requiring) two-factor sign-in for every member', access: { auth: 'company', can: ['manage', 'PluginSettings'] },
      async handler(req, res) {
        const { requireTwoFactor } = parse(companyTwoFactorSchema, req.body);
        res.json(await setCompanyTwoFactor(companyContext(req), requireTwoFactor));
      },
    },
  ]);
}
