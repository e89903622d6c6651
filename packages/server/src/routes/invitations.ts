import { acceptInvitation, acceptInvitationSchema, getUser, parse, previewInvitation } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { attemptLimiter, passedAttempt } from '../http/rate-limit.js';
import { defineRoutes } from '../http/route-table.js';
import { mePayload, startSession } from '../http/sign-in.js';

/** The invitee's side: public, the emailed token is the credential. */
export function invitationRoutes(deps: ApiDeps) {
  const limit = attemptLimiter(deps, 'accept');
  return defineRoutes([
    {
      method: 'get', path: '/:token', summary: 'What an invitation is for', access: { auth: 'public' },
      async handler(req, res) {
        res.json(await previewInvitation(deps.core, String(req.params.token)));
      },
    },
    {
      method: 'post', path: '/:token/accept', summary: 'Accept: set a password (or prove an existing one) and join', access: { auth: 'public' }, before: [limit],
      async handler(req, res) {
        const body = parse(acceptInvitationSchema, req.body);
        const { userId, companyId } = await acceptInvitation(deps.core, String(req.params.token), body);
        await passedAttempt(req);
        const auth = await startSession(deps, req, res, await getUser(deps.core.db, userId), companyId);
        res.status(201).json(await mePayload(deps, auth));
      },
    },
  ]);
}
