/**
 * Values no model of the series can learn from: one 1e100 in a series of 90–110 would dominate the
 * first (unweighted) least-squares pass by a hundred orders of magnitude and leave nothing for the
 * robust weights to recover. Such values are left out of training (they are still judged, and
 * score as outliers); a series whose ordinary values are themselves beyond what float arithmetic
 * can square is refused.
 */
import { ModelInputError } from './errors';
import type { TrainingData } from './input';
import { dropStuckRuns } from './stuckRuns';
import type { Kernels } from './types';

/** A value this many times the series' spread away from its median is not data to learn from. */
export const GROSS_FACTOR = 1e3;
/** Ordinary magnitudes above this would overflow when squared (bands, variances): refuse them. */
export const MAX_TYPICAL_MAGNITUDE = 1e150;
/**
 * Values this small (but not all zero) leave statistics in the subnormal range, where a band comes out non-finite and
 * the model's text (JSON writes such a number as null) cannot be read back: 1e-318 did so in the past family.
 */
export const MIN_TYPICAL_MAGNITUDE = 1e-150;
/** Most points that may be set aside as gross; beyond it they are the series, not errors. */
const MAX_GROSS_SHARE = 0.01;

export interface ScreenedTraining extends TrainingData {
  /** How many values were left out as gross. */
  gross: number;
  /** How many were left out as parts of stuck runs (stuckRuns.ts), which are screened first. */
  stuck: number;
  /** Whether training ends in a run that will be left out once it ends (stuckRuns.ts). */
  endsStuck: boolean;
  /** The smallest value kept. */
  min: number;
  /** The rule that told them: a value further than `limit` from `center` is gross (limit Infinity: none is). */
  center: number;
  limit: number;
}

/**
 * The series' spread: the range of its central 98%, or, for a series that is almost always one
 * value (sparse counts), the median size of its departures from that value.
 */
function spreadOf(values: Float64Array, center: number, central: number, kernels: Kernels): number {
  if (central > 0) {
    return central;
  }
  const departures = departuresFrom(values, center, kernels);
  const nonZero = kernels.scaled(departures, 1, false, departures);
  return nonZero.length > 0 ? kernels.quantile(nonZero, 0.5) : 0;
}

/** |values − center|. */
function departuresFrom(values: Float64Array, center: number, kernels: Kernels): Float64Array {
  const shifted = values.slice();
  kernels.addScaled(shifted, new Float64Array(values.length).fill(1), -center);
  return kernels.scaled(shifted, 1, true, null);
}

/**
 * Leaves stuck runs and gross values out of training; throws ModelInputError when ordinary values are too large.
 */
export function screenGrossValues(data: TrainingData, kernels: Kernels): ScreenedTraining {
  const { stuck, endsStuck, ...train } = dropStuckRuns(data, kernels);
  const values = train.values;
  // Median, central 98% and extremes from one copy of the values.
  const [center, low, high, min, max] = kernels.quantiles(
    values,
    Float64Array.of(0.5, MAX_GROSS_SHARE, 1 - MAX_GROSS_SHARE, 0, 1)
  );
  const spread = spreadOf(values, center, high - low, kernels);
  const typical = Math.max(Math.abs(center), spread);
  if (!(typical <= MAX_TYPICAL_MAGNITUDE)) {
    // A spread past the largest double is Infinity: say what that means rather than "around Infinity".
    const size = Number.isFinite(typical)
      ? `are around ${typical.toExponential(1)}`
      : `span more than a float holds (about ±${Number.MAX_VALUE.toExponential(1)})`;
    throw new ModelInputError(
      `the series' values ${size}, too large to model (limit ${MAX_TYPICAL_MAGNITUDE.toExponential(0)}); rescale them`
    );
  }
  if (typical > 0 && typical < MIN_TYPICAL_MAGNITUDE) {
    throw new ModelInputError(
      `the series' values are around ${typical.toExponential(1)}, too small to model (limit ${MIN_TYPICAL_MAGNITUDE.toExponential(0)}); rescale them`
    );
  }
  const limit = spread > 0 ? GROSS_FACTOR * spread : Infinity;
  // The common case, told by the extremes alone: nothing is gross.
  if (center - min <= limit && max - center <= limit) {
    return { ...train, gross: 0, stuck, endsStuck, min, center, limit };
  }
  // keep > 0 for values within the limit
  const keep = kernels.scaled(departuresFrom(values, center, kernels), -1, false, null);
  kernels.addScaled(keep, new Float64Array(values.length).fill(1), limit);
  const timestamps = kernels.scaled(train.timestamps, 1, false, keep);
  const kept = kernels.scaled(values, 1, false, keep);
  return {
    timestamps,
    values: kept,
    gross: values.length - timestamps.length,
    stuck,
    endsStuck,
    min: kernels.quantile(kept, 0),
    center,
    limit,
  };
}
