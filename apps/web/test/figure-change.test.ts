import { expect, test } from 'vitest';
import { changeOf } from '../src/figures/types';

test('the change against the previous period', () => {
  expect(changeOf({ value: 5 })).toEqual({ kind: 'none' });
  expect(changeOf({ value: 5, previous: 5 })).toEqual({ kind: 'same' });
  expect(changeOf({ value: 5, previous: 0 })).toEqual({ kind: 'new' });
  expect(changeOf({ value: 15, previous: 10 })).toEqual({ kind: 'pct', pct: 50 });
  expect(changeOf({ value: 0, previous: 10 })).toEqual({ kind: 'pct', pct: -100 });
});
