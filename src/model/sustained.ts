/**
 * The sustained-deviation score: a shift that holds, each point of it too small to score high on its own, raises
 * the score where it sets in.
 *
 * The running median of the last `sustained_points` residuals is the held deviation; a median moves only when
 * most of its window has, so one spike does not move it. Its scale is learned from the series' own out-of-sample
 * errors: the prefix fits the decomposition makes to see how its errors grow with the horizon
 * (horizonGrowth.ts) forecast the rows after each origin, and the largest |running median| of those errors, each
 * stretch up to the next origin (a few days ahead at most), is what the largest of that many independent normal
 * draws typically reaches: one draw per `sustained_points` medians, as overlapping windows move together
 * (`largestNormalDeviate`: 2.18 scales for four weeks of hourly data, 3.08 for 5-minute, 3.44 for 20 days of
 * 1-minute). So a series whose forecasts drift for days in ordinary weeks needs a larger held shift than one whose
 * forecasts stay put. The scale never goes below the spread of a median of independent noise at the score's own
 * scale σ (1.25 σ/√k), or a series with near-exact forecasts would score its rounding. Holidays and days of a
 * kind the decomposition has not learned (a first weekend) are left out: its band widens there by an allowance
 * the median lacks.
 *
 * Where a prediction with values is judged (registry.ts, predictModel), the held deviation d over that scale
 * raises the score to d / (d + 3), like the instant score's deviation, at the points where d exceeds every d of
 * the window before (sustainedKernels.ts): where a shift sets in or grows, and now and then as its median
 * wanders, not on every point it lasts. Medians are read within the judged points only, so each judged range
 * (a query, an online block) starts afresh and a shift still held at its start is raised again there. A held
 * deviation no larger than one a fit's false-alarm marks recorded on its side is not raised (a held repeat of a
 * labelled held alarm stays quiet; a shift that holds after a labelled spike, or a larger one, scores as without
 * the label: families/falseAlarms.ts).
 *
 * A fixed 3.29 (one point in 2,000) read hourly series' few medians as many: on clean hourly data 0.26% of points
 * scored 0.5 or more against 0.12-0.19% at 5 minutes; with the count it is 0.08% (bench/results/clean-rate.md).
 * Rows the robust fit rejected are kept: leaving them out narrowed the scale and lost F1 on NAB (0.589 → 0.536 in
 * a scratch version, bench/results/sustained.md).
 *
 * Measured on NAB online (bench/results/sustained.md): one-threshold event F1 0.529 → 0.565, standard profile
 * 59.5 → 59.6.
 */
import type { ForecastErrors } from './horizonGrowth';
import { normalQuantile } from './statistics';
import type { Kernels } from './types';
import type { ResidualSummary } from './uncertainty';

/** A fit's sustained-deviation scales (y units) and the window they were learned for. */
export interface SustainedScale {
  points: number;
  scale_below: number;
  scale_above: number;
}

export const DEFAULT_SUSTAINED_POINTS = 12;
/** The longest window `sustained_points` allows: a day of 5-minute points. */
export const MAX_SUSTAINED_POINTS = 288;
/** A median of k independent normal values has a standard deviation of about 1.25 σ / √k. */
const MEDIAN_SPREAD = 1.25;

/**
 * The scales of a fit's sustained deviation from its prefix fits' out-of-sample errors (scaled units; times yScale
 * in y units) and its score scales; null when switched off (`points` 0), or with no out-of-sample errors to learn
 * from.
 */
export function learnSustained(
  kernels: Kernels,
  errors: ForecastErrors | null,
  yScale: number,
  points: number,
  summary: ResidualSummary
): SustainedScale | null {
  if (points < 1 || errors === null || errors.origins.length === 0) {
    return null;
  }
  const n = errors.timestamps.length;
  let largest = 0;
  let count = 0;
  errors.origins.forEach((origin, k) => {
    const end = k + 1 < errors.origins.length ? errors.origins[k + 1] : n;
    // Whole windows only: a stretch's first medians, over fewer points, would be noisier than any judged one.
    const medians = kernels.rollingMedians(errors.errors[k].subarray(0, end - origin), points).subarray(points - 1);
    const magnitudes = kernels.scaled(medians, yScale, true, null);
    // Keeping the positive magnitudes drops the NaN of windows too empty to have a median.
    const held = kernels.scaled(magnitudes, 1, false, magnitudes);
    if (held.length > 0) {
      largest = Math.max(largest, kernels.quantile(held, 1));
    }
    // Every whole window is a draw, a median of 0 too (out-of-sample errors are finite, so each has a median).
    count += medians.length;
  });
  // Medians of overlapping windows move together: `points` of them carry about one window's worth of news.
  const learned = largest / largestNormalDeviate(count / points);
  const floor = MEDIAN_SPREAD / Math.sqrt(points);
  const below = Math.max(learned, floor * summary.scale_below);
  const above = Math.max(learned, floor * summary.scale_above);
  return below > 0 && above > 0 && Number.isFinite(below) && Number.isFinite(above)
    ? { points, scale_below: below, scale_above: above }
    : null;
}

/**
 * How many standard deviations the largest of `draws` independent |normal| values reaches as often as not (its
 * median): m with (1 − 2(1 − Φ(m)))^draws = ½. The prefix fits forecast the last half of training in five
 * stretches, each giving its whole windows, so four weeks of hourly data give about 23 draws (2.18), of 5-minute
 * data 331 (3.08), 20 days of 1-minute data 1,195 (3.44); fewer than one draw counts as one.
 */
export function largestNormalDeviate(draws: number): number {
  const n = Math.max(1, draws);
  // The upper tail (1 − 2^(−1/n)) / 2, kept small rather than subtracted from 1, so huge n stay finite.
  const tail = -Math.expm1(-Math.LN2 / n) / 2;
  return -normalQuantile(tail);
}

/** A stored sustained scale as the model reads it, or null for one that is absent or malformed (serialize.ts
 * refuses a malformed one when the model is read). */
export function readSustained(raw: unknown): SustainedScale | null {
  const s = raw as Partial<SustainedScale> | null | undefined;
  if (s === null || s === undefined || typeof s !== 'object') {
    return null;
  }
  const { points, scale_below: below, scale_above: above } = s;
  return Number.isInteger(points) &&
    (points as number) >= 1 &&
    (points as number) <= MAX_SUSTAINED_POINTS &&
    typeof below === 'number' &&
    below > 0 &&
    Number.isFinite(below) &&
    typeof above === 'number' &&
    above > 0 &&
    Number.isFinite(above)
    ? { points: points as number, scale_below: below, scale_above: above }
    : null;
}
