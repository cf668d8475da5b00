import { ModelInputError } from './errors';
import type { TimeRange } from './types';

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
export function toTimestamps(timestamps: ArrayLike<number>): Float64Array {
  if (timestamps.length > MAX_POINTS) {
    throw new ModelInputError(
      `the series has ${timestamps.length} points, more than the ${MAX_POINTS} one model takes; use a coarser step`
    );
  }
  const out = new Float64Array(timestamps.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = timestamps[i];
    if (!Number.isFinite(out[i])) {
      throw new ModelInputError(`timestamp at index ${i} is not a finite number (${String(timestamps[i])})`);
    }
  }
  return out;
}

function isExcluded(ms: number, exclude: TimeRange[]): boolean {
  for (const [start, end] of exclude) {
    if (ms >= start && ms <= end) {
      return true;
    }
  }
  return false;
}

/**
 * Keeps points with a finite value outside the excluded ranges and sorts them by time (stable, so
 * duplicate timestamps keep their order and all count in the fit).
 */
export function selectTrainingData(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  exclude: TimeRange[]
): TrainingData {
  if (timestamps.length !== values.length) {
    throw new ModelInputError(`timestamps (${timestamps.length}) and values (${values.length}) differ in length`);
  }
  if (timestamps.length === 0) {
    throw new ModelInputError('the series is empty');
  }
  const ts = toTimestamps(timestamps);
  const keep: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v) && !isExcluded(ts[i], exclude)) {
      keep.push(i);
    }
  }
  if (keep.length === 0) {
    throw new ModelInputError('the series has no finite values outside the excluded ranges');
  }
  let sorted = true;
  for (let k = 1; k < keep.length; k++) {
    if (ts[keep[k]] < ts[keep[k - 1]]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    keep.sort((a, b) => ts[a] - ts[b] || a - b);
  }
  const outT = new Float64Array(keep.length);
  const outV = new Float64Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    outT[k] = ts[keep[k]];
    outV[k] = values[keep[k]];
  }
  if (outT[outT.length - 1] === outT[0]) {
    throw new ModelInputError('the series needs at least two distinct timestamps with values');
  }
  return { timestamps: outT, values: outV };
}
