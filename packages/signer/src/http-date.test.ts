// x-date formatting must equal Java's DateTimeFormatter.RFC_1123_DATE_TIME byte for byte: the
// expected strings below were printed by the JDK for the same instants.
import { describe, expect, it } from 'vitest';
import { formatHttpDate, parseHttpDate, sign } from './index';

const JAVA_OUTPUT: [number, string][] = [
  [1567607308000, 'Wed, 4 Sep 2019 14:28:28 GMT'], // single-digit day: no leading zero
  [1568218869000, 'Wed, 11 Sep 2019 16:21:09 GMT'], // the seed's date
  [946684800000, 'Sat, 1 Jan 2000 00:00:00 GMT'], // midnight: hours stay two digits
  [1709251199999, 'Thu, 29 Feb 2024 23:59:59 GMT'], // leap day; milliseconds truncated, not rounded
  [1709164800000, 'Thu, 29 Feb 2024 00:00:00 GMT'],
  [1567643325123, 'Thu, 5 Sep 2019 00:28:45 GMT'],
  [0, 'Thu, 1 Jan 1970 00:00:00 GMT'],
  [253402300799000, 'Fri, 31 Dec 9999 23:59:59 GMT'], // last year Java can print
  [-30610224000000, 'Wed, 1 Jan 1000 00:00:00 GMT'],
  [-30610224001000, 'Tue, 31 Dec 0999 23:59:59 GMT'], // the year is zero-padded to four digits
];

describe('formatHttpDate (Java RFC_1123_DATE_TIME)', () => {
  it.each(JAVA_OUTPUT)('formats %i as %s', (millis, expected) => {
    expect(formatHttpDate(millis)).toBe(expected);
    expect(formatHttpDate(new Date(millis))).toBe(expected);
  });

  it('refuses what Java refuses: years outside 0–9999 and invalid dates', () => {
    expect(() => formatHttpDate(Date.UTC(10000, 0, 1))).toThrow(RangeError);
    expect(() => formatHttpDate(Date.UTC(-1, 0, 1))).toThrow(RangeError);
    expect(() => formatHttpDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('is what sign() sends by default, for the current time', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const headers = await sign({ accessKeyId: 'k', secret: 's' });
    const after = Date.now();
    expect(headers['x-date']).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [1-9]\d? [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const sent = parseHttpDate(headers['x-date'])!.getTime();
    expect(sent).toBeGreaterThanOrEqual(before);
    expect(sent).toBeLessThanOrEqual(after);
    expect(headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('parseHttpDate', () => {
  it.each(JAVA_OUTPUT)('reads back %i from %s', (millis, text) => {
    expect(parseHttpDate(text)?.getTime()).toBe(Math.floor(millis / 1000) * 1000);
  });

  it('accepts the padded day of toUTCString(), no weekday, and UTC (the Chinese seed)', () => {
    const expected = Date.UTC(2019, 8, 4, 14, 28, 28);
    expect(parseHttpDate('Wed, 04 Sep 2019 14:28:28 GMT')?.getTime()).toBe(expected);
    expect(parseHttpDate(new Date(expected).toUTCString())?.getTime()).toBe(expected);
    expect(parseHttpDate('4 Sep 2019 14:28:28 GMT')?.getTime()).toBe(expected);
    expect(parseHttpDate('Wed, 4 Sep 2019 14:28:28 UTC')?.getTime()).toBe(expected);
  });

  it('agrees with Date on every day of four centuries (leap years, weekdays, years before 1970 and below 100)', () => {
    // parseHttpDate checks days and weekdays by arithmetic; Date is the reference it must match.
    const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (const [fromYear, toYear] of [[0, 3], [96, 104], [1896, 1904], [1968, 2104], [9996, 9999]] as const) {
      for (let year = fromYear; year <= toYear; year++) {
        for (let month = 0; month < 12; month++) {
          for (let day = 1; day <= 31; day++) {
            const reference = new Date(0);
            reference.setUTCFullYear(year, month, day);
            reference.setUTCHours(13, 5, 9, 0);
            const exists = reference.getUTCDate() === day;
            const yyyy = String(year).padStart(4, '0');
            const text = `${day} ${MONTHS[month]} ${yyyy} 13:05:09 GMT`;
            expect(parseHttpDate(text)?.getTime() ?? null, text).toBe(exists ? reference.getTime() : null);
            if (!exists) continue;
            const weekday = reference.getUTCDay();
            expect(parseHttpDate(`${DAYS[weekday]}, ${text}`)?.getTime(), text).toBe(reference.getTime());
            expect(parseHttpDate(`${DAYS[(weekday + 1) % 7]}, ${text}`), text).toBeNull();
          }
        }
      }
    }
  });

  it.each([
    'Thu, 4 Sep 2019 14:28:28 GMT', // wrong weekday (Java refuses it too)
    'Fri, 29 Feb 1900 00:00:00 GMT', // 1900 is not a leap year
    'Sat, 29 Feb 2023 00:00:00 GMT',
    'Wed, 31 Feb 2019 14:28:28 GMT',
    'Wed, 0 Sep 2019 14:28:28 GMT',
    'Wed, 4 Sep 2019 24:00:00 GMT',
    'Wed, 4 Sep 2019 14:60:00 GMT',
    'Wed, 4 Sep 2019 14:28:60 GMT',
    'Wed, 4 Sep 2019 14:28 GMT',
    'Wed, 4 Sep 19 14:28:28 GMT',
    'Wed, 4 Sep 2019 14:28:28 +0800',
    'Wed, 4 sep 2019 14:28:28 GMT',
    ' Wed, 4 Sep 2019 14:28:28 GMT',
    'Wed, 4 Sep 2019 14:28:28 GMT\nx-request-id: forged',
    '2019-09-04T14:28:28Z',
    '',
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text)).toBeNull();
  });
});
