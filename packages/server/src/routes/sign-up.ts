import { getPlatformSettings, parse, requestSignUp, signUpSchema, verifySignUp, verifySignUpSchema } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { attemptLimiter, passedAttempt } from '../http/rate-limit.js';
import { defineRoutes } from '../http/route-table.js';
import { mePayload, startSession } from '../http/sign-in.js';

/** Self sign-up of direct customers (when the operator opened it): the form, then the e-mailed link. */
export function signUpRoutes(deps: ApiDeps) {
  const signUpLimit = attemptLimiter(deps, 'sign-up');
  const verifyLimit = attemptLimiter(deps, 'verify');

  return defineRoutes([
    {
      method: 'get', path: '/status', summary: 'Whether direct sign-up is open, by invitation only, or closed', access: { auth: 'public' },
      async handler(_req, res) {
        const { signUpMode } = await getPlatformSettings(deps.core.db);
        res.json({ mode: signUpMode });
      },
    },
    {
      method: 'post', path: '/', summary: 'Sign up a direct customer: e-mails a one-time verification link', access: { auth: 'public' }, before: [signUpLimit],
      async handler(req, res) {
        const body = parse(signUpSchema, req.body);
        await requestSignUp(deps.core, body);
        // The same answer whether or not the address already has an account (no enumeration).
        res.status(202).json({ message: 'Check your inbox: a link to verify your e-mail address is on its way.' });
      },
    },
    {
      method: 'post', path: '/verify', summary: 'Verify the e-mail with the link: creates the company and its admin, and signs in', access: { auth: 'public' }, before: [verifyLimit],
      async handler(req, res) {
        const { token } = parse(verifySignUpSchema, req.body);
        const user = await verifySignUp(deps.core, token, { ip: req.ip, requestId: String(req.id) });
        await passedAttempt(req);
        const auth = await startSession(deps, req, res, user);
        res.status(201).json(await mePayload(deps, auth));
      },
    },
  ]);
}
