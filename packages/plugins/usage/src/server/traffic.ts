import type { UsageRecord } from '../shared/model.js';

/** A small seeded PRNG (mulberry32): the same options always give the same traffic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESOLUTIONS: [number, number, number][] = [
  // width, height, weight
  [320, 240, 2],
  [480, 360, 2],
  [640, 360, 4],
  [960, 540, 3],
  [1280, 720, 4],
  [1920, 1080, 1],
];

/** When people call, by UTC hour: busiest in the evening of the company's time zone. */
function hourWeights(utcOffset: number): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    const local = (h + utcOffset + 24) % 24;
    return local < 7 ? 0.15 : local < 12 ? 0.7 : local < 18 ? 0.9 : local < 23 ? 1.6 : 0.5;
  });
}

function pickWeighted<T>(rand: () => number, items: T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rand() * total;
  for (const t of items) {
    x -= weight(t);
    if (x <= 0) return t;
  }
  return items[items.length - 1]!;
}

export interface CompanyTraffic {
  companyId: number;
  apps: string[];
  /** Hours from UTC of the company's users (their evening is the busy time). */
  utcOffset: number;
}

/**
 * Realistic-looking call records for one company and UTC day: a daily rhythm (evening peak),
 * a weekly one (busier weekends), now and then an event day with three times the traffic, a mix
 * of audio and video specs, recordings, mini app calls, CDN live streams with transcoding, and
 * RTM activity of the participants. Record ids derive from the inputs, so generating the same
 * day again re-sends the same records (and ingest counts them once).
 */
export function dayTraffic(c: CompanyTraffic, day: string, callsPerDay: number, seed: number): UsageRecord[] {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const rand = prng(seed ^ (c.companyId * 7919) ^ Math.floor(dayStart / 86_400_000));
  const weekday = new Date(dayStart).getUTCDay();
  const event = rand() < 0.06 ? 3 : 1;
  const calls = Math.round(callsPerDay * (weekday === 0 || weekday === 6 ? 1.3 : 1) * event * (0.85 + rand() * 0.3));
  const hours = hourWeights(c.utcOffset).map((w, h) => ({ h, w }));
  const records: UsageRecord[] = [];
  const rtmUsers = new Set<string>();
  for (let n = 0; n < calls; n++) {
    const appId = c.apps[Math.floor(rand() * c.apps.length)]!;
    const { h } = pickWeighted(rand, hours, (x) => x.w);
    const start = dayStart + h * 3_600_000 + Math.floor(rand() * 3_600_000);
    const minutes = Math.max(1, Math.round(Math.exp(2 + rand() * 2))); // ~7 to ~55 minutes, long tail
    const channel = `room-${c.companyId}-${Math.floor(rand() * 400)}`;
    const kind = rand();
    const product = kind < 0.8 ? 'rtc' : kind < 0.88 ? 'miniapp' : 'rtc';
    const audioOnly = rand() < 0.3;
    const [w, hgt] = pickWeighted(rand, RESOLUTIONS, (r) => r[2]);
    const participants = 2 + Math.floor(rand() * 5);
    for (let p = 0; p < participants; p++) {
      const join = start + Math.floor(rand() * 120_000);
      const leave = Math.max(join + 30_000, start + minutes * 60_000 - Math.floor(rand() * 180_000));
      const uid = `${10_000 + Math.floor(rand() * 5_000)}`;
      rtmUsers.add(`${appId}|${uid}`);
      records.push({
        type: 'session',
        recordId: `demo-${c.companyId}-${day}-${n}-${p}`,
        appId, channel, uid,
        role: p < 2 ? 'host' : 'audience',
        joinAt: new Date(join).toISOString(),
        leaveAt: new Date(leave).toISOString(),
        product,
        media: audioOnly ? { kind: 'audio' } : { kind: 'video', width: w, height: hgt },
      });
    }
    const end = start + minutes * 60_000;
    if (kind >= 0.88 && kind < 0.94) {
      records.push({ type: 'session', recordId: `demo-${c.companyId}-${day}-${n}-rec`, appId, channel, uid: 'recorder', role: 'audience', joinAt: new Date(start).toISOString(), leaveAt: new Date(end).toISOString(), product: rand() < 0.5 ? 'recording' : 'cloudRecording', media: audioOnly ? { kind: 'audio' } : { kind: 'video', width: w, height: hgt } });
    }
    if (kind >= 0.94) {
      // A CDN live stream: the channel's mixed stream is transcoded while it lasts.
      const codec = rand() < 0.8 ? 'h264' : 'h265';
      const mode = rand() < 0.6 ? 'hosting-in' : 'single-host';
      records.push({ type: 'session', recordId: `demo-${c.companyId}-${day}-${n}-cdn`, appId, channel, uid: 'transcoder', role: 'host', joinAt: new Date(start).toISOString(), leaveAt: new Date(end).toISOString(), product: 'transcoding', transcoding: { codec, mode }, media: audioOnly ? { kind: 'audio' } : { kind: 'video', width: w, height: hgt } });
    }
  }
  let i = 0;
  for (const key of rtmUsers) {
    const [appId, uid] = key.split('|') as [string, string];
    records.push({ type: 'rtm', recordId: `demo-${c.companyId}-${day}-rtm-${i++}`, appId, userId: uid, at: new Date(dayStart + 3_600_000 * (8 + (i % 12))).toISOString() });
  }
  return records;
}
