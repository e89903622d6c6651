// parseRecordFast must answer exactly what the zod schema answers whenever it answers at all:
// thousands of records, each a well-formed one with one to three fields changed to values at and
// past every boundary, are checked against zod.
import { describe, expect, it } from 'vitest';
import { MAX_SESSION_MS, parseRecordFast, recordSchema } from './record-schema.js';
import { prng } from './traffic.js';

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const JOIN = NOW - 5 * 86_400_000;

const SESSION = {
  type: 'session', recordId: 'rec-1', appId: 'a'.repeat(32), channel: 'room', uid: '1001', role: 'host',
  joinAt: iso(JOIN), leaveAt: iso(JOIN + 600_000), product: 'rtc', media: { kind: 'video', width: 640, height: 360 },
};
const TRANSCODING = { ...SESSION, product: 'transcoding', transcoding: { codec: 'h264', mode: 'hosting-in' }, media: { kind: 'audio' } };
const RTM = { type: 'rtm', recordId: 'rtm-1', appId: 'B'.repeat(32), userId: 'alice', at: iso(JOIN) };

const instants = [
  iso(JOIN), iso(JOIN + 1), iso(JOIN - 1), iso(JOIN).replace('.000Z', 'Z'), iso(JOIN).replace('.000Z', '.5Z'), iso(JOIN).replace('.000Z', '.25Z'),
  iso(JOIN).replace('.000Z', '.1234Z'), iso(JOIN).replace('Z', '+08:00'), iso(JOIN).replace('Z', '+0800'), iso(JOIN).toLowerCase(), iso(JOIN).replace('.000Z', '.Z'),
  iso(JOIN + MAX_SESSION_MS), iso(JOIN + MAX_SESSION_MS + 1), iso(NOW + 86_400_000 - 60_000), iso(NOW + 86_400_000 + 60_000), iso(NOW + 400 * 86_400_000),
  '2024-02-29T10:00:00Z', '2023-02-29T10:00:00Z', '1900-02-29T10:00:00Z', '2000-02-29T10:00:00Z', '2025-04-31T10:00:00Z', '2025-13-01T10:00:00Z',
  '2025-00-10T10:00:00Z', '2025-03-00T10:00:00Z', '2025-03-10T24:00:00Z', '2025-03-10T23:60:00Z', '2025-03-10T23:59:60Z', '2025-03-10T10:00Z',
  '2025-03-10', '0099-12-31T23:59:59Z', '0100-01-01T00:00:00.000Z', '0050-06-01T00:00:00Z', '2025-03-1OT10:00:00Z', '+02025-03-10T10:00:00Z',
  ' 2025-03-10T10:00:00Z', JOIN, null, '',
];

const VARIANTS: Record<string, unknown[]> = {
  type: ['session', 'rtm', 'other', 1, null, undefined],
  recordId: ['r', 'x'.repeat(128), 'x'.repeat(129), '', 'tab\there', 5, null, undefined],
  appId: ['a'.repeat(32), 'ABCDEF0123456789'.repeat(2), 'a'.repeat(31), 'a'.repeat(33), 'g'.repeat(32), ` ${'a'.repeat(31)}`, 123, null],
  channel: ['c', 'x'.repeat(128), 'x'.repeat(129), '', 7, null, undefined],
  uid: ['u', '', 0, 12_345, 1.5, -3, 1e21, 1e64, Number.NaN, Number.POSITIVE_INFINITY, 'x'.repeat(64), 'x'.repeat(65), true, null, undefined],
  userId: ['bob', '', 42, 'x'.repeat(64), 'x'.repeat(65), false, null, undefined],
  role: ['host', 'audience', 'HOST', '', 1, undefined],
  joinAt: instants,
  leaveAt: instants,
  at: instants,
  product: ['rtc', 'recording', 'cloudRecording', 'miniapp', 'transcoding', 'video', '', 5, undefined],
  transcoding: [undefined, { codec: 'h264', mode: 'hosting-in' }, { codec: 'h265', mode: 'single-host', extra: 1 }, { codec: 'h266', mode: 'hosting-in' },
    { codec: 'h264', mode: 'hosting' }, { codec: 'h264' }, null, 'h264', []],
  media: [{ kind: 'audio' }, { kind: 'audio', width: 5 }, { kind: 'video', width: 640, height: 360 }, { kind: 'video', width: 1, height: 16_384 },
    { kind: 'video', width: 0, height: 360 }, { kind: 'video', width: 16_385, height: 360 }, { kind: 'video', width: 1.5, height: 360 },
    { kind: 'video', width: '640', height: 360 }, { kind: 'video', width: 640 }, { kind: 'screen' }, {}, null, [], 'audio', undefined],
  extra: [undefined, 1, { nested: true }],
};
const FIELDS = Object.keys(VARIANTS);

/** Compares the two on one record; returns whether the fast path answered. */
function agree(raw: unknown): boolean {
  const fast = parseRecordFast(raw, NOW);
  const slow = recordSchema.safeParse(raw);
  if (fast !== null) {
    expect(slow.success, JSON.stringify(raw)).toBe(true);
    expect(fast, JSON.stringify(raw)).toEqual(slow.data);
  }
  return fast !== null;
}

describe('parseRecordFast answers exactly what the zod schema answers, or leaves the record to it', () => {
  it('takes the well-formed records the media edge sends', () => {
    for (const record of [SESSION, TRANSCODING, RTM, { ...SESSION, uid: 1001 }, { ...RTM, userId: 7 }]) expect(agree(record)).toBe(true);
    expect(parseRecordFast(RTM, NOW)).toMatchObject({ appId: 'b'.repeat(32), at: JOIN });
  });

  it('leaves bad and unusual records to zod', () => {
    for (const raw of [null, [], 'x', 1, {}, { ...SESSION, joinAt: SESSION.leaveAt }, { ...SESSION, transcoding: { codec: 'h264', mode: 'hosting-in' } }, { ...TRANSCODING, transcoding: undefined }]) {
      expect(parseRecordFast(raw, NOW)).toBeNull();
    }
  });

  it('agrees with zod on every single-field variant of each kind of record', () => {
    let taken = 0;
    for (const base of [SESSION, TRANSCODING, RTM]) {
      for (const field of FIELDS) {
        for (const value of VARIANTS[field]!) if (agree({ ...base, [field]: value })) taken++;
      }
    }
    expect(taken).toBeGreaterThan(100);
  });

  it('agrees with zod on 20,000 records with one to three fields changed at random', () => {
    const rand = prng(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const record: Record<string, unknown> = { ...pick([SESSION, TRANSCODING, RTM]) };
      const changes = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < changes; c++) {
        const field = pick(FIELDS);
        record[field] = pick(VARIANTS[field]!);
      }
      if (agree(record)) taken++;
    }
    // Both outcomes are exercised.
    expect(taken).toBeGreaterThan(2_000);
    expect(taken).toBeLessThan(18_000);
  });
});
