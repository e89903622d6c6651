// The hand-written codecs against Node's Buffer as the reference.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, timingSafeEqual, toBase64 } from './bytes';

describe('Base64 and hex', () => {
  it('round-trips every length from 0 to 70 like Buffer does', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      const text = Buffer.from(bytes).toString('base64');
      expect(toBase64(bytes)).toBe(text);
      expect(fromBase64(text)).toEqual(bytes);
      expect(fromHex(Buffer.from(bytes).toString('hex'))).toEqual(bytes);
      expect(fromHex(Buffer.from(bytes).toString('hex').toUpperCase())).toEqual(bytes);
    }
  });

  it.each([
    'nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI', // padding missing
    'nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI==',
    'nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GAB=I',
    'nu_RSu8rOCm8Y6kbr7iqHEq6rukF-MtXmz8Ds26GABI=', // base64url alphabet
    'nu/RSu8r OCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI=',
    'nu/RSu8rOCm8Y6kbr7iqHEq6rukF+MtXmz8Ds26GABI=\n',
    'é',
    '=',
  ])('refuses loose Base64 %j without throwing', (text) => {
    expect(fromBase64(text)).toBeNull();
  });

  it.each(['abc', '0g', 'zz', ' 00', 'éé'])('refuses bad hex %j without throwing', (text) => {
    expect(fromHex(text)).toBeNull();
  });

  it('compares equal bytes as equal and anything else as different', () => {
    const a = new Uint8Array(randomBytes(32));
    const b = a.slice();
    expect(timingSafeEqual(a, b)).toBe(true);
    b[31] = (b[31] ?? 0) ^ 1;
    expect(timingSafeEqual(a, b)).toBe(false);
    expect(timingSafeEqual(a, a.subarray(0, 31))).toBe(false);
    expect(timingSafeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
