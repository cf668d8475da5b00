/**
 * The median of a series' values at the same time on the previous days: the reference drift compares each
 * standardised residual against, so that a misfit the model repeats every day at the same hour (an evening peak a
 * little higher than it learnt) cancels, while a departure that is new today does not.
 */
import { median } from '../statistics';

const DAY_MS = 86_400_000;

/** Per point: the median of the finite values at t − 1 day, ..., t − `days` days (NaN when there are none). */
export function sameTimeMedian(
  timestamps: ArrayLike<number>,
  values: Float64Array,
  days: number
): {
  reference: Float64Array;
  /** How many earlier days the median is over. */
  count: Int32Array;
} {
  const n = timestamps.length;
  const reference = new Float64Array(n).fill(NaN);
  const count = new Int32Array(n);
  if (days < 1 || n < 2) {
    return { reference, count };
  }
  const tolerance = medianGap(timestamps) / 2;
  const found = new Float64Array(days);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let d = 1; d <= days; d++) {
      const j = nearest(timestamps, timestamps[i] - d * DAY_MS, i);
      if (j >= 0 && Math.abs(timestamps[j] - (timestamps[i] - d * DAY_MS)) <= tolerance && Number.isFinite(values[j])) {
        found[k++] = values[j];
      }
    }
    if (k > 0) {
      reference[i] = median(found.subarray(0, k));
      count[i] = k;
    }
  }
  return { reference, count };
}

function medianGap(timestamps: ArrayLike<number>): number {
  const gaps = new Float64Array(timestamps.length - 1);
  for (let i = 1; i < timestamps.length; i++) {
    gaps[i - 1] = timestamps[i] - timestamps[i - 1];
  }
  return median(gaps);
}

/**
 * Index in [0, before) of the timestamp nearest t (ascending timestamps), −1 when before is 0. Inline, not d3's
 * bisect: drift runs it for every point and reference day inside the backend's engine, where sobek runs a d3
 * search 1.6× slower (README, Libraries).
 */
function nearest(timestamps: ArrayLike<number>, t: number, before: number): number {
  let lo = 0;
  let hi = before;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo >= before) {
    return before - 1;
  }
  return lo > 0 && t - timestamps[lo - 1] < timestamps[lo] - t ? lo - 1 : lo;
}
