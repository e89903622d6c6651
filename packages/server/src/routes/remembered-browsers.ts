import { forgetAllRememberedBrowsers, forgetRememberedBrowser, intParam, listRememberedBrowsers } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { accountActor } from '../http/account-actor.js';
import { defineRoutes } from '../http/route-table.js';
import { clearRememberCookie, rememberedToken } from '../http/session.js';

/** The browsers that skip the second factor for 30 days ("remember this browser"), and forgetting them. */
export function rememberedBrowserRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'My remembered browsers: device, remembered since, until, which one is this', access: { auth: 'user' },
      async handler(req, res) {
        const rows = await listRememberedBrowsers(deps.core.db, req.auth!.user.id, rememberedToken(req));
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'delete', path: '/', summary: 'Forget every remembered browser of mine (each asks for the second factor again)', access: { auth: 'user' },
      async handler(req, res) {
        await forgetAllRememberedBrowsers(deps.core.db, req.auth!.user.id, accountActor(req));
        clearRememberCookie(deps, res);
        res.status(204).end();
      },
    },
    {
      method: 'delete', path: '/:id', summary: 'Forget one remembered browser of mine', access: { auth: 'user' },
      async handler(req, res) {
        const id = intParam(req.params.id as string, 'Remembered browser');
        const { current } = await forgetRememberedBrowser(deps.core.db, req.auth!.user.id, id, rememberedToken(req), accountActor(req));
        if (current) clearRememberCookie(deps, res);
        res.status(204).end();
      },
    },
  ]);
}
