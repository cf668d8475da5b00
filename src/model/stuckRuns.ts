/**
 * Stuck values: a long run of exactly one value in a series whose values otherwise almost never repeat from one
 * point to the next is a stalled exporter or a back-filled constant, not behaviour to learn. Left in, a stretch of
 * weeks at one value bends the trend to it and the forecast carries it on (Prophet's wp_log_R_outliers1, whose
 * year 2010 is two constants: bench/results/stuck-runs.md). Such runs are left out of training, all but their first
 * point; they are still judged. Kept: a run still going at the end of training (the series' present, which may be
 * a new level: a model that refused to learn it would flag every point until it ends), a value the series sits at
 * in more than one long run (a latency of 0 every night is behaviour), and series that repeat often anyway (counts,
 * quantised gauges, a flat line).
 */
import type { TrainingData } from './input';
import type { Kernels } from './types';

/** Fewest equal consecutive values that make a run: an hour of 5-minute data, twelve days of daily data. */
export const MIN_STUCK_RUN = 12;
/** Outside long runs, at most this share of consecutive pairs may repeat for the series to count as continuous. */
const MAX_REPEAT_SHARE = 0.01;
/** Pairs outside long runs needed to judge that share. */
const MIN_PAIRS = 200;

export interface UnstuckTraining extends TrainingData {
  /** Points left out as parts of stuck runs. */
  stuck: number;
  /**
   * Whether training ends in a run that would be left out once it ends: an update adding points after it would
   * keep what a fit then drops, so such a fit must not be updated.
   */
  endsStuck: boolean;
}

/** A run of equal values: [start, end) indices. */
type Run = [number, number];

/**
 * The scan for runs (a kernel: it reads every training point, and the backend's script runtime would take
 * milliseconds per fit over it): how many consecutive pairs are equal, then [start, end) of each run of at least
 * `minRun` equal values, in order.
 */
export function equalRuns(values: Float64Array, minRun: number): Float64Array {
  const n = values.length;
  const out: number[] = [0];
  let repeats = 0;
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && values[i] === values[i - 1]) {
      repeats++;
      continue;
    }
    if (i - runStart >= minRun) {
      out.push(runStart, i);
    }
    runStart = i;
  }
  out[0] = repeats;
  return Float64Array.from(out);
}

/** `train` (sorted by time) without the stuck runs' points after their first, or as it is when there are none. */
export function dropStuckRuns(train: TrainingData, kernels: Pick<Kernels, 'equalRuns'>): UnstuckTraining {
  const { timestamps, values } = train;
  const n = values.length;
  const scanned = kernels.equalRuns(values, MIN_STUCK_RUN);
  const repeats = scanned[0];
  const runs: Run[] = [];
  for (let k = 1; k + 1 < scanned.length; k += 2) {
    runs.push([scanned[k], scanned[k + 1]]);
  }
  const unchanged = { timestamps, values, stuck: 0, endsStuck: false };
  const longRunPairs = runs.reduce((sum, [from, to]) => sum + to - from - 1, 0);
  const pairsOutside = n - 1 - longRunPairs;
  // Nothing long, too little else to judge by, a series that repeats anyway, or one mostly at one value.
  if (
    runs.length === 0 ||
    pairsOutside < MIN_PAIRS ||
    repeats - longRunPairs > MAX_REPEAT_SHARE * pairsOutside ||
    longRunPairs > pairsOutside
  ) {
    return unchanged;
  }
  const runsAt = new Map<number, number>();
  for (const [from] of runs) {
    runsAt.set(values[from], (runsAt.get(values[from]) ?? 0) + 1);
  }
  const stuck = runs.filter(([from]) => runsAt.get(values[from]) === 1);
  const endsStuck = stuck.length > 0 && stuck[stuck.length - 1][1] === n;
  const ended = endsStuck ? stuck.slice(0, -1) : stuck;
  if (ended.length === 0) {
    return { ...unchanged, endsStuck };
  }
  const dropped = ended.reduce((sum, [from, to]) => sum + to - from - 1, 0);
  const outTimes = new Float64Array(n - dropped);
  const outValues = new Float64Array(n - dropped);
  let j = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (next < ended.length && i > ended[next][0] && i < ended[next][1]) {
      continue;
    }
    if (next < ended.length && i >= ended[next][1]) {
      next++;
    }
    outTimes[j] = timestamps[i];
    outValues[j++] = values[i];
  }
  return { timestamps: outTimes, values: outValues, stuck: dropped, endsStuck };
}
