/**
 * After a false-alarm label, repeats of what the series did in the last day stop alarming.
 *
 * A user who marks an alarm false says this series' deviations of that kind are not incidents. The marks
 * (falseAlarms.ts) quiet repeats of the labelled deviation's size and side. Bursty series (tweet counts, ad
 * exchanges, a nightly job) keep raising new alarms of other sizes that are still no larger than what they did a
 * few hours earlier. So on a model fitted with a false-alarm label among its training points, a point whose
 * |residual| r is at most the margin m (the marks' ALARM_MARGIN, 1.1) times the largest |residual| R of the
 * ordinary points on its side (above or below the expectation) in the 24 hours before it is not an outlier and
 * scores at most r / (r + m·R), which is at most 0.5. A larger deviation, or one on the other side (a drop after
 * bursts), keeps its verdict and full score, so a label cannot silence an incident beyond what the series has
 * just shown. The cap comes before the sustained step (registry.ts), which still raises the score of a shift that
 * holds.
 *
 * Ordinary points: judged in the same prediction, those that are not outliers as they reach the cap (the family's
 * verdict after the false-alarm marks; a point quieted here does not count); in training (RecentPeaks, kept at the
 * fit), those the fit did not flag, or flagged inside a labelled false alarm. So neither the first points of an
 * incident, nor an incident the last fit saw begin, nor the earlier points of a deviation that keeps growing quiet
 * the rest of it.
 *
 * A model fitted without such a label keeps no peaks and is judged exactly as before. Measured on NAB online with
 * simulated feedback in bench/results/nab-feedback.md.
 */
import { ModelInputError } from '../errors';
import type { Prediction, TimeRange } from '../types';

/** How far back a deviation counts as one the series has recently shown. */
export const RECENT_WINDOW_MS = 24 * 3_600_000;

/**
 * The ordinary training points of the last RECENT_WINDOW_MS on one side that a later point can still see as its
 * largest: [time, |residual|] pairs, times non-decreasing and residuals decreasing (each larger than every later
 * one).
 */
export type SidePeaks = Array<[number, number]>;

/**
 * Most peaks kept per side, the largest (earliest): a day's residuals shrinking point after point would otherwise
 * keep every point of the day; without the smaller later ones a point is capped against fewer.
 */
export const MAX_SIDE_PEAKS = 64;

/** Recent peaks below the expectation and above it. */
export interface RecentPeaks {
  below: SidePeaks;
  above: SidePeaks;
}

/**
 * Whether one of `labelled` (sorted, disjoint ranges) holds a training point (`timestamps` increasing) up to `end`,
 * the fit's history end (a decomposition leaves a first weekend in progress out of its history).
 */
export function labelsTraining(labelled: TimeRange[], timestamps: ArrayLike<number>, end: number): boolean {
  let k = 0;
  for (let i = 0; i < timestamps.length && timestamps[i] <= end; i++) {
    while (k < labelled.length && labelled[k][1] < timestamps[i]) {
      k++;
    }
    if (k === labelled.length) {
      return false;
    }
    if (labelled[k][0] <= timestamps[i]) {
      return true;
    }
  }
  return false;
}

/**
 * The recent peaks of training points (`timestamps` increasing) up to `end`, the fit's history end, from the
 * fit's in-sample expectation and outlier verdicts; a flagged point counts only inside one of `labelled` (sorted,
 * disjoint ranges).
 */
export function recentPeaks(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  yhat: ArrayLike<number>,
  outlier: ArrayLike<number>,
  labelled: TimeRange[],
  end: number
): RecentPeaks {
  const peaks: RecentPeaks = { below: [], above: [] };
  const from = end - RECENT_WINDOW_MS;
  let last = timestamps.length - 1;
  while (last >= 0 && timestamps[last] > end) {
    last--;
  }
  for (let i = last; i >= 0 && timestamps[i] >= from; i--) {
    const d = values[i] - yhat[i];
    if (!Number.isFinite(d) || (outlier[i] !== 0 && !inside(labelled, timestamps[i]))) {
      continue;
    }
    const side = d < 0 ? peaks.below : peaks.above;
    const r = Math.abs(d);
    if (side.length === 0 || r > side[side.length - 1][1]) {
      side.push([timestamps[i], r]);
    }
  }
  return {
    below: peaks.below.reverse().slice(0, MAX_SIDE_PEAKS),
    above: peaks.above.reverse().slice(0, MAX_SIDE_PEAKS),
  };
}

/** Whether `t` falls in one of `ranges` (sorted by start, disjoint). */
function inside(ranges: TimeRange[], t: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][0] <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 && t <= ranges[lo - 1][1];
}

/**
 * Caps the scores of `prediction` (judged on `values`) in place as the module describes. `peaks` reach the points
 * after `trainingEnd`; the points before them are read in the order given, and a step back in time starts the
 * window again (it never holds a later point). Points without a finite value keep their verdict.
 */
export function capRecentRepeats(
  prediction: Prediction,
  values: ArrayLike<number>,
  peaks: RecentPeaks,
  trainingEnd: number,
  margin: number
): void {
  const { timestamps, yhat, score, outlier } = prediction;
  const n = timestamps.length;
  const sides = [new SideWindow(n, peaks.below), new SideWindow(n, peaks.above)];
  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    if (i > 0 && t < timestamps[i - 1]) {
      sides.forEach((side) => side.restart());
    }
    const d = values[i] - yhat[i];
    if (!Number.isFinite(d)) {
      continue;
    }
    const side = sides[d < 0 ? 0 : 1];
    const largest = side.largest(t, t > trainingEnd);
    const r = Math.abs(d);
    const repeat = largest > 0 && r <= margin * largest;
    if (repeat) {
      score[i] = Math.min(score[i], r / (r + margin * largest));
    }
    if (outlier[i] === 0) {
      // Only what reached the cap as no outlier widens the window: an alarm, standing or quieted here, does not, so
      // neither the rest of an incident nor a ramp growing a tenth per point is measured against itself.
      side.add(t, r);
    } else if (repeat) {
      outlier[i] = 0;
    }
  }
}

/** One side's window: its ordinary points judged so far (a deque, |residual| decreasing) and its training peaks. */
class SideWindow {
  private readonly times: Float64Array;
  private readonly sizes: Float64Array;
  private head = 0;
  private tail = 0;
  private seed = 0;

  constructor(
    n: number,
    private readonly peaks: SidePeaks
  ) {
    this.times = new Float64Array(n);
    this.sizes = new Float64Array(n);
  }

  restart(): void {
    this.head = this.tail = this.seed = 0;
  }

  /** The largest |residual| in the day before `t`, the training peaks included when `afterTraining`. */
  largest(t: number, afterTraining: boolean): number {
    const from = t - RECENT_WINDOW_MS;
    while (this.head < this.tail && this.times[this.head] < from) {
      this.head++;
    }
    let largest = this.head < this.tail ? this.sizes[this.head] : 0;
    if (afterTraining) {
      // The first peak still in the window is the largest of those that are (residuals decrease with time).
      while (this.seed < this.peaks.length && this.peaks[this.seed][0] < from) {
        this.seed++;
      }
      if (this.seed < this.peaks.length) {
        largest = Math.max(largest, this.peaks[this.seed][1]);
      }
    }
    return largest;
  }

  /** An ordinary point at `t` with |residual| `r`: it outlasts, and so replaces, every earlier one no larger. */
  add(t: number, r: number): void {
    while (this.head < this.tail && this.sizes[this.tail - 1] <= r) {
      this.tail--;
    }
    this.times[this.tail] = t;
    this.sizes[this.tail++] = r;
  }
}

/**
 * Stored peaks: `below` and `above`, each at most MAX_SIDE_PEAKS [time, residual] pairs with finite times
 * non-decreasing up to `historyEnd` and finite residuals ≥ 0 decreasing, as recentPeaks writes them.
 */
export function readRecentPeaks(value: unknown, historyEnd: number, field: string): RecentPeaks {
  const fail = (what: string): never => {
    throw new ModelInputError(`serialized model has an invalid ${field}: ${what}`);
  };
  const o = value as Partial<Record<keyof RecentPeaks, unknown>> | null;
  if (o === null || typeof o !== 'object' || !Array.isArray(o.below) || !Array.isArray(o.above)) {
    return fail('needs "below" and "above" lists of [time, residual] pairs');
  }
  const side = (name: keyof RecentPeaks, list: unknown[]): SidePeaks => {
    if (list.length > MAX_SIDE_PEAKS) {
      return fail(`${name} has ${list.length} entries, at most ${MAX_SIDE_PEAKS}`);
    }
    return list.map((pair: unknown, i): [number, number] => {
      if (!Array.isArray(pair) || pair.length !== 2 || !Number.isFinite(pair[0]) || !Number.isFinite(pair[1])) {
        return fail(`${name} entry ${i} needs a finite [time, residual] pair`);
      }
      const [t, r] = pair as [number, number];
      const previous = i > 0 ? (list[i - 1] as [number, number]) : null;
      if (r < 0 || t > historyEnd || (previous !== null && !(t >= previous[0] && r < previous[1]))) {
        return fail(
          `${name} entry ${i} must have a residual ≥ 0, a time at most the history's end, ` +
            'and no earlier time and a smaller residual than the one before'
        );
      }
      return [t, r];
    });
  };
  return { below: side('below', o.below), above: side('above', o.above) };
}
