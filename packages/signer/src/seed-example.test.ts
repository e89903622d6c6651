// Seed 003's own example: the cURL sample's header layout, and the Java sample's signature.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, stringToSign, verify } from './index';

const SEED_DATE = 'Wed, 11 Sep 2019 16:21:09 GMT';
const SEED_REQUEST_ID = '70a0a14b-f38c-4aaf-aa46-04d8fae3e38c';
// The cURL sample, verbatim; its signature was made with a secret the seed does not give.
const SEED_AUTHORIZATION = 'hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI="';
const SECRET = 'abcdefghijABCDEFGHIJ0123456789abcdefghij'; // 40 chars of a–z A–Z 0–9, like a real one
// Printed by the seed's Java code (javax.crypto HmacSHA256 + Base64) run on JDK for SECRET.
const JAVA_SIGNATURE = 'BMSiySIGl92Pjyf5HaDZzEV6mpsSbcdtNrGQpzUr9Dc=';

describe('seed 003 example', () => {
  it('builds the seed StringToSign', () => {
    expect(stringToSign({ date: SEED_DATE, requestId: SEED_REQUEST_ID }))
      .toBe('x-date: Wed, 11 Sep 2019 16:21:09 GMT\nx-request-id: 70a0a14b-f38c-4aaf-aa46-04d8fae3e38c');
  });

  it('produces exactly the header layout of the cURL sample', async () => {
    const headers = await sign({ accessKeyId: 'ccc', secret: SECRET, date: SEED_DATE, requestId: SEED_REQUEST_ID });
    expect(Object.keys(headers).sort()).toEqual(['authorization', 'x-date', 'x-request-id']);
    expect(headers['x-date']).toBe(SEED_DATE);
    expect(headers['x-request-id']).toBe(SEED_REQUEST_ID);
    // Same text as the sample up to the signature value, and a signature of the same shape.
    const layout = /^hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="([A-Za-z0-9+/]{43}=)"$/;
    expect(SEED_AUTHORIZATION).toMatch(layout);
    expect(headers.authorization).toMatch(layout);
    expect(headers.authorization.replace(/signature="[^"]*"/, '')).toBe(SEED_AUTHORIZATION.replace(/signature="[^"]*"/, ''));
  });

  it('matches an independent HMAC (node:crypto) and the Java sample byte for byte', async () => {
    const expected = createHmac('sha256', SECRET)
      .update(`x-date: ${SEED_DATE}\nx-request-id: ${SEED_REQUEST_ID}`, 'utf8')
      .digest('base64');
    expect(expected).toBe(JAVA_SIGNATURE);
    const headers = await sign({ accessKeyId: 'ccc', secret: SECRET, date: SEED_DATE, requestId: SEED_REQUEST_ID });
    expect(headers.authorization).toBe(`hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${expected}"`);
  });

  it('reads the cURL sample (capitalised header names) as well-formed, failing only on the unknown secret', async () => {
    const curlHeaders = { 'X-Date': SEED_DATE, 'X-Request-ID': SEED_REQUEST_ID, Authorization: SEED_AUTHORIZATION };
    const result = await verify(curlHeaders, () => SECRET, { replayStore: null, now: Date.parse(SEED_DATE) });
    expect(result).toEqual({ ok: false, reason: 'invalid_signature', message: 'Signature does not match' });
  });

  it('verifies the Java sample signature', async () => {
    const headers = new Headers({
      'X-Date': SEED_DATE,
      'X-Request-ID': SEED_REQUEST_ID,
      Authorization: `hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${JAVA_SIGNATURE}"`,
    });
    const result = await verify(headers, (id) => (id === 'ccc' ? SECRET : null), { replayStore: null, now: Date.parse(SEED_DATE) });
    expect(result).toEqual({ ok: true, accessKeyId: 'ccc', requestId: SEED_REQUEST_ID, date: new Date(Date.parse(SEED_DATE)), strong: false });
  });
});
