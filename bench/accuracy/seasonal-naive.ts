/**
 * Seasonal-naive baseline: each future point gets the value observed at the same phase of the last
 * season before the cutoff (t − k·season, the smallest k that lands at or before the cutoff).
 */

/** A season of fixed length (a day, a week) or of calendar months (a year = 12 months). */
export type Season = { ms: number } | { months: number };

/** The time `k` seasons before `t`; months are counted on the UTC calendar. */
export function shiftBack(t: number, season: Season, k: number): number {
  if ('ms' in season) {
    return t - k * season.ms;
  }
  const d = new Date(t);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() - k * season.months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds()
  );
}

/** How many further seasons to look back when the matching point is missing. */
const EXTRA_SEASONS = 8;

/**
 * Forecasts `targets` (all after `cutoff`) from the history (`timestamps` ascending, NaN = missing).
 * When no value sits at the matching time up to EXTRA_SEASONS seasons back, the last value at or
 * before the cutoff is used; throws when the history holds no value at all.
 */
export function seasonalNaive(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  cutoff: number,
  targets: ArrayLike<number>,
  season: Season
): Float64Array {
  const byTime = new Map<number, number>();
  let lastValue = NaN;
  for (let i = 0; i < timestamps.length && timestamps[i] <= cutoff; i++) {
    if (!Number.isNaN(values[i])) {
      byTime.set(timestamps[i], values[i]);
      lastValue = values[i];
    }
  }
  if (Number.isNaN(lastValue)) {
    throw new Error('seasonalNaive: no value at or before the cutoff');
  }
  const out = new Float64Array(targets.length);
  for (let j = 0; j < targets.length; j++) {
    let k = 1;
    while (shiftBack(targets[j], season, k) > cutoff) {
      k++;
    }
    let forecast = lastValue;
    for (let extra = 0; extra <= EXTRA_SEASONS; extra++) {
      const found = byTime.get(shiftBack(targets[j], season, k + extra));
      if (found !== undefined) {
        forecast = found;
        break;
      }
    }
    out[j] = forecast;
  }
  return out;
}
