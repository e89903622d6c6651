import {
  AppError,
  checkPassword,
  confirmTwoFactorSetup,
  disableTwoFactor,
  invalidCode,
  parse,
  regenerateRecoveryCodes,
  startTwoFactorSetup,
  twoFactorConfirmSchema,
  twoFactorDisableSchema,
  twoFactorStatus,
  verifySecondFactor,
} from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { attemptLimiter, passedAttempt } from '../http/rate-limit.js';
import { accountActor } from '../http/account-actor.js';
import { defineRoutes } from '../http/route-table.js';
import { clearRememberCookie } from '../http/session.js';
import { mePayload, startSession } from '../http/sign-in.js';

/** A session that must set two-factor up before anything else may do so here (and only here). */
const ENROLLING = ['enrollTwoFactor'] as const;


/** The user's own second factor (TOTP, RFC 6238) and its recovery codes. */
export function twoFactorRoutes(deps: ApiDeps) {
  const codeLimit = attemptLimiter(deps, 'two-factor');
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'Whether two-factor sign-in is on, the recovery codes left, and who requires it', access: { auth: 'user', pending: ENROLLING },
      async handler(req, res) {
        res.json(await twoFactorStatus(deps.core.db, req.auth!.user));
      },
    },
    {
      method: 'post', path: '/setup', summary: 'Start setting two-factor up: a new secret, its otpauth URI and QR code', access: { auth: 'user', pending: ENROLLING }, reauth: true,
      async handler(req, res) {
        res.json(await startTwoFactorSetup(deps.core, req.auth!.user));
      },
    },
    {
      method: 'post', path: '/confirm', summary: 'Turn two-factor on with a first code; answers the ten recovery codes, once', access: { auth: 'user', pending: ENROLLING }, before: [codeLimit],
      async handler(req, res) {
        const { code } = parse(twoFactorConfirmSchema, req.body);
        const auth = req.auth!;
        const { recoveryCodes } = await confirmTwoFactorSetup(deps.core, auth.user.id, code, accountActor(req));
        await passedAttempt(req);
        // A session that had to set it up is now signed in, with a new id.
        const next = auth.session.pending ? await startSession(deps, req, res, auth.user, auth.session.companyId ?? undefined, { secondFactorPassed: true }) : auth;
        res.json({ recoveryCodes, me: await mePayload(deps, next) });
      },
    },
    {
      method: 'post', path: '/recovery-codes', summary: 'Ten new recovery codes (the old ones stop working)', access: { auth: 'user' }, reauth: true,
      async handler(req, res) {
        res.json(await regenerateRecoveryCodes(deps.core, req.auth!.user.id, accountActor(req)));
      },
    },
    {
      method: 'delete', path: '/', summary: 'Turn two-factor off (with a code or the password; refused while required)', access: { auth: 'user' }, reauth: true, before: [codeLimit],
      async handler(req, res) {
        const body = parse(twoFactorDisableSchema, req.body ?? {});
        const user = req.auth!.user;
        if (body.code !== undefined) {
          if (!(await verifySecondFactor(deps.core, user.id, body.code))) throw invalidCode();
        } else if (!(await checkPassword(deps.core.db, user.id, body.password!))) {
          throw new AppError(401, 'INVALID_CREDENTIALS', 'The password is not correct', [{ path: ['password'], message: 'Not correct' }]);
        }
        await disableTwoFactor(deps.core, user, accountActor(req));
        await passedAttempt(req);
        clearRememberCookie(deps, res);
        res.status(204).end();
      },
    },
  ]);
}
