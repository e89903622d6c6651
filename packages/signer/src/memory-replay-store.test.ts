// The in-memory replay store: remembers until expiry, forgets after, stays bounded.
import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore, ReplayStoreFullError } from './index';

const ID = '70a0a14b-f38c-4aaf-aa46-04d8fae3e38c';

describe('createMemoryReplayStore', () => {
  it('reports a pair as seen until it expires, then accepts it again', async () => {
    let now = 1_000_000;
    const store = createMemoryReplayStore({ now: () => now });
    const expiresAt = new Date(now + 300_000);
    expect(await store.seen('key', ID, expiresAt)).toBe(false);
    expect(await store.seen('key', ID, expiresAt)).toBe(true);
    expect(await store.seen('other-key', ID, expiresAt)).toBe(false); // scoped per access key
    now += 299_999;
    expect(await store.seen('key', ID, expiresAt)).toBe(true);
    now += 1; // at expiresAt the entry is gone
    expect(await store.seen('key', ID, new Date(now + 300_000))).toBe(false);
    expect(await store.seen('key', ID, new Date(now + 300_000))).toBe(true);
  });

  it('sweeps expired entries so memory does not grow with traffic', async () => {
    let now = 0;
    const store = createMemoryReplayStore({ now: () => now });
    for (let i = 0; i < 100; i++) await store.seen('key', `id-${i}`, new Date(now + 600_000));
    expect(store.size).toBe(100);
    now += 600_000; // everything expired, and well past the sweep interval
    await store.seen('key', 'fresh', new Date(now + 600_000));
    expect(store.size).toBe(1);
  });

  it('is bounded: when full it drops expired entries first, and refuses rather than forget live ones', async () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 3, now: () => now });
    await store.seen('key', 'a', new Date(1_000));
    await store.seen('key', 'b', new Date(10_000));
    await store.seen('key', 'c', new Date(10_000));
    now = 1_000; // "a" expired: its slot is reused
    expect(await store.seen('key', 'd', new Date(10_000))).toBe(false);
    expect(store.size).toBe(3);
    // A repeat is still answered while full.
    expect(await store.seen('key', 'b', new Date(10_000))).toBe(true);
    expect(() => store.seen('key', 'e', new Date(10_000))).toThrow(ReplayStoreFullError);
    now = 10_000;
    expect(await store.seen('key', 'e', new Date(20_000))).toBe(false);
    expect(store.size).toBe(1);
  });

  it('refuses bad arguments', async () => {
    expect(() => createMemoryReplayStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createMemoryReplayStore().seen('key', ID, new Date(Number.NaN))).toThrow(TypeError);
  });
});
