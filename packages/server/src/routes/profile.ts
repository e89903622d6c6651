import { changePassword, changePasswordSchema, parse, profileUpdateSchema, updateProfile } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { attemptLimiter, passedAttempt } from '../http/rate-limit.js';
import { defineRoutes } from '../http/route-table.js';
import { mePayload, startSession } from '../http/sign-in.js';

export function profileRoutes(deps: ApiDeps) {
  const limit = attemptLimiter(deps, 'password');
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'My profile', access: { auth: 'user' },
      handler(req, res) {
        const { id, email, name, locale, createdAt } = req.auth!.user;
        res.json({ id, email, name, locale, createdAt });
      },
    },
    {
      method: 'patch', path: '/', summary: 'Change my name or language', access: { auth: 'user' },
      async handler(req, res) {
        const user = await updateProfile(deps.core.db, req.auth!.user.id, parse(profileUpdateSchema, req.body));
        res.json({ id: user.id, email: user.email, name: user.name, locale: user.locale, createdAt: user.createdAt });
      },
    },
    {
      method: 'post', path: '/password', summary: 'Change my password (ends my other sessions)', access: { auth: 'user' }, before: [limit],
      async handler(req, res) {
        const body = parse(changePasswordSchema, req.body);
        const auth = req.auth!;
        await changePassword(deps.core, auth.user.id, body, auth.session.id);
        await passedAttempt(req);
        // Rotate this session too: a new id and CSRF token after a credential change.
        const next = await startSession(deps, req, res, auth.user, auth.session.companyId ?? undefined, { secondFactorPassed: true });
        res.json(await mePayload(deps, next));
      },
    },
  ]);
}
