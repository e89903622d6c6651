import { describe, expect, it } from 'vitest';
import { concurrencyMetricsOf, durationCode, durationMetricsOf, durationName, peakCode, peakName } from './metrics.js';
import { DURATION_METRICS, PEAK_METRICS, type DurationMetricName, type Media, type PeakMetricName, type ProductName, type SessionRecord } from './model.js';

const audio: Media = { kind: 'audio' };
const video = (width: number, height: number): Media => ({ kind: 'video', width, height });
const SD = video(320, 240);
const HD = video(1280, 720);
const HDP = video(1920, 1080);

function rec(product: ProductName, media: Media, transcoding?: SessionRecord['transcoding']): SessionRecord {
  return {
    type: 'session',
    recordId: 'r1',
    appId: 'a',
    channel: 'c',
    uid: 'u',
    role: 'host',
    joinAt: '2024-01-01T00:00:00Z',
    leaveAt: '2024-01-01T00:01:00Z',
    product,
    media,
    ...(transcoding ? { transcoding } : {}),
  };
}
const tc = (codec: 'h264' | 'h265', mode: 'single-host' | 'hosting-in', media: Media) => rec('transcoding', media, { codec, mode });

describe('durationMetricsOf', () => {
  it.each(['rtc', 'recording', 'cloudRecording', 'miniapp'] as const)('%s: audio → audio, video → its spec', (product) => {
    expect(durationMetricsOf(rec(product, audio))).toEqual(['audio']);
    expect(durationMetricsOf(rec(product, SD))).toEqual(['sd']);
    expect(durationMetricsOf(rec(product, HD))).toEqual(['hd']);
    expect(durationMetricsOf(rec(product, HDP))).toEqual(['hdp']);
    expect(durationMetricsOf(rec(product, video(360, 640)))).toEqual(['hd']);
  });

  it('ignores a transcoding descriptor on a non-transcoding record', () => {
    expect(durationMetricsOf(rec('rtc', HD, { codec: 'h265', mode: 'hosting-in' }))).toEqual(['hd']);
  });

  it.each([
    ['h264', 'single-host', audio, ['avcAudio']],
    ['h264', 'hosting-in', audio, ['avcAudio', 'audioHostin']],
    ['h265', 'single-host', audio, ['hevcAudio']],
    ['h265', 'hosting-in', audio, ['hevcAudio', 'audioHostin']],
    ['h264', 'single-host', SD, ['videoSingleHost']],
    ['h264', 'single-host', HDP, ['videoSingleHost']],
    ['h264', 'hosting-in', SD, ['avcSd']],
    ['h264', 'hosting-in', HD, ['avcHd']],
    ['h264', 'hosting-in', HDP, ['avcHdp']],
    ['h265', 'hosting-in', SD, ['hevcSd']],
    ['h265', 'hosting-in', HD, ['hevcHd']],
    ['h265', 'hosting-in', HDP, ['hevcHdp']],
    ['h265', 'single-host', HD, ['hevcHd']],
  ] as const)('transcoding %s %s %o → %o', (codec, mode, media, expected) => {
    expect(durationMetricsOf(tc(codec, mode, media))).toEqual(expected);
  });

  it('refuses a transcoding record without codec and mode', () => {
    expect(() => durationMetricsOf(rec('transcoding', audio))).toThrow(RangeError);
    expect(() => concurrencyMetricsOf(rec('transcoding', audio))).toThrow(RangeError);
  });
});

describe('concurrencyMetricsOf', () => {
  it.each(['rtc', 'recording', 'cloudRecording', 'miniapp'] as const)('%s counts in no concurrent-channel category', (product) => {
    expect(concurrencyMetricsOf(rec(product, audio))).toEqual([]);
    expect(concurrencyMetricsOf(rec(product, HD))).toEqual([]);
  });

  it.each([
    ['h264', 'single-host', audio, ['avcTotal']],
    ['h264', 'hosting-in', audio, ['avcTotal', 'avcTotalHostin', 'avcAudio', 'audioHostin']],
    ['h264', 'single-host', HD, ['avcTotal', 'videoSingleHost']],
    ['h264', 'hosting-in', SD, ['avcTotal', 'avcTotalHostin', 'avcTotalVideoHostin', 'avcSd']],
    ['h264', 'hosting-in', HD, ['avcTotal', 'avcTotalHostin', 'avcTotalVideoHostin', 'avcHd']],
    ['h264', 'hosting-in', HDP, ['avcTotal', 'avcTotalHostin', 'avcTotalVideoHostin', 'avcHdp']],
    ['h265', 'single-host', audio, []],
    ['h265', 'single-host', HD, []],
    ['h265', 'hosting-in', audio, ['audioHostin', 'hevcAudio']],
    ['h265', 'hosting-in', SD, ['hevcSd']],
    ['h265', 'hosting-in', HD, ['hevcHd']],
    ['h265', 'hosting-in', HDP, ['hevcHdp']],
  ] as const)('transcoding %s %s %o → %o', (codec, mode, media, expected) => {
    expect(concurrencyMetricsOf(tc(codec, mode, media))).toEqual(expected);
  });

  it('never yields dau, and every transcoding category is reachable', () => {
    const seen = new Set<PeakMetricName>();
    for (const codec of ['h264', 'h265'] as const)
      for (const mode of ['single-host', 'hosting-in'] as const)
        for (const media of [audio, SD, HD, HDP]) for (const m of concurrencyMetricsOf(tc(codec, mode, media))) seen.add(m);
    expect([...seen].sort()).toEqual((Object.keys(PEAK_METRICS) as PeakMetricName[]).filter((m) => m !== 'dau').sort());
  });
});

describe('metric codes', () => {
  it('round-trips every duration and peak metric', () => {
    for (const name of Object.keys(DURATION_METRICS) as DurationMetricName[]) {
      expect(durationName(durationCode(name))).toBe(name);
    }
    for (const name of Object.keys(PEAK_METRICS) as PeakMetricName[]) {
      expect(peakName(peakCode(name))).toBe(name);
    }
  });

  it('keeps duration and peak codes apart, so one code names one metric', () => {
    const d = Object.values(DURATION_METRICS);
    const p = Object.values(PEAK_METRICS);
    expect(new Set([...d, ...p]).size).toBe(d.length + p.length);
    expect(durationCode('avcAudio')).not.toBe(peakCode('avcAudio'));
  });

  it('returns undefined for unknown codes', () => {
    expect(durationName(0)).toBeUndefined();
    expect(durationName(peakCode('avcTotal'))).toBeUndefined();
    expect(peakName(durationCode('audio'))).toBeUndefined();
    expect(peakName(999)).toBeUndefined();
  });
});
