import { DURATION_METRICS, PEAK_METRICS, type DurationMetricName, type PeakMetricName, type SessionRecord, type SpecClass } from './model.js';
import { classifySpec } from './spec.js';

type Transcoding = NonNullable<SessionRecord['transcoding']>;

const AVC_BY_SPEC = { sd: 'avcSd', hd: 'avcHd', hdp: 'avcHdp' } as const satisfies Record<SpecClass, DurationMetricName & PeakMetricName>;
const HEVC_BY_SPEC = { sd: 'hevcSd', hd: 'hevcHd', hdp: 'hevcHdp' } as const satisfies Record<SpecClass, DurationMetricName & PeakMetricName>;

function transcodingOf(r: SessionRecord): Transcoding {
  if (!r.transcoding) throw new RangeError(`transcoding record ${r.recordId} has no codec and mode`);
  return r.transcoding;
}

/**
 * The duration metrics a session's time counts towards (seed 001 and seed 003).
 * - rtc, recording, cloud recording, mini app: audio → `audio`; video → its spec (`sd`/`hd`/`hdp`).
 * - transcoding (seed 003 `transcodeDuration`): audio → `avcAudio` (H.264) or `hevcAudio` (H.265),
 *   plus `audioHostin` when hosting-in; H.264 video → `videoSingleHost` when single-host, else
 *   `avcSd`/`avcHd`/`avcHdp`; H.265 video → `hevcSd`/`hevcHd`/`hevcHdp`.
 * Throws a RangeError for a transcoding record without `transcoding` (codec and mode).
 */
export function durationMetricsOf(r: SessionRecord): DurationMetricName[] {
  if (r.product !== 'transcoding') {
    return r.media.kind === 'audio' ? ['audio'] : [classifySpec(r.media.width, r.media.height)];
  }
  const { codec, mode } = transcodingOf(r);
  const hostin = mode === 'hosting-in';
  if (r.media.kind === 'audio') {
    const family: DurationMetricName = codec === 'h264' ? 'avcAudio' : 'hevcAudio';
    return hostin ? [family, 'audioHostin'] : [family];
  }
  const spec = classifySpec(r.media.width, r.media.height);
  if (codec === 'h265') return [HEVC_BY_SPEC[spec]];
  return hostin ? [AVC_BY_SPEC[spec]] : ['videoSingleHost'];
}

/**
 * The concurrent-channel categories a transcoding session counts towards (seed 003
 * `concurrentChannel`); empty for every other product. In the order of `PEAK_METRICS`:
 * `avcTotal` any H.264; `avcTotalHostin` H.264 hosting-in; `avcTotalVideoHostin` H.264 video
 * hosting-in; `avcAudio` H.264 audio hosting-in; `audioHostin` audio hosting-in of either codec;
 * `videoSingleHost` H.264 video single-host; `avcSd`/`avcHd`/`avcHdp` H.264 video hosting-in by
 * spec; `hevcAudio` H.265 audio hosting-in; `hevcSd`/`hevcHd`/`hevcHdp` H.265 video hosting-in by spec.
 * (An H.265 single-host session is in no category.)
 */
export function concurrencyMetricsOf(r: SessionRecord): PeakMetricName[] {
  if (r.product !== 'transcoding') return [];
  const { codec, mode } = transcodingOf(r);
  const avc = codec === 'h264';
  const hevc = codec === 'h265';
  const hostin = mode === 'hosting-in';
  const spec = r.media.kind === 'video' ? classifySpec(r.media.width, r.media.height) : null;
  const audio = spec === null;
  const counts: Record<Exclude<PeakMetricName, 'dau'>, boolean> = {
    avcTotal: avc,
    avcTotalHostin: avc && hostin,
    avcTotalVideoHostin: avc && hostin && !audio,
    avcAudio: avc && hostin && audio,
    audioHostin: hostin && audio,
    videoSingleHost: avc && !hostin && !audio,
    avcSd: avc && hostin && spec === 'sd',
    avcHd: avc && hostin && spec === 'hd',
    avcHdp: avc && hostin && spec === 'hdp',
    hevcAudio: hevc && hostin && audio,
    hevcSd: hevc && hostin && spec === 'sd',
    hevcHd: hevc && hostin && spec === 'hd',
    hevcHdp: hevc && hostin && spec === 'hdp',
  };
  return (Object.keys(PEAK_METRICS) as PeakMetricName[]).filter((name) => name !== 'dau' && counts[name]);
}

const DURATION_BY_CODE = new Map<number, DurationMetricName>(
  (Object.entries(DURATION_METRICS) as [DurationMetricName, number][]).map(([name, code]) => [code, name]),
);
const PEAK_BY_CODE = new Map<number, PeakMetricName>(
  (Object.entries(PEAK_METRICS) as [PeakMetricName, number][]).map(([name, code]) => [code, name]),
);

/** The stored code of a duration metric. */
export function durationCode(name: DurationMetricName): number {
  return DURATION_METRICS[name];
}

/** The stored code of a peak metric. */
export function peakCode(name: PeakMetricName): number {
  return PEAK_METRICS[name];
}

/** The duration metric stored under a code, or undefined for a code that is not one. */
export function durationName(code: number): DurationMetricName | undefined {
  return DURATION_BY_CODE.get(code);
}

/** The peak metric stored under a code, or undefined for a code that is not one. */
export function peakName(code: number): PeakMetricName | undefined {
  return PEAK_BY_CODE.get(code);
}
