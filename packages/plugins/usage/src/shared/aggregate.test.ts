import { describe, expect, it } from 'vitest';
import { aggregate, type UsageRow } from './aggregate.js';

const row = (projectId: string, day: string, metric: string, value: number): UsageRow => ({ projectId, day, metric, value });

describe('aggregate: sum (duration products)', () => {
  const rows = [
    row('A', '2024-01-01', 'audio', 10),
    row('B', '2024-01-01', 'audio', 5),
    row('A', '2024-01-02', 'audio', 7),
    row('A', '2024-01-02', 'hd', 3),
    row('B', '2024-01-31', 'hd', 1),
    row('B', '2024-02-01', 'hd', 100),
  ];

  it('daily: sums over projects', () => {
    expect(aggregate(rows, { kind: 'sum', interval: 'daily' })).toEqual([
      { period: '2024-01-01', metric: 'audio', value: 15 },
      { period: '2024-01-02', metric: 'audio', value: 7 },
      { period: '2024-01-02', metric: 'hd', value: 3 },
      { period: '2024-01-31', metric: 'hd', value: 1 },
      { period: '2024-02-01', metric: 'hd', value: 100 },
    ]);
  });

  it('monthly: the sum of the days', () => {
    expect(aggregate(rows, { kind: 'sum', interval: 'monthly' })).toEqual([
      { period: '2024-01', metric: 'audio', value: 22 },
      { period: '2024-01', metric: 'hd', value: 4 },
      { period: '2024-02', metric: 'hd', value: 100 },
    ]);
  });

  it('adds several rows of one project and day (e.g. per channel)', () => {
    expect(aggregate([row('A', '2024-01-01', 'sd', 1), row('A', '2024-01-01', 'sd', 2)], { kind: 'sum', interval: 'daily' })).toEqual([
      { period: '2024-01-01', metric: 'sd', value: 3 },
    ]);
  });
});

describe('aggregate: peak (transcoding, concurrent channels, RTM)', () => {
  // Daily peaks:     day 1  day 2  day 3
  //   project A        5      1      2
  //   project B        1      7      3
  //   daily sums       6      8      5
  // monthly peak = max(A) + max(B) = 5 + 7 = 12
  // sum of daily peaks = 6 + 8 + 5 = 19; max of daily sums = 8
  const rows = [
    row('A', '2024-03-01', 'avcTotal', 5),
    row('B', '2024-03-01', 'avcTotal', 1),
    row('A', '2024-03-02', 'avcTotal', 1),
    row('B', '2024-03-02', 'avcTotal', 7),
    row('A', '2024-03-03', 'avcTotal', 2),
    row('B', '2024-03-03', 'avcTotal', 3),
  ];

  it('daily: sums each project\'s daily peak', () => {
    expect(aggregate(rows, { kind: 'peak', interval: 'daily' })).toEqual([
      { period: '2024-03-01', metric: 'avcTotal', value: 6 },
      { period: '2024-03-02', metric: 'avcTotal', value: 8 },
      { period: '2024-03-03', metric: 'avcTotal', value: 5 },
    ]);
  });

  it('monthly: sums each project\'s monthly peak — not the sum of daily peaks, nor the max of daily sums', () => {
    const monthly = aggregate(rows, { kind: 'peak', interval: 'monthly' });
    expect(monthly).toEqual([{ period: '2024-03', metric: 'avcTotal', value: 12 }]);
    const sumOfDaily = aggregate(rows, { kind: 'sum', interval: 'monthly' })[0]!.value;
    const maxOfDailySums = Math.max(...aggregate(rows, { kind: 'peak', interval: 'daily' }).map((p) => p.value));
    expect([monthly[0]!.value, sumOfDaily, maxOfDailySums]).toEqual([12, 19, 8]);
  });

  it('keeps months and metrics apart', () => {
    const more = [...rows, row('A', '2024-04-01', 'avcTotal', 9), row('A', '2024-03-15', 'dau', 40), row('C', '2024-03-20', 'dau', 2)];
    expect(aggregate(more, { kind: 'peak', interval: 'monthly' })).toEqual([
      { period: '2024-03', metric: 'avcTotal', value: 12 },
      { period: '2024-03', metric: 'dau', value: 42 },
      { period: '2024-04', metric: 'avcTotal', value: 9 },
    ]);
  });

  it('takes the greatest of several rows of one project, day and metric', () => {
    const dup = [row('A', '2024-03-01', 'avcTotal', 4), row('A', '2024-03-01', 'avcTotal', 6)];
    expect(aggregate(dup, { kind: 'peak', interval: 'daily' })).toEqual([{ period: '2024-03-01', metric: 'avcTotal', value: 6 }]);
  });
});

describe('aggregate: general', () => {
  it('returns [] for no rows', () => {
    expect(aggregate([], { kind: 'sum', interval: 'daily' })).toEqual([]);
    expect(aggregate([], { kind: 'peak', interval: 'monthly' })).toEqual([]);
  });

  it('sorts by period then metric, and accepts numeric metric codes (sorted numerically)', () => {
    const rows: UsageRow<number>[] = [
      { projectId: 'A', day: '2024-01-02', metric: 3, value: 1 },
      { projectId: 'A', day: '2024-01-01', metric: 11, value: 1 },
      { projectId: 'A', day: '2024-01-01', metric: 2, value: 1 },
    ];
    expect(aggregate(rows, { kind: 'sum', interval: 'daily' }).map((p) => [p.period, p.metric])).toEqual([
      ['2024-01-01', 2],
      ['2024-01-01', 11],
      ['2024-01-02', 3],
    ]);
  });

  it('refuses rows whose day is not a day', () => {
    expect(() => aggregate([row('A', '2024-13-01', 'audio', 1)], { kind: 'sum', interval: 'monthly' })).toThrow(RangeError);
    expect(() => aggregate([row('A', '2024-02-30', 'audio', 1)], { kind: 'peak', interval: 'daily' })).toThrow(RangeError);
  });
});
