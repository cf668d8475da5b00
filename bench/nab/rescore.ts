/**
 * Causal re-scorings of a detector's dumped output, used to measure what a change to the model's
 * score would be worth on NAB before anyone changes the model. Each uses rows ≤ t only.
 */
import { calibratedScore, fitTails, tailLog10 } from './tailCalibration';
import { bisectLeft } from 'd3-array';

/** Inverse of score = d / (d + half): the deviation d in the model's residual scales. */
export function deviationFromScore(score: number, half = 3): number {
  if (!(score > 0)) {
    return 0;
  }
  return score < 1 ? (half * score) / (1 - score) : Number.MAX_VALUE;
}

/**
 * The q-quantile (nearest rank) of the previous `window` finite inputs, not counting the current
 * one; NaN until one finite input has been seen. Kept as a sorted buffer: O(window) per row.
 */
export function trailingQuantile(values: ArrayLike<number>, window: number, q: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const sorted = new Float64Array(window);
  const ring = new Float64Array(window);
  let count = 0;
  let next = 0;
  for (let i = 0; i < values.length; i++) {
    if (count > 0) {
      out[i] = sorted[Math.min(count - 1, Math.floor(q * count))];
    }
    const x = values[i];
    if (!Number.isFinite(x)) {
      continue;
    }
    if (count === window) {
      removeSorted(sorted, count, ring[next]);
      count--;
    }
    insertSorted(sorted, count, x);
    count++;
    ring[next] = x;
    next = (next + 1) % window;
  }
  return out;
}

function insertSorted(sorted: Float64Array, count: number, x: number): void {
  const at = bisectLeft(sorted, x, 0, count);
  sorted.copyWithin(at + 1, at, count);
  sorted[at] = x;
}

function removeSorted(sorted: Float64Array, count: number, x: number): void {
  const at = bisectLeft(sorted, x, 0, count);
  sorted.copyWithin(at, at + 1, count);
}

/**
 * Caps each deviation by |residual| / tail, where tail is a trailing high quantile of the series'
 * own past |residuals| divided by its normal quantile: a scale that counts the bursts the robust
 * fit set aside, so bursty mostly-flat series stop producing deviations in the millions.
 */
export function capByTrailingTail(
  deviation: ArrayLike<number>,
  residual: ArrayLike<number>,
  options: { window: number; quantile: number; normalQuantile: number }
): Float64Array {
  const magnitude = Float64Array.from(residual, Math.abs);
  const tail = trailingQuantile(magnitude, options.window, options.quantile);
  return Float64Array.from(deviation, (d, i) => {
    const scale = tail[i] / options.normalQuantile;
    return scale > 0 && Number.isFinite(magnitude[i]) ? Math.min(d, magnitude[i] / scale) : d;
  });
}

/**
 * Keeps a deviation only when it is a new high over the previous `lookback` rows and multiplies it
 * by `factor` otherwise: NAB rewards the first flag of an episode and charges the repeats.
 */
export function dampRepeats(deviation: ArrayLike<number>, lookback: number, factor: number): Float64Array {
  const out = new Float64Array(deviation.length);
  const valueAt = (j: number) => (Number.isNaN(deviation[j]) ? -Infinity : deviation[j]);
  // Indices of the previous `lookback` rows whose values decrease from head to tail.
  const deque: number[] = [];
  let head = 0;
  for (let i = 0; i < deviation.length; i++) {
    while (head < deque.length && deque[head] < i - lookback) {
      head++;
    }
    const previousMax = head < deque.length ? valueAt(deque[head]) : -Infinity;
    const d = deviation[i];
    out[i] = d > previousMax ? d : d * factor;
    while (deque.length > head && valueAt(deque[deque.length - 1]) <= valueAt(i)) {
      deque.pop();
    }
    deque.push(i);
  }
  return out;
}

/** Back to [0, 1): d / (d + half). */
export function scoreFromDeviation(deviation: ArrayLike<number>, half = 3): Float64Array {
  return Float64Array.from(deviation, (d) => (Number.isFinite(d) ? d / (d + half) : NaN));
}

/** The k-th largest of the last n deviations (the current one included): how far the series stays out, not just once. */
export function kthOfLast(deviation: ArrayLike<number>, n: number, k: number): Float64Array {
  const out = new Float64Array(deviation.length);
  const window: number[] = [];
  for (let i = 0; i < deviation.length; i++) {
    window.push(Number.isFinite(deviation[i]) ? deviation[i] : 0);
    if (window.length > n) {
      window.shift();
    }
    const sorted = [...window].sort((a, b) => b - a);
    out[i] = window.length >= k ? sorted[k - 1] : 0;
  }
  return out;
}

/** Exponentially weighted mean of deviations with weight `alpha` on the newest. */
export function ewmaDeviation(deviation: ArrayLike<number>, alpha: number): Float64Array {
  const out = new Float64Array(deviation.length);
  let m = 0;
  for (let i = 0; i < deviation.length; i++) {
    const d = Number.isFinite(deviation[i]) ? deviation[i] : 0;
    m = alpha * d + (1 - alpha) * m;
    out[i] = m;
  }
  return out;
}

/**
 * Peaks over threshold on the series' own past (SPOT's streaming form, bench/nab/tailCalibration.ts): every
 * `refitEvery` rows, per-side tails are refitted to the previous `window` deviations (signed by their residual)
 * and each row gets the calibrated score of its tail rarity.
 */
export function trailingTailScore(
  deviation: ArrayLike<number>,
  residual: ArrayLike<number>,
  window: number,
  refitEvery: number
): Float64Array {
  const signed = Float64Array.from(deviation, (d, i) => (Number.isFinite(d) && residual[i] < 0 ? -d : d || 0));
  const out = new Float64Array(signed.length);
  let tails = fitTails(new Float64Array(0), 1, 1);
  for (let i = 0; i < signed.length; i++) {
    if (i % refitEvery === 0) {
      tails = fitTails(signed.subarray(Math.max(0, i - window), i), 1, 1);
    }
    const d = signed[i];
    out[i] = calibratedScore(tailLog10(d < 0 ? tails.below : tails.above, d < 0 ? -d : d));
  }
  return out;
}
