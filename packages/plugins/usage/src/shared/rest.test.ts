import { describe, expect, it } from 'vitest';
import { DURATION_METRICS, PEAK_METRICS, PRODUCTS } from './model.js';
import {
  MAX_QUERY_SECONDS,
  USAGE_BUSINESSES,
  USAGE_MODELS,
  isUsagePairAvailable,
  parseUsageQuery,
  planCodes,
  queryDays,
  queryPeriods,
  shapeUsage,
  usageDatum,
  usageDateTime,
  usageQueryPlan,
  usageQuerySchema,
} from './rest.js';

const MIN = 60_000;
const D = DURATION_METRICS;
const P = PEAK_METRICS;

describe('usageQueryPlan', () => {
  const valid = ['duration/default', 'duration/recording', 'duration/cloudRecording', 'duration/miniapp', 'transcoding/default', 'counter/rtm'];

  it('knows exactly the six pairs of the seed comparison table', () => {
    expect(USAGE_MODELS).toEqual(['duration', 'transcoding', 'counter']);
    expect(USAGE_BUSINESSES).toEqual(['default', 'recording', 'cloudRecording', 'miniapp', 'rtm']);
    for (const model of USAGE_MODELS) {
      for (const business of USAGE_BUSINESSES) {
        const expected = valid.includes(`${model}/${business}`);
        expect(usageQueryPlan(model, business).ok, `${model}/${business}`).toBe(expected);
        expect(isUsagePairAvailable(model, business)).toBe(expected);
      }
    }
    expect(usageQueryPlan('duration', 'rtm')).toEqual({ ok: false });
  });

  it('names the product each pair reads', () => {
    const products = Object.fromEntries(
      valid.map((pair) => {
        const [model, business] = pair.split('/') as [(typeof USAGE_MODELS)[number], (typeof USAGE_BUSINESSES)[number]];
        const plan = usageQueryPlan(model, business);
        return [pair, plan.ok ? [plan.product, plan.productCode] : null];
      }),
    );
    expect(products).toEqual({
      'duration/default': ['rtc', PRODUCTS.rtc],
      'duration/recording': ['recording', PRODUCTS.recording],
      'duration/cloudRecording': ['cloudRecording', PRODUCTS.cloudRecording],
      'duration/miniapp': ['miniapp', PRODUCTS.miniapp],
      'transcoding/default': ['transcoding', PRODUCTS.transcoding],
      'counter/rtm': ['rtm', null],
    });
  });

  it('lists the metric codes to read per rollup family', () => {
    expect(planCodes(usageQueryPlan('duration', 'default'))).toEqual({ duration: [D.audio, D.sd, D.hd, D.hdp], peak: [] });
    expect(planCodes(usageQueryPlan('counter', 'rtm'))).toEqual({ duration: [], peak: [P.dau] });
    const t = planCodes(usageQueryPlan('transcoding', 'default'));
    expect(t.duration).toHaveLength(10);
    expect(t.peak).toHaveLength(13);
    expect(planCodes(usageQueryPlan('counter', 'default'))).toEqual({ duration: [], peak: [] });
  });

  it('aggregates durations as sums, and transcoding, concurrent channels and RTM as peaks', () => {
    const kinds = (m: (typeof USAGE_MODELS)[number], b: (typeof USAGE_BUSINESSES)[number]) => {
      const plan = usageQueryPlan(m, b);
      return plan.ok ? plan.shape.groups.map((g) => [g.key, g.family, g.aggregate]) : null;
    };
    expect(kinds('duration', 'default')).toEqual([[null, 'duration', 'sum']]);
    expect(kinds('duration', 'cloudRecording')).toEqual([[null, 'duration', 'sum']]);
    expect(kinds('transcoding', 'default')).toEqual([
      ['transcodeDuration', 'duration', 'peak'],
      ['concurrentChannel', 'peak', 'peak'],
    ]);
    expect(kinds('counter', 'rtm')).toEqual([[null, 'peak', 'peak']]);
  });
});

describe('shapeUsage', () => {
  it('matches the seed response sample for duration × default (no data → every field 0)', () => {
    const plan = usageQueryPlan('duration', 'default');
    const datum = usageDatum('2019-09-23', shapeUsage(plan, new Map()));
    const seedSample = [{ dateTime: '2019-09-23 00:00:00', usage: { audioAll: 0, videoAll: 0, sdAll: 0, hdAll: 0, hdpAll: 0 } }];
    expect([datum]).toEqual(seedSample);
    expect(JSON.stringify([datum])).toBe(JSON.stringify(seedSample));
  });

  it('duration × default: whole minutes, videoAll = sd + hd + hdp (rounded from the summed ms)', () => {
    const plan = usageQueryPlan('duration', 'default');
    const values = new Map([
      [D.audio, 618_958 * MIN + 29_999],
      [D.sd, 10 * MIN],
      [D.hd, 145_964 * MIN + 30_000],
      [D.hdp, 1328 * MIN],
      [P.avcTotal, 99], // not read by this plan
    ]);
    expect(shapeUsage(plan, values)).toEqual({ audioAll: 618_958, videoAll: 147_303, sdAll: 10, hdAll: 145_965, hdpAll: 1328 });
    // Rounding the total from its ms, not adding rounded parts: 3 × 40 s = 2 min.
    expect(shapeUsage(plan, new Map([[D.sd, 40_000], [D.hd, 40_000], [D.hdp, 40_000]]))).toEqual({ audioAll: 0, videoAll: 2, sdAll: 1, hdAll: 1, hdpAll: 1 });
  });

  it('duration × miniapp: audioAll and videoAll only', () => {
    expect(shapeUsage(usageQueryPlan('duration', 'miniapp'), new Map([[D.audio, 2 * MIN], [D.hd, 3 * MIN], [D.hdp, MIN]]))).toEqual({ audioAll: 2, videoAll: 4 });
  });

  it.each(['recording', 'cloudRecording'] as const)('duration × %s: the audience fields', (business) => {
    expect(shapeUsage(usageQueryPlan('duration', business), new Map([[D.audio, MIN], [D.hdp, 5 * MIN]]))).toEqual({
      audioAudience: 1,
      sdAudience: 0,
      hdAudience: 0,
      hdpAudience: 5,
    });
  });

  it('transcoding × default: transcodeDuration in minutes and concurrentChannel counts, same names kept apart', () => {
    const usage = shapeUsage(
      usageQueryPlan('transcoding', 'default'),
      new Map([
        [D.avcAudio, 7 * MIN],
        [P.avcAudio, 3],
        [D.hevcHdp, 90_000],
        [P.avcTotal, 12],
      ]),
    );
    expect(usage).toEqual({
      transcodeDuration: { audioHostin: 0, avcAudio: 7, videoSingleHost: 0, avcSd: 0, avcHd: 0, avcHdp: 0, hevcAudio: 0, hevcSd: 0, hevcHd: 0, hevcHdp: 2 },
      concurrentChannel: {
        avcTotal: 12,
        avcTotalHostin: 0,
        avcTotalVideoHostin: 0,
        avcAudio: 3,
        audioHostin: 0,
        videoSingleHost: 0,
        avcSd: 0,
        avcHd: 0,
        avcHdp: 0,
        hevcAudio: 0,
        hevcSd: 0,
        hevcHd: 0,
        hevcHdp: 0,
      },
    });
    // Field order follows the seed.
    expect(Object.keys(usage.transcodeDuration as object)[0]).toBe('audioHostin');
    expect(Object.keys(usage.concurrentChannel as object)).toHaveLength(13);
  });

  it('counter × rtm: dau', () => {
    const plan = usageQueryPlan('counter', 'rtm');
    expect(shapeUsage(plan, new Map([[P.dau, 42]]))).toEqual({ dau: 42 });
    expect(shapeUsage(plan, new Map())).toEqual({ dau: 0 });
  });

  it('refuses an N/A plan', () => {
    expect(() => shapeUsage(usageQueryPlan('counter', 'default'), new Map())).toThrow();
  });
});

describe('usageDateTime', () => {
  it('formats days and months as the seed does', () => {
    expect(usageDateTime('2019-09-23')).toBe('2019-09-23 00:00:00');
    expect(usageDateTime('2019-09')).toBe('2019-09-01 00:00:00');
    expect(() => usageDateTime('2019-9')).toThrow(RangeError);
    expect(() => usageDateTime('2019-02-30')).toThrow(RangeError);
  });
});

describe('usageQuerySchema', () => {
  const good = { model: 'duration', business: 'default', fromTs: '1569196800', endTs: '1569801599', interval: 'daily' };
  const errors = (input: unknown) => {
    const r = parseUsageQuery(input);
    return r.ok ? [] : r.errors;
  };

  it('parses the seed request sample', () => {
    expect(usageQuerySchema.parse(good)).toEqual({ model: 'duration', business: 'default', fromTs: 1569196800, endTs: 1569801599, interval: 'daily' });
  });

  it('ignores other query parameters and accepts numbers too', () => {
    const r = parseUsageQuery({ ...good, fromTs: 0, endTs: 86_399, page: '2' });
    expect(r).toEqual({ ok: true, query: { model: 'duration', business: 'default', fromTs: 0, endTs: 86_399, interval: 'daily' } });
  });

  it('gives the periods and days a query covers', () => {
    const q = usageQuerySchema.parse(good);
    expect(queryDays(q)).toEqual({ fromDay: '2019-09-23', toDay: '2019-09-29' });
    expect(queryPeriods(q)).toEqual(['2019-09-23', '2019-09-24', '2019-09-25', '2019-09-26', '2019-09-27', '2019-09-28', '2019-09-29']);
    expect(queryPeriods({ ...q, interval: 'monthly' })).toEqual(['2019-09']);
    expect(queryPeriods({ fromTs: 1569196800, endTs: 1577836800, interval: 'monthly' })).toEqual(['2019-09', '2019-10', '2019-11', '2019-12', '2020-01']);
  });

  it('requires every parameter, naming it', () => {
    expect(errors({})).toEqual(['model is required', 'business is required', 'fromTs is required', 'endTs is required', 'interval is required']);
    for (const field of Object.keys(good)) {
      const { [field as keyof typeof good]: _, ...rest } = good;
      expect(errors(rest)).toEqual([`${field} is required`]);
      expect(errors({ ...good, [field]: '' })).toEqual([`${field} is required`]);
    }
  });

  it('names the allowed values', () => {
    expect(errors({ ...good, model: 'minutes' })).toEqual(['model must be one of duration, transcoding, counter']);
    expect(errors({ ...good, business: 'rtc' })).toEqual(['business must be one of default, recording, cloudRecording, miniapp, rtm']);
    expect(errors({ ...good, interval: 'weekly' })).toEqual(['interval must be one of daily, monthly']);
    expect(errors({ ...good, model: ['duration', 'counter'] })).toEqual(['model must be one of duration, transcoding, counter']);
  });

  it('refuses N/A pairs with their own message', () => {
    expect(errors({ ...good, business: 'rtm' })).toEqual(['business rtm is not available for model duration']);
    expect(errors({ ...good, model: 'counter' })).toEqual(['business default is not available for model counter']);
    expect(errors({ ...good, model: 'transcoding', business: 'miniapp' })).toEqual(['business miniapp is not available for model transcoding']);
    expect(errors({ ...good, model: 'transcoding' })).toEqual([]);
    expect(errors({ ...good, model: 'counter', business: 'rtm' })).toEqual([]);
  });

  it('wants whole non-negative Unix seconds', () => {
    const msg = (f: string) => `${f} must be a whole number of seconds since 1970-01-01T00:00:00Z (Unix time)`;
    for (const bad of ['-1', '1.5', '1e9', ' 1', 'abc', '0x10', -1, 1.5, null, true]) {
      expect(errors({ ...good, fromTs: bad }), String(bad)).toEqual([msg('fromTs')]);
    }
    expect(errors({ ...good, endTs: '99999999999999' })).toEqual(['endTs is out of range']);
    expect(errors({ ...good, fromTs: '0', endTs: '0' })).toEqual([]);
  });

  it('wants fromTs ≤ endTs, at most 366 days apart', () => {
    expect(errors({ ...good, fromTs: '1569801600', endTs: '1569801599' })).toEqual(['fromTs must not be after endTs']);
    const from = 1_704_067_200; // 2024-01-01T00:00:00Z
    expect(errors({ ...good, fromTs: String(from), endTs: String(from + MAX_QUERY_SECONDS) })).toEqual([]);
    expect(errors({ ...good, fromTs: String(from), endTs: String(from + MAX_QUERY_SECONDS + 1) })).toEqual(['endTs must be at most 366 days after fromTs']);
  });

  it('checks the pair and the date range only once every field parsed', () => {
    expect(errors({ ...good, model: 'x', fromTs: '5', endTs: '1' })).toEqual(['model must be one of duration, transcoding, counter']);
    expect(errors({ ...good, business: 'rtm', fromTs: 'x', endTs: '1' })).toEqual(['fromTs must be a whole number of seconds since 1970-01-01T00:00:00Z (Unix time)']);
    expect(errors({ ...good, business: 'rtm', fromTs: '5', endTs: '1' })).toEqual(['business rtm is not available for model duration', 'fromTs must not be after endTs']);
    expect(errors({ ...good, business: 'rtm', fromTs: '5', endTs: '1' })).toEqual(['business rtm is not available for model duration', 'fromTs must not be after endTs']);
  });

  it('is a zod schema whose issues carry the field path', () => {
    const r = usageQuerySchema.safeParse({ ...good, business: 'rtm' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['business']);
  });
});
