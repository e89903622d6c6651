import { defineRoutes, parse, type PluginServicesOf, type RouteDef } from '@rtc-console/core';
import { itemInputSchema, itemListQuerySchema } from '../shared/items.js';
import { templateRead } from '../shared/manifest.js';
import { addItem, listItems } from './items.js';

/**
 * Routes under /api/template. `company` access: signed in, acting in a company that has the
 * plugin switched on, holding the permission in `can`; `req.company` is then that company's
 * context. The routes get the services the plugin declares (index.ts); these need none of them.
 */
export function templateRoutes(_services: PluginServicesOf<'systemDb'>): RouteDef[] {
  return defineRoutes([
    {
      method: 'get', path: '/items', summary: "The company's items, newest first", access: { auth: 'company', can: templateRead },
      async handler(req, res) {
        res.json(await listItems(req.company!, parse(itemListQuerySchema, req.query)));
      },
    },
    {
      method: 'post', path: '/items', summary: 'Add an item', access: { auth: 'company', can: templateRead },
      async handler(req, res) {
        res.status(201).json(await addItem(req.company!, parse(itemInputSchema, req.body)));
      },
    },
  ]);
}
