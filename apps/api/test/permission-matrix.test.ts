/**
 * The permission matrix, generated from the two tables that define access control:
 *
 * - the route tables (`routeTables(deps)`): every route's `access` (public | user | company,
 *   with an optional `can: [action, subject]`) and `reauth`;
 * - the role table (`BUILTIN_ROLES`, read through `catalogue.permissionsOf(role)`), and the
 *   rules of the callers that are no members (`platformRulesFor`: operator, reseller staff and
 *   keys, ingest keys), each route's `can` defaulting to its kind's `DEFAULT_CAN`.
 *
 * For every non-public route × every kind of caller (signed out; a member holding each built-in
 * role; the platform operator; a reseller's staff; a reseller's API key; a platform ingest key)
 * the expected status is computed from those tables, never written down per caller: signed out,
 * or a signature where a session is needed (or the wrong kind of key) → 401; a caller of the
 * wrong kind, or a role whose permissions do not allow the route's `can` (CASL semantics:
 * `manage` is every action) → 403; otherwise the route's success status, after a 403
 * REAUTH_REQUIRED and a password re-entry when the route says `reauth`, and the allowed cases
 * are executed too. Denied requests must leave every table of the database as it was.
 *
 * Each route needs a sample below (keyed "METHOD /prefix/path") that prepares fresh fixtures for
 * one call and says what success looks like. A route without one fails the suite, so a new route
 * cannot slip past the matrix. The same samples, pointed at the other demo company, feed the
 * cross-company checks: every id in a path that belongs to 星河直播 is a 404 for Acme's admin,
 * and nothing of 星河直播 changes; and every company of another reseller named in a reseller
 * route's path or query is a 403 for this reseller's staff and keys.
 */
import { randomUUID } from 'node:crypto';
import {
  acceptInvitation,
  confirmTwoFactorSetup,
  createSession,
  DEFAULT_SESSION_POLICY,
  getUser,
  sessions,
  startTwoFactorSetup,
  rememberDevice,
  rememberedDevices,
  sha256Hex,
  addResellerMember,
  createCompany,
  createReseller,
  createResellerApiKey,
  createUser,
  resellerOfUser,
  rowsOf,
  servicesOfPlugin,
  BUILTIN_ROLE_KEYS,
  DEFAULT_CAN,
  platformRulesFor,
  FREEZE_REASONS,
  companies,
  createIngestKey,
  createKbArticle,
  setKbArticleStatus,
  createProject,
  createRole,
  enableProjectProduct,
  enableCertificate,
  findUserByEmail,
  inviteMember,
  loadCompanyContext,
  requestPasswordReset,
  requestSignUp,
  updatePlatformSettings,
  setProjectEnabled,
  users,
  type BuiltinRoleKey,
  type CompanyContext,
  type PermissionDef,
  type RoleRef,
  type OperatorRoleKey,
  type RouteDef,
} from '@rtc-console/core';
import type { SessionRecord } from '@rtc-console/plugin-usage/shared';
import { createEndpoint, webhookDeliveries, webhooksServerPlugin } from '@rtc-console/plugin-webhooks/server';
import { sign } from '@rtc-console/signer';
import { eq, inArray, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { pino } from 'pino';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_COMPANIES, routeTables, type ApiDeps, type DemoCompany } from '@rtc-console/server';
import { markJobFailed } from '@rtc-console/testing';
import { createTestApp, DEMO_PASSWORD, linkToken, type TestClient } from './harness.js';
import { settingsProbe } from './settings-probe-plugin.js';
import { installedPlugins } from '../src/plugins.js';

/** One three-minute audio call of an App ID, as the media edge reports it; a new record id each time. */
const callRecord = (appId: string): SessionRecord => ({
  type: 'session', recordId: `matrix-${randomUUID()}`, appId, channel: 'room-1', uid: '1001', role: 'host',
  joinAt: '2026-01-05T10:00:00.000Z', leaveAt: '2026-01-05T10:03:00.000Z', product: 'rtc', media: { kind: 'audio' },
});

// ---------------------------------------------------------------------------------------------
// The app and its route tables (built from the same deps object createApp gets)

// The reseller API's rate limit is tested on its own; here every caller sends many requests.
// The installed plugins and one with settings, so the settings routes' allowed cases run.
const t = await createTestApp({ env: { RESELLER_API_RATE: '100000' }, plugins: [...installedPlugins, settingsProbe] });
afterAll(() => t.close());

const deps: ApiDeps = { core: t.core, config: t.config, logger: pino({ level: 'silent' }), plugins: t.plugins };
const catalogue = t.core.catalogue;

interface Route {
  /** "METHOD /prefix/path", e.g. "DELETE /api/projects/:id": the key of its sample. */
  key: string;
  method: RouteDef['method'];
  /** The full Express path, prefix included. */
  path: string;
  def: RouteDef;
}

const TABLES = routeTables(deps).map(({ prefix, routes }) => ({
  prefix,
  routes: routes.map((def): Route => {
    const path = def.path === '/' ? prefix : `${prefix}${def.path}`;
    return { key: `${def.method.toUpperCase()} ${path}`, method: def.method, path, def };
  }),
}));
const ROUTES = TABLES.flatMap((table) => table.routes);

// ---------------------------------------------------------------------------------------------
// Expected statuses, from the tables

/** Callers who are not company members: the operator, a reseller's staff (sessions), and the two kinds of signing key. */
const OUTSIDERS = ['operator', 'operator-support', 'operator-finance', 'reseller-staff', 'reseller-key', 'ingest-key'] as const;
type Outsider = (typeof OUTSIDERS)[number];
/** The platform operator's staff by operator role: `operator` is an operator admin. */
const OPERATOR_CALLERS = { operator: 'admin', 'operator-support': 'support', 'operator-finance': 'finance' } as const satisfies Partial<Record<Outsider, OperatorRoleKey>>;
type OperatorCaller = keyof typeof OPERATOR_CALLERS;
const isOperatorCaller = (who: Who): who is OperatorCaller => who in OPERATOR_CALLERS;
type Who = 'signed-out' | BuiltinRoleKey | Outsider;
const CLIENTS: readonly Who[] = ['signed-out', ...BUILTIN_ROLE_KEYS, ...OUTSIDERS];
const isMember = (who: Who): who is BuiltinRoleKey => (BUILTIN_ROLE_KEYS as readonly string[]).includes(who);
/** The access kind a caller's signature is accepted by, if the caller signs. */
const SIGNS: Partial<Record<Who, 'resellerApi' | 'ingest'>> = { 'reseller-key': 'resellerApi', 'ingest-key': 'ingest' };

interface Expected {
  status: number;
  code?: string;
}

/** Whether held permissions allow `[action, subject]`, as CASL decides: `manage` is any action, `all` any subject. */
function allows(held: readonly PermissionDef[], [action, subject]: readonly [string, string]): boolean {
  return held.some((p) => (p.action === action || p.action === 'manage') && (p.subject === subject || p.subject === 'all'));
}

/** The rules of the callers that are no members, as `platformRulesFor` states them (any reseller: the route-level check ignores conditions). */
const PLATFORM_RULES: Record<Outsider, readonly { action: string | string[]; subject?: unknown }[]> = {
  operator: platformRulesFor({ kind: 'operator', userId: 1, role: 'admin' }),
  'operator-support': platformRulesFor({ kind: 'operator', userId: 1, role: 'support' }),
  'operator-finance': platformRulesFor({ kind: 'operator', userId: 1, role: 'finance' }),
  'reseller-staff': platformRulesFor({ kind: 'resellerStaff', userId: 1, resellerId: 1 }),
  'reseller-key': platformRulesFor({ kind: 'resellerKey', keyId: 1, resellerId: 1 }),
  'ingest-key': platformRulesFor({ kind: 'ingestKey', keyId: 1 }),
};

/** Whether plain rules allow `[action, subject]` on the subject type, as CASL decides it. */
function rulesAllow(rules: readonly { action: string | string[]; subject?: unknown }[], [action, subject]: readonly [string, string]): boolean {
  return rules.some((r) => [r.action].flat().some((a) => a === action || a === 'manage') && [r.subject].flat().some((s) => s === subject || s === 'all'));
}

const UNAUTHENTICATED: Expected = { status: 401, code: 'UNAUTHENTICATED' };
const FORBIDDEN: Expected = { status: 403, code: 'FORBIDDEN' };

function expectedFor(route: Route, who: Who, sample: Sample): Expected {
  const { access } = route.def;
  const ok = { status: sample.ok };
  if (access.auth === 'public') return ok;
  // Signed APIs take their own kind of key only; no session, whoever holds it, replaces the signature.
  if (access.auth === 'ingest' || access.auth === 'resellerApi') {
    if (SIGNS[who] !== access.auth) return UNAUTHENTICATED;
    return rulesAllow(PLATFORM_RULES[who as Outsider], access.can ?? DEFAULT_CAN[access.auth]) ? ok : FORBIDDEN;
  }
  // …and a signature is no session.
  if (who === 'signed-out' || SIGNS[who]) return UNAUTHENTICATED;
  if (access.auth === 'user') return !isMember(who) && sample.notMember ? sample.notMember : ok;
  if (access.auth === 'operator') return isOperatorCaller(who) && rulesAllow(PLATFORM_RULES[who], access.can ?? DEFAULT_CAN.operator) ? ok : FORBIDDEN;
  if (access.auth === 'reseller') return who === 'reseller-staff' && rulesAllow(PLATFORM_RULES[who], access.can ?? DEFAULT_CAN.reseller) ? ok : FORBIDDEN;
  // Company routes: the operator and reseller staff are no members (a reseller visits a dashboard explicitly).
  if (!isMember(who)) return FORBIDDEN;
  if (access.can && !allows(catalogue.permissionsOf(who), access.can)) return FORBIDDEN;
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Demo companies, clients and fixtures

type CompanyKey = 'acme' | 'galaxy';
const DEMO: Record<CompanyKey, DemoCompany> = { acme: DEMO_COMPANIES[0]!, galaxy: DEMO_COMPANIES[1]! };
const MEMBER_PASSWORD = 'matrix-member-pass-1';

/** The Acme demo account holding each built-in role. */
function demoEmail(role: BuiltinRoleKey): string {
  if (role === 'admin') return DEMO.acme.input.email;
  const member = DEMO.acme.members.find((m) => m.role === role);
  if (!member) throw new Error(`the Acme demo has no ${role}`);
  return member.email;
}
const VIEWER_EMAIL = DEMO.acme.members.find((m) => m.role === 'custom')!.email;

/** Who makes a request, and the password that proves it (re-authentication, password change), or the key that signs it. */
interface Caller {
  client: TestClient;
  password: string;
  key?: { accessKeyId: string; secret: string };
}

const companyIds = {} as Record<CompanyKey, number>;
/** The demo reseller (both demo companies are its), and another reseller with a company of its own. */
const resellers = {} as { demo: number; other: number; otherCompany: number };
let outsiders = {} as { operators: Record<OperatorCaller, TestClient>; resellerStaff: TestClient; resellerKey: Caller['key']; ingestKey: Caller['key'] };
/** The demo operator's address, and one account made for each other operator role. */
const operatorEmails = { operator: 'operator@rtc.demo', 'operator-support': 'matrix-op-support@example.com', 'operator-finance': 'matrix-op-finance@example.com' } as const satisfies Record<OperatorCaller, string>;
/** Each company's admin as a service context, to prepare fixtures through core's services. */
const adminCtx = {} as Record<CompanyKey, CompanyContext>;
/** One signed-in client per built-in role, reused by every request that leaves its session alone. */
const roleClients = {} as Record<BuiltinRoleKey, TestClient>;

/** The signed-in caller's user id (none for signed-out callers and keys). */
const callerUserId = (caller: Caller) => (caller.client.me as { user?: { id: number } }).user?.id;

let serial = 0;
let deletableKey: { id: number } | undefined;
const unique = (label: string) => `${label} ${++serial}`;

const fx = {
  async project(company: CompanyKey, opts: { disabled?: boolean; certificate?: boolean } = {}) {
    const ctx = adminCtx[company];
    const project = await createProject(ctx, { name: unique('Matrix project'), region: 'Non-CN', billingType: 'duration' });
    if (opts.disabled) await setProjectEnabled(ctx, project.id, false);
    if (opts.certificate) await enableCertificate(ctx, project.id);
    return project;
  },
  async invitation(company: CompanyKey, role: RoleRef = 'support') {
    const email = `matrix-${++serial}@example.com`;
    const { invitation, token } = await inviteMember(adminCtx[company], { email, role });
    return { id: invitation.id, email, token };
  },
  /** A new account that is a member of this company only. */
  async member(company: CompanyKey, role: RoleRef = 'support') {
    const { email, token } = await fx.invitation(company, role);
    const { userId } = await acceptInvitation(t.core, token, { name: 'Matrix Member', password: MEMBER_PASSWORD });
    return { userId, email, password: MEMBER_PASSWORD };
  },
  /** A fresh company of a reseller, the demo one by default (for reseller routes that freeze, remove or visit one). */
  async resellerCompany(resellerId = resellers.demo) {
    const email = `matrix-co-${++serial}@example.com`;
    const company = await createCompany(
      t.core,
      { name: unique('Matrix Co'), email, firstName: 'Matrix', lastName: 'Co', country: 'US', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 1, interest: 1, environment: 1 },
      { resellerId, actor: { userId: null, label: 'matrix' }, initialPassword: MEMBER_PASSWORD },
    );
    return company.id;
  },
  /** A fresh reseller with nobody's work in it (for operator routes that edit or suspend one). */
  async reseller() {
    return (await createReseller(t.core, unique('Matrix reseller'))).id;
  },
  async resellerKey() {
    const staff = await findUserByEmail(t.core.db, 'reseller@rtc.demo');
    return createResellerApiKey(t.core.db, resellers.demo, staff!.id);
  },
  /** A new account with the operator's or reseller staff's standing, for requests that end the caller's sessions. */
  async outsider(who: OperatorCaller | 'reseller-staff', email = `matrix-${who}-${++serial}@example.com`) {
    const user = await createUser(t.core.db, { email, name: 'Matrix Outsider', password: MEMBER_PASSWORD });
    if (isOperatorCaller(who)) await t.core.db.update(users).set({ platformRole: OPERATOR_CALLERS[who] }).where(eq(users.id, user.id));
    else await addResellerMember(t.core.db, resellers.demo, user.id);
    return { email, password: MEMBER_PASSWORD };
  },
  /** A FAQ article written by the system (published unless asked for a draft), for the knowledge base's routes. */
  async kbArticle(published = true) {
    const actor = { userId: null, label: 'matrix' };
    const article = await createKbArticle(t.core, actor, { title: unique('Matrix echo article'), body: 'Echo **cancellation**.', category: 'Audio', tags: ['echo'], language: 'en', product: 'rtc' });
    if (published) await setKbArticleStatus(t.core, actor, article.id, 'published');
    return article.id;
  },
  /** A support-desk member of the operator staff (whose role is changed, or who is removed). */
  async operatorStaff() {
    const user = await createUser(t.core.db, { email: `matrix-op-${++serial}@example.com`, name: 'Matrix Staff', password: MEMBER_PASSWORD });
    await t.core.db.update(users).set({ platformRole: 'support' }).where(eq(users.id, user.id));
    return user.id;
  },
  async customRole(company: CompanyKey) {
    return createRole(adminCtx[company], { name: unique('Matrix role'), description: '', permissions: ['project.read'], projectIds: null });
  },
  /** Two-factor turned on for the caller's account (a throwaway one: its later sign-ins would ask a code); its recovery codes, or null signed out. */
  async twoFactor(caller: Caller) {
    const userId = callerUserId(caller);
    if (!userId) return null;
    const { secret } = await startTwoFactorSetup(t.core, await getUser(t.core.db, userId));
    return (await confirmTwoFactorSetup(t.core, userId, new TOTP({ secret: Secret.fromBase32(secret) }).generate(), {})).recoveryCodes;
  },
  /** A webhook endpoint of the company, registered as its admin through the plugin's service. */
  async webhook(company: CompanyKey) {
    const services = servicesOfPlugin(t.core, webhooksServerPlugin);
    const deps = { services, settings: { policy: { allowPrivate: false, allowLoopback: false } } };
    return (await createEndpoint(adminCtx[company], deps, { url: `https://hooks-${++serial}.example.com/in`, description: '', eventTypes: ['project.created'], enabled: true })).endpoint;
  },
  /** A finished (failed) delivery to a new endpoint of the company, ready to be sent again. */
  async webhookDelivery(company: CompanyKey) {
    const endpoint = await fx.webhook(company);
    const eventId = 9_000_000 + ++serial;
    const [row] = await t.core.db
      .insert(webhookDeliveries)
      .values({ companyId: companyIds[company], endpointId: endpoint.id, eventId, eventType: 'project.created', messageId: `msg_${eventId}_${endpoint.id}`, payload: '{}', status: 'failed', attempts: 14 })
      .returning({ id: webhookDeliveries.id });
    return row!.id;
  },
};

/**
 * A caller of a role: the shared client; a fresh session of the same demo account (the request
 * ends the session, or needs one not yet re-authenticated); or a throwaway member with the same
 * role (the request ends every other session of the account).
 */
async function callerFor(who: Who, session: SessionKind): Promise<Caller> {
  if (who === 'signed-out') return { client: t.anonymous(), password: '' };
  if (who === 'reseller-key') return { client: t.anonymous(), password: '', key: outsiders.resellerKey };
  if (who === 'ingest-key') return { client: t.anonymous(), password: '', key: outsiders.ingestKey };
  if (isOperatorCaller(who) || who === 'reseller-staff') {
    const email = isOperatorCaller(who) ? operatorEmails[who] : 'reseller@rtc.demo';
    const password = who === 'operator' || who === 'reseller-staff' ? DEMO_PASSWORD : MEMBER_PASSWORD;
    if (session === 'shared') return { client: isOperatorCaller(who) ? outsiders.operators[who] : outsiders.resellerStaff, password };
    if (session === 'fresh') return { client: await t.signIn(email, password), password };
    const account = await fx.outsider(who);
    return { client: await t.signIn(account.email, account.password), password: account.password };
  }
  if (session === 'shared') return { client: roleClients[who], password: DEMO_PASSWORD };
  if (session === 'fresh') return { client: await t.signIn(demoEmail(who)), password: DEMO_PASSWORD };
  const member = await fx.member('acme', who);
  return { client: await t.signIn(member.email, member.password), password: member.password };
}

beforeAll(async () => {
  const db = t.core.db;
  for (const row of await db.select({ id: companies.id, name: companies.name }).from(companies)) {
    if (row.name === DEMO.acme.input.name) companyIds.acme = row.id;
    if (row.name === DEMO.galaxy.input.name) companyIds.galaxy = row.id;
  }
  // Room for the projects and members every case adds; the limits themselves are tested elsewhere.
  await db.update(companies).set({ appLimit: 1000, memberLimit: 1000 }).where(inArray(companies.id, Object.values(companyIds)));
  for (const company of ['acme', 'galaxy'] as const) {
    const email = DEMO[company].input.email;
    const user = await findUserByEmail(db, email);
    const loaded = user && (await loadCompanyContext(t.core, { userId: user.id, companyId: companyIds[company], actor: { userId: user.id, label: email } }));
    if (!loaded) throw new Error(`${email} is not a member of ${DEMO[company].input.name}`);
    adminCtx[company] = loaded.ctx;
  }
  for (const role of BUILTIN_ROLE_KEYS) roleClients[role] = await t.signIn(demoEmail(role));

  const staff = await findUserByEmail(db, 'reseller@rtc.demo');
  resellers.demo = (await resellerOfUser(db, staff!.id))!.id;
  resellers.other = (await createReseller(t.core, 'Matrix Other Reseller')).id;
  resellers.otherCompany = await fx.resellerCompany(resellers.other);
  const resellerKey = await fx.resellerKey();
  const ingestKey = await createIngestKey(db, 'Matrix media edge');
  for (const who of ['operator-support', 'operator-finance'] as const) await fx.outsider(who, operatorEmails[who]);
  outsiders = {
    operators: {
      operator: await t.signIn(operatorEmails.operator),
      'operator-support': await t.signIn(operatorEmails['operator-support'], MEMBER_PASSWORD),
      'operator-finance': await t.signIn(operatorEmails['operator-finance'], MEMBER_PASSWORD),
    },
    resellerStaff: await t.signIn('reseller@rtc.demo'),
    resellerKey: { accessKeyId: resellerKey.accessKeyId, secret: resellerKey.secret },
    ingestKey: { accessKeyId: ingestKey.accessKeyId, secret: ingestKey.secret },
  };
});

// ---------------------------------------------------------------------------------------------
// Samples: one per route

type SessionKind = 'shared' | 'fresh' | 'throwaway';

interface SampleEnv {
  /** Whose fixtures to prepare: the caller's company, or the other one (cross-company checks). */
  company: CompanyKey;
  caller: Caller;
}

/** What one request sends: values for the path's parameters, a query string, a body. */
interface Prepared {
  params?: Record<string, string | number>;
  query?: string;
  body?: unknown;
}

interface Sample {
  /** The status of a permitted request (2xx). */
  ok: number;
  /** Which session a role calls with (default `shared`); `reauth` routes get a fresh one, or a throwaway one when asked. */
  session?: SessionKind;
  prepare?: (env: SampleEnv) => Promise<Prepared> | Prepared;
  /** What a signed-in caller who is no company member (operator, reseller staff) gets instead of `ok`, when the route's own rules differ for them. */
  notMember?: Expected;
}

const projectParam = async (company: CompanyKey, opts?: { disabled?: boolean; certificate?: boolean }) => ({
  params: { id: (await fx.project(company, opts)).id },
});
const memberParam = async (company: CompanyKey) => ({ params: { userId: (await fx.member(company)).userId } });
const webhookParam = async (company: CompanyKey) => ({ params: { id: (await fx.webhook(company)).id } });

/** Opens sign-up and gives a new sign-up form's fields. */
async function signUpSample() {
  await updatePlatformSettings(t.core.db, { signUpMode: 'open' });
  const n = ++serial;
  return { name: 'Matrix Signer', email: `matrix-sign-up-${n}@example.com`, password: 'matrix-sign-up-pass-4', companyName: `Matrix Co ${n}`, country: 'DE', area: 'Non-CN' as const, acceptTerms: true as const };
}

const samples: Record<string, Sample> = {
  // /api/auth
  'POST /api/auth/sign-in': { ok: 200, prepare: () => ({ body: { email: demoEmail('support'), password: DEMO_PASSWORD } }) },
  'POST /api/auth/sign-out': { ok: 204, session: 'fresh' },
  'GET /api/auth/me': { ok: 200 },
  // The operator and reseller staff are members of no company: the company asked for is not found for them.
  'POST /api/auth/switch-company': { ok: 200, notMember: { status: 404, code: 'NOT_FOUND' }, prepare: ({ company }) => ({ body: { companyId: companyIds[company] } }) },
  'POST /api/auth/reauth': { ok: 204, session: 'fresh', prepare: ({ caller }) => ({ body: { password: caller.password } }) },
  'POST /api/auth/forgot-password': { ok: 202, prepare: async ({ company }) => ({ body: { email: (await fx.member(company)).email } }) },
  'POST /api/auth/reset-password': {
    ok: 204,
    async prepare({ company }) {
      const { email } = await fx.member(company);
      await requestPasswordReset(t.core, email);
      return { body: { token: await linkToken(t, email, 'password-reset'), password: 'matrix-reset-pass-2' } };
    },
  },

  // /api/invitations (the invitee's side)
  'GET /api/invitations/:token': { ok: 200, prepare: async ({ company }) => ({ params: { token: (await fx.invitation(company)).token } }) },
  'POST /api/invitations/:token/accept': {
    ok: 201,
    prepare: async ({ company }) => ({ params: { token: (await fx.invitation(company)).token }, body: { name: 'Matrix Invitee', password: MEMBER_PASSWORD } }),
  },

  // /api/sign-up (direct customers' self sign-up; opened for the sample)
  'GET /api/sign-up/status': { ok: 200 },
  'POST /api/sign-up': { ok: 202, prepare: async () => ({ body: await signUpSample() }) },
  'POST /api/sign-up/verify': {
    ok: 201,
    async prepare() {
      const body = await signUpSample();
      await requestSignUp(t.core, { ...body, acceptTerms: true, locale: 'en' });
      return { body: { token: await linkToken(t, body.email, 'sign-up') } };
    },
  },

  // /api/profile
  'POST /api/auth/two-factor': {
    ok: 200,
    session: 'throwaway',
    // The caller's account gets two-factor and its session is put back at the second step; a recovery code finishes it.
    async prepare({ caller }) {
      const codes = await fx.twoFactor(caller);
      if (codes) await t.core.db.update(sessions).set({ pending: 'twoFactor' }).where(eq(sessions.userId, callerUserId(caller)!));
      return { body: { code: codes?.[0] ?? 'aaaaa-bbbbb' } };
    },
  },
  'GET /api/profile': { ok: 200 },
  'PATCH /api/profile': { ok: 200, prepare: () => ({ body: { locale: 'en' } }) },
  'POST /api/profile/password': {
    ok: 200,
    session: 'throwaway',
    prepare: ({ caller }) => ({ body: { currentPassword: caller.password, newPassword: 'matrix-changed-pass-3' } }),
  },

  // /api/profile/two-factor: set-up leaves an unconfirmed secret (the demo accounts keep signing in without a code);
  // what turns it on, or needs it on, uses a throwaway account.
  'GET /api/profile/two-factor': { ok: 200 },
  'POST /api/profile/two-factor/setup': { ok: 200 },
  'POST /api/profile/two-factor/confirm': {
    ok: 200,
    session: 'throwaway',
    async prepare({ caller }) {
      const userId = callerUserId(caller);
      if (!userId) return { body: { code: '123456' } };
      const { secret } = await startTwoFactorSetup(t.core, await getUser(t.core.db, userId));
      return { body: { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() } };
    },
  },
  'POST /api/profile/two-factor/recovery-codes': { ok: 200, session: 'throwaway', prepare: async ({ caller }) => (await fx.twoFactor(caller), {}) },
  'DELETE /api/profile/two-factor': { ok: 204, session: 'throwaway', prepare: async ({ caller }) => (await fx.twoFactor(caller), { body: { password: caller.password || 'x' } }) },

  // /api/profile/sessions
  'GET /api/profile/sessions': { ok: 200 },
  'POST /api/profile/sessions/revoke-others': { ok: 200, session: 'throwaway' },
  'POST /api/profile/sessions/sign-out-everywhere': { ok: 204, session: 'throwaway' },
  'DELETE /api/profile/sessions/:id': {
    ok: 204,
    // Another session of the caller's own account.
    async prepare({ caller }) {
      const userId = callerUserId(caller);
      if (!userId) return { params: { id: 'f'.repeat(64) } };
      const { session } = await createSession(t.core.db, { userId, companyId: null, policy: DEFAULT_SESSION_POLICY });
      return { params: { id: session.id } };
    },
  },

  // /api/profile/remembered-browsers: a remembered browser of the caller's own account to forget
  'GET /api/profile/remembered-browsers': { ok: 200 },
  'DELETE /api/profile/remembered-browsers': { ok: 204 },
  'DELETE /api/profile/remembered-browsers/:id': {
    ok: 204,
    async prepare({ caller }) {
      const userId = callerUserId(caller);
      if (!userId) return { params: { id: '999999' } };
      const { token } = await rememberDevice(t.core.db, userId, 'matrix');
      const [row] = await t.core.db.select({ id: rememberedDevices.id }).from(rememberedDevices).where(eq(rememberedDevices.tokenHash, sha256Hex(token)));
      return { params: { id: String(row!.id) } };
    },
  },

  // /api/company
  'GET /api/company': { ok: 200 },
  'GET /api/company/two-factor': { ok: 200 },
  // Switched off again: the demo accounts must keep signing in without setting two-factor up.
  'PUT /api/company/two-factor': { ok: 200, prepare: () => ({ body: { requireTwoFactor: false } }) },

  // /api/members
  'GET /api/members': { ok: 200 },
  'GET /api/members/invitations': { ok: 200 },
  'POST /api/members/invitations': { ok: 201, prepare: () => ({ body: { email: `matrix-${++serial}@example.com`, role: 'support' } }) },
  'DELETE /api/members/invitations/:id': { ok: 204, prepare: async ({ company }) => ({ params: { id: (await fx.invitation(company)).id } }) },
  'PATCH /api/members/:userId': { ok: 200, prepare: async ({ company }) => ({ ...(await memberParam(company)), body: { role: 'ops' } }) },
  'POST /api/members/:userId/reset-password': { ok: 202, prepare: ({ company }) => memberParam(company) },
  'DELETE /api/members/:userId': { ok: 204, prepare: ({ company }) => memberParam(company) },

  // /api/roles
  'GET /api/roles/catalogue': { ok: 200 },
  'GET /api/roles': { ok: 200 },
  'POST /api/roles': { ok: 201, prepare: () => ({ body: { name: unique('Matrix role'), permissions: ['project.read'] } }) },
  'PUT /api/roles/:id': {
    ok: 200,
    prepare: async ({ company }) => ({
      params: { id: (await fx.customRole(company)).id },
      body: { name: unique('Matrix role'), permissions: ['project.read', 'member.read'] },
    }),
  },
  'DELETE /api/roles/:id': { ok: 204, prepare: async ({ company }) => ({ params: { id: (await fx.customRole(company)).id } }) },

  // /api/projects
  'GET /api/projects': { ok: 200 },
  'POST /api/projects': { ok: 201, prepare: () => ({ body: { name: unique('Matrix project'), region: 'Non-CN' } }) },
  'GET /api/projects/:id': { ok: 200, prepare: ({ company }) => projectParam(company) },
  'PATCH /api/projects/:id': { ok: 200, prepare: async ({ company }) => ({ ...(await projectParam(company)), body: { name: unique('Renamed project') } }) },
  'POST /api/projects/:id/enable': { ok: 200, prepare: ({ company }) => projectParam(company, { disabled: true }) },
  'POST /api/projects/:id/disable': { ok: 200, prepare: ({ company }) => projectParam(company) },
  'DELETE /api/projects/:id': {
    ok: 200,
    async prepare({ company }) {
      const project = await fx.project(company);
      return { params: { id: project.id }, body: { confirmName: project.name } };
    },
  },
  'GET /api/projects/:id/products': { ok: 200, prepare: ({ company }) => projectParam(company) },
  'POST /api/projects/:id/products': { ok: 201, prepare: async ({ company }) => ({ ...(await projectParam(company)), body: { typeId: 7, region: 1 } }) },
  'DELETE /api/projects/:id/products/:typeId': {
    ok: 200,
    async prepare({ company }) {
      const project = await fx.project(company);
      await enableProjectProduct(adminCtx[company], project.id, { typeId: 1, region: 2 });
      return { params: { id: project.id, typeId: 1 } };
    },
  },
  'POST /api/projects/:id/certificate': { ok: 201, prepare: ({ company }) => projectParam(company) },
  'POST /api/projects/:id/certificate/reveal': { ok: 200, prepare: ({ company }) => projectParam(company, { certificate: true }) },
  'POST /api/projects/:id/certificate/rotate': { ok: 200, prepare: ({ company }) => projectParam(company, { certificate: true }) },

  // /api/audit
  'GET /api/audit': { ok: 200 },

  // /api/plugin-settings (admins: settings.manage)
  'GET /api/plugin-settings': { ok: 200 },
  'GET /api/plugin-settings/:plugin': { ok: 200, prepare: () => ({ params: { plugin: 'settings-probe' } }) },
  'PUT /api/plugin-settings/:plugin': { ok: 200, prepare: () => ({ params: { plugin: 'settings-probe' }, body: { values: { retentionDays: 30, region: 'global' }, secrets: { accessKey: unique('matrix-access') } } }) },

  // /api/operator (the platform operator only: members get 403)
  'GET /api/operator/plugins': { ok: 200 },
  'GET /api/operator/companies': { ok: 200 },
  'PUT /api/operator/companies/:id/plugins/:pluginId': { ok: 200, prepare: ({ company }) => ({ params: { id: companyIds[company], pluginId: 'usage' }, body: { enabled: true } }) },
  'GET /api/operator/jobs': { ok: 200 },
  'GET /api/operator/overview': { ok: 200 },
  'GET /api/operator/figures': { ok: 200, prepare: ({ company }) => ({ query: `companies=${companyIds[company]}` }) },
  'POST /api/operator/jobs/:queue/:id/retry': {
    ok: 200,
    async prepare() {
      // A job of core's that failed: sent (no worker runs here), then marked as failed for good.
      const id = (await t.core.jobs.send('core.purge-mail', {}))!;
      await markJobFailed(t.db, id);
      return { params: { queue: 'core.purge-mail', id } };
    },
  },
  'GET /api/operator/ingest-keys': { ok: 200 },
  'POST /api/operator/ingest-keys': { ok: 201, prepare: () => ({ body: { name: unique('Matrix key') } }) },
  'DELETE /api/operator/ingest-keys/:id': { ok: 204, prepare: async () => ({ params: { id: (await createIngestKey(t.core.db, unique('Matrix key'))).id } }) },
  // the operator's staff (a fresh support-desk member for each change) and the platform settings
  'GET /api/operator/staff': { ok: 200 },
  'GET /api/operator/staff/roles': { ok: 200 },
  'POST /api/operator/staff': { ok: 201, prepare: () => ({ body: { email: `matrix-staff-${++serial}@example.com`, role: 'support' } }) },
  'PATCH /api/operator/staff/:id': { ok: 200, prepare: async () => ({ params: { id: await fx.operatorStaff() }, body: { role: 'finance' } }) },
  'DELETE /api/operator/staff/:id': { ok: 204, prepare: async () => ({ params: { id: await fx.operatorStaff() } }) },
  'GET /api/operator/settings': { ok: 200 },
  'PATCH /api/operator/settings': { ok: 200, prepare: () => ({ body: { defaultMemberLimit: 10 + (++serial % 50) } }) },
  'POST /api/operator/settings/test-mail': { ok: 200, prepare: () => ({ body: { to: `matrix-mail-${++serial}@example.com` } }) },
  // the knowledge base: the operator's side (admins and the support desk write), the members' (every signed-in user reads published articles)
  'GET /api/operator/kb/articles': { ok: 200, prepare: () => ({ query: 'sort=deflection&limit=5' }) },
  'GET /api/operator/kb/search': { ok: 200, prepare: () => ({ query: 'q=echo' }) },
  'GET /api/operator/kb/articles/:id': { ok: 200, prepare: async () => ({ params: { id: await fx.kbArticle(false) } }) },
  'POST /api/operator/kb/articles': { ok: 201, prepare: () => ({ body: { title: unique('Matrix article'), body: 'text', category: 'Audio', language: 'zh-CN', product: 'rtc' } }) },
  'PATCH /api/operator/kb/articles/:id': { ok: 200, prepare: async () => ({ params: { id: await fx.kbArticle() }, body: { tags: ['matrix'] } }) },
  'POST /api/operator/kb/articles/:id/publish': { ok: 200, prepare: async () => ({ params: { id: await fx.kbArticle(false) } }) },
  'POST /api/operator/kb/articles/:id/unpublish': { ok: 200, prepare: async () => ({ params: { id: await fx.kbArticle() } }) },
  'DELETE /api/operator/kb/articles/:id': { ok: 204, prepare: async () => ({ params: { id: await fx.kbArticle() } }) },
  'GET /api/kb/search': { ok: 200, prepare: () => ({ query: `q=${encodeURIComponent('回声 echo')}&lang=zh-CN` }) },
  'GET /api/kb/articles/:id': { ok: 200, prepare: async () => ({ params: { id: await fx.kbArticle() } }) },
  'POST /api/kb/articles/:id/helpful': { ok: 200, prepare: async () => ({ params: { id: await fx.kbArticle() } }) },
  // the platform audit log (operator admins only)
  'GET /api/operator/audit': { ok: 200, prepare: () => ({ query: 'action=operator.&limit=5' }) },
  // the operator's resellers and companies (a fresh reseller or company for each change: the demo ones stay as they are)
  'GET /api/operator/resellers': { ok: 200 },
  'POST /api/operator/resellers': { ok: 201, prepare: () => ({ body: { name: unique('Matrix reseller'), staff: { email: `matrix-staff-${++serial}@example.com` } } }) },
  'GET /api/operator/resellers/:id': { ok: 200, prepare: () => ({ params: { id: resellers.demo } }) },
  'PATCH /api/operator/resellers/:id': { ok: 200, prepare: async () => ({ params: { id: await fx.reseller() }, body: { contactName: 'Matrix Contact' } }) },
  'POST /api/operator/resellers/:id/suspend': { ok: 200, prepare: async () => ({ params: { id: await fx.reseller() } }) },
  'POST /api/operator/resellers/:id/unsuspend': { ok: 200, prepare: async () => ({ params: { id: await fx.reseller() } }) },
  'GET /api/operator/resellers/:id/staff': { ok: 200, prepare: () => ({ params: { id: resellers.demo } }) },
  'POST /api/operator/resellers/:id/staff': { ok: 201, prepare: async () => ({ params: { id: await fx.reseller() }, body: { email: `matrix-staff-${++serial}@example.com` } }) },
  'DELETE /api/operator/resellers/:id/staff/:userId': {
    ok: 204,
    async prepare() {
      const id = await fx.reseller();
      const user = await createUser(t.core.db, { email: `matrix-staff-${++serial}@example.com`, name: 'Matrix Staff', password: MEMBER_PASSWORD });
      await addResellerMember(t.core.db, id, user.id);
      return { params: { id, userId: user.id } };
    },
  },
  'POST /api/operator/companies': {
    ok: 201,
    prepare: () => ({ body: { name: unique('Direct'), email: `matrix-direct-${++serial}@example.com`, firstName: 'Matrix', lastName: 'Direct', country: 'US', area: 'Non-CN' } }),
  },
  'GET /api/operator/companies/:id': { ok: 200, prepare: ({ company }) => ({ params: { id: companyIds[company] } }) },
  'PATCH /api/operator/companies/:id': { ok: 200, prepare: async () => ({ params: { id: await fx.resellerCompany() }, body: { appLimit: 5 } }) },
  'POST /api/operator/companies/:id/freeze': { ok: 200, prepare: async () => ({ params: { id: await fx.resellerCompany() }, body: { reason: FREEZE_REASONS[0] } }) },
  'POST /api/operator/companies/:id/unfreeze': { ok: 200, prepare: async () => ({ params: { id: await fx.resellerCompany() } }) },
  'POST /api/operator/companies/:id/move': { ok: 200, prepare: async () => ({ params: { id: await fx.resellerCompany() }, body: { resellerId: null } }) },
  'POST /api/operator/companies/:id/visit': { ok: 201, session: 'fresh', prepare: async () => ({ params: { id: await fx.resellerCompany() } }) },
  'POST /api/operator/visit/end': { ok: 204, session: 'fresh' },

  // the usage plugin: the company's usage (ops and admin), exports (admin), the reseller's and operator's pages
  'GET /api/usage/daily': { ok: 200, prepare: () => ({ query: 'from=2026-01-01&to=2026-01-31' }) },
  'GET /api/usage/export': { ok: 200, prepare: () => ({ query: 'from=2026-01-01&to=2026-01-31&format=csv' }) },
  'GET /api/usage/reseller/chart': { ok: 200, prepare: () => ({ query: 'from=2026-01-01&to=2026-01-31&interval=daily&tab=rtc' }) },
  'GET /api/usage/reseller/download': { ok: 200, prepare: () => ({ query: 'from=2026-01-01&to=2026-01-31&interval=monthly' }) },
  'GET /api/usage/prices': { ok: 200 },
  'PUT /api/usage/prices': { ok: 200, prepare: () => ({ body: { prices: [] } }) },
  // the media edge's ingest (signed, never a session)
  'POST /ingest/usage/records': {
    ok: 200,
    prepare: async () => ({ body: { records: [callRecord((await fx.project('acme')).appId)] } }),
  },
  'GET /ingest/usage/apps': { ok: 200 },
  // the webhooks plugin (admins, and custom roles given webhooks.read / webhooks.manage)
  'GET /api/webhooks/event-types': { ok: 200 },
  'GET /api/webhooks/endpoints': { ok: 200 },
  'POST /api/webhooks/endpoints': { ok: 201, prepare: () => ({ body: { url: `https://hooks-${++serial}.example.com/in`, eventTypes: ['project.created'] } }) },
  'GET /api/webhooks/endpoints/:id': { ok: 200, prepare: ({ company }) => webhookParam(company) },
  'PATCH /api/webhooks/endpoints/:id': { ok: 200, prepare: async ({ company }) => ({ ...(await webhookParam(company)), body: { description: unique('Matrix hook') } }) },
  'DELETE /api/webhooks/endpoints/:id': { ok: 204, prepare: ({ company }) => webhookParam(company) },
  'POST /api/webhooks/endpoints/:id/rotate-secret': { ok: 200, prepare: ({ company }) => webhookParam(company) },
  'POST /api/webhooks/endpoints/:id/test': { ok: 202, prepare: ({ company }) => webhookParam(company) },
  'GET /api/webhooks/endpoints/:id/deliveries': { ok: 200, prepare: ({ company }) => webhookParam(company) },
  'POST /api/webhooks/deliveries/:id/resend': { ok: 202, prepare: async ({ company }) => ({ params: { id: await fx.webhookDelivery(company) } }) },
  // the reseller console (reseller staff only: members get 403 before any of these run)
  'GET /api/reseller/api-keys': { ok: 200 },
  'POST /api/reseller/api-keys': { ok: 201 },
  // Refused callers never reach the handler, so one key serves every case; the reseller's staff deletes it.
  'DELETE /api/reseller/api-keys/:id': { ok: 204, prepare: async () => ({ params: { id: (deletableKey ??= await fx.resellerKey()).id } }) },
  'GET /api/reseller/companies': { ok: 200 },
  'GET /api/reseller/overview': { ok: 200 },
  'GET /api/reseller/figures': { ok: 200, prepare: ({ company }) => ({ query: `companies=${companyIds[company]}` }) },
  'POST /api/reseller/companies': {
    ok: 201,
    prepare: () => ({ body: { name: unique('Matrix Co'), email: `matrix-${++serial}@example.com`, firstName: 'A', lastName: 'B', country: 'US', area: 'Non-CN', sendPasswordResetEmail: false } }),
  },
  'GET /api/reseller/companies/:id': { ok: 200, prepare: ({ company }) => ({ params: { id: companyIds[company] } }) },
  // Fresh companies of the reseller: freezing, removing and visiting one changes it for good.
  'POST /api/reseller/companies/:id/freeze': { ok: 200, prepare: async () => ({ params: { id: await fx.resellerCompany() }, body: { reason: FREEZE_REASONS[0] } }) },
  'POST /api/reseller/companies/:id/unfreeze': { ok: 200, prepare: async () => ({ params: { id: await fx.resellerCompany() } }) },
  'POST /api/reseller/companies/:id/remove': { ok: 204, prepare: async () => ({ params: { id: await fx.resellerCompany() } }) },
  // A visit moves the session into the company: a session of its own.
  'POST /api/reseller/companies/:id/visit': { ok: 201, session: 'fresh', prepare: async () => ({ params: { id: await fx.resellerCompany() } }) },
  'POST /api/reseller/visit/end': { ok: 204 },
  // the reseller REST API (signed with a reseller API key, never a session)
  'POST /v1/resellers/companies': { ok: 201, prepare: () => ({ body: { name: 'Matrix Co', email: `matrix-${++serial}@example.com`, firstName: 'A', lastName: 'B', country: 'US', area: 'Non-CN' } }) },
  'GET /v1/resellers/companies': { ok: 200 },
  'POST /v1/resellers/companies/:companyId/projects': { ok: 201, prepare: ({ company }) => ({ params: { companyId: companyIds[company] }, body: { name: unique('Matrix project') } }) },
  'GET /v1/resellers/companies/:companyId/projects': { ok: 200, prepare: ({ company }) => ({ params: { companyId: companyIds[company] } }) },
  'POST /v1/resellers/companies/:companyId/projects/:projectId/uap': {
    ok: 201,
    prepare: async ({ company }) => ({ params: { companyId: companyIds[company], projectId: (await fx.project(company)).id }, body: { typeId: 1, region: 1 } }),
  },
  'GET /v1/resellers/companies/daily-bills': { ok: 200, prepare: () => ({ query: 'period=20260101' }) },
  'GET /v1/resellers/companies/:companyId/usage': {
    ok: 200,
    prepare: ({ company }) => ({ params: { companyId: companyIds[company] }, query: 'model=duration&business=default&fromTs=1767225600&endTs=1767311999&interval=daily' }),
  },
  'GET /v1/resellers/companies/:companyId/projects/:projectId/usage': {
    ok: 200,
    prepare: async ({ company }) => ({
      params: { companyId: companyIds[company], projectId: (await fx.project(company)).id },
      query: 'model=duration&business=default&fromTs=1767225600&endTs=1767311999&interval=daily',
    }),
  },

  // /api/dev/mailbox (mounted in tests: no SMTP)
  'GET /api/dev/mailbox': { ok: 200 },
};

/** `reauth` routes need a session not yet re-authenticated: a fresh one, or a throwaway account's when the sample asks (two-factor set-up). */
function sessionKindOf(route: Route, sample: Sample): SessionKind {
  if (route.def.reauth) return sample.session === 'throwaway' ? 'throwaway' : 'fresh';
  return sample.session ?? 'shared';
}

function sampleFor(route: Route): Sample {
  const sample = samples[route.key];
  if (!sample) throw new Error(`No sample for route "${route.key}": add one to \`samples\` in permission-matrix.test.ts`);
  return sample;
}

// ---------------------------------------------------------------------------------------------
// Requests and checks

function urlFor(route: Route, prepared: Prepared): string {
  const url = route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = prepared.params?.[name];
    if (value === undefined) throw new Error(`The sample of "${route.key}" gives no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  return prepared.query ? `${url}?${prepared.query}` : url;
}

async function send(caller: Caller, route: Route, prepared: Prepared): Promise<request.Response> {
  const req = caller.client.request(route.method, urlFor(route, prepared), prepared.body);
  return caller.key ? req.set(await sign(caller.key)) : req;
}

/** Status and error code side by side, so a failure shows what came back. */
function outcome(res: request.Response): Expected {
  const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
  return code === undefined ? { status: res.status } : { status: res.status, code };
}

function expectOutcome(res: request.Response, expected: Expected): void {
  if (expected.code) expect(outcome(res)).toEqual(expected);
  else expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBe(expected.status);
}

/**
 * Every row of every table (the list read from pg_tables, so a new table is covered without
 * asking), as one digest per table: a refused request must leave all of it alone. Left out is
 * what authenticating the caller records before any route decides: a session's `last_seen_at`,
 * a key's `last_used_at`, and the replay store's note of a valid signature's request id.
 */
const AUTHENTICATION_BOOKKEEPING: Record<string, string> = { sessions: 'last_seen_at', reseller_api_keys: 'last_used_at', ingest_keys: 'last_used_at' };
async function dbState(): Promise<Record<string, string>> {
  const db = t.core.db;
  const tables = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'signature_replays' order by tablename`)).map((r) => r.name);
  const state: Record<string, string> = {};
  for (const table of tables) {
    const skip = AUTHENTICATION_BOOKKEEPING[table];
    const row = skip ? sql`(to_jsonb(x) - ${skip}::text)::text` : sql`to_jsonb(x)::text`;
    const [digest] = rowsOf<{ d: string }>(await db.execute(sql`select md5(coalesce(string_agg(${row}, ',' order by ${row}), '')) as d from ${sql.identifier(table)} x`));
    state[table] = digest!.d;
  }
  return state;
}

/** Sends a request that must be refused, and checks that the refusal changed nothing. */
async function expectRefused(caller: Caller, route: Route, prepared: Prepared, expected: Expected): Promise<void> {
  const before = await dbState();
  expectOutcome(await send(caller, route, prepared), expected);
  expectUnchanged(before, await dbState());
}

/** The tables whose rows differ, so a failure names them. */
function expectUnchanged(before: Record<string, string>, after: Record<string, string>): void {
  const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
  expect(changed, 'tables a refused request changed').toEqual([]);
}

async function reauthenticate(caller: Caller): Promise<void> {
  const res = await caller.client.post('/api/auth/reauth', { password: caller.password });
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

/** `test.each` rows led by the test's full name (`%s` prints it whole; `$name` would cut it short). */
function named<C extends { name: string }>(cases: C[]): [string, C][] {
  return cases.map((c) => [c.name, c]);
}

function statusLabel(route: Route, expected: Expected): string {
  return expected.status < 300 && route.def.reauth ? `${expected.status} after 403 REAUTH_REQUIRED and reauth` : String(expected.status);
}

// ---------------------------------------------------------------------------------------------
// The tables are complete

test('every route in routeTables has a sample, and every sample names a route', () => {
  const keys = ROUTES.map((r) => r.key);
  expect(new Set(keys).size, 'route keys must be unique').toBe(keys.length);
  expect(keys.filter((k) => !samples[k]), 'routes without a sample').toEqual([]);
  expect(Object.keys(samples).filter((k) => !keys.includes(k)), 'samples of routes that no longer exist').toEqual([]);
  const notSuccess = Object.entries(samples).filter(([, s]) => s.ok < 200 || s.ok > 299).map(([key]) => key);
  expect(notSuccess, 'a sample\'s `ok` must be a 2xx status').toEqual([]);
});

test('the demo accounts hold the built-in roles the matrix assumes', () => {
  for (const role of BUILTIN_ROLE_KEYS) {
    const me = roleClients[role].me as { companyId: number; companies: { id: number; role: { builtin: string | null } }[] };
    expect(me.companyId).toBe(companyIds.acme);
    expect(me.companies.find((c) => c.id === companyIds.acme)?.role.builtin, demoEmail(role)).toBe(role);
  }
});

// ---------------------------------------------------------------------------------------------
// 1–2. Every non-public route × signed out and each built-in role

interface MatrixCase {
  name: string;
  route: Route;
  who: Who;
  expected: Expected;
}

function matrixCases(routes: Route[]): MatrixCase[] {
  return routes
    .filter((route) => route.def.access.auth !== 'public')
    .flatMap((route) =>
      CLIENTS.map((who) => {
        // A route without a sample still gets its cases; they fail in `sampleFor`.
        const sample = samples[route.key];
        const expected = sample ? expectedFor(route, who, sample) : { status: 0 };
        return { name: `${route.key} as ${who} → ${sample ? statusLabel(route, expected) : 'NO SAMPLE'}`, route, who, expected };
      }),
    );
}

async function runMatrixCase({ route, who, expected }: MatrixCase): Promise<void> {
  const sample = sampleFor(route);
  const caller = await callerFor(who, sessionKindOf(route, sample));
  const prepared = (await sample.prepare?.({ company: 'acme', caller })) ?? {};

  if (expected.status >= 300) return expectRefused(caller, route, prepared, expected);

  if (route.def.reauth) {
    await expectRefused(caller, route, prepared, { status: 403, code: 'REAUTH_REQUIRED' });
    await reauthenticate(caller);
  }
  expectOutcome(await send(caller, route, prepared), expected);
}

describe.each(TABLES.filter((table) => matrixCases(table.routes).length > 0).map((table) => [table.prefix, table.routes] as const))('%s', (_prefix, routes) => {
  test.each(named(matrixCases(routes)))('%s', (_name, c) => runMatrixCase(c));
});

describe('public routes', () => {
  const cases = ROUTES.filter((r) => r.def.access.auth === 'public').map((route) => ({
    name: `${route.key} as signed-out → ${samples[route.key]?.ok ?? 'a sample'}`,
    route,
  }));
  test.each(named(cases))('%s', async (_name, { route }) => {
    const sample = sampleFor(route);
    const caller: Caller = { client: t.anonymous(), password: '' };
    const prepared = (await sample.prepare?.({ company: 'acme', caller })) ?? {};
    expectOutcome(await send(caller, route, prepared), { status: sample.ok });
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Ids of the other company in a path: 404, and the other company is untouched

/** Path parameters that carry an id (`:id`, `:userId`), as opposed to tokens. */
const idParams = (route: Route) => [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((name) => name === 'id' || name.endsWith('Id'));

describe(`ids of ${DEMO.galaxy.input.name} used by the admin of ${DEMO.acme.input.name}`, () => {
  // Company routes act in one company; operator and reseller routes span companies by design.
  const foreignRoutes = ROUTES.filter((route) => idParams(route).length > 0 && route.def.access.auth === 'company');

  test('every route with an id in its path is covered', () => {
    expect(foreignRoutes.length).toBeGreaterThan(0);
    for (const route of foreignRoutes) expect(route.def.access.auth, route.key).not.toBe('public');
  });

  // Acme's admin is also an engineer of 星河直播 (the company switcher demo): acting in Acme, that must not matter.
  let admin: Caller;
  beforeAll(async () => {
    admin = { client: await t.signIn(DEMO.acme.input.email), password: DEMO_PASSWORD };
  });

  const foreignCases = foreignRoutes.map((route) => ({ name: `${route.key} with a ${DEMO.galaxy.input.name} id → 404`, route }));
  test.each(named(foreignCases))('%s', async (_name, { route }) => {
    const sample = sampleFor(route);
    if (route.def.reauth) await reauthenticate(admin);
    const prepared = (await sample.prepare?.({ company: 'galaxy', caller: admin })) ?? {};
    await expectRefused(admin, route, prepared, { status: 404, code: 'NOT_FOUND' });
  });

  test('the foreign project, member, role and invitation are still there, unchanged, for their own admin', async () => {
    const galaxyAdmin = await t.signIn(DEMO.galaxy.input.email);
    const project = await fx.project('galaxy');
    const member = await fx.member('galaxy');
    const role = await fx.customRole('galaxy');
    const invitation = await fx.invitation('galaxy');
    const acme = admin.client;
    expect((await acme.patch(`/api/projects/${project.id}`, { name: 'Hijacked' })).status).toBe(404);
    expect((await acme.post(`/api/projects/${project.id}/disable`)).status).toBe(404);
    expect((await acme.delete(`/api/projects/${project.id}`, { confirmName: project.name })).status).toBe(404);
    expect((await acme.patch(`/api/members/${member.userId}`, { role: 'admin' })).status).toBe(404);
    expect((await acme.delete(`/api/members/${member.userId}`)).status).toBe(404);
    expect((await acme.put(`/api/roles/${role.id}`, { name: 'Hijacked', permissions: ['audit.read'] })).status).toBe(404);
    expect((await acme.delete(`/api/roles/${role.id}`)).status).toBe(404);
    expect((await acme.delete(`/api/members/invitations/${invitation.id}`)).status).toBe(404);

    const seen = await galaxyAdmin.get(`/api/projects/${project.id}`);
    expect(seen.body).toMatchObject({ name: project.name, status: project.status, appId: project.appId });
    const members = await galaxyAdmin.get(`/api/members?q=${encodeURIComponent(member.email)}`);
    expect(members.body.rows).toEqual([expect.objectContaining({ userId: member.userId, role: expect.objectContaining({ builtin: 'support' }) })]);
    const roleList = await galaxyAdmin.get('/api/roles');
    expect(roleList.body.rows).toContainEqual(expect.objectContaining({ id: role.id, name: role.name, permissions: ['project.read'] }));
    const open = await galaxyAdmin.get('/api/members/invitations?limit=100');
    expect(open.body.rows).toContainEqual(expect.objectContaining({ id: invitation.id, email: invitation.email }));
  });

  test('ids of the other company in a query string are not found (a project\'s usage, its export)', async () => {
    const foreign = await fx.project('galaxy');
    const before = await dbState();
    const q = `from=2026-01-01&to=2026-01-31&projectId=${foreign.id}`;
    expect(outcome(await admin.client.get(`/api/usage/daily?${q}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(outcome(await admin.client.get(`/api/usage/export?${q}&format=csv`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expectUnchanged(before, await dbState());
  });

  test('ids of the other company in a body are refused too (role references, project limits, company switch)', async () => {
    const foreignRole = await fx.customRole('galaxy');
    const foreignProject = await fx.project('galaxy');
    const ownMember = await fx.member('acme');
    const ownRole = await fx.customRole('acme');
    const before = await dbState();
    const acme = admin.client;
    expect(outcome(await acme.post('/api/members/invitations', { email: `matrix-${++serial}@example.com`, role: foreignRole.id }))).toMatchObject({ status: 400 });
    expect(outcome(await acme.patch(`/api/members/${ownMember.userId}`, { role: foreignRole.id }))).toMatchObject({ status: 400 });
    expect(outcome(await acme.post('/api/roles', { name: unique('Matrix role'), permissions: ['project.read'], projectIds: [foreignProject.id] }))).toMatchObject({ status: 400 });
    expect(outcome(await acme.put(`/api/roles/${ownRole.id}`, { name: ownRole.name, permissions: ['project.read'], projectIds: [foreignProject.id] }))).toMatchObject({ status: 400 });
    // ops@acme is not a member of 星河直播.
    expect(outcome(await roleClients.ops.post('/api/auth/switch-company', { companyId: companyIds.galaxy }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expectUnchanged(before, await dbState());
  });
});

// ---------------------------------------------------------------------------------------------
// 3b. Companies of another reseller named by this reseller's staff and API key: 403, nothing changes

describe('companies of another reseller, named in the path or query of a reseller route', () => {
  const companyParam = (route: Route) => (route.def.access.auth === 'reseller' || route.def.access.auth === 'resellerApi' ? route.def.access.company : undefined);
  const scoped = ROUTES.filter((route) => companyParam(route));

  test('every reseller route that names a company in its path declares it, so the mounter checks it', () => {
    const naming = ROUTES.filter((r) => (r.def.access.auth === 'reseller' || r.def.access.auth === 'resellerApi') && /\/companies\/:\w+/.test(r.path));
    expect(naming.length).toBeGreaterThan(0);
    expect(naming.filter((r) => !companyParam(r)).map((r) => r.key)).toEqual([]);
    expect(scoped.map((r) => r.key)).toContain('GET /api/usage/reseller/chart');
  });

  const cases = scoped.flatMap((route) =>
    (['reseller-staff', 'reseller-key'] as const)
      .filter((who) => expectedFor(route, who, sampleFor(route)).status < 300)
      .map((who) => ({ name: `${route.key} as ${who} with another reseller's company → 403`, route, who })),
  );
  test.each(named(cases))('%s', async (_name, { route, who }) => {
    const sample = sampleFor(route);
    const caller = await callerFor(who, sessionKindOf(route, sample));
    if (route.def.reauth) await reauthenticate(caller);
    const prepared = (await sample.prepare?.({ company: 'acme', caller })) ?? {};
    const param = companyParam(route)!;
    const foreign: Prepared = route.path.includes(`:${param}`)
      ? { ...prepared, params: { ...prepared.params, [param]: resellers.otherCompany } }
      : { ...prepared, query: [prepared.query, `${param}=${resellers.otherCompany}`].filter(Boolean).join('&') };
    await expectRefused(caller, route, foreign, { status: 403, code: 'FORBIDDEN' });
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The custom role: "Project viewer" (project.read + member.read, limited to the first two projects)

describe(`custom role "${DEMO.acme.customRole.name}" (${VIEWER_EMAIL})`, () => {
  const held = DEMO.acme.customRole.permissions.map((key) => {
    const def = catalogue.get(key);
    if (!def) throw new Error(`unknown permission ${key}`);
    return def;
  });
  const visible = DEMO.acme.projects.slice(0, DEMO.acme.customRole.limitToFirstProjects).map((p) => p.name);

  let viewer: Caller;
  beforeAll(async () => {
    viewer = { client: await t.signIn(VIEWER_EMAIL), password: DEMO_PASSWORD };
  });

  const companyRoutes = ROUTES.filter((r) => r.def.access.auth === 'company');
  const denied = companyRoutes.filter((r) => r.def.access.auth === 'company' && r.def.access.can && !allows(held, r.def.access.can));

  test('every write and the audit log are outside the role', () => {
    const writes = companyRoutes.filter((r) => r.method !== 'get').map((r) => r.key);
    expect(writes.length).toBeGreaterThan(0);
    expect(denied.map((r) => r.key)).toEqual(expect.arrayContaining([...writes, 'GET /api/audit']));
  });

  test(`GET /api/projects as viewer → 200 with only its ${visible.length} projects`, async () => {
    const res = await viewer.client.get('/api/projects?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(visible.length);
    expect(res.body.rows).toHaveLength(visible.length);
    expect((res.body.rows as { name: string }[]).map((p) => p.name).sort()).toEqual([...visible].sort());
  });

  test('GET /api/projects/:id as viewer → 200 for a project of the role, 404 for another', async () => {
    const all = (await roleClients.admin.get('/api/projects?limit=100')).body.rows as { id: string; name: string }[];
    // Other cases add projects: look the role's own up by name.
    const named = (await roleClients.admin.get(`/api/projects?q=${encodeURIComponent(visible[0]!)}`)).body.rows as { id: string; name: string }[];
    const inside = named.find((p) => p.name === visible[0]);
    const outside = all.find((p) => !visible.includes(p.name));
    expect((await viewer.client.get(`/api/projects/${inside!.id}`)).status).toBe(200);
    expect(outcome(await viewer.client.get(`/api/projects/${outside!.id}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  test('GET /api/members as viewer → 200', async () => {
    const res = await viewer.client.get('/api/members');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.count).toBeGreaterThan(1);
  });

  test.each(named(denied.map((route) => ({ name: `${route.key} as viewer → 403`, route }))))('%s', async (_name, { route }) => {
    const sample = sampleFor(route);
    const prepared = (await sample.prepare?.({ company: 'acme', caller: viewer })) ?? {};
    await expectRefused(viewer, route, prepared, { status: 403, code: 'FORBIDDEN' });
  });
});
