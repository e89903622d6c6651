import {
  DAY_MS,
  PRODUCTS,
  concurrencyMetricsOf,
  durationCode,
  durationMetricsOf,
  peakCode,
  type ProductName,
  type SessionRecord,
} from '@rtc-console/plugin-usage/shared';
// The plugin's seeded PRNG (mulberry32): the same seed gives the same records as the demo's.
import { prng } from '@rtc-console/plugin-usage/server';

/**
 * Synthetic call session records for the benchmarks, generated fast enough for tens of millions:
 * many projects of uneven size, thousands of channels per project (a few busy, a long tail), a
 * daily rhythm (the evening of the users' time zone, so many calls cross UTC midnight), a weekly
 * one (busier weekends), event days, 1:1 calls, group calls and live broadcasts, a mix of audio
 * and video specs, recordings, mini app calls and transcoded CDN streams. The same options always
 * give the same records.
 */

export interface BenchProject {
  projectId: string;
  appId: string;
  companyId: number;
}

/** One generated session, compact; `toCopyLine` and `toUsageRecord` give the stored and the sent form. */
export interface Session {
  recordId: string;
  /** Index into the projects the generator was given. */
  project: number;
  channel: string;
  uid: string;
  host: boolean;
  joinMs: number;
  leaveMs: number;
  product: ProductName;
  transcoding?: { codec: 'h264' | 'h265'; mode: 'single-host' | 'hosting-in' };
  /** 0 × 0 for audio. */
  width: number;
  height: number;
}

export interface TrafficOptions {
  projects: readonly BenchProject[];
  /** The first UTC day, 'YYYY-MM-DD'. */
  fromDay: string;
  days: number;
  /** Exactly this many session records. */
  records: number;
  seed?: number;
  /** Hours from UTC of the users (their evening is the busy time); default -5 (the Americas' evening is around UTC midnight). */
  utcOffset?: number;
}

const RESOLUTIONS: readonly [number, number, number][] = [
  // width, height, weight
  [320, 180, 1],
  [320, 240, 2],
  [480, 360, 2],
  [640, 360, 4],
  [848, 480, 2],
  [960, 540, 3],
  [1280, 720, 4],
  [720, 1280, 1],
  [1920, 1080, 1],
];

function weighted<T>(items: readonly T[], weight: (t: T) => number): (r: number) => T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const t of items) cumulative.push((acc += weight(t) / total));
  return (r) => {
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return items[i]!;
    return items[items.length - 1]!;
  };
}

/** UTC hours weighted by how busy they are in the users' local day. */
function hourPicker(utcOffset: number): (r: number) => number {
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return weighted(hours, (h) => {
    const local = (h + utcOffset + 24) % 24;
    return local < 7 ? 0.15 : local < 12 ? 0.7 : local < 18 ? 0.9 : local < 23 ? 1.6 : 0.5;
  });
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUID-shaped record id (the media edge's ids are random, so the primary key index sees random inserts). */
function recordId(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[Math.floor(rand() * 256)]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

/** Sessions in time order, day by day. */
export function* sessions(o: TrafficOptions): Generator<Session> {
  const rand = prng(o.seed ?? 1);
  const start = Date.parse(`${o.fromDay}T00:00:00Z`);
  const pickHour = hourPicker(o.utcOffset ?? -5);
  const pickResolution = weighted(RESOLUTIONS, (r) => r[2]);
  // Projects of uneven size: the first ones carry most of the traffic.
  const pickProject = weighted(o.projects.map((_, i) => i), (i) => 1 / (i + 1));

  // Records per day: weekends 1.3×, now and then an event day 3×, some noise; exactly o.records in all.
  const weights = Array.from({ length: o.days }, (_, d) => {
    const weekday = new Date(start + d * DAY_MS).getUTCDay();
    return (weekday === 0 || weekday === 6 ? 1.3 : 1) * (rand() < 0.06 ? 3 : 1) * (0.85 + rand() * 0.3);
  });
  const total = weights.reduce((s, w) => s + w, 0);
  let assigned = 0;
  for (let d = 0; d < o.days; d++) {
    const target = d === o.days - 1 ? o.records - assigned : Math.round((o.records * weights[d]!) / total);
    assigned += target;
    const dayStart = start + d * DAY_MS;
    let made = 0;
    while (made < target) {
      const project = pickProject(rand());
      const callStart = dayStart + pickHour(rand()) * 3_600_000 + Math.floor(rand() * 3_600_000);
      // Heavy-tailed length: ~4 minutes to ~1.5 hours, now and then a whole afternoon.
      const minutes = rand() < 0.01 ? 180 + Math.floor(rand() * 300) : Math.max(1, Math.round(Math.exp(1.5 + rand() * 3)));
      const callEnd = callStart + minutes * 60_000;
      // A few busy channels, a long tail of quiet ones.
      const channel = `ch-${o.projects[project]!.projectId}-${Math.floor(4000 * rand() ** 3)}`;
      const shape = rand();
      const participants = shape < 0.65 ? 2 : shape < 0.93 ? 3 + Math.floor(rand() * 6) : 10 + Math.floor(rand() ** 2 * 150);
      const kind = rand();
      const product: ProductName = kind < 0.9 ? 'rtc' : 'miniapp';
      const audioOnly = rand() < 0.3;
      const [cw, ch] = pickResolution(rand());
      const extra = rand();
      for (let p = 0; p < participants && made < target; p++, made++) {
        const joinMs = callStart + Math.floor(rand() * 120_000);
        const leaveMs = Math.max(joinMs + 30_000, callEnd - Math.floor(rand() * 180_000));
        const [w, h] = audioOnly ? [0, 0] : rand() < 0.5 ? [cw, ch] : pickResolution(rand());
        yield {
          recordId: recordId(rand), project, channel, uid: String(10_000 + Math.floor(rand() * 90_000)),
          host: p < 2 || participants < 10, joinMs, leaveMs, product, width: w, height: h,
        };
      }
      if (made >= target) break;
      if (extra < 0.06) {
        // A recording of the call.
        made++;
        yield {
          recordId: recordId(rand), project, channel, uid: 'recorder', host: false, joinMs: callStart, leaveMs: callEnd,
          product: rand() < 0.5 ? 'recording' : 'cloudRecording', width: audioOnly ? 0 : cw, height: audioOnly ? 0 : ch,
        };
      } else if (extra < 0.12) {
        // A CDN live stream: the channel's mixed stream is transcoded while it lasts.
        made++;
        yield {
          recordId: recordId(rand), project, channel, uid: 'transcoder', host: true, joinMs: callStart, leaveMs: callEnd, product: 'transcoding',
          transcoding: { codec: rand() < 0.8 ? 'h264' : 'h265', mode: rand() < 0.6 ? 'hosting-in' : 'single-host' },
          width: audioOnly ? 0 : cw, height: audioOnly ? 0 : ch,
        };
      }
    }
  }
}

/** The record as the media edge sends it to POST /ingest/usage/records. */
export function toUsageRecord(s: Session, projects: readonly BenchProject[]): SessionRecord {
  return {
    type: 'session',
    recordId: s.recordId,
    appId: projects[s.project]!.appId,
    channel: s.channel,
    uid: s.uid,
    role: s.host ? 'host' : 'audience',
    joinAt: new Date(s.joinMs).toISOString(),
    leaveAt: new Date(s.leaveMs).toISOString(),
    product: s.product,
    ...(s.transcoding ? { transcoding: s.transcoding } : {}),
    media: s.width ? { kind: 'video', width: s.width, height: s.height } : { kind: 'audio' },
  };
}

/** The usage_sessions columns a COPY line fills, in order (ingested_at takes its default). */
export const COPY_COLUMNS = 'record_id, company_id, project_id, channel, uid, role, joined_at, left_at, product, metrics, peak_metrics, width, height';

const metricsCache = new Map<string, string>();

/** The metrics and peak metrics columns, derived with the plugin's own model functions (as ingest does). */
function metricColumns(s: Session): string {
  const key = `${s.product}|${s.transcoding?.codec ?? ''}|${s.transcoding?.mode ?? ''}|${s.width}x${s.height}`;
  let cols = metricsCache.get(key);
  if (cols === undefined) {
    const r = toUsageRecord({ ...s, project: 0 }, [{ projectId: '', appId: '', companyId: 0 }]);
    cols = `{${durationMetricsOf(r).map(durationCode).join(',')}}\t{${concurrencyMetricsOf(r).map(peakCode).join(',')}}`;
    metricsCache.set(key, cols);
  }
  return cols;
}

/** One line of COPY's text format: the row ingest would store for this session. */
export function toCopyLine(s: Session, projects: readonly BenchProject[]): string {
  const p = projects[s.project]!;
  const media = s.width ? `${s.width}\t${s.height}` : '\\N\t\\N';
  return `${s.recordId}\t${p.companyId}\t${p.projectId}\t${s.channel}\t${s.uid}\t${s.host ? 1 : 2}\t${new Date(s.joinMs).toISOString()}\t${new Date(s.leaveMs).toISOString()}\t${PRODUCTS[s.product]}\t${metricColumns(s)}\t${media}\n`;
}

/** COPY text in chunks of about `rowsPerChunk` lines. */
export function* copyChunks(rows: Iterable<Session>, projects: readonly BenchProject[], rowsPerChunk = 5_000): Generator<string> {
  let lines: string[] = [];
  for (const s of rows) {
    lines.push(toCopyLine(s, projects));
    if (lines.length === rowsPerChunk) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}
