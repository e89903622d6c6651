import {
  AppError,
  createIngestKey,
  deleteIngestKey,
  intParam,
  JOB_STATES,
  listCompaniesForOperator,
  listJobs,
  listIngestKeys,
  operatorCompanyListSchema,
  parse,
  setCompanyPlugin,
} from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

const toggleSchema = z.object({ enabled: z.boolean({ error: 'enabled must be true or false' }) });
const jobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  state: z.enum(JOB_STATES, { error: `state must be one of ${JOB_STATES.join(', ')}` }).optional(),
  /** Exact queue, or `<owner>.` for all of an owner's. */
  queue: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
});
const keySchema = z.object({ name: z.string().trim().min(1, 'name is required').max(100, 'name must be at most 100 characters') });

/** The platform operator's own pages: every company, plugin switches, ingest keys, the job queue. */
export function operatorRoutes(deps: ApiDeps) {
  const installed = deps.plugins.map((p) => p.manifest);
  return defineRoutes([
    {
      method: 'get', path: '/plugins', summary: 'Installed plugins', access: { auth: 'operator', can: ['read', 'Platform'] },
      handler(_req, res) {
        res.json({ rows: installed.map((m) => ({ id: m.id, name: m.name, description: m.description ?? null })), count: installed.length });
      },
    },
    {
      method: 'get', path: '/companies', summary: 'Every company with reseller, status, limits, members, projects and plugin switches: search, filter by status or reseller ("direct": none), sort', access: { auth: 'operator', can: ['read', 'Company'] },
      async handler(req, res) {
        res.json(await listCompaniesForOperator(deps.core.db, req.ability!, parse(operatorCompanyListSchema, req.query)));
      },
    },
    {
      method: 'put', path: '/companies/:id/plugins/:pluginId', summary: 'Switch a plugin on or off for a company (off also switches off the plugins that depend on it)', access: { auth: 'operator', can: ['update', 'Company'] },
      async handler(req, res) {
        const companyId = intParam(req.params.id as string, 'Company');
        const pluginId = String(req.params.pluginId);
        if (!installed.some((m) => m.id === pluginId)) throw new AppError(404, 'NOT_FOUND', 'Plugin not found');
        const { enabled } = parse(toggleSchema, req.body);
        const user = req.auth!.user;
        const actor = { userId: user.id, label: `operator:${user.email}`, ip: req.ip, requestId: String(req.id) };
        // Switching off takes the plugins that build on it along (`changed` names them all).
        const changed = await setCompanyPlugin(deps.core.db, actor, companyId, pluginId, enabled, installed);
        res.json({ companyId, pluginId, enabled, changed });
      },
    },
    {
      method: 'get', path: '/jobs', summary: 'Recent jobs and event deliveries, newest first, with state, attempts and last error', access: { auth: 'operator', can: ['read', 'Job'] },
      async handler(req, res) {
        const query = parse(jobsQuerySchema, req.query);
        res.json({ ...(await listJobs(deps.core.db, query)), queues: deps.core.jobs.definitions(), limit: query.limit, offset: query.offset });
      },
    },
    {
      method: 'post', path: '/jobs/:queue/:id/retry', summary: 'Run a failed job again', access: { auth: 'operator', can: ['update', 'Job'] },
      async handler(req, res) {
        const id = String(req.params.id);
        if (!/^[0-9a-f-]{36}$/i.test(id) || !(await deps.core.jobs.retry(String(req.params.queue), id))) throw new AppError(404, 'NOT_FOUND', 'No failed job with that id in that queue');
        res.json({ queue: String(req.params.queue), id, state: 'retry' });
      },
    },
    {
      method: 'get', path: '/ingest-keys', summary: "The media edge's signing keys (without secrets)", access: { auth: 'operator', can: ['read', 'IngestKey'] },
      async handler(_req, res) {
        const rows = await listIngestKeys(deps.core.db);
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'post', path: '/ingest-keys', summary: 'Create an ingest key (the secret is shown once)', access: { auth: 'operator', can: ['create', 'IngestKey'] }, reauth: true,
      async handler(req, res) {
        res.status(201).json(await createIngestKey(deps.core.db, parse(keySchema, req.body).name));
      },
    },
    {
      method: 'delete', path: '/ingest-keys/:id', summary: 'Delete an ingest key (refused from the next request)', access: { auth: 'operator', can: ['delete', 'IngestKey'] },
      async handler(req, res) {
        await deleteIngestKey(deps.core.db, intParam(req.params.id as string, 'Ingest key'));
        res.status(204).end();
      },
    },
  ]);
}
