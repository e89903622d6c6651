// The x-date header: written exactly as the seed's Java sample writes it, read a little more
// liberally (browsers' toUTCString() pads the day; the Chinese seed's example says "UTC").

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (value: number) => String(value).padStart(2, '0');

/**
 * Formats like Java's DateTimeFormatter.RFC_1123_DATE_TIME on a GMT ZonedDateTime (the seed's
 * sample): day of month without a leading zero ("Wed, 4 Sep 2019 14:28:28 GMT"), a fixed
 * four-digit year, and "GMT" for the zero offset. Byte-for-byte equality matters because the
 * date string itself is what gets signed. Java throws outside years 0–9999, and so do we.
 */
export function formatHttpDate(when: Date | number = Date.now()): string {
  const date = new Date(when);
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('formatHttpDate: invalid date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`formatHttpDate: year ${year} does not fit RFC 1123's four digits`);
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${String(year).padStart(4, '0')} `
    + `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT`;
}

// Day of week optional and day of month one or two digits, as Java's RFC_1123 parser allows;
// seconds required, zone GMT (or UTC, as the Chinese seed writes it).
const HTTP_DATE = /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:GMT|UTC)$/;

const DAY_MS = 86_400_000;

/** Days in a month of the proleptic Gregorian calendar (what Date uses). */
function daysInMonth(year: number, monthIndex: number): number {
  if (monthIndex !== 1) return monthIndex === 3 || monthIndex === 5 || monthIndex === 8 || monthIndex === 10 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Parses an x-date value; null for anything malformed or impossible (31 Feb, a wrong weekday).
 * verify() runs this on every request, so it checks by arithmetic rather than by building and
 * reading back Date objects.
 */
export function parseHttpDate(text: string): Date | null {
  const match = HTTP_DATE.exec(text);
  if (!match) return null;
  const [, weekday, day, month, year, hours, minutes, seconds] = match;
  const d = Number(day);
  const y = Number(year);
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  const monthIndex = MONTHS.indexOf(month as (typeof MONTHS)[number]);
  if (h > 23 || m > 59 || s > 59 || d < 1 || d > daysInMonth(y, monthIndex)) return null;
  // Date.UTC maps years 0–99 to 1900–1999, so those few take the slow, literal path.
  let time: number;
  if (y >= 100) time = Date.UTC(y, monthIndex, d, h, m, s);
  else {
    const date = new Date(0);
    date.setUTCFullYear(y, monthIndex, d);
    date.setUTCHours(h, m, s, 0);
    time = date.getTime();
  }
  // 1 January 1970 was a Thursday (index 4).
  if (weekday !== undefined && DAYS[(((Math.floor(time / DAY_MS) + 4) % 7) + 7) % 7] !== weekday) return null;
  return new Date(time);
}
