import { z } from 'zod';
import { MAX_BATCH } from '../shared/model.js';
import { daysInMonth } from '../shared/days.js';

/** A call longer than this is refused: no real session lasts a week, and it bounds rollup work. */
export const MAX_SESSION_MS = 7 * 24 * 3_600_000;
/** Clocks drift; a record from further in the future than this is refused. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

const instant = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time` }).transform((v) => Date.parse(v));
const recordId = z.string({ error: 'recordId must be a string' }).min(1, 'recordId is required').max(128, 'recordId must be at most 128 characters');
const appId = z.string({ error: 'appId must be a string' }).regex(/^[0-9a-f]{32}$/i, 'appId must be 32 hexadecimal characters').transform((v) => v.toLowerCase());
const dimension = (field: string) => z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`).min(1, `${field} must be at least 1`).max(16_384, `${field} must be at most 16384`);

const media = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('audio') }),
  z.object({ kind: z.literal('video'), width: dimension('media.width'), height: dimension('media.height') }),
], { error: 'media.kind must be "audio" or "video"' });

const session = z
  .object({
    type: z.literal('session'),
    recordId,
    appId,
    channel: z.string({ error: 'channel must be a string' }).min(1, 'channel is required').max(128, 'channel must be at most 128 characters'),
    uid: z.union([z.string(), z.number()], { error: 'uid must be a string or a number' }).transform(String).pipe(z.string().min(1, 'uid is required').max(64, 'uid must be at most 64 characters')),
    role: z.enum(['host', 'audience'], { error: 'role must be "host" or "audience"' }),
    joinAt: instant('joinAt'),
    leaveAt: instant('leaveAt'),
    product: z.enum(['rtc', 'recording', 'cloudRecording', 'miniapp', 'transcoding'], { error: 'product must be one of rtc, recording, cloudRecording, miniapp, transcoding' }),
    transcoding: z
      .object({
        codec: z.enum(['h264', 'h265'], { error: 'transcoding.codec must be "h264" or "h265"' }),
        mode: z.enum(['single-host', 'hosting-in'], { error: 'transcoding.mode must be "single-host" or "hosting-in"' }),
      })
      .optional(),
    media,
  })
  .superRefine((r, ctx) => {
    if (r.leaveAt <= r.joinAt) ctx.addIssue({ code: 'custom', path: ['leaveAt'], message: 'leaveAt must be after joinAt' });
    else if (r.leaveAt - r.joinAt > MAX_SESSION_MS) ctx.addIssue({ code: 'custom', path: ['leaveAt'], message: 'a session may last at most 7 days' });
    if (r.leaveAt > Date.now() + FUTURE_SLACK_MS) ctx.addIssue({ code: 'custom', path: ['leaveAt'], message: 'leaveAt is in the future' });
    if (r.product === 'transcoding' && !r.transcoding) ctx.addIssue({ code: 'custom', path: ['transcoding'], message: 'transcoding records need transcoding.codec and transcoding.mode' });
    if (r.product !== 'transcoding' && r.transcoding) ctx.addIssue({ code: 'custom', path: ['transcoding'], message: 'only transcoding records carry transcoding details' });
  });

const rtm = z
  .object({
    type: z.literal('rtm'),
    recordId,
    appId,
    userId: z.union([z.string(), z.number()], { error: 'userId must be a string or a number' }).transform(String).pipe(z.string().min(1, 'userId is required').max(64, 'userId must be at most 64 characters')),
    at: instant('at'),
  })
  .superRefine((r, ctx) => {
    if (r.at > Date.now() + FUTURE_SLACK_MS) ctx.addIssue({ code: 'custom', path: ['at'], message: 'at is in the future' });
  });

/** One record of a batch; a bad one is reported with its index, the rest of the batch is kept. */
export const recordSchema = z.discriminatedUnion('type', [session, rtm], { error: 'type must be "session" or "rtm"' });
export type ParsedRecord = z.output<typeof recordSchema>;
export type ParsedSession = Extract<ParsedRecord, { type: 'session' }>;
export type ParsedRtm = Extract<ParsedRecord, { type: 'rtm' }>;

/** The request body: the records are checked one by one afterwards. */
export const batchSchema = z.object({
  records: z
    .array(z.unknown(), { error: 'records must be an array' })
    .min(1, 'records must not be empty')
    .max(MAX_BATCH, `records may hold at most ${MAX_BATCH} records`),
});

// ---------------------------------------------------------------------------------------------
// The fast path. zod above is the contract and the author of every error message; checking ten
// thousand records with it costs about 40 ms of the ingest request's CPU, a fifth of all of it.
// parseRecordFast accepts only records that are plainly well-formed, in the canonical shape the
// media edge sends (UTC instants written as 2025-03-10T08:00:00.000Z), and answers exactly what
// zod would; anything else returns null and goes through zod, which then accepts or explains.
// record-schema.test.ts checks the two against each other on many thousands of records.

const SESSION_PRODUCTS = new Set(['rtc', 'recording', 'cloudRecording', 'miniapp', 'transcoding']);
const APP_ID = /^[0-9a-f]{32}$/i;

/** The digits value[from..to) as a number, or -1 when any of them is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Milliseconds of a canonical UTC instant, 'YYYY-MM-DDTHH:MM:SS[.s[s[s]]]Z', with a real date and
 * time from the year 100 on; NaN for anything else (zod then decides). Read character by
 * character: a regular expression and Date.parse cost ten times as much, twice per record.
 */
function canonicalInstant(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const n = value.length;
  if (n !== 20 && (n < 22 || n > 24)) return Number.NaN;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84
    || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || value.charCodeAt(n - 1) !== 90) return Number.NaN; // - - T : : Z
  if (n > 20 && value.charCodeAt(19) !== 46) return Number.NaN; // .
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  const hours = digits(value, 11, 13);
  const minutes = digits(value, 14, 16);
  const seconds = digits(value, 17, 19);
  const fraction = n > 20 ? digits(value, 20, n - 1) : 0;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || fraction < 0) return Number.NaN;
  // '.2' is 200 ms, '.25' 250 ms. (Date.UTC maps years 0–99 to 1900–1999, hence year ≥ 100 above.)
  const ms = n === 24 ? fraction : n === 23 ? fraction * 10 : fraction * 100;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
}

const textOf = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.length >= 1 && value.length <= max ? value : null;

/** zod's `z.union([z.string(), z.number()]).transform(String)` then 1..max characters. */
function idOf(value: unknown, max: number): string | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return textOf(text, max);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDimension = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 16_384;

function fastSession(o: Record<string, unknown>, now: number): ParsedSession | null {
  const recordId = textOf(o.recordId, 128);
  const appId = o.appId;
  const channel = textOf(o.channel, 128);
  const uid = idOf(o.uid, 64);
  const role = o.role;
  const product = o.product;
  if (recordId === null || typeof appId !== 'string' || !APP_ID.test(appId) || channel === null || uid === null) return null;
  if ((role !== 'host' && role !== 'audience') || typeof product !== 'string' || !SESSION_PRODUCTS.has(product)) return null;
  const joinAt = canonicalInstant(o.joinAt);
  const leaveAt = canonicalInstant(o.leaveAt);
  if (!(leaveAt > joinAt) || leaveAt - joinAt > MAX_SESSION_MS || leaveAt > now + FUTURE_SLACK_MS) return null;

  let transcoding: ParsedSession['transcoding'];
  if (o.transcoding !== undefined) {
    const t = o.transcoding;
    if (product !== 'transcoding' || !isObject(t)) return null;
    if ((t.codec !== 'h264' && t.codec !== 'h265') || (t.mode !== 'single-host' && t.mode !== 'hosting-in')) return null;
    transcoding = { codec: t.codec, mode: t.mode };
  } else if (product === 'transcoding') return null;

  const m = o.media;
  if (!isObject(m)) return null;
  let media: ParsedSession['media'];
  if (m.kind === 'audio') media = { kind: 'audio' };
  else if (m.kind === 'video' && isDimension(m.width) && isDimension(m.height)) media = { kind: 'video', width: m.width, height: m.height };
  else return null;

  return {
    type: 'session', recordId, appId: appId.toLowerCase(), channel, uid, role, joinAt, leaveAt,
    product: product as ParsedSession['product'], ...(transcoding ? { transcoding } : {}), media,
  };
}

function fastRtm(o: Record<string, unknown>, now: number): ParsedRtm | null {
  const recordId = textOf(o.recordId, 128);
  const appId = o.appId;
  const userId = idOf(o.userId, 64);
  const at = canonicalInstant(o.at);
  if (recordId === null || typeof appId !== 'string' || !APP_ID.test(appId) || userId === null) return null;
  if (!(at <= now + FUTURE_SLACK_MS)) return null; // also refuses NaN
  return { type: 'rtm', recordId, appId: appId.toLowerCase(), userId, at };
}

/** The parsed record when it is plainly well-formed (exactly what zod would answer), else null. */
export function parseRecordFast(raw: unknown, now = Date.now()): ParsedRecord | null {
  if (!isObject(raw)) return null;
  if (raw.type === 'session') return fastSession(raw, now);
  if (raw.type === 'rtm') return fastRtm(raw, now);
  return null;
}
