import { ModelInputError } from '../index';
import { formatDuration } from './duration';
import { bisectRight } from 'd3-array';
import { describeWindows, resolveWindows, WindowOptions } from './windows';

export interface CutoffOptions extends WindowOptions {
  /**
   * Keep at most this many cutoffs, the most recent ones (each costs a fit): on a long series the
   * recent history is what the model will be judged on. Default: all of them.
   */
  maxCutoffs?: number;
}

/** Cutoffs past this many are refused outright (the request cannot be meant: a 1-minute period over years). */
export const CUTOFF_CEILING = 1_000_000;

export interface CutoffPlan {
  /** The cutoffs to use, ascending: the most recent `maxCutoffs` of those Prophet's rule gives. */
  cutoffs: number[];
  /** How many cutoffs Prophet's rule gives over the whole series. */
  available: number;
}

/**
 * Rolling-origin cutoffs by Prophet's rule (`generate_cutoffs`): the last cutoff is max(ds) − horizon;
 * step back by `period` while the cutoff stays ≥ min(ds) + initial. A cutoff whose window
 * (cutoff, cutoff + horizon] holds no point is moved to (last point ≤ cutoff) − horizon, so every
 * window scores at least one point across gaps. Only the most recent `maxCutoffs` are kept.
 *
 * `timestamps` are the points that carry data (drop missing values first); any order, duplicates allowed.
 * @throws ModelInputError when the data span is shorter than initial + horizon, naming both.
 */
export function planCutoffs(timestamps: ArrayLike<number>, options: CutoffOptions): CutoffPlan {
  const windows = resolveWindows(options);
  const { horizon, initial, period } = windows;
  const limit = options.maxCutoffs ?? Infinity;
  if (!(limit >= 1)) {
    throw new ModelInputError(`the cutoff limit must be at least 1, got ${String(options.maxCutoffs)}`);
  }
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
  if (upperEstimate > CUTOFF_CEILING) {
    throw new ModelInputError(
      `cross-validation would make up to ${upperEstimate} cutoffs; lengthen period (${formatDuration(period)}) or initial`
    );
  }

  const result = [cutoff];
  let available = 1;
  while (true) {
    cutoff -= period;
    const next = bisectRight(ds, cutoff);
    const windowEmpty = next === ds.length || ds[next] > cutoff + horizon;
    if (windowEmpty && cutoff > first) {
      cutoff = ds[next - 1] - horizon;
    }
    if (cutoff < first + initial) {
      break;
    }
    available++;
    if (result.length < limit) {
      result.push(cutoff);
    }
  }
  return { cutoffs: result.reverse(), available };
}

/** Every cutoff of Prophet's rule (see planCutoffs), ascending; at most `maxCutoffs`, the most recent. */
export function crossValidationCutoffs(timestamps: ArrayLike<number>, options: CutoffOptions): number[] {
  return planCutoffs(timestamps, options).cutoffs;
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
