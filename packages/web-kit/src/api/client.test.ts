import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ApiError } from './api-error';
import { ApiClient } from './client';

/** A request the client sent: method, path and the CSRF header it carried. */
interface Sent {
  method: string;
  path: string;
  csrf: string | null;
}

type Answer = { status: number; body?: unknown };

/**
 * A fake server: `routes` answers `METHOD /path` (a function may answer differently each time);
 * every request is recorded in `sent`.
 */
function fakeServer(routes: Record<string, Answer | ((req: Sent) => Answer)>) {
  const sent: Sent[] = [];
  const fetchFn = vi.fn(async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const req = { method: init?.method ?? 'GET', path: url.pathname, csrf: headers.get('x-csrf-token') };
    sent.push(req);
    const route = routes[`${req.method} ${req.path}`] ?? (req.path === '/api/auth/me' ? unauthenticated : undefined);
    const answer = typeof route === 'function' ? route(req) : (route ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } });
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchFn);
  return { sent, writes: () => sent.filter((r) => r.method !== 'GET') };
}

const session = (csrfToken: string) => ({ status: 200, body: { user: { id: 1 }, csrfToken } });
const unauthenticated = { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue' } } };
const csrfFailed = { status: 403, body: { error: { code: 'CSRF_FAILED', message: 'Missing or wrong CSRF token' } } };

/** A page load signed out: the app asks who is signed in (the router's first step) and hears "nobody". */
async function signedOutLoad(c: ApiClient) {
  await c.get('/api/auth/me').catch(() => undefined);
}

let client: ApiClient;
beforeEach(() => {
  client = new ApiClient(() => 'http://console.test');
});
afterEach(() => vi.unstubAllGlobals());

test('writes carry the token from the sign-in answer, and /me is not asked for it', async () => {
  const server = fakeServer({
    'POST /api/auth/sign-in': session('tok-1'),
    'POST /api/projects': { status: 201, body: { id: 'p1' } },
    'PATCH /api/projects/p1': { status: 200, body: { id: 'p1' } },
    'DELETE /api/projects/p1': { status: 204 },
  });
  await signedOutLoad(client);
  await client.post('/api/auth/sign-in', { email: 'a@b.c', password: 'x' });
  await client.post('/api/projects', { name: 'One' });
  await client.patch('/api/projects/p1', { name: 'Two' });
  await client.delete('/api/projects/p1');
  expect(server.writes().slice(1).map((r) => r.csrf)).toEqual(['tok-1', 'tok-1', 'tok-1']);
  // Only the page load's question: none for the writes.
  expect(server.sent.filter((r) => r.path === '/api/auth/me')).toHaveLength(1);
});

test('a newer session answer (company switch, password change) replaces the kept token', async () => {
  const server = fakeServer({
    'GET /api/auth/me': session('tok-1'),
    'POST /api/auth/switch-company': session('tok-2'),
    'POST /api/projects': { status: 201, body: {} },
  });
  await client.get('/api/auth/me');
  await client.post('/api/auth/switch-company', { companyId: 2 });
  await client.post('/api/projects', {});
  expect(server.writes().map((r) => r.csrf)).toEqual(['tok-1', 'tok-2']);
});

test('without a token yet, concurrent writes ask /me once between them', async () => {
  const server = fakeServer({
    'GET /api/auth/me': session('tok-me'),
    'POST /api/things': { status: 200, body: {} },
  });
  await Promise.all([client.post('/api/things', { n: 1 }), client.post('/api/things', { n: 2 }), client.post('/api/things', { n: 3 })]);
  await client.post('/api/things', { n: 4 });
  expect(server.sent.filter((r) => r.path === '/api/auth/me')).toHaveLength(1);
  expect(server.writes().map((r) => r.csrf)).toEqual(['tok-me', 'tok-me', 'tok-me', 'tok-me']);
});

test('a write refused for a stale CSRF token is sent once more with a fresh one', async () => {
  let tries = 0;
  let signedIn = false;
  const server = fakeServer({
    'POST /api/auth/sign-in': () => ((signedIn = true), session('stale')),
    // Meanwhile another tab signed in again: the session's token is now another.
    'GET /api/auth/me': () => (signedIn ? session('fresh') : unauthenticated),
    'POST /api/things': (req) => (tries++, req.csrf === 'fresh' ? { status: 200, body: { ok: true } } : csrfFailed),
  });
  await signedOutLoad(client);
  await client.post('/api/auth/sign-in', {});
  await expect(client.post('/api/things', {})).resolves.toEqual({ ok: true });
  expect(tries).toBe(2);
  expect(server.writes().map((r) => r.csrf)).toEqual([null, 'stale', 'fresh']);
});

test('a second CSRF refusal is not retried again: the error reaches the page', async () => {
  const server = fakeServer({
    'GET /api/auth/me': session('still-wrong'),
    'POST /api/things': csrfFailed,
  });
  await client.get('/api/auth/me');
  const err = await client.post('/api/things', {}).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe('CSRF_FAILED');
  expect(server.sent.filter((r) => r.path === '/api/things')).toHaveLength(2);
});

test('a session ending on the server calls the expiry handler once, however many requests fail', async () => {
  fakeServer({
    'POST /api/auth/sign-in': session('tok'),
    'GET /api/projects': unauthenticated,
    'GET /api/members': unauthenticated,
  });
  const expired = vi.fn();
  client.onSessionExpired(expired);
  await signedOutLoad(client);
  await client.post('/api/auth/sign-in', {});
  const results = await Promise.allSettled([client.get('/api/projects'), client.get('/api/members')]);
  await client.get('/api/projects').catch(() => undefined);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect(expired).toHaveBeenCalledTimes(1);
  expect((expired.mock.calls[0]![0] as ApiError).code).toBe('UNAUTHENTICATED');
});

test('after signing in again, a later expiry is told again', async () => {
  let alive = true;
  fakeServer({
    'POST /api/auth/sign-in': () => ((alive = true), session('tok')),
    'GET /api/projects': () => (alive ? { status: 200, body: { rows: [], count: 0 } } : unauthenticated),
  });
  const expired = vi.fn();
  client.onSessionExpired(expired);
  await signedOutLoad(client);
  for (let i = 0; i < 2; i++) {
    await client.post('/api/auth/sign-in', {});
    await client.get('/api/projects');
    alive = false;
    await client.get('/api/projects').catch(() => undefined);
  }
  expect(expired).toHaveBeenCalledTimes(2);
});

test('a session the server now holds at two-factor set-up tells the sign-in-step handler (not the expiry one), with the error', async () => {
  const setupRequired = { status: 403, body: { error: { code: 'TWO_FACTOR_SETUP_REQUIRED', message: 'Set it up' } } };
  fakeServer({
    'POST /api/auth/sign-in': session('tok'),
    'GET /api/projects': setupRequired,
    'GET /api/members': { status: 403, body: { error: { code: 'FORBIDDEN', message: 'No' } } },
  });
  const step = vi.fn();
  const expired = vi.fn();
  client.onSignInStep(step);
  client.onSessionExpired(expired);
  await signedOutLoad(client);
  await client.post('/api/auth/sign-in', {});
  await expect(client.get('/api/members')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(step).not.toHaveBeenCalled();
  await expect(client.get('/api/projects')).rejects.toMatchObject({ code: 'TWO_FACTOR_SETUP_REQUIRED' });
  expect(step).toHaveBeenCalledTimes(1);
  expect((step.mock.calls[0]![0] as ApiError).status).toBe(403);
  expect(expired).not.toHaveBeenCalled();
});

test('a visitor who was never signed in is not "expired": the first /me, and sign-in itself, go through quietly', async () => {
  const server = fakeServer({
    'GET /api/auth/me': unauthenticated,
    'POST /api/auth/sign-in': session('tok'),
  });
  const expired = vi.fn();
  client.onSessionExpired(expired);
  await expect(client.get('/api/auth/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(client.post('/api/auth/sign-in', {})).resolves.toMatchObject({ csrfToken: 'tok' });
  expect(expired).not.toHaveBeenCalled();
  // The first answer said there is no session: sign-in is sent without asking /me again.
  expect(server.sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/auth/me', 'POST /api/auth/sign-in']);
  expect(server.writes()[0]!.csrf).toBeNull();
});

test('errors keep the envelope: status, code, message and field details', async () => {
  fakeServer({
    'POST /api/auth/sign-in': session('tok'),
    'POST /api/projects': { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'name: Too long', details: [{ path: ['name'], message: 'Too long' }] } } },
  });
  await signedOutLoad(client);
  await client.post('/api/auth/sign-in', {});
  const err = (await client.post('/api/projects', { name: 'x'.repeat(300) }).catch((e: unknown) => e)) as ApiError;
  expect([err.status, err.code, err.message]).toEqual([400, 'VALIDATION_FAILED', 'name: Too long']);
  expect(err.fieldErrors()).toEqual({ name: 'Too long' });
});

test('an unreachable server is a NETWORK error', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
  await expect(client.get('/api/projects')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
});
