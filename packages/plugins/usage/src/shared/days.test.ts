import { describe, expect, it } from 'vitest';
import { DAY_MS, dayRange, dayStartMs, daysOfMonth, isDay, isMonth, monthOf, monthRange, nextDay, splitByUtcDay, utcDay, utcInstant } from './days.js';

const at = (iso: string) => Date.parse(iso);

describe('splitByUtcDay', () => {
  it('keeps a session inside one day whole', () => {
    expect(splitByUtcDay(at('2024-03-05T10:00:00Z'), at('2024-03-05T10:30:00.250Z'))).toEqual([{ day: '2024-03-05', ms: 1_800_250 }]);
  });

  it('splits a session across midnight: 23:59:30Z → 00:00:30Z is 30 s on each day', () => {
    expect(splitByUtcDay(at('2024-03-05T23:59:30Z'), at('2024-03-06T00:00:30Z'))).toEqual([
      { day: '2024-03-05', ms: 30_000 },
      { day: '2024-03-06', ms: 30_000 },
    ]);
  });

  it('counts a session ending exactly at midnight only on its day, and one starting at midnight only on the next', () => {
    expect(splitByUtcDay(at('2024-03-05T23:00:00Z'), at('2024-03-06T00:00:00Z'))).toEqual([{ day: '2024-03-05', ms: 3_600_000 }]);
    expect(splitByUtcDay(at('2024-03-06T00:00:00Z'), at('2024-03-06T00:00:00.001Z'))).toEqual([{ day: '2024-03-06', ms: 1 }]);
  });

  it('splits a multi-day session into whole middle days', () => {
    const parts = splitByUtcDay(at('2024-03-01T12:00:00Z'), at('2024-03-04T06:00:00Z'));
    expect(parts).toEqual([
      { day: '2024-03-01', ms: 12 * 3_600_000 },
      { day: '2024-03-02', ms: DAY_MS },
      { day: '2024-03-03', ms: DAY_MS },
      { day: '2024-03-04', ms: 6 * 3_600_000 },
    ]);
    expect(parts.reduce((s, p) => s + p.ms, 0)).toBe(at('2024-03-04T06:00:00Z') - at('2024-03-01T12:00:00Z'));
  });

  it('crosses month and year boundaries', () => {
    expect(splitByUtcDay(at('2023-12-31T23:00:00Z'), at('2024-01-01T01:00:00Z'))).toEqual([
      { day: '2023-12-31', ms: 3_600_000 },
      { day: '2024-01-01', ms: 3_600_000 },
    ]);
    expect(splitByUtcDay(at('2024-04-30T23:59:59Z'), at('2024-05-01T00:00:01Z')).map((p) => p.day)).toEqual(['2024-04-30', '2024-05-01']);
  });

  it('has the leap day in leap years only', () => {
    expect(splitByUtcDay(at('2024-02-28T23:00:00Z'), at('2024-03-01T01:00:00Z'))).toEqual([
      { day: '2024-02-28', ms: 3_600_000 },
      { day: '2024-02-29', ms: DAY_MS },
      { day: '2024-03-01', ms: 3_600_000 },
    ]);
    expect(splitByUtcDay(at('2023-02-28T23:00:00Z'), at('2023-03-01T01:00:00Z')).map((p) => p.day)).toEqual(['2023-02-28', '2023-03-01']);
  });

  it('is free of daylight-saving time: days around the EU and US clock changes are 24 h long', () => {
    // 2024-03-31 (EU spring forward), 2024-11-03 (US fall back).
    for (const day of ['2024-03-31', '2024-11-03']) {
      const start = dayStartMs(day);
      expect(splitByUtcDay(start - 1, start + DAY_MS + 1)).toEqual([
        { day: utcDay(start - 1), ms: 1 },
        { day, ms: DAY_MS },
        { day: nextDay(day), ms: 1 },
      ]);
    }
  });

  it('returns [] for empty or reversed sessions and refuses fractional instants', () => {
    expect(splitByUtcDay(1000, 1000)).toEqual([]);
    expect(splitByUtcDay(2000, 1000)).toEqual([]);
    expect(() => splitByUtcDay(0.5, 1000)).toThrow(RangeError);
    expect(() => splitByUtcDay(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => splitByUtcDay(Number.NaN, 1)).toThrow(RangeError);
  });

  it('works before 1970', () => {
    expect(splitByUtcDay(-1000, 1000)).toEqual([
      { day: '1969-12-31', ms: 1000 },
      { day: '1970-01-01', ms: 1000 },
    ]);
  });
});

describe('days and months', () => {
  it('utcDay gives the UTC day of an instant', () => {
    expect(utcDay(0)).toBe('1970-01-01');
    expect(utcDay(at('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29');
    expect(utcDay(at('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(() => utcDay(Number.NaN)).toThrow(RangeError);
  });

  it('dayRange is inclusive and crosses months, years and leap days', () => {
    expect(dayRange('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(dayRange('2023-12-31', '2024-01-01')).toEqual(['2023-12-31', '2024-01-01']);
    expect(dayRange('2024-05-05', '2024-05-05')).toEqual(['2024-05-05']);
    expect(dayRange('2024-05-06', '2024-05-05')).toEqual([]);
    expect(dayRange('2024-01-01', '2024-12-31')).toHaveLength(366);
    expect(() => dayRange('2024-5-1', '2024-05-05')).toThrow(RangeError);
  });

  it('monthOf and daysOfMonth', () => {
    expect(monthOf('2024-02-29')).toBe('2024-02');
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    expect(daysOfMonth('2023-02')).toHaveLength(28);
    expect(daysOfMonth('1900-02')).toHaveLength(28);
    expect(daysOfMonth('2000-02')).toHaveLength(29);
    expect(daysOfMonth('2024-04').at(-1)).toBe('2024-04-30');
    expect(daysOfMonth('2024-12')[0]).toBe('2024-12-01');
    expect(daysOfMonth('2024-12').at(-1)).toBe('2024-12-31');
    expect(() => daysOfMonth('2024-13')).toThrow(RangeError);
    expect(() => monthOf('2023-02-29')).toThrow(RangeError);
  });

  it('monthRange lists the months between two days', () => {
    expect(monthRange('2023-11-30', '2024-02-01')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthRange('2024-02-01', '2024-02-29')).toEqual(['2024-02']);
    expect(monthRange('2024-03-01', '2024-02-29')).toEqual([]);
  });

  it('validates days and months', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2024-04-31')).toBe(false);
    expect(isDay('2024-00-10')).toBe(false);
    expect(isDay('2024-01-00')).toBe(false);
    expect(isDay('24-01-01')).toBe(false);
    expect(isMonth('2024-12')).toBe(true);
    expect(isMonth('2024-00')).toBe(false);
    expect(isMonth('2024-1')).toBe(false);
  });

  it('dayStartMs and nextDay', () => {
    expect(dayStartMs('1970-01-02')).toBe(DAY_MS);
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });
});

describe('utcDay and utcInstant against Date', () => {
  it('agree with toISOString on instants across four centuries, before 1970 included, asked twice (the second from the kept day names)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const first = Date.parse('0000-01-01T00:00:00Z');
    const last = Date.parse('9999-12-31T23:59:59.999Z');
    const instants = [first, last, 0, -1, DAY_MS - 1, DAY_MS, Date.parse('2024-02-29T23:59:59.999Z'), Date.parse('1900-03-01T00:00:00.001Z')];
    for (let i = 0; i < 20_000; i++) instants.push(Math.floor(first + next() * (last - first)));
    for (let i = 0; i < 2; i++) {
      for (const ms of instants) {
        expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
        expect(utcInstant(ms)).toBe(new Date(ms).toISOString());
      }
    }
  });

  it('still refuse what is out of range after nearby days were named', () => {
    utcDay(Date.parse('9999-12-31T12:00:00Z'));
    expect(() => utcDay(Date.parse('9999-12-31T12:00:00Z') + DAY_MS)).toThrow(RangeError);
    expect(() => utcDay(Number.NaN)).toThrow(RangeError);
    expect(() => utcInstant(1.5)).toThrow(RangeError);
  });
});
