/**
 * After a false-alarm label, repeats of what the series did in the last day stop alarming.
 *
 * A user who marks an alarm false says this series' deviations of that kind are not incidents. The marks
 * (falseAlarms.ts) quiet repeats of the labelled deviation's size and side. Bursty series (tweet counts, ad
 * exchanges, a nightly job) keep raising new alarms of other sizes that are still no larger than what they did a
 * few hours earlier. So on a model fitted with false-alarm labels, a point whose |residual| r is at most the
 * margin m (the marks' ALARM_MARGIN, 1.1) times the largest |residual| R of the previous RECENT_WINDOW_MS is not
 * an outlier and scores at most r / (r + m·R), which is at most 0.5. A larger deviation keeps its verdict and
 * full score, so a label cannot silence an incident beyond what the series has just shown. The cap comes before
 * the sustained step (registry.ts), which still raises a shift that holds. The window reaches back into
 * training through the largest in-sample |residual| of its last day (RecentPeak), kept at the fit, and forward
 * through the points judged before the current one in the same prediction that are not outliers, so the first
 * point of an incident does not quiet the rest of it.
 *
 * A model fitted without false-alarm labels carries no peak and is judged exactly as before. Measured on NAB
 * online with simulated feedback in bench/results/nab-feedback.md.
 */
import { ModelInputError } from '../errors';
import type { Prediction } from '../types';

/** How far back a deviation counts as one the series has recently shown. */
export const RECENT_WINDOW_MS = 24 * 3_600_000;

/** The largest |value − expectation| among training points in the last RECENT_WINDOW_MS up to `to`. */
export interface RecentPeak {
  peak: number;
  /** The last training point's time: the peak counts for points before to + RECENT_WINDOW_MS. */
  to: number;
}

/** The peak of the training residuals' last day; null without a finite residual. */
export function recentPeak(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  yhat: ArrayLike<number>
): RecentPeak | null {
  const n = timestamps.length;
  if (n === 0) {
    return null;
  }
  const to = timestamps[n - 1];
  let peak = -1;
  for (let i = n - 1; i >= 0 && timestamps[i] > to - RECENT_WINDOW_MS; i--) {
    const r = Math.abs(values[i] - yhat[i]);
    if (r > peak) {
      peak = r;
    }
  }
  return peak >= 0 ? { peak, to } : null;
}

/**
 * Caps the scores of `prediction` (judged on `values`, times ascending; out of order, a point is capped against
 * fewer) in place as the module describes. Points without a finite value keep their verdict.
 */
export function capRecentRepeats(
  prediction: Prediction,
  values: ArrayLike<number>,
  before: RecentPeak,
  margin: number
): void {
  const { timestamps, yhat, score, outlier } = prediction;
  const n = timestamps.length;
  // Indices of the window's judged points, their |residual| decreasing: the front is the window's largest.
  const window = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const residual = (i: number) => Math.abs(values[i] - yhat[i]);
  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    while (head < tail && timestamps[window[head]] < t - RECENT_WINDOW_MS) {
      head++;
    }
    let largest = t - RECENT_WINDOW_MS < before.to ? before.peak : 0;
    if (head < tail) {
      largest = Math.max(largest, residual(window[head]));
    }
    const r = residual(i);
    if (!Number.isFinite(r)) {
      continue;
    }
    if (largest > 0 && r <= margin * largest) {
      score[i] = Math.min(score[i], r / (r + margin * largest));
      outlier[i] = 0;
    }
    if (outlier[i] !== 0) {
      continue; // an alarm still standing is not what the series usually does: the rest of an incident stays flagged
    }
    while (head < tail && residual(window[tail - 1]) <= r) {
      tail--;
    }
    window[tail++] = i;
  }
}

/** A stored peak: a finite peak ≥ 0 and a finite time. */
export function readRecentPeak(value: unknown, field: string): RecentPeak {
  const p = value as Partial<RecentPeak> | null;
  if (p === null || typeof p !== 'object' || !(Number.isFinite(p.peak) && p.peak! >= 0) || !Number.isFinite(p.to)) {
    throw new ModelInputError(`serialized model has an invalid ${field}: needs a finite "peak" ≥ 0 and "to"`);
  }
  return { peak: p.peak!, to: p.to! };
}
