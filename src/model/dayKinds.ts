/**
 * The 'auto' rule of `daily_seasonality_by_day_kind`: whether off days (weekends and `country_holidays`' days)
 * have a daily shape of their own, judged from the residuals of a fit with one daily seasonality.
 *
 * Over the last RECENT_DAYS days of training, each whole local day (every hour-of-day bin holds a point) gives
 * a profile: its mean residual per bin, less the day's mean (its level is the weekly seasonality's and the
 * holidays' business). The difference between the off days' and the work days' per-bin median profiles is what
 * one daily shape misses. The daily seasonality is split when that difference, measured as its root mean
 * square over the bins,
 *   - stays above SIGNIFICANCE times what day-to-day variation alone gives (each day's distance from its own
 *     kind's median profile, a median over days) with any single day left out, so one odd day (an incident on a
 *     Saturday) neither makes nor breaks it, and
 *   - is at least MIN_EFFECT of the residual scale,
 * with at least two whole days of each kind. The leave-one-out check stops at the first day that brings the
 * difference under the bar, and is skipped when the difference with every day is under it already.
 */
import { activeCondition, conditionHolds } from './conditions';
import { median, quantileSorted } from './statistics';
import type { Kernels, ModelParams } from './types';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Hour-of-day bins, fewer for data coarser than hourly; days of fewer bins are not judged. */
const MAX_BINS_PER_DAY = 24;
const MIN_BINS_PER_DAY = 8;
/** Recent history the rule reads: eight weeks. */
const RECENT_DAYS = 56;
const MIN_DAYS_OF_EACH_KIND = 2;
const SIGNIFICANCE = 2;
const MIN_EFFECT = 0.15;
/** The variance of a median of normal values is π/2 times the mean's. */
const MEDIAN_VARIANCE_FACTOR = Math.PI / 2;

/**
 * What the rule saw: day counts, the shape difference and the bar it had to pass (scaled units). When split, the
 * difference is the smallest with any one day left out; otherwise it is the first one found at or under the bar.
 */
export interface DayKindEvidence {
  workDays: number;
  offDays: number;
  difference: number;
  bar: number;
  split: boolean;
}

/**
 * Judges the residuals of a fit with one daily seasonality (`timestamps` sorted, `residuals` and `sigma` in the
 * fit's scaled units, robust `weights`). Null when the data cannot say: too coarse, or too few whole days.
 */
export function dayKindEvidence(
  kernels: Kernels,
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  sigma: number,
  params: ModelParams,
  spacing: number
): DayKindEvidence | null {
  const binsPerDay = Math.min(MAX_BINS_PER_DAY, Math.floor(DAY_MS / spacing));
  const n = timestamps.length;
  if (!(binsPerDay >= MIN_BINS_PER_DAY) || n === 0) {
    return null;
  }
  const tzMs = params.holidays_tz_offset_minutes * MINUTE_MS;
  const last = timestamps[n - 1];
  const firstDay = Math.floor((Math.max(timestamps[0], last - RECENT_DAYS * DAY_MS) + tzMs) / DAY_MS);
  const days = Math.floor((last + tzMs) / DAY_MS) - firstDay + 1;
  const origin = firstDay * DAY_MS - tzMs;
  const sums = kernels.binnedSums(timestamps, residuals, weights, origin, DAY_MS / binsPerDay, days * binsPerDay);
  const offDay = activeCondition('weekend', params, timestamps[0], last);
  const work: Float64Array[] = [];
  const off: Float64Array[] = [];
  for (let d = 0; d < days; d++) {
    const profile = dayProfile(sums, d, binsPerDay, days * binsPerDay);
    if (profile !== null) {
      (conditionHolds(offDay, origin + d * DAY_MS + DAY_MS / 2) ? off : work).push(profile);
    }
  }
  if (work.length < MIN_DAYS_OF_EACH_KIND || off.length < MIN_DAYS_OF_EACH_KIND) {
    return null;
  }
  const workKind = kindOf(work);
  const offKind = kindOf(off);
  const variation = dayToDayVariance([workKind, offKind]);
  const bar = Math.max(
    SIGNIFICANCE * Math.sqrt(MEDIAN_VARIANCE_FACTOR * variation * (1 / work.length + 1 / off.length)),
    MIN_EFFECT * sigma
  );
  const difference = leaveOneOutDifference(workKind, offKind, bar);
  return { workDays: work.length, offDays: off.length, difference, bar, split: difference > bar };
}

/** One kind's day profiles, each bin's values over them sorted, and its per-bin median profile. */
interface KindProfiles {
  profiles: Float64Array[];
  bins: Float64Array[];
  median: Float64Array;
}

/** Sorts each bin once, for both measures (the rule runs in every fit that may split). */
function kindOf(profiles: Float64Array[]): KindProfiles {
  const bins = sortedBins(profiles);
  return { profiles, bins, median: medianOfBins(bins) };
}

/** Day d's mean residual per bin, less its mean over the bins; null unless every bin holds a point. */
function dayProfile(sums: Float64Array, d: number, binsPerDay: number, bins: number): Float64Array | null {
  const profile = new Float64Array(binsPerDay);
  let mean = 0;
  for (let b = 0; b < binsPerDay; b++) {
    const weight = sums[bins + d * binsPerDay + b];
    if (!(weight > 0)) {
      return null;
    }
    profile[b] = sums[d * binsPerDay + b] / weight;
    mean += profile[b] / binsPerDay;
  }
  for (let b = 0; b < binsPerDay; b++) {
    profile[b] -= mean;
  }
  return profile;
}

function medianOfBins(bins: Float64Array[]): Float64Array {
  const out = new Float64Array(bins.length);
  for (let b = 0; b < bins.length; b++) {
    out[b] = quantileSorted(bins[b], 0.5);
  }
  return out;
}

/** Root mean square over bins of (off − work), less its mean: how differently shaped two median profiles are. */
function profileDistance(off: ArrayLike<number>, work: ArrayLike<number>): number {
  const bins = off.length;
  let mean = 0;
  for (let j = 0; j < bins; j++) {
    mean += (off[j] - work[j]) / bins;
  }
  let square = 0;
  for (let j = 0; j < bins; j++) {
    const d = off[j] - work[j] - mean;
    square += (d * d) / bins;
  }
  return Math.sqrt(square);
}

/**
 * Each bin's values over the profiles, sorted. Plain loops: the engine's JavaScript runs typed-array `from` and
 * `map` with a callback several times slower, and this runs in every fit that may split.
 */
function sortedBins(profiles: Float64Array[]): Float64Array[] {
  const bins: Float64Array[] = [];
  for (let b = 0; b < profiles[0].length; b++) {
    const values = new Float64Array(profiles.length);
    for (let d = 0; d < profiles.length; d++) {
      values[d] = profiles[d][b];
    }
    bins.push(values.sort());
  }
  return bins;
}

/**
 * A day's profile with each bin's value replaced by its bin's median without that day (into `out`).
 * With one value v left out of n sorted values, the k-th of the rest is sorted[k] when sorted[k] < v (v lies
 * above it) and sorted[k + 1] otherwise, whichever of equal values is left out; so no search is needed. One
 * inline loop: this runs in every fit that may split, and the backend's engine pays for every call.
 */
function withoutDay(day: Float64Array, bins: Float64Array[], out: Float64Array): Float64Array {
  const m = bins[0].length - 1;
  const k = m >> 1;
  for (let b = 0; b < day.length; b++) {
    const sorted = bins[b];
    const v = day[b];
    if (m % 2 === 1) {
      out[b] = sorted[k] < v ? sorted[k] : sorted[k + 1];
    } else {
      const below = sorted[k - 1] < v ? sorted[k - 1] : sorted[k];
      const above = sorted[k] < v ? sorted[k] : sorted[k + 1];
      out[b] = (below + above) / 2;
    }
  }
  return out;
}

/**
 * The smallest shape difference with any one day left out, or the first at or under `bar` (the split is then
 * refused whatever the other days give). Each bin is sorted once and a left-out day's median read from it, so
 * the check costs days × bins rather than days × bins × a sort (it runs in every fit that may split, and the
 * backend's engine runs JavaScript loops many times slower than Node).
 */
function leaveOneOutDifference(work: KindProfiles, off: KindProfiles, bar: number): number {
  let smallest = profileDistance(off.median, work.median);
  const without = new Float64Array(work.median.length);
  for (let d = 0; d < work.profiles.length && smallest > bar; d++) {
    smallest = Math.min(smallest, profileDistance(off.median, withoutDay(work.profiles[d], work.bins, without)));
  }
  for (let d = 0; d < off.profiles.length && smallest > bar; d++) {
    smallest = Math.min(smallest, profileDistance(withoutDay(off.profiles[d], off.bins, without), work.median));
  }
  return smallest;
}

/**
 * A day's variance around its kind's median profile (mean square over bins, corrected for the median being
 * taken over k days including it: × k / (k − 1)); the median over all days.
 */
function dayToDayVariance(kinds: KindProfiles[]): number {
  const variances = new Float64Array(kinds.reduce((sum, kind) => sum + kind.profiles.length, 0));
  let k = 0;
  for (const { profiles: kind, median: m } of kinds) {
    const correction = kind.length / (kind.length - 1);
    for (const p of kind) {
      const bins = p.length;
      let square = 0;
      for (let b = 0; b < bins; b++) {
        const d = p[b] - m[b];
        square += (d * d) / bins;
      }
      variances[k++] = square * correction;
    }
  }
  return median(variances);
}
