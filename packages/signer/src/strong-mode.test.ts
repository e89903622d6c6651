// Opt-in strong mode: the signature also binds the method, path, query and body.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDigest, createMemoryReplayStore, requestTarget, sign, stringToSign, verify, type VerifyOptions } from './index';

const KEY_ID = 'AKIDabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET = 'SECRETabcdefghijklmnopqrstuvwxyz01234567';
const DATE = 'Wed, 11 Sep 2019 16:21:09 GMT';
const T = Date.parse(DATE);
const REQUEST_ID = '70a0a14b-f38c-4aaf-aa46-04d8fae3e38c';
const BODY = JSON.stringify({ name: '声网 Reseller', email: 'a@example.com', area: 'Non-CN' });
const TARGET = '/v1/resellers/companies?limit=20';

const signStrong = (overrides: { method?: string; target?: string; body?: string | Uint8Array } = {}) =>
  sign({ accessKeyId: KEY_ID, secret: SECRET, date: DATE, requestId: REQUEST_ID, strong: true, method: 'POST', target: TARGET, body: BODY, ...overrides });
const check = (headers: Parameters<typeof verify>[0], options: Partial<VerifyOptions> = {}) =>
  verify(headers, (id) => (id === KEY_ID ? SECRET : null), { replayStore: null, now: T, method: 'POST', target: TARGET, body: BODY, ...options });

describe('strong mode signing', () => {
  it('adds content-digest and signs @request-target and content-digest, in the listed order', async () => {
    const headers = await signStrong();
    const digest = `sha-256=:${createHash('sha256').update(BODY, 'utf8').digest('base64')}:`;
    expect(headers['content-digest']).toBe(digest);
    const text = `x-date: ${DATE}\nx-request-id: ${REQUEST_ID}\n@request-target: post ${TARGET}\ncontent-digest: ${digest}`;
    expect(stringToSign({ date: DATE, requestId: REQUEST_ID, requestTarget: `post ${TARGET}`, contentDigest: digest })).toBe(text);
    const signature = createHmac('sha256', SECRET).update(text, 'utf8').digest('base64');
    expect(headers.authorization).toBe(
      `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-date x-request-id @request-target content-digest", signature="${signature}"`,
    );
  });

  it('digests the empty body as RFC 9530 does, and takes bytes as well as text', async () => {
    expect(await contentDigest()).toBe('sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:');
    expect(await contentDigest('')).toBe(await contentDigest(new Uint8Array(0)));
    expect(await contentDigest(BODY)).toBe(await contentDigest(Buffer.from(BODY, 'utf8')));
    expect(await contentDigest(BODY)).toBe(await contentDigest(new TextEncoder().encode(BODY).buffer));
  });

  it('reduces a full URL to path and query, and lowercases the method', () => {
    expect(requestTarget('POST', TARGET)).toBe(`post ${TARGET}`);
    expect(requestTarget('Get', `https://api.example.com${TARGET}`)).toBe(`get ${TARGET}`);
    expect(requestTarget('GET', 'https://api.example.com')).toBe('get /');
    expect(requestTarget('GET', 'companies')).toBeNull();
    expect(requestTarget('GET', '/a b')).toBeNull();
    expect(requestTarget('G E T', '/')).toBeNull();
  });

  it('throws on strong mode without method or target, and on other inputs no server would take', async () => {
    await expect(sign({ accessKeyId: KEY_ID, secret: SECRET, strong: true })).rejects.toThrow(TypeError);
    await expect(sign({ accessKeyId: KEY_ID, secret: SECRET, strong: true, method: 'GET', target: 'no-slash' })).rejects.toThrow(TypeError);
    await expect(sign({ accessKeyId: 'a"b', secret: SECRET })).rejects.toThrow(TypeError);
    await expect(sign({ accessKeyId: KEY_ID, secret: '' })).rejects.toThrow(TypeError);
    await expect(sign({ accessKeyId: KEY_ID, secret: SECRET, date: 'Wed, 11 Sep 2019 16:21:09 GMT\nx: y' })).rejects.toThrow(TypeError);
    await expect(sign({ accessKeyId: KEY_ID, secret: SECRET, requestId: 'not-a-uuid' })).rejects.toThrow(TypeError);
  });
});

describe('strong mode verification', () => {
  it('accepts the untouched request, with the target as Node (req.url) or Fetch (request.url) gives it', async () => {
    const headers = await signStrong();
    expect(await check(headers)).toEqual({ ok: true, accessKeyId: KEY_ID, requestId: REQUEST_ID, date: new Date(T), strong: true });
    expect((await check(headers, { method: 'post', target: `https://api.example.com${TARGET}`, body: Buffer.from(BODY) })).ok).toBe(true);
  });

  it('binds the method, path, query and body', async () => {
    const headers = await signStrong();
    expect(await check(headers, { method: 'PUT' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await check(headers, { target: '/v1/resellers/companies/42' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await check(headers, { target: '/v1/resellers/companies?limit=2000' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await check(headers, { body: BODY.replace('Non-CN', 'CN') })).toMatchObject({ ok: false, reason: 'digest_mismatch' });
    expect(await check(headers, { body: undefined })).toMatchObject({ ok: false, reason: 'digest_mismatch' });
    // Swapping in the digest of the altered body breaks the signature instead.
    const forged = { ...headers, 'content-digest': await contentDigest(BODY.replace('Non-CN', 'CN')) };
    expect(await check(forged, { body: BODY.replace('Non-CN', 'CN') })).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('a GET with no body verifies without the server passing one', async () => {
    const headers = await signStrong({ method: 'GET', body: undefined });
    expect((await check(headers, { method: 'GET', body: undefined })).ok).toBe(true);
  });

  it('refuses a content-digest that is absent, malformed or lacks sha-256', async () => {
    const headers: Record<string, string> = { ...(await signStrong()) };
    const { 'content-digest': _digest, ...withoutDigest } = headers;
    expect(await check(withoutDigest)).toMatchObject({ ok: false, reason: 'missing_header' });
    for (const value of ['sha-256=abc', 'sha-256=:bm90IDMyIGJ5dGVz:', 'sha-512=:AAAA:', 'sha-256=:!!:', `sha-256=:${'A'.repeat(43)}=:, sha-256=:${'A'.repeat(43)}=:`, 'x'.repeat(10_000)]) {
      expect(await check({ ...headers, 'content-digest': value })).toMatchObject({ ok: false, reason: 'digest_mismatch' });
    }
  });

  it('says missing_request_context when the server did not pass method and target', async () => {
    const headers = await signStrong();
    expect(await check(headers, { method: undefined })).toMatchObject({ ok: false, reason: 'missing_request_context' });
    expect(await check(headers, { target: undefined })).toMatchObject({ ok: false, reason: 'missing_request_context' });
  });

  it('with requireStrong, refuses seed-mode requests and partially strong ones', async () => {
    const seed = await sign({ accessKeyId: KEY_ID, secret: SECRET, date: DATE, requestId: REQUEST_ID });
    expect((await check(seed)).ok).toBe(true);
    expect(await check(seed, { requireStrong: true })).toMatchObject({ ok: false, reason: 'missing_signed_headers' });
    const strong = await signStrong();
    const partial = { ...strong, authorization: strong.authorization.replace(' @request-target', '') };
    expect(await check(partial, { requireStrong: true })).toMatchObject({ ok: false, reason: 'missing_signed_headers' });
    expect((await check(strong, { requireStrong: true })).ok).toBe(true);
  });

  it('still refuses replays in strong mode', async () => {
    const replayStore = createMemoryReplayStore({ now: () => T });
    const headers = await signStrong();
    expect((await check(headers, { replayStore })).ok).toBe(true);
    expect(await check(headers, { replayStore })).toMatchObject({ ok: false, reason: 'replayed' });
  });
});
