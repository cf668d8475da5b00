/**
 * The loops of the day-kind rule (dayKinds.ts documents the rule): day profiles from binned residual sums, each
 * kind's per-bin median profile, the day-to-day variation and the leave-one-out shape difference. A kernel
 * because every fit that may split its daily seasonality runs it, and the backend's script engine runs these
 * typed-array loops many times slower than Go (pkg/engine/daykindkernels.go is the same arithmetic).
 */
import { median, quantileSorted } from './statistics';

/** The variance of a median of normal values is π/2 times the mean's. */
const MEDIAN_VARIANCE_FACTOR = Math.PI / 2;

/**
 * What dayKindDifference returns, by index: whole work days, whole off days, the shape difference and the bar
 * (both NaN when a kind has fewer than two whole days).
 */
export const DAY_KIND_WORK_DAYS = 0;
export const DAY_KIND_OFF_DAYS = 1;
export const DAY_KIND_DIFFERENCE = 2;
export const DAY_KIND_BAR = 3;

/**
 * `sums` is binnedSums over `days` × `binsPerDay` bins (sums, then weights); day d is an off day when
 * `offDay[d]` is 1. A day whose every bin holds weight gives a profile. The bar is
 * max(significance × the median-profile difference day-to-day variation alone gives, minBar); the difference is
 * the smallest with any one day left out, or the first at or under the bar.
 */
export function dayKindDifference(
  sums: Float64Array,
  binsPerDay: number,
  days: number,
  offDay: Int8Array,
  significance: number,
  minBar: number
): Float64Array {
  const work: Float64Array[] = [];
  const off: Float64Array[] = [];
  for (let d = 0; d < days; d++) {
    const profile = dayProfile(sums, d, binsPerDay, days * binsPerDay);
    if (profile !== null) {
      (offDay[d] === 1 ? off : work).push(profile);
    }
  }
  const out = Float64Array.of(work.length, off.length, NaN, NaN);
  if (work.length < 2 || off.length < 2) {
    return out;
  }
  const workKind = kindOf(work);
  const offKind = kindOf(off);
  const variation = dayToDayVariance([workKind, offKind]);
  const bar = Math.max(
    significance * Math.sqrt(MEDIAN_VARIANCE_FACTOR * variation * (1 / work.length + 1 / off.length)),
    minBar
  );
  out[DAY_KIND_DIFFERENCE] = leaveOneOutDifference(workKind, offKind, bar);
  out[DAY_KIND_BAR] = bar;
  return out;
}

/** One kind's day profiles, each bin's values over them sorted, and its per-bin median profile. */
interface KindProfiles {
  profiles: Float64Array[];
  bins: Float64Array[];
  median: Float64Array;
}

/** Sorts each bin once, for both measures. */
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

/** Each bin's values over the profiles, sorted as a Float64Array sorts. */
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
 * above it) and sorted[k + 1] otherwise, whichever of equal values is left out; so no search is needed.
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
 * the check costs days × bins rather than days × bins × a sort.
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
