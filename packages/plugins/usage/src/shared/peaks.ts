/** A time during which a channel was active: half-open [start, end) in milliseconds. */
export interface ChannelInterval {
  channel: string;
  start: number;
  end: number;
}

/**
 * The greatest number of distinct channels active at one instant within the half-open window
 * [windowStart, windowEnd). Intervals are half-open, so one ending exactly when another starts
 * does not overlap it; several overlapping (or touching) sessions of one channel count once;
 * intervals are clipped to the window and empty ones (end ≤ start, or NaN) are ignored.
 * O(n log n): each channel's intervals are merged, then the merged ones are swept.
 */
export function peakConcurrency(intervals: readonly ChannelInterval[], windowStart: number, windowEnd: number): number {
  const byChannel = new Map<string, [number, number][]>();
  for (const { channel, start, end } of intervals) {
    const s = Math.max(start, windowStart);
    const e = Math.min(end, windowEnd);
    if (!(e > s)) continue;
    const list = byChannel.get(channel);
    if (list) list.push([s, e]);
    else byChannel.set(channel, [[s, e]]);
  }

  // +1 at each merged interval's start, −1 at its end.
  const events: [time: number, delta: 1 | -1][] = [];
  for (const list of byChannel.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let [curStart, curEnd] = list[0]!;
    for (let i = 1; i < list.length; i++) {
      const [s, e] = list[i]!;
      // Touching intervals of one channel are one stretch of activity: merging them is safe.
      if (s <= curEnd) {
        if (e > curEnd) curEnd = e;
      } else {
        events.push([curStart, 1], [curEnd, -1]);
        curStart = s;
        curEnd = e;
      }
    }
    events.push([curStart, 1], [curEnd, -1]);
  }

  // At equal times, ends come before starts: [a, t) and [t, b) never overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let active = 0;
  let peak = 0;
  for (const [, delta] of events) {
    active += delta;
    if (active > peak) peak = active;
  }
  return peak;
}
