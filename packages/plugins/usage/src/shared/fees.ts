import { isDay, monthOf } from './days.js';

/** A price of one product's metric: money per 1,000 minutes, and free minutes each month. */
export interface Price {
  perThousand: number;
  freeMinutes: number;
}

/** One day of a bill. */
export interface BillLine {
  day: string;
  /** Minutes charged this day, after the month's free allowance. */
  billableMinutes: number;
  /** Money charged this day, to the cent. */
  amount: number;
}

const MS_PER_MINUTE = 60_000;

/** Minutes as an unrounded decimal number: ms / 60 000. */
export function minutesFromMs(ms: number): number {
  return ms / MS_PER_MINUTE;
}

/** Whole minutes for display: ms / 60 000 rounded half up (29 999 ms → 0, 30 000 ms → 1). */
export function displayMinutes(ms: number): number {
  return Math.floor((ms + MS_PER_MINUTE / 2) / MS_PER_MINUTE);
}

/** Drops binary floating-point noise (0.1 + 0.2 → 0.3) before rounding decisions. */
function clean(x: number): number {
  return Number(x.toPrecision(15));
}

/** Money in whole cents, rounded half up. */
function toCents(money: number): number {
  return Math.round(clean(money * 100));
}

/** Money rounded half up to 2 decimals (1.005 → 1.01). */
export function roundMoney(money: number): number {
  return toCents(money) / 100;
}

/** Adds amounts of money exactly to the cent (0.1 + 0.2 → 0.3). */
export function sumMoney(amounts: Iterable<number>): number {
  let cents = 0;
  for (const a of amounts) cents += toCents(a);
  return cents / 100;
}

function assertPrice(price: Price): void {
  const ok = (n: number) => Number.isFinite(n) && n >= 0;
  if (!ok(price.perThousand) || !ok(price.freeMinutes)) {
    throw new RangeError(`invalid price: ${price.perThousand} per 1,000 minutes, ${price.freeMinutes} free minutes`);
  }
}

/** A month's rounded amount for its total minutes: the excess over the allowance at the price. */
export function monthlyAmount(minutes: number, price: Price): number {
  assertPrice(price);
  return roundMoney((Math.max(0, clean(minutes - price.freeMinutes)) * price.perThousand) / 1000);
}

/**
 * Bills each day's minutes of one product's metric. The month's free allowance is used up by
 * the earliest days first; a day crossing it is charged only for its excess. Amounts are rounded
 * to the cent so that each month's day amounts add up exactly to the month's rounded amount: the
 * cumulative cost is rounded and the day amount is the difference from the previous day's.
 * Days may span several months (each month has its own allowance); lines come out in day order,
 * one per day (minutes of a repeated day are added). Throws a RangeError for an invalid day,
 * negative or non-finite minutes, or an invalid price.
 */
export function monthlyBill(dailyMinutes: readonly { day: string; minutes: number }[], price: Price): BillLine[] {
  assertPrice(price);
  const byDay = new Map<string, number>();
  for (const { day, minutes } of dailyMinutes) {
    if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
    if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`invalid minutes on ${day}: ${minutes}`);
    byDay.set(day, (byDay.get(day) ?? 0) + minutes);
  }

  const out: BillLine[] = [];
  let month = '';
  let usedMinutes = 0;
  let billedMinutes = 0;
  let billedCents = 0;
  for (const day of [...byDay.keys()].sort()) {
    if (monthOf(day) !== month) {
      month = monthOf(day);
      usedMinutes = 0;
      billedMinutes = 0;
      billedCents = 0;
    }
    usedMinutes = clean(usedMinutes + byDay.get(day)!);
    const cumulativeBillable = Math.max(0, clean(usedMinutes - price.freeMinutes));
    const cents = toCents((cumulativeBillable * price.perThousand) / 1000);
    out.push({ day, billableMinutes: clean(cumulativeBillable - billedMinutes), amount: (cents - billedCents) / 100 });
    billedMinutes = cumulativeBillable;
    billedCents = cents;
  }
  return out;
}
