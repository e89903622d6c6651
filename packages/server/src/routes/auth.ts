import {
  AppError,
  authenticate,
  checkPassword,
  forgotPasswordSchema,
  markReauthenticated,
  parse,
  reauthSchema,
  requestPasswordReset,
  resetPassword,
  resetPasswordSchema,
  revokeSession,
  setSessionCompany,
  signInSchema,
  invalidCode,
  recordAccountEvent,
  rememberDevice,
  twoFactorSignInSchema,
  verifySecondFactor,
  SESSION_PENDING_STEPS,
} from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { attemptLimiter, passedAttempt } from '../http/rate-limit.js';
import { defineRoutes } from '../http/route-table.js';
import { clearSessionCookie, setRememberCookie } from '../http/session.js';
import { mePayload, startSession } from '../http/sign-in.js';

/** Sign-out and /me work at every sign-in step (the web app asks /me what is left to do). */
const ANY_STEP = SESSION_PENDING_STEPS;

const switchSchema = z.object({ companyId: z.coerce.number().int().positive() });

export function authRoutes(deps: ApiDeps) {
  const signInLimit = attemptLimiter(deps, 'sign-in');
  const reauthLimit = attemptLimiter(deps, 'reauth');
  // Reset emails: every request "succeeds", so every one counts.
  const forgotLimit = attemptLimiter(deps, 'forgot');
  const resetLimit = attemptLimiter(deps, 'reset');
  // Wrong codes count per account and per address, like passwords.
  const twoFactorLimit = attemptLimiter(deps, 'two-factor');

  return defineRoutes([
    {
      method: 'post', path: '/sign-in', summary: 'Sign in with email and password', access: { auth: 'public' }, before: [signInLimit],
      async handler(req, res) {
        const body = parse(signInSchema, req.body);
        const user = await authenticate(deps.core.db, body.email, body.password);
        // One message for unknown email and wrong password: no account enumeration.
        if (!user) throw new AppError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect');
        await passedAttempt(req);
        const auth = await startSession(deps, req, res, user);
        res.json(await mePayload(deps, auth));
      },
    },
    {
      method: 'post', path: '/sign-out', summary: 'Sign out (ends this session)', access: { auth: 'user', pending: ANY_STEP },
      async handler(req, res) {
        await revokeSession(deps.core.db, req.auth!.session.id);
        clearSessionCookie(deps, res);
        res.status(204).end();
      },
    },
    {
      method: 'get', path: '/me', summary: 'The signed-in user, their companies and permissions (or the sign-in step still to finish)', access: { auth: 'user', pending: ANY_STEP },
      async handler(req, res) {
        res.json(await mePayload(deps, req.auth!));
      },
    },
    {
      method: 'post', path: '/switch-company', summary: 'Act in another company of the user', access: { auth: 'user' },
      async handler(req, res) {
        const { companyId } = parse(switchSchema, req.body);
        const me = await mePayload(deps, req.auth!);
        const target = me.companies.find((c) => c.id === companyId);
        if (!target) throw new AppError(404, 'NOT_FOUND', 'Company not found');
        if (target.blocked) throw new AppError(403, 'COMPANY_BLOCKED', 'This company is blocked');
        await setSessionCompany(deps.core.db, req.auth!.session.id, companyId);
        req.auth!.session.companyId = companyId;
        res.json(await mePayload(deps, req.auth!));
      },
    },
    {
      // Setting two-factor up (required, after the password step) needs the password re-entered like anywhere else.
      method: 'post', path: '/reauth', summary: 'Re-enter the password before revealing secrets', access: { auth: 'user', pending: ['enrollTwoFactor'] }, before: [reauthLimit],
      async handler(req, res) {
        const { password } = parse(reauthSchema, req.body);
        if (!(await checkPassword(deps.core.db, req.auth!.user.id, password))) {
          throw new AppError(401, 'INVALID_CREDENTIALS', 'The password is not correct', [{ path: ['password'], message: 'Not correct' }]);
        }
        await passedAttempt(req);
        await markReauthenticated(deps.core.db, req.auth!.session.id);
        res.status(204).end();
      },
    },
    {
      method: 'post', path: '/two-factor', summary: 'Finish signing in with a code of the authenticator app or a recovery code', access: { auth: 'user', pending: ['twoFactor'] }, before: [twoFactorLimit],
      async handler(req, res) {
        const auth = req.auth!;
        if (auth.session.pending !== 'twoFactor') throw new AppError(409, 'CONFLICT', 'This session is not waiting for a second factor');
        const { code, remember } = parse(twoFactorSignInSchema, req.body);
        const used = await verifySecondFactor(deps.core, auth.user.id, code);
        if (!used) throw invalidCode();
        await passedAttempt(req);
        const actor = { ip: req.ip, requestId: String(req.id) };
        await recordAccountEvent(deps.core.db, auth.user.id, actor, 'signIn.twoFactor', { method: used, remember });
        if (remember) {
          const device = await rememberDevice(deps.core.db, auth.user.id, req.get('user-agent'));
          setRememberCookie(deps, res, device.token, device.expiresAt);
        }
        // A new session id past the second factor, as at every sign-in.
        const next = await startSession(deps, req, res, auth.user, auth.session.companyId ?? undefined, { secondFactorPassed: true });
        res.json({ ...(await mePayload(deps, next)), recoveryCodeUsed: used === 'recovery' });
      },
    },
    {
      method: 'post', path: '/forgot-password', summary: 'Email a password-reset link', access: { auth: 'public' }, before: [forgotLimit],
      async handler(req, res) {
        const { email } = parse(forgotPasswordSchema, req.body);
        await requestPasswordReset(deps.core, email);
        // The same answer whether or not the address has an account.
        res.status(202).json({ message: 'If this address has an account, a reset link is on its way.' });
      },
    },
    {
      method: 'post', path: '/reset-password', summary: 'Set a new password with an emailed link', access: { auth: 'public' }, before: [resetLimit],
      async handler(req, res) {
        const body = parse(resetPasswordSchema, req.body);
        await resetPassword(deps.core, body.token, body.password);
        await passedAttempt(req);
        res.status(204).end();
      },
    },
  ]);
}
