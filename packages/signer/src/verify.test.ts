// verify() in seed mode: the round trip, then every way a request is refused.
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryReplayStore, sign, verify, type ReplayStore, type VerifyOptions } from './index';

const KEY_ID = 'AKIDabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET = 'SECRETabcdefghijklmnopqrstuvwxyz01234567';
const OTHER_SECRET = 'OTHERSabcdefghijklmnopqrstuvwxyz01234567';
const DATE = 'Wed, 11 Sep 2019 16:21:09 GMT';
const T = Date.parse(DATE);
const REQUEST_ID = '70a0a14b-f38c-4aaf-aa46-04d8fae3e38c';

const lookup = (id: string) => (id === KEY_ID ? SECRET : null);
const signed = (overrides: { secret?: string; accessKeyId?: string; requestId?: string; date?: string } = {}) =>
  sign({ accessKeyId: KEY_ID, secret: SECRET, date: DATE, requestId: REQUEST_ID, ...overrides });
const check = (headers: Parameters<typeof verify>[0], options: Partial<VerifyOptions> = {}) =>
  verify(headers, lookup, { replayStore: null, now: T, ...options });
const withAuthorization = async (authorization: string) => ({ ...(await signed()), authorization });
const signatureOf = (authorization: string) => /signature="([^"]*)"/.exec(authorization)?.[1] ?? '';

describe('verify: accepted requests', () => {
  it('accepts what sign() produced, from a plain record', async () => {
    expect(await check(await signed())).toEqual({ ok: true, accessKeyId: KEY_ID, requestId: REQUEST_ID, date: new Date(T), strong: false });
  });

  it('accepts a Fetch Headers object and header names in any case', async () => {
    const headers = await signed();
    expect((await check(new Headers(headers))).ok).toBe(true);
    const shouted = { 'X-DATE': headers['x-date'], 'X-Request-Id': headers['x-request-id'], AUTHORIZATION: headers.authorization };
    expect((await check(shouted)).ok).toBe(true);
  });

  it("accepts Node's IncomingHttpHeaders, single-element arrays and an async key lookup", async () => {
    const headers = await signed();
    const nodeLike: IncomingHttpHeaders = { ...headers, 'x-date': [headers['x-date']], host: 'api.example.com', 'content-length': undefined, 'set-cookie': ['a=b'] };
    expect((await verify(nodeLike, async (id) => lookup(id), { replayStore: null, now: T })).ok).toBe(true);
  });

  it('accepts a hex signature (the seed prose says HexEncode) in either case', async () => {
    const headers = await signed();
    const hex = Buffer.from(signatureOf(headers.authorization), 'base64').toString('hex');
    for (const sig of [hex, hex.toUpperCase()]) {
      expect((await check({ ...headers, authorization: headers.authorization.replace(/signature="[^"]*"/, `signature="${sig}"`) })).ok).toBe(true);
    }
  });

  it('accepts a signature made with raw-byte secrets and with the headers listed in another order', async () => {
    const bytes = new TextEncoder().encode(SECRET);
    const headers = await sign({ accessKeyId: KEY_ID, secret: bytes, date: DATE, requestId: REQUEST_ID });
    expect((await verify(headers, () => bytes, { replayStore: null, now: T })).ok).toBe(true);
    // Reordered list: the string to sign follows the list, so the client's signature must too.
    const { createHmac } = await import('node:crypto');
    const reordered = createHmac('sha256', SECRET).update(`x-request-id: ${REQUEST_ID}\nx-date: ${DATE}`).digest('base64');
    const authorization = `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-request-id x-date", signature="${reordered}"`;
    expect((await check({ ...headers, authorization })).ok).toBe(true);
  });
});

describe('verify: clock skew (default 300 s, both directions, boundary inclusive)', () => {
  it.each([
    [-300, true], [300, true], [0, true], [-301, false], [301, false], [-3600, false], [86400, false],
  ])('server clock %i s from x-date → ok=%s', async (offsetSeconds, ok) => {
    const result = await check(await signed(), { now: T + offsetSeconds * 1000 });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe('clock_skew');
  });

  it('honours maxSkewSeconds, including 0', async () => {
    const headers = await signed();
    expect((await check(headers, { maxSkewSeconds: 60, now: T + 60_000 })).ok).toBe(true);
    expect(await check(headers, { maxSkewSeconds: 60, now: T - 61_000 })).toMatchObject({ ok: false, reason: 'clock_skew' });
    expect((await check(headers, { maxSkewSeconds: 0, now: T })).ok).toBe(true);
    expect(await check(headers, { maxSkewSeconds: 0, now: T + 1 })).toMatchObject({ ok: false, reason: 'clock_skew' });
  });

  it('refuses nonsense options loudly (a server bug, not a client error)', async () => {
    const headers = await signed();
    await expect(check(headers, { maxSkewSeconds: -1 })).rejects.toThrow(RangeError);
    await expect(check(headers, { maxSkewSeconds: Number.NaN })).rejects.toThrow(RangeError);
    await expect(check(headers, { now: Number.NaN })).rejects.toThrow(RangeError);
  });
});

describe('verify: refused requests', () => {
  it.each([
    ['authorization'], ['x-date'], ['x-request-id'],
  ])('missing_header when %s is absent, empty or blank', async (name) => {
    const headers: Record<string, string> = { ...(await signed()) };
    for (const value of [undefined, '', '   ']) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
      expect(await check(headers)).toMatchObject({ ok: false, reason: 'missing_header' });
    }
  });

  it.each([
    ['another scheme', 'Basic Y2NjOnNlY3JldA=='],
    ['garbage', 'hmac hmac hmac'],
    ['unquoted values', `hmac username=${KEY_ID}, algorithm=hmac-sha256, headers=x-date, signature=abc`],
    ['bad Base64', `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="not*base64!"`],
    ['Base64 without padding', `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI"`],
    ['Base64 of 16 bytes', `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="AAAAAAAAAAAAAAAAAAAAAA=="`],
    ['odd-length hex', `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${'a'.repeat(63)}"`],
    ['hex of 31 bytes', `hmac username="${KEY_ID}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${'ab'.repeat(31)}"`],
    ['non-ASCII', `hmac username="ключ", algorithm="hmac-sha256", headers="x-date x-request-id", signature="nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI="`],
    ['a huge header', `hmac username="${'A'.repeat(1_000_000)}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="x"`],
    ['a control character', `hmac username="${KEY_ID}",\u0000 algorithm="hmac-sha256", headers="x-date x-request-id", signature="x"`],
  ])('malformed_authorization for %s', async (_label, authorization) => {
    expect(await check(await withAuthorization(authorization))).toMatchObject({ ok: false, reason: 'malformed_authorization' });
  });

  it('malformed_authorization when Authorization is sent twice', async () => {
    const headers = await signed();
    expect(await check({ ...headers, authorization: [headers.authorization, headers.authorization] }))
      .toMatchObject({ ok: false, reason: 'malformed_authorization' });
    expect(await check({ ...headers, Authorization: headers.authorization }))
      .toMatchObject({ ok: false, reason: 'malformed_authorization' });
    // Fetch joins repeats with ", ", which no longer parses.
    const fetchHeaders = new Headers(headers);
    fetchHeaders.append('authorization', headers.authorization);
    expect(await check(fetchHeaders)).toMatchObject({ ok: false, reason: 'malformed_authorization' });
  });

  it('unsupported_algorithm for anything but hmac-sha256', async () => {
    const headers = await signed();
    for (const algorithm of ['hmac-sha1', 'hmac-sha512', 'rsa-sha256', 'none']) {
      const authorization = headers.authorization.replace('hmac-sha256', algorithm);
      expect(await check({ ...headers, authorization })).toMatchObject({ ok: false, reason: 'unsupported_algorithm' });
    }
  });

  it('missing_signed_headers when headers="…" is absent or lacks x-date or x-request-id', async () => {
    const headers = await signed();
    for (const replacement of ['', 'headers="x-date", ', 'headers="x-request-id", ', 'headers="", ']) {
      const authorization = headers.authorization.replace('headers="x-date x-request-id", ', replacement);
      expect(await check({ ...headers, authorization })).toMatchObject({ ok: false, reason: 'missing_signed_headers' });
    }
  });

  it.each([
    'yesterday', '2019-09-11T16:21:09Z', 'Wed, 11 Sep 2019 16:21:09 +0800', 'Thu, 11 Sep 2019 16:21:09 GMT', 'x'.repeat(100_000), 'Mié, 11 Sep 2019 16:21:09 GMT',
  ])('bad_date for %j', async (date) => {
    expect(await check({ ...(await signed()), 'x-date': date })).toMatchObject({ ok: false, reason: 'bad_date' });
  });

  it.each(['not-a-uuid', '70a0a14bf38c4aafaa4604d8fae3e38c', `${REQUEST_ID}x`, '7'.repeat(10_000)])('bad_request_id for %j', async (requestId) => {
    expect(await check({ ...(await signed()), 'x-request-id': requestId })).toMatchObject({ ok: false, reason: 'bad_request_id' });
  });

  it('invalid_signature when the date or request id is altered after signing', async () => {
    const headers = await signed();
    expect(await check({ ...headers, 'x-date': 'Wed, 11 Sep 2019 16:21:10 GMT' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await check({ ...headers, 'x-date': 'Wed, 11 Sep 2019 16:21:09 UTC' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await check({ ...headers, 'x-request-id': REQUEST_ID.toUpperCase() })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await check({ ...headers, 'x-request-id': '70a0a14b-f38c-4aaf-aa46-04d8fae3e38d' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('an unknown key and a wrong signature give identical results, and both do the HMAC work', async () => {
    const hmacSpy = vi.spyOn(globalThis.crypto.subtle, 'sign');
    try {
      const wrongSecret = await check(await signed({ secret: OTHER_SECRET }));
      const wrongSecretCalls = hmacSpy.mock.calls.length;
      hmacSpy.mockClear();
      const unknownKey = await check(await signed({ accessKeyId: 'AKIDunknown' }));
      const unknownKeyCalls = hmacSpy.mock.calls.length;
      hmacSpy.mockClear();
      const emptySecret = await verify(await signed(), () => '', { replayStore: null, now: T });
      expect(wrongSecret).toEqual({ ok: false, reason: 'invalid_signature', message: 'Signature does not match' });
      expect(unknownKey).toEqual(wrongSecret);
      expect(emptySecret).toEqual(wrongSecret);
      // sign() + verify() each compute one HMAC, in both cases.
      expect(unknownKeyCalls).toBe(wrongSecretCalls);
      expect(hmacSpy.mock.calls.length).toBe(2);
    } finally {
      hmacSpy.mockRestore();
    }
  });

  it('keeps the stand-in key like a real one, so an unknown key costs no extra key import', async () => {
    const requests = [await signed({ accessKeyId: 'AKIDunknown1' }), await signed({ accessKeyId: 'AKIDunknown2' }), await signed()];
    await check(requests[0]!); // the first unknown key imports the stand-in once
    await check(requests[2]!); // and the real key is kept after its first use
    const importSpy = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      expect(await check(requests[1]!)).toMatchObject({ ok: false, reason: 'invalid_signature' });
      expect(await check(requests[2]!)).toMatchObject({ ok: true });
      expect(importSpy).not.toHaveBeenCalled();
    } finally {
      importSpy.mockRestore();
    }
  });

  it('starts the HMAC before the date and request id checks, yet answers as before when they fail', async () => {
    // The HMAC runs while the later checks do; a key lookup that fails for such a request is
    // neither reported nor left as an unhandled rejection (vitest fails the run on one).
    const failingLookup = async () => { throw new Error('lookup down'); };
    const stale = await signed({ date: 'Wed, 11 Sep 2019 15:21:09 GMT' });
    expect(await verify(stale, failingLookup, { replayStore: null, now: T })).toMatchObject({ ok: false, reason: 'clock_skew' });
    expect(await verify(stale, () => { throw new Error('sync lookup down'); }, { replayStore: null, now: T }))
      .toMatchObject({ ok: false, reason: 'clock_skew' });
    const badId = { ...(await signed()), 'x-request-id': 'not-a-uuid' };
    expect(await verify(badId, failingLookup, { replayStore: null, now: T })).toMatchObject({ ok: false, reason: 'bad_request_id' });
    // A malformed signature is still reported before a stale date, as the checks are ordered.
    const both = { ...stale, authorization: stale.authorization.replace(/signature="[^"]*"/, 'signature="%%%"') };
    expect(await check(both)).toMatchObject({ ok: false, reason: 'malformed_authorization' });
    // And a lookup failure on an otherwise good request still propagates (a 5xx, never a pass).
    await expect(verify(await signed(), () => { throw new Error('sync lookup down'); }, { replayStore: null, now: T })).rejects.toThrow('sync lookup down');
    await new Promise((resolve) => setTimeout(resolve, 10)); // let any stray rejection surface
  });

  it('lets the unknown key\'s stand-in secret never verify, even against its own HMAC', async () => {
    // A forged signature made with some guessed secret still fails for an unknown key id.
    const forged = await signed({ accessKeyId: 'AKIDunknown', secret: 'guess' });
    expect(await verify(forged, () => null, { replayStore: null, now: T })).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('replayed when the same request id comes again within the window, even from another server clock moment', async () => {
    const replayStore = createMemoryReplayStore({ now: () => T });
    const headers = await signed();
    expect((await check(headers, { replayStore })).ok).toBe(true);
    expect(await check(headers, { replayStore })).toEqual({
      ok: false, reason: 'replayed', message: 'This x-request-id was already used; send a new one with every request',
    });
    expect(await check(headers, { replayStore, now: T + 299_000 })).toMatchObject({ ok: false, reason: 'replayed' });
    // The same request id under another key is a different request.
    const otherKey = await sign({ accessKeyId: 'AKIDother', secret: OTHER_SECRET, date: DATE, requestId: REQUEST_ID });
    expect((await verify(otherKey, () => OTHER_SECRET, { replayStore, now: T })).ok).toBe(true);
    // A fresh request id passes.
    expect((await check(await signed({ requestId: crypto.randomUUID() }), { replayStore })).ok).toBe(true);
  });

  it('consults the replay store only for good signatures, remembering until x-date + skew', async () => {
    const calls: [string, string, Date][] = [];
    const replayStore: ReplayStore = { seen: async (...args) => (calls.push(args), false) };
    await check(await signed({ secret: OTHER_SECRET }), { replayStore });
    await check({ ...(await signed()), 'x-date': 'nonsense' }, { replayStore });
    expect(calls).toEqual([]);
    await check(await signed(), { replayStore, maxSkewSeconds: 120 });
    expect(calls).toEqual([[KEY_ID, REQUEST_ID, new Date(T + 120_000)]]);
  });

  it('lets replay store and key lookup failures propagate (a 5xx, never an accepted request)', async () => {
    const headers = await signed();
    const broken: ReplayStore = { seen: async () => { throw new Error('database down'); } };
    await expect(check(headers, { replayStore: broken })).rejects.toThrow('database down');
    // A store answering synchronously (as the memory store does) that throws still rejects, never throws.
    const brokenSync: ReplayStore = { seen: () => { throw new Error('store full'); } };
    await expect(check(headers, { replayStore: brokenSync })).rejects.toThrow('store full');
    await expect(verify(headers, async () => { throw new Error('lookup down'); }, { replayStore: null, now: T })).rejects.toThrow('lookup down');
  });
});

describe('verify: never throws on what a client sends', () => {
  const garbage: unknown[] = [
    '', ' ', 'hmac', 'hmac ,', 'hmac a="b"', 'hmac a="b",,', '"', '\u0000', '\uD800', 'é'.repeat(5000), 'x'.repeat(2_000_000),
    `hmac username="a", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${'='.repeat(44)}"`,
    `hmac username="a", algorithm="hmac-sha256", headers="x-date x-request-id @request-target content-digest", signature="${'A'.repeat(43)}="`,
    42, ['a', 'b'], [], { toString: () => 'hmac' },
  ];
  it('answers ok:false for every odd Authorization, x-date, x-request-id and content-digest value', async () => {
    const good = await signed();
    for (const value of garbage) {
      for (const name of ['authorization', 'x-date', 'x-request-id', 'content-digest']) {
        const headers = { ...good, [name]: value } as Record<string, string>;
        const result = await check(headers);
        if (name === 'content-digest') expect(result.ok).toBe(true); // not signed in seed mode: ignored
        else expect(result.ok).toBe(false);
      }
    }
  });
});
