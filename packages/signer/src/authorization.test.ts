// The Authorization header parser: the seed's layout parses, every other shape is refused.
import { describe, expect, it } from 'vitest';
import { formatAuthorization, parseAuthorization, SEED_SIGNED_HEADERS } from './index';

const SIG = 'nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI=';

describe('parseAuthorization', () => {
  it('reads what formatAuthorization writes', () => {
    const header = formatAuthorization('ccc', SEED_SIGNED_HEADERS, SIG);
    expect(header).toBe(`hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`);
    expect(parseAuthorization(header)).toEqual({
      ok: true,
      value: { accessKeyId: 'ccc', algorithm: 'hmac-sha256', headerNames: ['x-date', 'x-request-id'], signature: SIG },
    });
  });

  it('tolerates case in the scheme, algorithm and names, spacing, parameter order and unknown parameters', () => {
    const parsed = parseAuthorization(`HMAC  signature="${SIG}",algorithm="HMAC-SHA256" ,  headers="X-Date   X-Request-ID", Username="ccc", realm="x"`);
    expect(parsed).toEqual({
      ok: true,
      value: { accessKeyId: 'ccc', algorithm: 'hmac-sha256', headerNames: ['x-date', 'x-request-id'], signature: SIG },
    });
  });

  it('reports an absent headers parameter as null and an empty one as an empty list', () => {
    const absent = parseAuthorization(`hmac username="ccc", algorithm="hmac-sha256", signature="${SIG}"`);
    expect(absent.ok && absent.value.headerNames).toBeNull();
    const empty = parseAuthorization(`hmac username="ccc", algorithm="hmac-sha256", headers="", signature="${SIG}"`);
    expect(empty.ok && empty.value.headerNames).toEqual([]);
  });

  it.each([
    ['another scheme', `Basic Y2NjOnNlY3JldA==`],
    ['no space after the scheme', `hmacusername="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['the scheme alone', 'hmac'],
    ['unquoted value', `hmac username=ccc, algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['unterminated quote', `hmac username="ccc, algorithm="hmac-sha256"`],
    ['missing comma', `hmac username="ccc" algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['trailing comma', `hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}",`],
    ['trailing garbage', `hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}" x`],
    ['escaped quote', `hmac username="c\\"c", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['duplicate parameter', `hmac username="ccc", username="ddd", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['empty username', `hmac username="", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['username with a space', `hmac username="c c", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['no username', `hmac algorithm="hmac-sha256", headers="x-date x-request-id", signature="${SIG}"`],
    ['no algorithm', `hmac username="ccc", headers="x-date x-request-id", signature="${SIG}"`],
    ['no signature', 'hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id"'],
    ['empty signature', 'hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature=""'],
    ['unknown signed header', `hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id host", signature="${SIG}"`],
    ['repeated signed header', `hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-date x-request-id", signature="${SIG}"`],
  ])('refuses %s', (_label, header) => {
    const parsed = parseAuthorization(header);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(0);
  });
});
