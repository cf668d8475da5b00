/**
 * Stuck values: a long run of exactly one value in a series whose values otherwise almost never repeat from one
 * point to the next is a stalled exporter or a back-filled constant, not behaviour to learn. Left in, a stretch of
 * weeks at one value bends the trend to it and the forecast carries it on (Prophet's wp_log_R_outliers1, whose
 * year 2010 is two constants: bench/results/accuracy.md). Such runs are left out of training, all but their first
 * point; they are still judged. A run still going at the end of training stays: it is the series' present, which
 * may be a new level, and a model that refused to learn it would flag every point until it ends. Series that
 * repeat often (counts, quantised gauges, a flat line) are left alone.
 */
import type { TrainingData } from './input';

/** Fewest equal consecutive values that make a run: an hour of 5-minute data, twelve days of daily data. */
export const MIN_STUCK_RUN = 12;
/** Outside long runs, at most this share of consecutive pairs may repeat for the series to count as continuous. */
const MAX_REPEAT_SHARE = 0.01;
/** Pairs outside long runs needed to judge that share. */
const MIN_PAIRS = 200;

export interface UnstuckTraining extends TrainingData {
  /** Points left out as parts of stuck runs. */
  stuck: number;
}

/** `train` (sorted by time) without the stuck runs' points after their first, or as it is when there are none. */
export function dropStuckRuns(train: TrainingData): UnstuckTraining {
  const { timestamps, values } = train;
  const n = values.length;
  let repeats = 0;
  // Pairs inside long runs, and inside those that ended before the last point (the ones to leave out).
  let longRunPairs = 0;
  let endedRunPairs = 0;
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && values[i] === values[i - 1]) {
      repeats++;
      continue;
    }
    if (i - runStart >= MIN_STUCK_RUN) {
      longRunPairs += i - runStart - 1;
      endedRunPairs += i < n ? i - runStart - 1 : 0;
    }
    runStart = i;
  }
  const pairsOutside = n - 1 - longRunPairs;
  // Nothing stuck, too little else to judge by, a series that repeats anyway, or one mostly at one value.
  if (
    endedRunPairs === 0 ||
    pairsOutside < MIN_PAIRS ||
    repeats - longRunPairs > MAX_REPEAT_SHARE * pairsOutside ||
    longRunPairs > pairsOutside
  ) {
    return { timestamps, values, stuck: 0 };
  }
  const keep = new Uint8Array(n).fill(1);
  runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && values[i] === values[i - 1]) {
      continue;
    }
    if (i - runStart >= MIN_STUCK_RUN && i < n) {
      keep.fill(0, runStart + 1, i);
    }
    runStart = i;
  }
  const kept = keep.reduce((s, k) => s + k, 0);
  const outTimes = new Float64Array(kept);
  const outValues = new Float64Array(kept);
  for (let i = 0, j = 0; i < n; i++) {
    if (keep[i] === 1) {
      outTimes[j] = timestamps[i];
      outValues[j++] = values[i];
    }
  }
  return { timestamps: outTimes, values: outValues, stuck: n - kept };
}
