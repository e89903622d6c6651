import { z } from 'zod';
import { MAX_BATCH } from '../shared/model.js';

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
