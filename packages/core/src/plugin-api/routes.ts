import type { Request, RequestHandler, Response } from 'express';
import type { SessionPendingStep } from '../schema/users.js';

/**
 * Who may call a route. The API turns each declaration into guards, and the permission-matrix
 * test reads them, so what a table says is what is enforced.
 * - `public`: anyone;
 * - `user`: any signed-in user;
 * - `company`: a member acting in their current company, optionally needing one CASL permission;
 * - `operator`: the platform operator's staff;
 * - `reseller`: a reseller's staff, signed in to the console (their session);
 * - `resellerApi`: a reseller's program, with a request signed by one of its API keys (seed 003);
 * - `ingest`: the media edge, with a request signed by a platform ingest key.
 *
 * `can` is the CASL permission the caller's ability must hold (see `abilityFor`); without it, the
 * kind's default in `DEFAULT_CAN` applies to every kind but `public`, `user` and `company`.
 *
 * A session still waiting at a sign-in step (the second factor's code, or its set-up where a
 * company or the operator requires one) is refused by every route (403 TWO_FACTOR_REQUIRED or
 * TWO_FACTOR_SETUP_REQUIRED) but the `user` routes whose `pending` names that step.
 *
 * `company` on the reseller kinds names the parameter (of the path, or else of the query, where it
 * may be absent) that holds the company the route acts on: the mounter refuses a company of another reseller (403) or an unknown one (404), and, on a
 * plugin's routes, a company the operator switched the plugin off for (403), then hands the
 * company to the handler as `req.resellerCompany`. The check on the company is the route's `can`
 * when it is on `Company` (e.g. `update` to freeze it), `read` otherwise.
 */
export type Access =
  | { auth: 'public' }
  | { auth: 'user'; pending?: readonly SessionPendingStep[] }
  | { auth: 'company'; can?: Can }
  | { auth: 'operator'; can?: Can }
  | { auth: 'reseller'; company?: string; can?: Can }
  | { auth: 'resellerApi'; company?: string; can?: Can }
  | { auth: 'ingest'; can?: Can };

export type Can = readonly [action: string, subject: string];

/** The permission a route of each platform kind needs when it declares none. */
export const DEFAULT_CAN: Record<'operator' | 'reseller' | 'resellerApi' | 'ingest', Can> = {
  operator: ['manage', 'Platform'],
  reseller: ['read', 'Company'],
  resellerApi: ['read', 'Company'],
  ingest: ['create', 'IngestBatch'],
};

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
  /** Extra middleware after the access guards, before the handler (rate limits: a refused caller counts nothing). */
  before?: RequestHandler[];
  handler: (req: Request, res: Response) => Promise<void> | void;
  /** The route's OpenAPI operation; every public REST (`/v1`) route has one (a test checks). */
  doc?: OperationDoc;
}

/** A JSON Schema object (as `z.toJSONSchema` makes them). */
export type JsonSchema = Record<string, unknown>;

/**
 * What the OpenAPI document says of one route: its parameters, body and answers. The API
 * assembles the document from the route tables, so the document cannot drift from the routes.
 */
export interface OperationDoc {
  operationId: string;
  tags?: string[];
  description?: string;
  parameters?: Array<{ name: string; in: 'path' | 'query'; required?: boolean; description?: string; schema: JsonSchema }>;
  requestBody?: JsonSchema;
  /** By status: a description and, when there is a body, its schema (errors use the shared envelope). */
  responses: Record<string, { description: string; schema?: JsonSchema }>;
}

export interface RouteTable {
  prefix: string;
  routes: RouteDef[];
}

/** Typed identity for a list of routes. */
export const defineRoutes = (routes: RouteDef[]): RouteDef[] => routes;
