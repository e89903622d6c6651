// The usage pages build some message keys at run time (a tab's fields, a price problem, a
// product's name): each must exist in both languages. Static keys are checked by the web
// app's i18n test, which scans these sources too.
import { describe, expect, test } from 'vitest';
import { DURATION_METRICS, PRODUCTS } from '../shared/model.js';
import { messages } from '../shared/messages.js';
import { planOf, USAGE_TABS } from '../server/reseller-usage.js';
import { usageWebPlugin } from './index.js';
import { CHART_TABS, unitKey, type PriceProblem } from './usage-view.js';

type Tree = Record<string, unknown>;
const has = (tree: Tree, key: string) => typeof key.split('.').reduce<unknown>((n, p) => (n && typeof n === 'object' ? (n as Tree)[p] : undefined), tree) === 'string';

function missing(keys: string[]): string[] {
  return keys.flatMap((k) => (['en', 'zh-CN'] as const).filter((l) => !has(messages[l], k)).map((l) => `${l}: ${k}`));
}

describe('messages built at run time', () => {
  test('the chart tabs are the API tabs', () => {
    expect([...CHART_TABS].sort()).toEqual(Object.keys(USAGE_TABS).sort());
  });

  test('every tab, its unit and each field the API answers with', () => {
    const keys = CHART_TABS.flatMap((tab) => [
      `tabs.${tab}`,
      `units.${unitKey(tab, USAGE_TABS[tab].unit)}`,
      ...planOf(tab).shape.groups.flatMap((g) => g.fields.map((f) => `fields.${tab}.${f.field}`)),
    ]);
    expect(missing(keys)).toEqual([]);
  });

  test('every product and duration metric (price table, fees)', () => {
    expect(missing([...Object.keys(PRODUCTS).map((p) => `products.${p}`), ...Object.keys(DURATION_METRICS).map((m) => `metrics.${m}`)])).toEqual([]);
  });

  test('every price problem and column, and both time frame problems', () => {
    const problems: PriceProblem[] = ['required', 'notNegative', 'wholeNumber', 'tooLarge', 'duplicate', 'wrongMetric'];
    const columns = ['currency', 'product', 'metric', 'perThousand', 'freeMinutes'];
    expect(missing([...problems, ...columns].map((k) => `priceTable.${k}`).concat('filters.rangeRequired', 'filters.rangeTooLong'))).toEqual([]);
  });

  test("every nav entry's label, and its overview shortcut text", () => {
    const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const keys = usageWebPlugin.nav.flatMap((e) => [String(e.label).replace(/^usage\./, ''), `shortcuts.${camel(e.key)}`]);
    expect(missing(keys)).toEqual([]);
  });
});
