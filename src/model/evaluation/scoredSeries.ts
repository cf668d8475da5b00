import { selectTrainingData } from '../index';
import type { TimeRange } from '../index';

/** The points cross-validation fits and scores: finite values outside excluded ranges, sorted by time. */
export interface ScoredSeries {
  timestamps: Float64Array;
  values: Float64Array;
}

/** The same selection a fit makes (finite values outside the excluded ranges, stably sorted by time). */
export function scoredSeries(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  exclude: TimeRange[]
): ScoredSeries {
  return selectTrainingData(timestamps, values, exclude);
}
