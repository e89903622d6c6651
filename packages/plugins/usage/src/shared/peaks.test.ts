import { describe, expect, it } from 'vitest';
import { peakConcurrency, type ChannelInterval } from './peaks.js';

const i = (channel: string, start: number, end: number): ChannelInterval => ({ channel, start, end });
const ALL = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;

/** Brute force over every start instant, as an independent reference. */
function reference(list: ChannelInterval[], ws: number, we: number): number {
  let best = 0;
  for (const t of list.map((x) => Math.max(x.start, ws))) {
    if (t >= we) continue;
    const active = new Set(list.filter((x) => x.start <= t && t < x.end && x.start < x.end).map((x) => x.channel));
    best = Math.max(best, active.size);
  }
  return best;
}

describe('peakConcurrency', () => {
  it('is 0 for no intervals, or none inside the window', () => {
    expect(peakConcurrency([], ...ALL)).toBe(0);
    expect(peakConcurrency([], 0, 100)).toBe(0);
    expect(peakConcurrency([i('a', 100, 200)], 0, 100)).toBe(0);
    expect(peakConcurrency([i('a', 0, 50)], 50, 100)).toBe(0);
  });

  it('ignores empty and reversed intervals', () => {
    expect(peakConcurrency([i('a', 10, 10), i('b', 20, 10), i('c', Number.NaN, 5)], ...ALL)).toBe(0);
  });

  it('counts distinct channels at the same instant', () => {
    expect(peakConcurrency([i('a', 0, 10), i('b', 5, 15), i('c', 9, 20)], ...ALL)).toBe(3);
    expect(peakConcurrency([i('a', 0, 10), i('b', 5, 15), i('c', 12, 20)], ...ALL)).toBe(2);
  });

  it('counts nested and overlapping sessions of one channel once', () => {
    expect(peakConcurrency([i('a', 0, 100), i('a', 10, 20), i('a', 15, 30), i('a', 90, 150)], ...ALL)).toBe(1);
    expect(peakConcurrency([i('a', 0, 100), i('a', 10, 20), i('b', 15, 16), i('b', 15, 17)], ...ALL)).toBe(2);
  });

  it('does not overlap touching intervals (half-open)', () => {
    expect(peakConcurrency([i('a', 0, 10), i('b', 10, 20)], ...ALL)).toBe(1);
    expect(peakConcurrency([i('a', 0, 10), i('b', 10, 20), i('c', 20, 30)], ...ALL)).toBe(1);
    expect(peakConcurrency([i('a', 0, 10), i('b', 9, 20)], ...ALL)).toBe(2);
    // one channel's touching sessions still count once, with another channel spanning the seam
    expect(peakConcurrency([i('a', 0, 10), i('a', 10, 20), i('b', 5, 15)], ...ALL)).toBe(2);
  });

  it('clips to the window at day edges', () => {
    const day = 86_400_000;
    const list = [i('a', -1000, 1000), i('b', day - 1000, day + 1000), i('c', 500, day - 500)];
    // within day 0: a and c overlap at 500..1000, b and c overlap at day−1000..day−500
    expect(peakConcurrency(list, 0, day)).toBe(2);
    // the next day: only b is there
    expect(peakConcurrency(list, day, 2 * day)).toBe(1);
    // the previous day: only a
    expect(peakConcurrency(list, -day, 0)).toBe(1);
    // a session ending exactly at the window start is not in the window
    expect(peakConcurrency([i('a', -10, 0), i('b', 0, 10)], 0, 100)).toBe(1);
    // a session starting exactly at the window end is not in the window
    expect(peakConcurrency([i('a', 0, 10), i('b', 100, 110)], 0, 100)).toBe(1);
  });

  it('agrees with a brute-force count on random input', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: 1 + rnd(25) }, () => {
        const start = rnd(100);
        return i(`c${rnd(6)}`, start, start + rnd(30));
      });
      const ws = rnd(50);
      const we = ws + rnd(80);
      expect(peakConcurrency(list, ws, we)).toBe(reference(list, ws, we));
    }
  });

  it('handles many intervals quickly', () => {
    const list = Array.from({ length: 100_000 }, (_, k) => i(`c${k % 5000}`, k * 10, k * 10 + 5000));
    expect(peakConcurrency(list, ...ALL)).toBe(500);
  });
});
