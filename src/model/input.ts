import { ModelInputError } from './errors';
import { typescriptKernels } from './kernels';
import type { Kernels, TimeRange } from './types';

/**
 * Most points one fit or prediction takes. The design matrix holds points × features doubles
 * (≈ 0.35 GB at this size with Prophet-sized features); coarser steps are the answer beyond it.
 */
export const MAX_POINTS = 1_000_000;

/** Points the fit learns from, sorted by time. */
export interface TrainingData {
  timestamps: Float64Array;
  values: Float64Array;
}

/** Copies timestamps into a Float64Array, naming the first one that is not a finite number. */
export function toTimestamps(timestamps: ArrayLike<number>, kernels: Kernels = typescriptKernels): Float64Array {
  if (timestamps.length > MAX_POINTS) {
    throw new ModelInputError(
      `the series has ${timestamps.length} points, more than the ${MAX_POINTS} one model takes; use a coarser step`
    );
  }
  const out = timestamps instanceof Float64Array ? timestamps.slice() : Float64Array.from(timestamps);
  const bad = kernels.firstNonFinite(out);
  if (bad >= 0) {
    throw new ModelInputError(`timestamp at index ${bad} is not a finite number (${String(timestamps[bad])})`);
  }
  return out;
}

/** Excluded ranges as flat [start, end, start, end, ...] pairs. */
export function flatRanges(exclude: TimeRange[]): Float64Array {
  const out = new Float64Array(2 * exclude.length);
  for (let k = 0; k < exclude.length; k++) {
    out[2 * k] = exclude[k][0];
    out[2 * k + 1] = exclude[k][1];
  }
  return out;
}

/**
 * Keeps points with a finite value outside the excluded ranges and sorts them by time (stable, so
 * duplicate timestamps keep their order and all count in the fit).
 */
export function selectTrainingData(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  exclude: TimeRange[],
  kernels: Kernels = typescriptKernels
): TrainingData {
  if (timestamps.length !== values.length) {
    throw new ModelInputError(`timestamps (${timestamps.length}) and values (${values.length}) differ in length`);
  }
  if (timestamps.length === 0) {
    throw new ModelInputError('the series is empty');
  }
  const ts = toTimestamps(timestamps, kernels);
  const vs =
    values instanceof Float64Array ? values : Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN));
  const outT = new Float64Array(ts.length);
  const outV = new Float64Array(ts.length);
  const kept = kernels.trainingRows(ts, vs, flatRanges(exclude), outT, outV);
  if (kept === 0) {
    throw new ModelInputError(
      'the series has no finite values outside the excluded ranges (exclude, and incident labels, which are left out of training too)'
    );
  }
  if (outT[kept - 1] === outT[0]) {
    throw new ModelInputError('the series needs at least two distinct timestamps with values');
  }
  return kept === ts.length
    ? { timestamps: outT, values: outV }
    : { timestamps: outT.slice(0, kept), values: outV.slice(0, kept) };
}
