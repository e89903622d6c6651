import { listUserSessions, revokeOtherSessions, revokeOwnSession, signOutEverywhere } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { accountActor } from '../http/account-actor.js';
import { defineRoutes } from '../http/route-table.js';
import { clearRememberCookie, clearSessionCookie } from '../http/session.js';


/** "Your sessions": every signed-in browser of the user, and ending them. */
export function sessionRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'My active sessions: device, IP, created, last seen, which one is this', access: { auth: 'user' },
      async handler(req, res) {
        const rows = await listUserSessions(deps.core.db, req.auth!.user.id, req.auth!.session.id);
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'post', path: '/revoke-others', summary: 'End every other session of mine', access: { auth: 'user' },
      async handler(req, res) {
        res.json({ revoked: await revokeOtherSessions(deps.core.db, req.auth!.user.id, req.auth!.session.id, accountActor(req)) });
      },
    },
    {
      method: 'post', path: '/sign-out-everywhere', summary: 'End every session of mine, this one included, and forget every remembered browser', access: { auth: 'user' },
      async handler(req, res) {
        await signOutEverywhere(deps.core.db, req.auth!.user.id, accountActor(req));
        clearSessionCookie(deps, res);
        clearRememberCookie(deps, res);
        res.status(204).end();
      },
    },
    {
      method: 'delete', path: '/:id', summary: 'End one session of mine', access: { auth: 'user' },
      async handler(req, res) {
        const id = String(req.params.id);
        await revokeOwnSession(deps.core.db, req.auth!.user.id, id, accountActor(req));
        if (id === req.auth!.session.id) clearSessionCookie(deps, res);
        res.status(204).end();
      },
    },
  ]);
}
