import type { CompanyContext } from '@rtc-console/core';
import { scopeOf } from '@rtc-console/core';
import type { Request } from 'express';

// Core's routes need the whole company context (the system handle for writes tenants may not
// make, the mailer, the settings key); plugins' handlers see only `req.company`, its scope.
const contexts = new WeakMap<Request, CompanyContext>();

/** Puts the request in a company: `req.company` gets the scope, the server keeps the whole context. */
export function enterCompany(req: Request, ctx: CompanyContext): void {
  contexts.set(req, ctx);
  req.company = scopeOf(ctx);
  req.ability = ctx.ability;
}

/** The whole company context of a `company` route's request, for core's own routes. */
export function companyContext(req: Request): CompanyContext {
  const ctx = contexts.get(req);
  if (!ctx) throw new Error('companyContext: the route is not a company route');
  return ctx;
}
