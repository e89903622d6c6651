import { expect, test } from 'vitest';
import { decideAttempt, type ThrottleRule } from './throttle.js';

const rule: ThrottleRule = { limit: 2, windowMs: 600_000, baseDelayMs: 30_000, maxDelayMs: 100_000 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

/** Plays attempts at the given seconds and returns what each was answered. */
function play(seconds: number[]): string[] {
  let state: ReturnType<typeof decideAttempt>['next'] | undefined;
  return seconds.map((s) => {
    const { verdict, next } = decideAttempt(state, at(s), rule);
    state = next;
    return verdict.allowed ? 'ok' : `wait ${Math.round(verdict.retryAfterMs / 1000)}`;
  });
}

test('the limit is free, the next attempt waits, and each later block lasts twice as long up to the cap', () => {
  expect(play([0, 1, 2])).toEqual(['ok', 'ok', 'wait 30']);
  // Refused attempts during a block do not extend it.
  expect(play([0, 1, 2, 10, 20])).toEqual(['ok', 'ok', 'wait 30', 'wait 22', 'wait 12']);
  // After the block, one attempt goes through; going over again blocks 60 s, then 100 s (the cap).
  expect(play([0, 1, 2, 32, 33, 92, 93, 193])).toEqual(['ok', 'ok', 'wait 30', 'ok', 'wait 59', 'ok', 'wait 99', 'ok']);
});

test('a new window starts afresh once the old one and its block are over', () => {
  expect(play([0, 1, 2, 600, 601, 602])).toEqual(['ok', 'ok', 'wait 30', 'ok', 'ok', 'wait 30']);
});
