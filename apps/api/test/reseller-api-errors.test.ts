// The reseller RESTful API's refusals: a table of bad requests, each with its status and message,
// across the signature, the bodies, other resellers' ids and the rate limit. None may be a 500,
// and none may change what is stored.
import { companies, createReseller, createResellerApiKey, deleteResellerApiKey, projects } from '@rtc-console/core';
import { formatHttpDate, sign } from '@rtc-console/signer';
import { count } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyByName, createTestApp, type TestApp } from './harness.js';
import { apiKey, otherReseller, resellerId, signedClient, type ApiKey } from './reseller-helpers.js';

let t: TestApp;
let key: ApiKey;
let send: ReturnType<typeof signedClient>;
let acme: { id: number; projects: { id: string }[] };
let foreign: { resellerId: number; companyId: number };
let foreignProject: string;

beforeAll(async () => {
  t = await createTestApp({ env: { RESELLER_API_RATE: '100000' } });
  key = await apiKey(t.core);
  send = signedClient(t.app, key);
  acme = await companyByName(t, 'Acme Video');
  foreign = await otherReseller(t.core);
  const [p] = await t.core.db.insert(projects).values({ id: 'foreignP1', companyId: foreign.companyId, appId: 'f'.repeat(32), name: 'Theirs' }).returning();
  foreignProject = p!.id;
});
afterAll(() => t.close());

const COMPANY = { companyName: 'Valid Co', email: 'valid@example.com', firstName: 'Ann', lastName: 'Lee', country: 'SG', area: 'Non-CN' };
const now = () => Date.now();
const at = (offsetSeconds: number) => formatHttpDate(new Date(now() + offsetSeconds * 1000));
const auth = (sig: string, extra = '') => `hmac username="${key.accessKeyId}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${sig}"${extra}`;

interface Case {
  name: string;
  run: () => Promise<request.Response>;
  status: number;
  /** The message (or a part of it), and for 401s the reason in details. */
  message: string | RegExp;
  reason?: string;
}

const companiesPath = '/v1/resellers/companies';
const body = (patch: Record<string, unknown>) => ({ ...COMPANY, email: `case-${Math.random().toString(36).slice(2)}@example.com`, ...patch });
const without = (field: string) => Object.fromEntries(Object.entries(body({})).filter(([k]) => k !== field));

const signatureCases: Case[] = [
  { name: 'no signature headers at all', run: () => request(t.app).get(companiesPath), status: 401, message: /authorization/i, reason: 'missing_header' },
  { name: 'x-date missing', run: async () => request(t.app).get(companiesPath).set({ ...(await sign({ accessKeyId: key.accessKeyId, secret: key.secret })), 'x-date': '' }), status: 401, message: /x-date/i, reason: 'missing_header' },
  { name: 'x-request-id missing', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret }); return request(t.app).get(companiesPath).set({ 'x-date': h['x-date'], authorization: h.authorization }); }, status: 401, message: /x-request-id/i, reason: 'missing_header' },
  { name: 'Authorization not an hmac header', run: () => send('get', companiesPath, undefined, {}, { authorization: 'Bearer abc' }), status: 401, message: /hmac/i, reason: 'malformed_authorization' },
  { name: 'Authorization with a broken quote', run: () => send('get', companiesPath, undefined, {}, { authorization: 'hmac username="abc, algorithm="hmac-sha256"' }), status: 401, message: /./, reason: 'malformed_authorization' },
  { name: 'signature not Base64', run: () => send('get', companiesPath, undefined, {}, { authorization: auth('%%%not-base64%%%') }), status: 401, message: /signature/i, reason: 'malformed_authorization' },
  { name: 'signature Base64 of the wrong length', run: () => send('get', companiesPath, undefined, {}, { authorization: auth('AAAA') }), status: 401, message: /signature/i, reason: 'malformed_authorization' },
  { name: 'algorithm other than hmac-sha256', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret }); return request(t.app).get(companiesPath).set({ ...h, authorization: h.authorization.replace('hmac-sha256', 'hmac-sha1') }); }, status: 401, message: /hmac-sha256/, reason: 'unsupported_algorithm' },
  { name: 'headers= without x-request-id', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret }); return request(t.app).get(companiesPath).set({ ...h, authorization: h.authorization.replace('headers="x-date x-request-id"', 'headers="x-date"') }); }, status: 401, message: /x-request-id/, reason: 'missing_signed_headers' },
  { name: 'x-date not an HTTP date', run: async () => request(t.app).get(companiesPath).set({ ...(await sign({ accessKeyId: key.accessKeyId, secret: key.secret })), 'x-date': 'yesterday at noon' }), status: 401, message: /./, reason: 'bad_date' },
  { name: 'x-date 301 s in the past', run: () => send('get', companiesPath, undefined, { date: at(-301) }), status: 401, message: /clock|skew|time/i, reason: 'clock_skew' },
  { name: 'x-date 301 s in the future', run: () => send('get', companiesPath, undefined, { date: at(301) }), status: 401, message: /clock|skew|time/i, reason: 'clock_skew' },
  { name: 'x-date tampered after signing', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret, date: at(-10) }); return request(t.app).get(companiesPath).set({ ...h, 'x-date': at(-5) }); }, status: 401, message: /signature/i, reason: 'invalid_signature' },
  { name: 'wrong secret', run: async () => request(t.app).get(companiesPath).set(await sign({ accessKeyId: key.accessKeyId, secret: 'X'.repeat(40) })), status: 401, message: 'Signature does not match', reason: 'invalid_signature' },
  { name: 'unknown Access Key ID (looks like a wrong signature)', run: async () => request(t.app).get(companiesPath).set(await sign({ accessKeyId: 'N'.repeat(40), secret: key.secret })), status: 401, message: 'Signature does not match', reason: 'invalid_signature' },
  { name: 'request id replayed', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret }); expect((await request(t.app).get(companiesPath).set(h)).status).toBe(200); return request(t.app).get(companiesPath).set(h); }, status: 401, message: /./, reason: 'replayed' },
  { name: 'deleted key', run: async () => { const k = await apiKey(t.core); await deleteResellerApiKey(t.core.db, await resellerId(t.core), k.id); return request(t.app).get(companiesPath).set(await sign({ accessKeyId: k.accessKeyId, secret: k.secret })); }, status: 401, message: 'Signature does not match', reason: 'invalid_signature' },
  { name: 'Authorization sent twice (Node would keep only the first)', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret }); return request(t.app).get(companiesPath).set({ ...h, authorization: [h.authorization, 'hmac username="other"'] as unknown as string }); }, status: 401, message: 'The authorization header was sent more than once', reason: 'duplicate_header' },
  { name: 'x-date sent twice, the same value both times', run: async () => { const h = await sign({ accessKeyId: key.accessKeyId, secret: key.secret }); return request(t.app).get(companiesPath).set({ ...h, 'x-date': [h['x-date'], h['x-date']] as unknown as string }); }, status: 401, message: 'The x-date header was sent more than once', reason: 'duplicate_header' },
  { name: 'a session cookie is no signature', run: async () => (await t.signIn('reseller@rtc.demo')).get(companiesPath), status: 401, message: /./, reason: 'missing_header' },
];

const bodyCases: Case[] = [
  { name: 'companyName missing', run: () => send('post', companiesPath, without('companyName')), status: 400, message: /^companyName: companyName is required/ },
  { name: 'companyName of 21 characters', run: () => send('post', companiesPath, body({ companyName: 'x'.repeat(21) })), status: 400, message: /^companyName: .*1 to 20/ },
  { name: 'companyName a number', run: () => send('post', companiesPath, body({ companyName: 42 })), status: 400, message: /^companyName: / },
  { name: 'name and companyName differ', run: () => send('post', companiesPath, body({ name: 'Other' })), status: 400, message: /^companyName: name and companyName differ/ },
  { name: 'email missing', run: () => send('post', companiesPath, without('email')), status: 400, message: /^email: / },
  { name: 'email malformed', run: () => send('post', companiesPath, body({ email: 'not-an-email' })), status: 400, message: /^email: / },
  { name: 'email already used', run: () => send('post', companiesPath, body({ email: 'admin@acme.demo' })), status: 400, message: 'email: email already used' },
  { name: 'firstName empty', run: () => send('post', companiesPath, body({ firstName: '' })), status: 400, message: /^firstName: .*1 to 255/ },
  { name: 'lastName of 256 characters', run: () => send('post', companiesPath, body({ lastName: 'y'.repeat(256) })), status: 400, message: /^lastName: .*1 to 255/ },
  { name: 'country not ISO 3166-1', run: () => send('post', companiesPath, body({ country: 'XX' })), status: 400, message: /^country: .*ISO 3166-1/ },
  { name: 'area outside CN / Non-CN', run: () => send('post', companiesPath, body({ area: 'EU' })), status: 400, message: /^area: area must be "CN" or "Non-CN"/ },
  { name: 'appLimit 0', run: () => send('post', companiesPath, body({ appLimit: 0 })), status: 400, message: /^appLimit: appLimit must be at least 1/ },
  { name: 'appLimit as a string', run: () => send('post', companiesPath, body({ appLimit: '10' })), status: 400, message: /^appLimit: appLimit must be a number/ },
  { name: 'memberLimit fractional', run: () => send('post', companiesPath, body({ memberLimit: 1.5 })), status: 400, message: /^memberLimit: memberLimit must be a whole number/ },
  { name: 'industry 20', run: () => send('post', companiesPath, body({ industry: 20 })), status: 400, message: /^industry: industry must be between 1 and 19/ },
  { name: 'interest 0', run: () => send('post', companiesPath, body({ interest: 0 })), status: 400, message: /^interest: interest must be between 1 and 5/ },
  { name: 'environment 9', run: () => send('post', companiesPath, body({ environment: 9 })), status: 400, message: /^environment: environment must be between 1 and 8/ },
  { name: 'sendPasswordResetEmail not a boolean', run: () => send('post', companiesPath, body({ sendPasswordResetEmail: 'yes' })), status: 400, message: /^sendPasswordResetEmail: / },
  { name: 'body not JSON', run: () => send('post', companiesPath, '{"companyName": '), status: 400, message: /JSON/i },
  { name: 'limit 0', run: () => send('get', `${companiesPath}?limit=0`), status: 400, message: /^limit: / },
  { name: 'limit not a number', run: () => send('get', `${companiesPath}?limit=ten`), status: 400, message: /^limit: / },
  { name: 'offset negative', run: () => send('get', `${companiesPath}?offset=-1`), status: 400, message: /^offset: / },
  { name: 'project name missing', run: () => send('post', `${companiesPath}/${acme.id}/projects`, {}), status: 400, message: /^name: / },
  { name: 'project name of 256 characters', run: () => send('post', `${companiesPath}/${acme.id}/projects`, { name: 'p'.repeat(256) }), status: 400, message: /^name: name must be 1 to 255/ },
  { name: 'UAP typeId 2', run: () => send('post', `${companiesPath}/${acme.id}/projects/${acme.projects[0]!.id}/uap`, { typeId: 2, region: 1 }), status: 400, message: /^typeId: typeId must be 1/ },
  { name: 'UAP region 3', run: () => send('post', `${companiesPath}/${acme.id}/projects/${acme.projects[0]!.id}/uap`, { typeId: 1, region: 3 }), status: 400, message: /^region: region must be 1/ },
  { name: 'usage without model', run: () => send('get', `${companiesPath}/${acme.id}/usage?business=default&fromTs=1767225600&endTs=1767311999&interval=daily`), status: 400, message: /model/ },
  { name: 'usage with an N/A model × business', run: () => send('get', `${companiesPath}/${acme.id}/usage?model=counter&business=default&fromTs=1767225600&endTs=1767311999&interval=daily`), status: 400, message: /not available/ },
];

const idCases: Case[] = [
  { name: "another reseller's company: list projects", run: () => send('get', `${companiesPath}/${foreign.companyId}/projects`), status: 403, message: /another reseller|does not belong/ },
  { name: "another reseller's company: create a project", run: () => send('post', `${companiesPath}/${foreign.companyId}/projects`, { name: 'Sneaky' }), status: 403, message: /does not belong/ },
  { name: "another reseller's company: enable UAP", run: () => send('post', `${companiesPath}/${foreign.companyId}/projects/${foreignProject}/uap`, { typeId: 1, region: 1 }), status: 403, message: /does not belong/ },
  { name: "another reseller's company: usage", run: () => send('get', `${companiesPath}/${foreign.companyId}/usage?model=duration&business=default&fromTs=1767225600&endTs=1767311999&interval=daily`), status: 403, message: /does not belong/ },
  { name: 'an unknown company', run: () => send('get', `${companiesPath}/999999/projects`), status: 404, message: 'Company not found' },
  { name: 'a company id that is not a number', run: () => send('get', `${companiesPath}/abc/projects`), status: 404, message: 'Company not found' },
  { name: "a project of another company of one's own", run: () => send('post', `${companiesPath}/${acme.id}/projects/${foreignProject}/uap`, { typeId: 1, region: 1 }), status: 404, message: 'Project not found' },
  { name: 'an unknown route', run: () => send('get', '/v1/resellers/nothing-here'), status: 404, message: /./ },
];

describe.each([
  ['signature', signatureCases],
  ['bodies and parameters', bodyCases],
  ['ids', idCases],
])('%s', (_group, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await storedCounts();
    const res = await c.run();
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    const error = (res.body as { error: { code: string; message: string; details?: { reason?: string } } }).error;
    expect(error.code).toBeTruthy();
    if (typeof c.message === 'string') expect(error.message).toBe(c.message);
    else expect(error.message).toMatch(c.message);
    if (c.reason) expect(error.details?.reason).toBe(c.reason);
    // Every refusal of a signature names the scheme to use (RFC 9110 §11.6.1).
    if (c.status === 401) expect(res.headers['www-authenticate']).toMatch(/^hmac realm="rtc-console", algorithm="hmac-sha256"/);
    expect(await storedCounts()).toEqual(before);
  });
});

describe('the clock skew boundary', () => {
  it.each([-300, 300])('accepts an x-date exactly %i s away', async (offset) => {
    // A second of slack for the time the request takes; the signer's unit tests pin ±300/±301 exactly.
    const res = await send('get', companiesPath, undefined, { date: at(offset > 0 ? offset - 1 : offset + 1) });
    expect(res.status).toBe(200);
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After and RateLimit-* headers past 3 requests a second, per key', async () => {
    const slow = await createTestApp({ seed: false, env: { RESELLER_API_RATE: '3' } });
    try {
      const r = await createReseller(slow.core, 'Rate Reseller');
      const k = await createResellerApiKey(slow.core.db, r.id, null);
      const other = await createResellerApiKey(slow.core.db, r.id, null);
      const go = async (kk: ApiKey) => request(slow.app).get(companiesPath).set(await sign({ accessKeyId: kk.accessKeyId, secret: kk.secret }));
      const answers = await Promise.all(Array.from({ length: 8 }, () => go(k)));
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(6); // at most two windows' worth
      const a = limited[0]!;
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(a.headers['ratelimit-limit']).toBe('3');
      expect(a.headers['ratelimit-remaining']).toBe('0');
      expect(a.headers['ratelimit-reset']).toBeDefined();
      expect(a.body.error).toMatchObject({ code: 'RATE_LIMITED' });
      // Another key of the same reseller has its own allowance.
      expect((await go(other)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

async function storedCounts() {
  const [c] = await t.core.db.select({ n: count() }).from(companies);
  const [p] = await t.core.db.select({ n: count() }).from(projects);
  return { companies: Number(c!.n), projects: Number(p!.n) };
}
