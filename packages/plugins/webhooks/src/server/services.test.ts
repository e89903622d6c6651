import { describe, expect, test } from 'vitest';
import { settingsOf } from './services.js';

const config = (env: Record<string, string> = {}, demo = false) => ({ publicUrl: 'http://localhost:3000', demo, env: (name: string) => env[`WEBHOOKS_${name}`] });

describe('the plugin\'s settings', () => {
  test('a real install: public https targets only, 13 retries from 7 s doubling, 10 s per attempt, off after a day', () => {
    const s = settingsOf({}, config());
    expect(s.policy).toEqual({ allowPrivate: false, allowLoopback: false });
    expect(s.retry).toEqual({ limit: 13, delaySeconds: 7, backoff: true });
    expect({ timeoutMs: s.timeoutMs, disableAfterHours: s.disableAfterHours, maxBodyBytes: s.maxBodyBytes, keepDays: s.keepDays }).toEqual({ timeoutMs: 10_000, disableAfterHours: 24, maxBodyBytes: 2048, keepDays: 30 });
    // pg-boss waits delay × 2^(n-1) and up to as much again before retry n: about a day in all.
    const earliest = Array.from({ length: s.retry.limit }, (_, n) => s.retry.delaySeconds * 2 ** n).reduce((a, b) => a + b, 0);
    expect(earliest / 3600).toBeGreaterThan(15);
    expect((2 * earliest) / 3600).toBeLessThan(33);
  });

  test('the demo allows this machine; WEBHOOKS_ALLOW_PRIVATE=on allows every address; options win over both', () => {
    expect(settingsOf({}, config({}, true)).policy).toEqual({ allowPrivate: false, allowLoopback: true });
    expect(settingsOf({}, config({ WEBHOOKS_ALLOW_PRIVATE: 'on' })).policy).toEqual({ allowPrivate: true, allowLoopback: true });
    expect(settingsOf({}, config({ WEBHOOKS_ALLOW_PRIVATE: 'off' }, false)).policy.allowPrivate).toBe(false);
    expect(settingsOf({ allowPrivate: false, allowLoopback: false }, config({ WEBHOOKS_ALLOW_PRIVATE: 'on' }, true)).policy).toEqual({ allowPrivate: false, allowLoopback: false });
  });
});
