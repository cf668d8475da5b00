import { ModelInputError } from '../index';
import type { TimeRange } from '../index';

/** The points cross-validation fits and scores: finite values outside excluded ranges, sorted by time. */
export interface ScoredSeries {
  timestamps: Float64Array;
  values: Float64Array;
}

/** Keeps finite values outside the excluded ranges, sorted by time (stable). */
export function scoredSeries(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  exclude: TimeRange[]
): ScoredSeries {
  if (timestamps.length !== values.length) {
    throw new ModelInputError(`timestamps (${timestamps.length}) and values (${values.length}) differ in length`);
  }
  const keep: number[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    if (!Number.isFinite(timestamps[i])) {
      throw new ModelInputError(`timestamp at index ${i} is not a finite number (${String(timestamps[i])})`);
    }
    if (Number.isFinite(values[i]) && !exclude.some(([start, end]) => timestamps[i] >= start && timestamps[i] <= end)) {
      keep.push(i);
    }
  }
  if (keep.length === 0) {
    throw new ModelInputError('cross-validation needs data: no finite value outside the excluded ranges');
  }
  keep.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
  return {
    timestamps: Float64Array.from(keep, (i) => timestamps[i]),
    values: Float64Array.from(keep, (i) => values[i]),
  };
}
