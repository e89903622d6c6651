import type { Request, RequestHandler, Response } from 'express';

/**
 * Who may call a route. The API turns each declaration into guards, and the permission-matrix
 * test reads them, so what a table says is what is enforced.
 * - `public`: anyone;
 * - `user`: any signed-in user;
 * - `company`: a member acting in their current company, optionally needing one CASL permission;
 * - `operator`: the platform operator's staff;
 * - `reseller`: a reseller's staff (their session; the signed REST API comes with its issue);
 * - `ingest`: the media edge, with a request signed by a platform ingest key.
 */
export type Access =
  | { auth: 'public' }
  | { auth: 'user' }
  | { auth: 'company'; can?: readonly [action: string, subject: string] }
  | { auth: 'operator' }
  | { auth: 'reseller' }
  | { auth: 'ingest' };

export interface RouteDef {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to the table's prefix, Express syntax (`/:id`). */
  path: string;
  summary: string;
  access: Access;
  /** The password must have been re-entered within the last minutes (revealing secrets). */
  reauth?: boolean;
  /** A larger JSON body limit than the default (ingest batches). */
  bodyLimit?: string;
  /** Extra middleware before the handler (rate limits). */
  before?: RequestHandler[];
  handler: (req: Request, res: Response) => Promise<void> | void;
}

export interface RouteTable {
  prefix: string;
  routes: RouteDef[];
}

/** Typed identity for a list of routes. */
export const defineRoutes = (routes: RouteDef[]): RouteDef[] => routes;
