import { describe, expect, it } from 'vitest';
import { daysOfMonth } from './days.js';
import { displayMinutes, minutesFromMs, monthlyAmount, monthlyBill, roundMoney, sumMoney } from './fees.js';

const cents = (x: number) => Math.round(x * 100);

describe('minutes', () => {
  it('minutesFromMs is unrounded', () => {
    expect(minutesFromMs(60_000)).toBe(1);
    expect(minutesFromMs(90_000)).toBe(1.5);
    expect(minutesFromMs(1)).toBeCloseTo(1 / 60_000, 15);
    expect(minutesFromMs(0)).toBe(0);
  });

  it('displayMinutes rounds half up to whole minutes', () => {
    expect(displayMinutes(0)).toBe(0);
    expect(displayMinutes(29_999)).toBe(0);
    expect(displayMinutes(30_000)).toBe(1);
    expect(displayMinutes(89_999)).toBe(1);
    expect(displayMinutes(90_000)).toBe(2);
    expect(displayMinutes(150_000)).toBe(3);
    expect(displayMinutes(618_958 * 60_000)).toBe(618_958);
  });
});

describe('money', () => {
  it('roundMoney rounds half up despite binary floating point', () => {
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(0.004999)).toBe(0);
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
  });

  it('sumMoney adds to the cent', () => {
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(sumMoney([])).toBe(0);
  });
});

describe('monthlyBill', () => {
  const price = { perThousand: 3.99, freeMinutes: 10_000 };

  it('charges nothing while usage stays under the allowance', () => {
    const bill = monthlyBill(
      [
        { day: '2024-01-01', minutes: 4000 },
        { day: '2024-01-02', minutes: 5999 },
      ],
      price,
    );
    expect(bill).toEqual([
      { day: '2024-01-01', billableMinutes: 0, amount: 0 },
      { day: '2024-01-02', billableMinutes: 0, amount: 0 },
    ]);
  });

  it('uses the allowance up on the earliest days; the day crossing it pays only for the excess', () => {
    const bill = monthlyBill(
      [
        { day: '2024-01-03', minutes: 1000 }, // given out of order
        { day: '2024-01-01', minutes: 6000 },
        { day: '2024-01-02', minutes: 6000 },
      ],
      price,
    );
    expect(bill).toEqual([
      { day: '2024-01-01', billableMinutes: 0, amount: 0 },
      { day: '2024-01-02', billableMinutes: 2000, amount: 7.98 },
      { day: '2024-01-03', billableMinutes: 1000, amount: 3.99 },
    ]);
  });

  it('rounds so the days add up exactly to the rounded monthly amount', () => {
    // 333.333… minutes a day at 1.00 per 1,000: each day costs 0.3333…; the month 10.333… → 10.33.
    const days = daysOfMonth('2024-01').map((day) => ({ day, minutes: 1000 / 3 }));
    const bill = monthlyBill(days, { perThousand: 1, freeMinutes: 0 });
    const total = monthlyAmount(days.reduce((s, d) => s + d.minutes, 0), { perThousand: 1, freeMinutes: 0 });
    expect(total).toBe(10.33);
    expect(bill.reduce((s, l) => s + cents(l.amount), 0)).toBe(cents(total));
    expect(sumMoney(bill.map((l) => l.amount))).toBe(total);
    // Each day is 0.33 or 0.34 (never a drifting 0.33 × 31 = 10.23).
    expect(new Set(bill.map((l) => l.amount))).toEqual(new Set([0.33, 0.34]));
    for (const l of bill) expect(Number.isInteger(cents(l.amount)) && Math.abs(l.amount * 100 - cents(l.amount)) < 1e-9).toBe(true);
  });

  it('adds up exactly for random usage and prices', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 100; round++) {
      const p = { perThousand: Math.round(rnd() * 100_000) / 10_000, freeMinutes: Math.floor(rnd() * 50_000) };
      const days = daysOfMonth('2024-02').map((day) => ({ day, minutes: Math.floor(rnd() * 3_000_000) / 60_000 }));
      const bill = monthlyBill(days, p);
      const total = monthlyAmount(days.reduce((s, d) => s + d.minutes, 0), p);
      expect(sumMoney(bill.map((l) => l.amount))).toBe(total);
      expect(bill.every((l) => l.amount >= 0 && l.billableMinutes >= 0)).toBe(true);
    }
  });

  it('charges zero at a zero price but still counts billable minutes', () => {
    const bill = monthlyBill([{ day: '2024-01-01', minutes: 50_000 }], { perThousand: 0, freeMinutes: 10_000 });
    expect(bill).toEqual([{ day: '2024-01-01', billableMinutes: 40_000, amount: 0 }]);
  });

  it('gives each month its own allowance', () => {
    const bill = monthlyBill(
      [
        { day: '2024-01-31', minutes: 12_000 },
        { day: '2024-02-01', minutes: 12_000 },
      ],
      price,
    );
    expect(bill).toEqual([
      { day: '2024-01-31', billableMinutes: 2000, amount: 7.98 },
      { day: '2024-02-01', billableMinutes: 2000, amount: 7.98 },
    ]);
  });

  it('adds up minutes given twice for one day', () => {
    expect(
      monthlyBill(
        [
          { day: '2024-01-01', minutes: 1000 },
          { day: '2024-01-01', minutes: 500 },
        ],
        { perThousand: 2, freeMinutes: 0 },
      ),
    ).toEqual([{ day: '2024-01-01', billableMinutes: 1500, amount: 3 }]);
  });

  it('returns [] for no days and refuses invalid input', () => {
    expect(monthlyBill([], price)).toEqual([]);
    expect(() => monthlyBill([{ day: '2024-01-01', minutes: -1 }], price)).toThrow(RangeError);
    expect(() => monthlyBill([{ day: '2024-1-1', minutes: 1 }], price)).toThrow(RangeError);
    expect(() => monthlyBill([], { perThousand: -1, freeMinutes: 0 })).toThrow(RangeError);
    expect(() => monthlyBill([], { perThousand: 1, freeMinutes: Number.NaN })).toThrow(RangeError);
  });
});
