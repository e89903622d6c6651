import { defineRoutes, intParam, parse, type RouteDef } from '@rtc-console/core';
import { deliveryListQuerySchema, endpointCreateSchema, endpointListQuerySchema, endpointUpdateSchema, MANAGE_WEBHOOKS, READ_WEBHOOKS } from '../shared/index.js';
import { deliveryIdParam, listDeliveries, resendDelivery, sendTestEvent } from './deliveries.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rotateSecret, subscribableTypes, updateEndpoint } from './endpoints.js';
import type { WebhooksServices, WebhooksSettings } from './services.js';

const endpointId = (value: unknown) => intParam(value as string | undefined, 'Webhook endpoint');

/** Routes under /api/webhooks: the company's endpoints, their delivery logs, tests and resends. */
export function webhooksRoutes(services: WebhooksServices, settings: WebhooksSettings): RouteDef[] {
  const deps = { services, settings };
  return defineRoutes([
    {
      method: 'get', path: '/event-types', summary: 'The events an endpoint may subscribe to (core\'s and the installed plugins\')', access: { auth: 'company', can: READ_WEBHOOKS },
      handler(_req, res) {
        const rows = subscribableTypes(services.events);
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'get', path: '/endpoints', summary: "The company's webhook endpoints (search, sort, pages)", access: { auth: 'company', can: READ_WEBHOOKS },
      async handler(req, res) {
        res.json(await listEndpoints(req.company!, parse(endpointListQuerySchema, req.query)));
      },
    },
    {
      method: 'post', path: '/endpoints', summary: 'Register an endpoint (its signing secret is shown once)', access: { auth: 'company', can: MANAGE_WEBHOOKS }, reauth: true,
      async handler(req, res) {
        res.status(201).json(await createEndpoint(req.company!, deps, parse(endpointCreateSchema, req.body)));
      },
    },
    {
      method: 'get', path: '/endpoints/:id', summary: 'One endpoint (never its secret)', access: { auth: 'company', can: READ_WEBHOOKS },
      async handler(req, res) {
        res.json(await getEndpoint(req.company!, endpointId(req.params.id)));
      },
    },
    {
      method: 'patch', path: '/endpoints/:id', summary: 'Change an endpoint: URL, description, events, on or off', access: { auth: 'company', can: MANAGE_WEBHOOKS },
      async handler(req, res) {
        const id = endpointId(req.params.id);
        res.json(await updateEndpoint(req.company!, deps, id, parse(endpointUpdateSchema, req.body)));
      },
    },
    {
      method: 'delete', path: '/endpoints/:id', summary: 'Delete an endpoint and its delivery log', access: { auth: 'company', can: MANAGE_WEBHOOKS },
      async handler(req, res) {
        await deleteEndpoint(req.company!, endpointId(req.params.id));
        res.status(204).end();
      },
    },
    {
      method: 'post', path: '/endpoints/:id/rotate-secret', summary: 'Replace the signing secret (the new one is shown once)', access: { auth: 'company', can: MANAGE_WEBHOOKS }, reauth: true,
      async handler(req, res) {
        res.json(await rotateSecret(req.company!, deps, endpointId(req.params.id)));
      },
    },
    {
      method: 'post', path: '/endpoints/:id/test', summary: 'Send a test event (webhooks.test) to the endpoint', access: { auth: 'company', can: MANAGE_WEBHOOKS },
      async handler(req, res) {
        await sendTestEvent(req.company!, services, endpointId(req.params.id));
        res.status(202).json({ queued: true });
      },
    },
    {
      method: 'get', path: '/endpoints/:id/deliveries', summary: "An endpoint's deliveries, newest first (filter by status)", access: { auth: 'company', can: READ_WEBHOOKS },
      async handler(req, res) {
        const id = endpointId(req.params.id);
        res.json(await listDeliveries(req.company!, id, parse(deliveryListQuerySchema, req.query)));
      },
    },
    {
      method: 'post', path: '/deliveries/:id/resend', summary: 'Send a finished delivery again (a new attempt, same webhook-id)', access: { auth: 'company', can: MANAGE_WEBHOOKS },
      async handler(req, res) {
        res.status(202).json(await resendDelivery(req.company!, services, deliveryIdParam(req.params.id as string | undefined)));
      },
    },
  ]);
}
