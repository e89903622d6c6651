import {
  AppError,
  createSession,
  getCompanySummary,
  listUserCompanies,
  loadCompanyContext,
  pendingStepAfterPassword,
  resellerOfUser,
  resellerSuspended,
  revokeSession,
  type AuthState,
  type SessionPendingStep,
  type User,
} from '@rtc-console/core';
import type { Request, Response } from 'express';
import type { ApiDeps } from '../deps.js';
import { visitContext } from './guards.js';
import { rememberedToken, setSessionCookie } from './session.js';

/**
 * Starts a fresh session for `user` (the old one, if any, is dropped: ids rotate at every
 * sign-in) in the preferred company when they may act there, else their first usable one.
 * A user whose every company is blocked is refused.
 *
 * After the password (sign-in, invitation, sign-up) the session waits at the second factor when
 * the user has one (unless this browser is remembered), or at its set-up when a company or the
 * operator requires one; `secondFactorPassed` starts a session past that step (the code was just
 * entered, or an already complete session rotates).
 */
export async function startSession(
  deps: ApiDeps,
  req: Request,
  res: Response,
  user: User,
  preferredCompanyId?: number,
  opts: { secondFactorPassed?: boolean } = {},
): Promise<AuthState> {
  const companies = await listUserCompanies(deps.core.db, user.id);
  const usable = companies.filter((c) => !c.blocked);
  if (companies.length > 0 && usable.length === 0) {
    throw new AppError(403, 'COMPANY_BLOCKED', 'Your company account is blocked; contact your reseller or the platform operator');
  }
  // Staff of a suspended reseller, with no company of their own to work in, cannot sign in.
  if (companies.length === 0 && !user.platformRole && (await resellerOfUser(deps.core.db, user.id))?.status === 'suspended') throw resellerSuspended();
  const companyId = usable.find((c) => c.id === preferredCompanyId)?.id ?? usable[0]?.id ?? null;
  const pending = opts.secondFactorPassed ? null : await pendingStepAfterPassword(deps.core.db, user, rememberedToken(req));
  if (req.auth) await revokeSession(deps.core.db, req.auth.session.id);
  const { token, session } = await createSession(deps.core.db, {
    pending,
    userId: user.id,
    companyId,
    ip: req.ip,
    userAgent: req.get('user-agent'),
    policy: deps.config.session,
  });
  setSessionCookie(deps, res, token);
  req.auth = { session, user };
  return req.auth;
}

/** What the web app needs after sign-in and on every load: who, where, what they may do. */
export async function mePayload(deps: ApiDeps, auth: AuthState) {
  const { user, session } = auth;
  // Past the password only: who, and the step to finish; nothing of their companies yet.
  if (session.pending) {
    return {
      user: { id: user.id, email: user.email, name: user.name, locale: user.locale, platformRole: null },
      companies: [], companyId: null, rules: [], disabledPlugins: [], visit: null, reseller: null,
      pending: session.pending,
      csrfToken: session.csrfToken,
      session: { expiresAt: session.expiresAt, idleMinutes: deps.config.session.idleMinutes },
    };
  }
  const companies = await listUserCompanies(deps.core.db, user.id);
  const current = companies.find((c) => c.id === session.companyId && !c.blocked) ?? null;
  const loaded = current
    ? await loadCompanyContext(deps.core, { userId: user.id, companyId: current.id, actor: { userId: user.id, label: user.email } })
    : null;
  // Reseller staff visiting a company's dashboard: that company, with the banner's details.
  const visitCtx = current ? null : await visitContext(deps, auth);
  const visit = visitCtx
    ? { companyId: visitCtx.companyId, companyName: (await getCompanySummary(visitCtx)).name, expiresAt: session.visitExpiresAt }
    : null;
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, platformRole: user.platformRole },
    companies: companies.map((c) => ({ id: c.id, name: c.name, blocked: c.blocked, role: { id: c.roleId, name: c.roleName, builtin: c.builtin } })),
    companyId: current?.id ?? visitCtx?.companyId ?? null,
    rules: loaded?.ctx.ability.rules ?? visitCtx?.ability.rules ?? [],
    /** Plugins switched off for the current company: the web app hides their pages. */
    disabledPlugins: loaded?.disabledPlugins ?? visitCtx?.disabledPlugins ?? [],
    /** Set while reseller staff visit this company's dashboard (the web app shows a banner). */
    visit,
    reseller: await resellerOfUser(deps.core.db, user.id),
    /** A sign-in step still to finish: `twoFactor` (enter a code), `enrollTwoFactor` (set one up); null when signed in. */
    pending: null as SessionPendingStep | null,
    csrfToken: session.csrfToken,
    session: { expiresAt: session.expiresAt, idleMinutes: deps.config.session.idleMinutes },
  };
}
