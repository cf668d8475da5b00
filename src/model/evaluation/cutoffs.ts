import { ModelInputError } from '../index';
import { formatDuration } from './duration';
import { upperBound } from './sortedSearch';
import { describeWindows, resolveWindows, WindowOptions } from './windows';

export interface CutoffOptions extends WindowOptions {
  /** Refuse to produce more cutoffs than this (each one costs a fit); default 1000. */
  maxCutoffs?: number;
}

export const DEFAULT_MAX_CUTOFFS = 1000;

/**
 * Rolling-origin cutoffs by Prophet's rule (`generate_cutoffs`): the last cutoff is max(ds) − horizon;
 * step back by `period` while the cutoff stays ≥ min(ds) + initial. A cutoff whose window
 * (cutoff, cutoff + horizon] holds no point is moved to (last point ≤ cutoff) − horizon, so every
 * window scores at least one point across gaps. Returned ascending.
 *
 * `timestamps` are the points that carry data (drop missing values first); any order, duplicates allowed.
 * @throws ModelInputError when the data span is shorter than initial + horizon, naming both.
 */
export function crossValidationCutoffs(timestamps: ArrayLike<number>, options: CutoffOptions): number[] {
  const windows = resolveWindows(options);
  const { horizon, initial, period } = windows;
  const maxCutoffs = options.maxCutoffs ?? DEFAULT_MAX_CUTOFFS;
  const ds = sortedTimestamps(timestamps);
  const first = ds[0];
  const last = ds[ds.length - 1];
  const span = last - first;
  const needed = `need a span of at least initial + horizon = ${formatDuration(initial + horizon)} between the first and last point, have ${formatDuration(span)} (${describeWindows(windows)})`;

  let cutoff = last - horizon;
  if (cutoff < first + initial) {
    throw new ModelInputError(`not enough data for cross-validation: ${needed}`);
  }
  const upperEstimate = Math.floor((cutoff - (first + initial)) / period) + 1;
  if (upperEstimate > maxCutoffs) {
    throw new ModelInputError(
      `cross-validation would make up to ${upperEstimate} cutoffs, more than the limit of ${maxCutoffs}; lengthen period (${formatDuration(period)}) or initial`
    );
  }

  const result = [cutoff];
  while (true) {
    cutoff -= period;
    const next = upperBound(ds, cutoff);
    const windowEmpty = next === ds.length || ds[next] > cutoff + horizon;
    if (windowEmpty && cutoff > first) {
      cutoff = ds[next - 1] - horizon;
    }
    if (cutoff < first + initial) {
      break;
    }
    result.push(cutoff);
  }
  return result.reverse();
}

function sortedTimestamps(timestamps: ArrayLike<number>): Float64Array {
  if (timestamps.length === 0) {
    throw new ModelInputError('cross-validation needs data, got an empty series');
  }
  const ds = Float64Array.from(timestamps);
  for (let i = 0; i < ds.length; i++) {
    if (!Number.isFinite(ds[i])) {
      throw new ModelInputError(`timestamp at index ${i} is not a finite number (${String(timestamps[i])})`);
    }
  }
  return ds.sort();
}
