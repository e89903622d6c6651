/**
 * UTC calendar days and months as strings ('YYYY-MM-DD', 'YYYY-MM'). Everything is computed in
 * UTC milliseconds, so there is no daylight-saving time and no dependence on the host time zone.
 */

export const DAY_MS = 86_400_000;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Whether `s` is a real calendar day 'YYYY-MM-DD' (so '2023-02-29' is not). */
export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Whether `s` is a month 'YYYY-MM'. */
export function isMonth(s: string): boolean {
  const m = MONTH_RE.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function assertDay(day: string): void {
  if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
}

// Day names by day number: ingest names a day for every part of every session, and a batch
// spans a handful of days, so formatting each once saves a Date and a toISOString per call.
const DAY_NAMES_KEPT = 4096;
const dayNames = new Map<number, string>();

/** The UTC day of an instant in Unix milliseconds, 'YYYY-MM-DD' (years 0000–9999). */
export function utcDay(ms: number): string {
  const dayNumber = Math.floor(ms / DAY_MS);
  const known = dayNames.get(dayNumber);
  if (known !== undefined) return known;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(ms) || year < 0 || year > 9999) throw new RangeError(`instant out of range: ${ms}`);
  const day = d.toISOString().slice(0, 10);
  if (dayNames.size < DAY_NAMES_KEPT) dayNames.set(dayNumber, day);
  return day;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** The instant as Date.toISOString() writes it ('2025-03-10T08:00:00.000Z'), without a Date. */
export function utcInstant(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`instants must be whole milliseconds: ${ms}`);
  const inDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  return `${utcDay(ms)}T${pad2(Math.floor(inDay / 3_600_000))}:${pad2(Math.floor(inDay / 60_000) % 60)}:${pad2(Math.floor(inDay / 1000) % 60)}.${pad3(inDay % 1000)}Z`;
}

/** The instant (Unix milliseconds) at which a UTC day starts. */
export function dayStartMs(day: string): number {
  assertDay(day);
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The day after `day`. */
export function nextDay(day: string): string {
  return utcDay(dayStartMs(day) + DAY_MS);
}

/**
 * Splits the half-open session [joinMs, leaveMs) at UTC midnights: the milliseconds spent in
 * each UTC day, in day order. With integer inputs every part is an integer and the parts add up
 * to leaveMs − joinMs. Returns [] unless leaveMs > joinMs; throws a RangeError when either
 * instant is not a safe integer.
 */
export function splitByUtcDay(joinMs: number, leaveMs: number): { day: string; ms: number }[] {
  if (!Number.isSafeInteger(joinMs) || !Number.isSafeInteger(leaveMs)) {
    throw new RangeError(`instants must be whole milliseconds: ${joinMs}, ${leaveMs}`);
  }
  const out: { day: string; ms: number }[] = [];
  let t = joinMs;
  while (t < leaveMs) {
    const midnight = (Math.floor(t / DAY_MS) + 1) * DAY_MS;
    const end = Math.min(midnight, leaveMs);
    out.push({ day: utcDay(t), ms: end - t });
    t = end;
  }
  return out;
}

/** Every day from `fromDay` to `toDay`, both included; [] when `fromDay` is after `toDay`. */
export function dayRange(fromDay: string, toDay: string): string[] {
  const end = dayStartMs(toDay);
  const out: string[] = [];
  for (let t = dayStartMs(fromDay); t <= end; t += DAY_MS) out.push(utcDay(t));
  return out;
}

/** The month 'YYYY-MM' of a day. */
export function monthOf(day: string): string {
  assertDay(day);
  return day.slice(0, 7);
}

/** Every day of a month 'YYYY-MM', in order. */
export function daysOfMonth(month: string): string[] {
  if (!isMonth(month)) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const n = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Every month from the month of `fromDay` to the month of `toDay`, both included. */
export function monthRange(fromDay: string, toDay: string): string[] {
  const from = monthOf(fromDay);
  const to = monthOf(toDay);
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let cur = from; cur <= to; ) {
    out.push(cur);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    cur = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  }
  return out;
}
