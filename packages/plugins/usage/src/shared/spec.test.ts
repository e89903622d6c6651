import { describe, expect, it } from 'vitest';
import { classifySpec } from './spec.js';

describe('classifySpec', () => {
  it.each([
    [639, 360, 'sd'],
    [640, 359, 'sd'],
    [16, 16, 'sd'],
    [0, 0, 'sd'],
    [640, 360, 'hd'],
    [360, 640, 'hd'],
    [960, 540, 'hd'],
    [1280, 720, 'hd'],
    [720, 1280, 'hd'],
    [1280, 721, 'hdp'],
    [721, 1280, 'hdp'],
    [1920, 1080, 'hdp'],
  ] as const)('%i×%i is %s', (w, h, spec) => {
    expect(classifySpec(w, h)).toBe(spec);
  });

  it('compares pixel counts, not sides: 480×480 (230 400 px) is HD although its width is below 640', () => {
    expect(classifySpec(480, 480)).toBe('hd');
    expect(classifySpec(479, 480)).toBe('sd');
  });

  it('refuses negative or non-finite dimensions', () => {
    expect(() => classifySpec(-1, 360)).toThrow(RangeError);
    expect(() => classifySpec(640, Number.NaN)).toThrow(RangeError);
    expect(() => classifySpec(Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });
});
