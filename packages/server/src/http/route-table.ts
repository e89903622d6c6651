import { DEFAULT_CAN, type RouteDef } from '@rtc-console/core';
import express, { type RequestHandler, type Router } from 'express';
import type { ApiDeps } from '../deps.js';
import { requireCan, requireCompany, requireOperator, requirePluginEnabled, requireRecentAuth, requireReseller, requireResellerCompany, requireSession, requireUser } from './guards.js';
import { requireIngestSignature } from './ingest-auth.js';
import { requireResellerSignature, resellerApiRateLimit } from './reseller-auth.js';

export { defineRoutes, type RouteDef } from '@rtc-console/core';

/**
 * Mounts a route table on a router, putting each route's guards, derived from its declared
 * access, in front of its handler. `plugin` marks the routes of a plugin: they refuse in a
 * company the operator switched the plugin off for, whether the company is the member's own or
 * one a reseller's route names.
 */
export function mountRoutes(router: Router, deps: ApiDeps, routes: RouteDef[], plugin?: string): Router {
  const company = requireCompany(deps);
  const recent = requireRecentAuth(deps);
  const reseller = requireReseller(deps);
  const ingest = requireIngestSignature(deps);
  const resellerApi = [requireResellerSignature(deps), resellerApiRateLimit(deps)];
  for (const r of routes) {
    // Bodies are parsed per route, so ingest batches can be larger than a form post.
    // The raw bytes are kept for signature checks that bind the body (strong mode's content-digest).
    const json = express.json({ limit: r.bodyLimit ?? deps.config.bodyLimit, verify: (req, _res, buf) => void ((req as { rawBody?: Buffer }).rawBody = buf) });
    const chain: RequestHandler[] = [json];
    switch (r.access.auth) {
      case 'public':
        break;
      case 'user':
        chain.push(r.access.pending?.length ? requireSession(r.access.pending) : requireUser);
        break;
      case 'company':
        chain.push(requireUser, company);
        if (plugin) chain.push(requirePluginEnabled(plugin));
        if (r.access.can) chain.push(requireCan(r.access.can));
        break;
      case 'operator':
        chain.push(requireUser, requireOperator, requireCan(r.access.can ?? DEFAULT_CAN.operator));
        break;
      case 'reseller':
      case 'resellerApi': {
        const can = r.access.can ?? DEFAULT_CAN[r.access.auth];
        chain.push(...(r.access.auth === 'reseller' ? [requireUser, reseller] : resellerApi), requireCan(can));
        // The company named is checked with the route's own action when it concerns companies.
        if (r.access.company) chain.push(requireResellerCompany(deps, r.access.company, can[1] === 'Company' ? can[0] : 'read', plugin));
        break;
      }
      case 'ingest':
        chain.push(ingest, requireCan(r.access.can ?? DEFAULT_CAN.ingest));
        break;
    }
    // After the access guards and the re-authentication check: a refused caller never reaches a limiter, so it counts (writes) nothing.
    if (r.reauth) chain.push(recent);
    chain.push(...(r.before ?? []));
    router[r.method](r.path, ...chain, r.handler);
  }
  return router;
}
