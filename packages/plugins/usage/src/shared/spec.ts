import type { SpecClass } from './model.js';

/** Pixel counts of the spec boundaries (seed 001): SD below 640×360, HD up to and including 1280×720. */
export const HD_MIN_PIXELS = 640 * 360;
export const HD_MAX_PIXELS = 1280 * 720;

/**
 * The spec class of a video resolution, compared by pixel count so a portrait stream classifies
 * like the landscape one: SD when width×height < 640×360, HD from 640×360 up to 1280×720
 * inclusive, HDP above. Throws a RangeError for a negative or non-finite dimension.
 */
export function classifySpec(width: number, height: number): SpecClass {
  if (!Number.isFinite(width) || !Number.isFinite(height) || width < 0 || height < 0) {
    throw new RangeError(`invalid video resolution ${width}×${height}`);
  }
  const pixels = width * height;
  if (pixels < HD_MIN_PIXELS) return 'sd';
  if (pixels <= HD_MAX_PIXELS) return 'hd';
  return 'hdp';
}
