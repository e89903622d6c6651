import {
  AppError,
  forbidden,
  companyContextOf,
  companyOfReseller,
  intParam,
  isPluginEnabled,
  loadMembership,
  platformAbilityOf,
  recentlyAuthenticated,
  resellerCompanyContext,
  resellerOfUser,
  resellerScope,
  resellerSuspended,
  safeEqual,
  visiting,
  type AuthState,
  type Can,
  type CompanyContext,
  type SessionPendingStep,
  unauthenticated,
} from '@rtc-console/core';
import type { Request, RequestHandler } from 'express';
import type { ApiDeps } from '../deps.js';
import { enterCompany } from './company-context.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request defences for every write:
 * - a body must be JSON (a cross-site HTML form cannot send that without a CORS preflight);
 * - a browser's Origin, when sent, must be this console's own;
 * - cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token`
 *   (checked in `requireUser`, since only then is there a session to compare with).
 */
export function writeGuards(deps: ApiDeps): RequestHandler {
  const allowedOrigin = new URL(deps.config.publicUrl).origin;
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const origin = req.get('origin');
    if (origin && origin !== 'null' && origin !== allowedOrigin && origin !== `${req.protocol}://${req.get('host')}`) {
      return next(new AppError(403, 'CSRF_FAILED', 'Cross-origin writes are not allowed'));
    }
    const length = Number(req.get('content-length') ?? 0);
    if ((length > 0 || req.get('transfer-encoding')) && !req.is('application/json')) {
      return next(new AppError(415, 'BAD_REQUEST', 'Send the request body as application/json'));
    }
    next();
  };
}

function csrfOk(req: Request): boolean {
  if (!UNSAFE.has(req.method)) return true;
  const sent = req.get('x-csrf-token');
  return !!sent && !!req.auth && safeEqual(sent, req.auth.session.csrfToken);
}

/**
 * Signed in, with the CSRF token on writes, and past every sign-in step: a session still waiting
 * for its second factor (or for one to be set up) is refused here, the one place every
 * session-authenticated route passes, unless the route's table lets that step in (`pending`).
 */
export function requireSession(allowPending: readonly SessionPendingStep[] = []): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(unauthenticated());
    if (!csrfOk(req)) return next(new AppError(403, 'CSRF_FAILED', 'Missing or wrong CSRF token; reload the page and try again'));
    const pending = req.auth.session.pending;
    if (pending && !allowPending.includes(pending)) return next(pendingStepError(pending));
    next();
  };
}

export function pendingStepError(pending: SessionPendingStep): AppError {
  return pending === 'twoFactor'
    ? new AppError(403, 'TWO_FACTOR_REQUIRED', 'Enter the code of your authenticator app (POST /api/auth/two-factor) to finish signing in')
    : new AppError(403, 'TWO_FACTOR_SETUP_REQUIRED', 'Two-factor sign-in is required for your account: set it up (/api/profile/two-factor) to continue');
}

/** A session past every sign-in step. */
export const requireUser: RequestHandler = requireSession();

/**
 * Puts the request in the session's current company: loads the membership, builds the
 * member's CASL ability from the role and the catalogue, and hands routes `req.company`.
 */
export function requireCompany(deps: ApiDeps): RequestHandler {
  return async (req, _res, next) => {
    const auth = req.auth!;
    const companyId = auth.session.companyId;
    if (!companyId) return next(new AppError(403, 'FORBIDDEN', 'You are not a member of any company'));
    const actor = { userId: auth.user.id, label: auth.user.email, ip: req.ip, requestId: String(req.id) };
    // The session middleware loaded the membership with the session, in the same statement.
    const membership = auth.membership === undefined ? await loadMembership(deps.core.db, auth.user.id, companyId) : auth.membership;
    const loaded = membership && membership.company.id === companyId ? companyContextOf(deps.core, membership, actor) : null;
    if (!loaded) {
      const visit = await visitContext(deps, auth, req);
      if (!visit) return next(new AppError(403, 'FORBIDDEN', auth.session.visitExpiresAt ? 'Your visit to this company’s dashboard has ended' : 'You are not a member of this company'));
      enterCompany(req, visit);
      return next();
    }
    if (loaded.blocked) return next(new AppError(403, 'COMPANY_BLOCKED', 'This company is blocked'));
    enterCompany(req, loaded.ctx);
    next();
  };
}

/**
 * Reseller staff visiting one of their companies' dashboards (seed 001), or the operator visiting
 * any company's, act in it as its admin until the visit ends, every write audited under "(visit)".
 */
export async function visitContext(deps: ApiDeps, auth: AuthState, req?: Request): Promise<CompanyContext | null> {
  const { session, user } = auth;
  if (!session.companyId || !visiting(session, session.companyId)) return null;
  const who = user.platformRole
    ? { ability: platformAbilityOf({ kind: 'operator', userId: user.id, role: user.platformRole }), label: `operator:${user.email} (visit)` }
    : await resellerVisitor(deps, user);
  if (!who) return null;
  // Each request of the visit asks again: the company may have left the reseller (or the role changed) meanwhile.
  const company = await companyOfReseller(deps.core.db, who, session.companyId, 'visit').catch(() => null);
  if (!company) return null;
  const actor = { userId: user.id, label: who.label, ip: req?.ip, requestId: req ? String(req.id) : undefined };
  return resellerCompanyContext(deps.core, company, actor);
}

/** Reseller staff's standing for a visit: none while the reseller is suspended. */
async function resellerVisitor(deps: ApiDeps, user: AuthState['user']) {
  const reseller = await resellerOfUser(deps.core.db, user.id);
  if (!reseller || reseller.status === 'suspended') return null;
  const scope = resellerScope(deps.core.db, { kind: 'resellerStaff', userId: user.id, resellerId: reseller.id }, reseller.name);
  return { ability: scope.ability, label: `reseller:${reseller.name} (${user.email}, visit)` };
}

const switchedOff = () => new AppError(403, 'FORBIDDEN', 'This feature is switched off for this company');

/** A plugin's company routes refuse in a company the operator switched the plugin off for (known from the session's membership). */
export function requirePluginEnabled(pluginId: string): RequestHandler {
  return (req, _res, next) => {
    if (req.company?.disabledPlugins.includes(pluginId)) return next(switchedOff());
    next();
  };
}

/**
 * A reseller route acting on one company (its `company` parameter): a company the caller's
 * ability allows `action` on, i.e. the reseller's own (403 another reseller's, 404 an unknown
 * one), and on a plugin's route only while the plugin is on for it; the company goes on the request.
 */
export function requireResellerCompany(deps: ApiDeps, param: string, action: string, pluginId?: string): RequestHandler {
  return async (req, _res, next) => {
    // A path parameter, or an optional query parameter (a chart of all companies or of one).
    // A malformed query value is left to the route's schema (400); its queries stay within the reseller's companies anyway.
    const inPath = (req.params as Record<string, string | undefined>)[param];
    const inQuery = req.query[param];
    if (inPath === undefined && (typeof inQuery !== 'string' || !/^\d{1,10}$/.test(inQuery))) return next();
    const company = await companyOfReseller(deps.core.db, req.reseller!, intParam(inPath ?? (inQuery as string), 'Company'), action);
    if (pluginId && !(await isPluginEnabled(deps.core.db, company.id, pluginId))) return next(switchedOff());
    req.resellerCompany = company;
    next();
  };
}

/** The platform operator's staff only; puts the operator's ability on the request. */
export const requireOperator: RequestHandler = (req, _res, next) => {
  const user = req.auth!.user;
  if (!user.platformRole) return next(forbidden('Only the platform operator may do this'));
  req.ability = platformAbilityOf({ kind: 'operator', userId: user.id, role: user.platformRole });
  next();
};

/** A reseller's staff only; puts the reseller, its ability and its wall on the request. */
export function requireReseller(deps: ApiDeps): RequestHandler {
  return async (req, _res, next) => {
    const user = req.auth!.user;
    const reseller = await resellerOfUser(deps.core.db, user.id);
    if (!reseller) return next(forbidden('Only reseller staff may do this'));
    // Asked on every request: a suspension holds for sessions that started before it.
    if (reseller.status === 'suspended') return next(resellerSuspended());
    req.reseller = resellerScope(deps.core.db, { kind: 'resellerStaff', userId: user.id, resellerId: reseller.id }, reseller.name);
    req.ability = req.reseller.ability;
    next();
  };
}

/**
 * The permission a route table declares (or its kind's default), checked on the ability the
 * caller's guard put on the request: one check for every kind of caller.
 */
export function requireCan([action, subject]: Can): RequestHandler {
  return (req, _res, next) => {
    if (!req.ability?.can(action, subject)) return next(forbidden());
    next();
  };
}

/** Secrets are shown only within a few minutes of the password being entered again. */
export function requireRecentAuth(deps: ApiDeps): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth || !recentlyAuthenticated(req.auth.session, deps.config.session)) {
      return next(new AppError(403, 'REAUTH_REQUIRED', 'Enter your password again to continue'));
    }
    next();
  };
}
