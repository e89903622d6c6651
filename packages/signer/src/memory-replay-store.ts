// An in-process ReplayStore: right for a single API process and for tests. Several processes
// behind a load balancer need a shared store (a database table), or a replay can hit the other one.
import type { ReplayStore } from './replay-store';

export interface MemoryReplayStoreOptions {
  /**
   * Most live entries kept (default 100,000, a few megabytes). Size it above the peak signed
   * request rate times the whole window (2 × maxSkewSeconds, 600 s by default).
   */
  maxEntries?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

export interface MemoryReplayStore extends ReplayStore {
  /** Answers synchronously. */
  seen(accessKeyId: string, requestId: string, expiresAt: Date): boolean;
  /** Entries currently held, expired ones included until the next sweep. */
  readonly size: number;
}

/** Thrown by seen() when the store is full of entries that have not expired yet. */
export class ReplayStoreFullError extends Error {
  constructor(maxEntries: number) {
    super(`Replay store is full (${maxEntries} live request ids); refusing rather than forgetting one that could then be replayed`);
    this.name = 'ReplayStoreFullError';
  }
}

// Sweeping walks every entry, so do it at most this often unless the store is full.
const SWEEP_INTERVAL_MS = 30_000;

export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): MemoryReplayStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('createMemoryReplayStore: maxEntries must be a positive integer');
  const now = options.now ?? Date.now;
  // key → expiry in ms. No timers: nothing to keep a process alive or to clean up in tests.
  const entries = new Map<string, number>();
  let lastSweep = now();

  function sweep(at: number): void {
    for (const [key, expiresAt] of entries) if (expiresAt <= at) entries.delete(key);
    lastSweep = at;
  }

  return {
    get size() {
      return entries.size;
    },
    seen(accessKeyId, requestId, expiresAt) {
      const expiry = expiresAt.getTime();
      if (Number.isNaN(expiry)) throw new TypeError('ReplayStore.seen: expiresAt is an invalid date');
      const at = now();
      // Neither part can contain a line break (verify() only passes printable ASCII).
      const key = `${accessKeyId}\n${requestId}`;
      const existing = entries.get(key);
      if (existing !== undefined && existing > at) return true;
      if (entries.size >= maxEntries || at - lastSweep >= SWEEP_INTERVAL_MS) sweep(at);
      // Full of live entries: evicting one would reopen its replay window, so fail closed.
      if (entries.size >= maxEntries) throw new ReplayStoreFullError(maxEntries);
      entries.set(key, expiry);
      return false;
    },
  };
}
