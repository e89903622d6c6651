import { describe, expect, test } from 'vitest';
import { DURATION_METRICS, PRODUCTS } from '../shared/model.js';
import {
  aggregationOf,
  CHART_TABS,
  dayToPicker,
  defaultRange,
  feeLines,
  hasUsage,
  newPriceRow,
  nextUnpriced,
  periodRows,
  pickerToDay,
  priceProblems,
  rangeDays,
  rangeProblem,
  samePrices,
  shownByDefault,
  toMonths,
  unitKey,
  type PriceDraft,
} from './usage-view.js';

const pick = (from: string, to: string) => [dayToPicker(from), dayToPicker(to)] as [number, number];

describe('chart tabs (seed 001)', () => {
  test('are the seven products in the seed order', () => {
    expect(CHART_TABS).toEqual(['rtc', 'recording', 'cloudRecording', 'miniapp', 'transcoding', 'concurrentChannel', 'rtm']);
  });

  test('Video & Audio opens with total audio and total video; SD, HD and HD+ wait in the legend', () => {
    const on = ['audioAll', 'videoAll', 'sdAll', 'hdAll', 'hdpAll'].filter((f) => shownByDefault('rtc', f));
    expect(on).toEqual(['audioAll', 'videoAll']);
  });

  test('Transcoding opens with the H.264 series; H.265 waits in the legend', () => {
    expect(shownByDefault('transcoding', 'avcSd')).toBe(true);
    expect(shownByDefault('transcoding', 'audioHostin')).toBe(true);
    expect(shownByDefault('transcoding', 'hevcSd')).toBe(false);
  });

  test('Concurrent Channel opens with the H.264 total only; recording tabs show every series', () => {
    expect(shownByDefault('concurrentChannel', 'avcTotal')).toBe(true);
    expect(shownByDefault('concurrentChannel', 'avcSd')).toBe(false);
    expect(shownByDefault('recording', 'hdpAudience')).toBe(true);
    expect(shownByDefault('rtm', 'dau')).toBe(true);
  });

  test('peak tabs are counted as peaks, duration tabs as sums', () => {
    expect(CHART_TABS.filter((t) => aggregationOf(t) === 'peak')).toEqual(['transcoding', 'concurrentChannel', 'rtm']);
  });

  test('the axis unit: minutes, channels, or users for RTM', () => {
    expect(unitKey('transcoding', 'minutes')).toBe('minutes');
    expect(unitKey('concurrentChannel', 'count')).toBe('channels');
    expect(unitKey('rtm', 'count')).toBe('users');
  });
});

describe('period rows', () => {
  test('one row per period with each field, missing values as 0', () => {
    expect(periodRows(['2026-01', '2026-02'], [{ field: 'dau', values: [5] }])).toEqual([
      { period: '2026-01', dau: 5 },
      { period: '2026-02', dau: 0 },
    ]);
  });

  test('an answer of zeros has no usage', () => {
    expect(hasUsage([{ values: [0, 0] }])).toBe(false);
    expect(hasUsage([{ values: [0, 3] }])).toBe(true);
    expect(hasUsage([])).toBe(false);
  });
});

describe('time frames', () => {
  test('the default is the last 30 days up to yesterday, in UTC days', () => {
    expect(defaultRange(Date.parse('2026-03-10T05:00:00Z'))).toEqual({ from: '2026-02-08', to: '2026-03-09' });
    expect(defaultRange(Date.parse('2026-03-10T05:00:00Z'), 7)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
  });

  test('a picked day is the calendar day the picker shows, whatever the time zone', () => {
    for (const day of ['2024-02-29', '2026-01-01', '2026-12-31']) expect(pickerToDay(dayToPicker(day))).toBe(day);
  });

  test('a missing or reversed time frame is required; 366 days is fine, 367 is too long', () => {
    expect(rangeProblem(null)).toBe('rangeRequired');
    expect(rangeProblem(pick('2026-03-02', '2026-03-01'))).toBe('rangeRequired');
    expect(rangeProblem(pick('2026-03-01', '2026-03-01'))).toBeNull();
    expect(rangeProblem(pick('2025-01-01', '2026-01-02'))).toBeNull();
    expect(rangeProblem(pick('2025-01-01', '2026-01-03'))).toBe('rangeTooLong');
  });

  test('monthly: picked months become their first and last days', () => {
    expect(rangeDays(pick('2026-01-15', '2026-02-03'), 'monthly')).toEqual({ from: '2026-01-01', to: '2026-02-28' });
    expect(rangeDays(pick('2024-02-01', '2024-02-01'), 'monthly')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(rangeDays(pick('2026-01-15', '2026-02-03'))).toEqual({ from: '2026-01-15', to: '2026-02-03' });
  });

  test('monthly: twelve months fit, thirteen do not', () => {
    expect(rangeProblem(pick('2026-01-01', '2026-12-01'), 'monthly')).toBeNull();
    expect(rangeProblem(pick('2026-01-01', '2027-01-01'), 'monthly')).toBe('rangeTooLong');
  });

  test('switching to monthly snaps the picked days to their months', () => {
    const [from, to] = toMonths(pick('2026-01-15', '2026-02-03'));
    expect([pickerToDay(from), pickerToDay(to)]).toEqual(['2026-01-01', '2026-02-01']);
  });
});

describe('fee lines', () => {
  test('named, in product then metric order, zero amounts left out, unknown codes ignored', () => {
    const { rtc, recording } = PRODUCTS;
    const { audio, hd } = DURATION_METRICS;
    expect(feeLines({ [`${recording}|${audio}`]: 1.5, [`${rtc}|${hd}`]: 2, [`${rtc}|${audio}`]: 0.25, [`${rtc}|2`]: 0, '99|1': 4 })).toEqual([
      { product: 'rtc', metric: 'audio', amount: 0.25 },
      { product: 'rtc', metric: 'hd', amount: 2 },
      { product: 'recording', metric: 'audio', amount: 1.5 },
    ]);
  });
});

describe('the price table', () => {
  const row = (o: Partial<PriceDraft> = {}): PriceDraft => ({ currency: 'USD', product: PRODUCTS.rtc, metric: DURATION_METRICS.audio, perThousand: 0.99, freeMinutes: 10_000, ...o });

  test('a good row has no problems', () => {
    expect(priceProblems([row()])).toEqual([{}]);
  });

  test('missing, negative, fractional and too large amounts are named by column', () => {
    expect(priceProblems([row({ perThousand: null, freeMinutes: null })])).toEqual([{ perThousand: 'required', freeMinutes: 'required' }]);
    expect(priceProblems([row({ perThousand: -1, freeMinutes: -5 })])).toEqual([{ perThousand: 'notNegative', freeMinutes: 'notNegative' }]);
    expect(priceProblems([row({ perThousand: 0.5, freeMinutes: 1.5 })])).toEqual([{ freeMinutes: 'wholeNumber' }]);
    expect(priceProblems([row({ perThousand: 1_000_001, freeMinutes: 100_000_001 })])).toEqual([{ perThousand: 'tooLarge', freeMinutes: 'tooLarge' }]);
  });

  test('the same currency, product and metric twice marks the later row; another currency is fine', () => {
    expect(priceProblems([row(), row({ currency: 'CNY' }), row({ perThousand: 2 })])).toEqual([{}, {}, { metric: 'duplicate' }]);
  });

  test('a metric the product is not measured in is refused', () => {
    expect(priceProblems([row({ metric: DURATION_METRICS.avcSd })])).toEqual([{ metric: 'wrongMetric' }]);
    expect(priceProblems([row({ product: PRODUCTS.transcoding, metric: DURATION_METRICS.avcSd })])).toEqual([{}]);
    expect(priceProblems([row({ product: 42 })])).toEqual([{ product: 'required' }]);
  });

  test('a new row takes the first metric not yet priced', () => {
    expect(nextUnpriced([row()], 'USD', PRODUCTS.rtc)).toBe(DURATION_METRICS.sd);
    expect(nextUnpriced([row()], 'CNY', PRODUCTS.rtc)).toBe(DURATION_METRICS.audio);
    const all = ['audio', 'sd', 'hd', 'hdp'] as const;
    expect(nextUnpriced(all.map((m) => row({ metric: DURATION_METRICS[m] })), 'USD', PRODUCTS.rtc)).toBe(DURATION_METRICS.audio);
  });

  test('a new row is the first combination not yet priced, the preferred currency and product first', () => {
    const rtcUsd = (['audio', 'sd', 'hd', 'hdp'] as const).map((m) => row({ metric: DURATION_METRICS[m] }));
    expect(newPriceRow([])).toEqual({ currency: 'USD', product: PRODUCTS.rtc, metric: DURATION_METRICS.audio, perThousand: null, freeMinutes: 0 });
    expect(newPriceRow(rtcUsd)).toMatchObject({ currency: 'USD', product: PRODUCTS.recording, metric: DURATION_METRICS.audio });
    expect(newPriceRow(rtcUsd, { currency: 'CNY' })).toMatchObject({ currency: 'CNY', product: PRODUCTS.rtc });
    expect(newPriceRow(rtcUsd, { product: PRODUCTS.transcoding })).toMatchObject({ currency: 'USD', product: PRODUCTS.transcoding, metric: DURATION_METRICS.audioHostin });
    // Everything of the preferred kind priced: a row to change, which shows as a duplicate until then.
    const duplicate = newPriceRow(rtcUsd, { currency: 'USD', product: PRODUCTS.rtc });
    expect(priceProblems([...rtcUsd, duplicate]).at(-1)).toMatchObject({ metric: 'duplicate' });
  });

  test('unsaved changes: any changed value or order', () => {
    expect(samePrices([row()], [row()])).toBe(true);
    expect(samePrices([row()], [row({ freeMinutes: 0 })])).toBe(false);
    expect(samePrices([row(), row({ currency: 'CNY' })], [row({ currency: 'CNY' }), row()])).toBe(false);
    expect(samePrices([row()], [])).toBe(false);
  });
});
