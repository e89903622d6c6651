import {
  AppError,
  createIngestKey,
  deleteIngestKey,
  intParam,
  listCompaniesForOperator,
  listIngestKeys,
  pageQuerySchema,
  parse,
  setCompanyPlugin,
} from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

const toggleSchema = z.object({ enabled: z.boolean({ error: 'enabled must be true or false' }) });
const keySchema = z.object({ name: z.string().trim().min(1, 'name is required').max(100, 'name must be at most 100 characters') });

/** The platform operator's own pages: every company, plugin switches, ingest keys. */
export function operatorRoutes(deps: ApiDeps) {
  const installed = deps.plugins.map((p) => p.manifest);
  return defineRoutes([
    {
      method: 'get', path: '/plugins', summary: 'Installed plugins', access: { auth: 'operator' },
      handler(_req, res) {
        res.json({ rows: installed.map((m) => ({ id: m.id, name: m.name, description: m.description ?? null })), count: installed.length });
      },
    },
    {
      method: 'get', path: '/companies', summary: 'Every company with its plugin switches', access: { auth: 'operator', can: ['read', 'Company'] },
      async handler(req, res) {
        res.json(await listCompaniesForOperator(deps.core.db, req.ability!, parse(pageQuerySchema, req.query)));
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
