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
import { DAY_KIND_BAR, DAY_KIND_DIFFERENCE, DAY_KIND_OFF_DAYS, DAY_KIND_WORK_DAYS } from './dayKindKernels';
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
  const off = new Int8Array(days);
  for (let d = 0; d < days; d++) {
    off[d] = conditionHolds(offDay, origin + d * DAY_MS + DAY_MS / 2) ? 1 : 0;
  }
  const seen = kernels.dayKindDifference(sums, binsPerDay, days, off, SIGNIFICANCE, MIN_EFFECT * sigma);
  const workDays = seen[DAY_KIND_WORK_DAYS];
  const offDays = seen[DAY_KIND_OFF_DAYS];
  if (workDays < MIN_DAYS_OF_EACH_KIND || offDays < MIN_DAYS_OF_EACH_KIND) {
    return null;
  }
  const difference = seen[DAY_KIND_DIFFERENCE];
  const bar = seen[DAY_KIND_BAR];
  return { workDays, offDays, difference, bar, split: difference > bar };
}
