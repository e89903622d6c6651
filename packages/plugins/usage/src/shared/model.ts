/**
 * The usage model (PRODUCT.md "Usage"; seeds 000, 001, 003). Codes are small integers because
 * they are stored in every raw record and rollup row; names are the seed's REST field names.
 */

/** Products the media edge reports. */
export const PRODUCTS = { rtc: 1, recording: 2, cloudRecording: 3, miniapp: 4, transcoding: 5 } as const;
export type ProductName = keyof typeof PRODUCTS;
export type ProductCode = (typeof PRODUCTS)[ProductName];

/** Video spec classes from the resolution: SD below 640×360, HD 640×360 up to 1280×720, HDP above. */
export type SpecClass = 'sd' | 'hd' | 'hdp';

/**
 * Duration metrics, stored per product in the daily rollups. For rtc, recording, cloud recording
 * and mini app: audio and video by spec (total video = sd + hd + hdp). For transcoding: the
 * seed's `transcodeDuration` fields.
 */
export const DURATION_METRICS = {
  audio: 1,
  sd: 2,
  hd: 3,
  hdp: 4,
  // transcoding (seed 003 "transcodeDuration")
  audioHostin: 11,
  avcAudio: 12,
  videoSingleHost: 13,
  avcSd: 14,
  avcHd: 15,
  avcHdp: 16,
  hevcAudio: 17,
  hevcSd: 18,
  hevcHd: 19,
  hevcHdp: 20,
} as const;
export type DurationMetricName = keyof typeof DURATION_METRICS;

/** Peak metrics: concurrent transcoding channels (seed 003 "concurrentChannel") and RTM daily active users. */
export const PEAK_METRICS = {
  avcTotal: 31,
  avcTotalHostin: 32,
  avcTotalVideoHostin: 33,
  avcAudio: 34,
  audioHostin: 35,
  videoSingleHost: 36,
  avcSd: 37,
  avcHd: 38,
  avcHdp: 39,
  hevcAudio: 40,
  hevcSd: 41,
  hevcHd: 42,
  hevcHdp: 43,
  dau: 50,
} as const;
export type PeakMetricName = keyof typeof PEAK_METRICS;

/** How a session's media is described by the edge. */
export type Media = { kind: 'audio' } | { kind: 'video'; width: number; height: number };

/** One call session record, as the media edge reports it (ingest API). */
export interface SessionRecord {
  type: 'session';
  /** Unique per record across the platform: re-sending it never counts twice. */
  recordId: string;
  appId: string;
  channel: string;
  uid: string;
  role: 'host' | 'audience';
  /** ISO 8601 instants; leave is after join. */
  joinAt: string;
  leaveAt: string;
  product: ProductName;
  /** Transcoding only: the codec and whether the stream is a single host or hosting-in. */
  transcoding?: { codec: 'h264' | 'h265'; mode: 'single-host' | 'hosting-in' };
  media: Media;
}

/** One RTM activity record: a user was active at a time (counts towards daily active users). */
export interface RtmRecord {
  type: 'rtm';
  recordId: string;
  appId: string;
  userId: string;
  at: string;
}

export type UsageRecord = SessionRecord | RtmRecord;

/** The most records one ingest request may carry. */
export const MAX_BATCH = 10_000;

/** Currencies of the price table; a company pays in CNY when its area is CN, else USD. */
export type Currency = 'USD' | 'CNY';
