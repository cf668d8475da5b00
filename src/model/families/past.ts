/**
 * The `past` family: clean past comparison. The expectation at a time is the median of the same slot (time
 * of week, or of day) over the last `past_periods` periods, skipping holidays, excluded ranges and points
 * already judged anomalous. Each training point's departure from its own past is an error the comparison
 * did not see, so those departures set the band (`bandFromResiduals`) and `judge` scores points as the
 * decomposition does.
 *
 * Once fitted, the model keeps its training values on a grid (valueGrid.ts): rounded to a power-of-two step of at
 * most 1/1024 of the scale its band judges by (moving an expectation by at most 1/2048 of it), or exactly when
 * they lie on a coarser power-of-two grid already (counts). Its text then holds a few characters a value, and
 * restores the model bit for bit.
 */
import { ModelInputError } from '../errors';
import { halfResolution, scaleOf } from '../forecaster';
import { screenGrossValues } from '../grossValues';
import { selectTrainingData, toTimestamps, type TrainingData } from '../input';
import { MAD_TO_SIGMA } from '../robust';
import { resolveParams } from '../params';
import type { SharedTraining } from '../sharedTraining';
import { normalQuantile } from '../statistics';
import { bandFromResiduals, type ResidualSummary } from '../uncertainty';
import { gridStep, judgedScale, onGrid } from '../valueGrid';
import type { Kernels, ModelParams, Prediction, SlotSpec, SlotSummaries } from '../types';
import type { FitOptions, FittedFamily, ModelFamily } from './family';
import { withFalseAlarms } from './falseAlarms';
import { holidayRanges } from './pastCalendar';
import { pastFromJson, pastToJson } from './pastSerialize';
import { judgedPrediction, valuesToJudge } from '../judgedPrediction';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
/** Fewest training points compared with their own past that make a band. */
export const MIN_COMPARED = 5;
/** A slot with no usable point is passed over; the walk goes at most this many times `past_periods` back. */
const LOOKBACK_FACTOR = 2;
/** Rounds of judging training points against their own past (see usablePoints). */
const SKIP_ROUNDS = 2;
/** The level adjustment reads the last day, or this many points when a day holds fewer. */
const LEVEL_POINTS = 24;

export interface FittedPast extends FittedFamily {
  family: 'past';
  version: typeof PAST_VERSION;
  period_ms: number;
  /** Half the series' spacing: how far a point may sit from a slot's time and stand for it. */
  tolerance_ms: number;
  /** Training points, sorted: holidays, excluded ranges and gross values left out. */
  times: Float64Array;
  /** On the grid of `value_step` (valueGrid.ts): the fit's values rounded once it was fitted. */
  values: Float64Array;
  /** The power of two every value is a whole multiple of; 0 when the values are as given (no grid). */
  value_step: number;
  /** 1 where a point may stand for its slot, 0 where it was judged anomalous against its own past. */
  usable: Float64Array;
  /** The training values' median: the `trend` component. */
  level: number;
  /**
   * Added to forecasts past the history: the last day's median departure, or with `past_level_fade` the last
   * hour's, fading; 0 without `past_level`.
   */
  shift: number;
  residuals: ResidualSummary;
  nonnegative: boolean;
}

export const PAST_VERSION = 4;

/** Training rows: values outside excluded ranges and holidays, gross values left out, sorted. */
function pastTraining(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: ModelParams,
  kernels: Kernels,
  shared: SharedTraining | undefined
): TrainingData & { min: number } {
  const selected =
    shared?.select(timestamps, values, params.exclude, kernels) ??
    selectTrainingData(timestamps, values, params.exclude, kernels);
  const last = selected.timestamps.length - 1;
  const holidays = holidayRanges(params, selected.timestamps[0], selected.timestamps[last]);
  if (holidays.length > 0) {
    return screenGrossValues(selectTrainingData(selected.timestamps, selected.values, holidays, kernels), kernels);
  }
  return shared?.screen(selected) ?? screenGrossValues(selected, kernels);
}

/** The period compared and the slot tolerance, from the training times; ModelInputError when they do not fit. */
function slotPlan(times: Float64Array, params: ModelParams, kernels: Kernels): { period: number; tolerance: number } {
  const gaps = kernels.differences(times, false, true);
  if (gaps.length === 0) {
    throw new ModelInputError('the series needs at least two distinct timestamps with ordinary values');
  }
  const spacing = kernels.quantile(gaps, 0.5);
  const span = times[times.length - 1] - times[0] + spacing;
  const period =
    params.past_period === 'week' || (params.past_period === 'auto' && span >= 2 * WEEK_MS) ? WEEK_MS : DAY_MS;
  if (spacing > period) {
    throw new ModelInputError(
      `the series' spacing (${days(spacing)}) is longer than past_period (${days(period)}): ` +
        'the past model compares a time with the same time one period earlier'
    );
  }
  return { period, tolerance: spacing / 2 };
}

function days(ms: number): string {
  const d = ms / DAY_MS;
  return `${Number.isInteger(d) ? d : d.toFixed(2)} day${d === 1 ? '' : 's'}`;
}

function summaries(
  kernels: Kernels,
  queries: Float64Array,
  fitted: Pick<FittedPast, 'times' | 'values'>,
  usable: Float64Array | null,
  fallback: Float64Array | null,
  spec: SlotSpec
): SlotSummaries {
  const out = { summary: new Float64Array(queries.length), used: new Float64Array(queries.length) };
  kernels.slotSummaries(queries, fitted.times, fitted.values, usable, fallback, spec, out);
  return out;
}

function slotSpec(period: number, tolerance: number, params: ModelParams, end: number, shift = 0): SlotSpec {
  const count = params.past_periods;
  return { period_ms: period, tolerance_ms: tolerance, count, max_lags: LOOKBACK_FACTOR * count, end_ms: end, shift };
}

/** values − expected (NaN where expected is). */
function departures(kernels: Kernels, values: Float64Array, expected: Float64Array): Float64Array {
  const r = values.slice();
  kernels.addScaled(r, expected, -1);
  return r;
}

/**
 * 1 for points that may stand for their slot (exactly 0 or 1: the model text stores the indices of the zeros,
 * pastSerialize.ts), 0 for those whose departure from their own past (or, with no
 * past, from the periods after them) is an outlier at `outlier_width`, in a robust scale of all departures.
 * The second round compares with pasts the first round cleaned, so an incident in one period does not make
 * ordinary points of the next ones look anomalous.
 */
function usablePoints(
  kernels: Kernels,
  train: Pick<FittedPast, 'times' | 'values'>,
  past: SlotSpec,
  resolution: number,
  yScale: number,
  outlierWidth: number
): Float64Array {
  const n = train.times.length;
  const z = normalQuantile(1 - (1 - outlierWidth) / 2);
  let usable: Float64Array | null = null;
  for (let round = 0; round < SKIP_ROUNDS; round++) {
    const forward = { ...past, period_ms: -past.period_ms };
    const ahead = summaries(kernels, train.times, train, usable, train.values, forward);
    const behind = summaries(kernels, train.times, train, usable, ahead.summary, past);
    const r = departures(kernels, train.values, behind.summary);
    const limit = z * Math.max(kernels.madSigma(r, MAD_TO_SIGMA), resolution, 1e-9 * yScale);
    const next = new Float64Array(n);
    // Knees all at 1: weight 1 within the limit, 0 beyond it.
    kernels.hampelWeights(r, limit, next, new Float64Array(n), { a: 1, b: 1, c: 1 });
    usable = next;
  }
  return usable as Float64Array;
}

/**
 * Index of the first sorted time at or after t.
 * Inline, not d3's bisect: fit/predict code, where sobek runs a d3 search 1.6× slower (README, Libraries).
 */
export function firstAtOrAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function fitPast(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels,
  options?: FitOptions
): FittedPast {
  const resolved = resolveParams(params);
  const shared = options?.shared;
  const train = pastTraining(timestamps, values, resolved, kernels, shared);
  const { period, tolerance } = slotPlan(train.timestamps, resolved, kernels);
  const n = train.timestamps.length;
  const end = train.timestamps[n - 1];
  const points = { times: train.timestamps, values: train.values };
  const spec = slotSpec(period, tolerance, resolved, end);
  const yScale = shared?.statistic('scale', train.values, (v) => scaleOf(v, kernels)) ?? scaleOf(train.values, kernels);
  const resolution =
    shared?.statistic('resolution', train.values, (v) => halfResolution(v, kernels)) ??
    halfResolution(train.values, kernels);
  const usable = resolved.past_clean
    ? usablePoints(kernels, points, spec, resolution, yScale, resolved.outlier_width)
    : new Float64Array(n).fill(1);

  const own = summaries(kernels, train.timestamps, points, usable, null, spec);
  const r = departures(kernels, train.values, own.summary);
  const compared = kernels.scaled(r, 1 / yScale, false, own.used);
  if (compared.length < MIN_COMPARED) {
    const span = end - train.timestamps[0];
    throw new ModelInputError(
      span > period
        ? `the past model found only ${compared.length} points with a value one period (${days(period)}) earlier ` +
            `to compare with (it needs ${MIN_COMPARED}): the training spans ${days(span)}, but its gaps leave the ` +
            `same slots of earlier periods empty`
        : `the past model needs history longer than one period (${days(period)}) to compare with; ` +
            `the training spans ${days(span)}`
    );
  }
  const residuals = bandFromResiduals(
    kernels,
    compared,
    kernels.scaled(usable, 1, false, own.used),
    resolution,
    yScale,
    {
      interval_width: resolved.interval_width,
      outlier_width: resolved.outlier_width,
      n_features: 0,
    }
  );
  let shift = 0;
  if (resolved.past_level) {
    // A fading shift is today's offset from the past (the last hour), a held one the last day's; a last hour
    // with no point compared with its past falls back to the last day.
    const heldWindow = Math.max(DAY_MS, LEVEL_POINTS * 2 * tolerance);
    const windows = resolved.past_level_fade > 0 ? [HOUR_MS, heldWindow] : [heldWindow];
    for (const window of windows) {
      const from = firstAtOrAfter(train.timestamps, end - window);
      const recent = kernels.scaled(r.subarray(from), 1, false, own.used.subarray(from));
      if (recent.length > 0) {
        shift = kernels.quantile(recent, 0.5);
        break;
      }
    }
  }
  // The values on their grid: what the model's text holds, so what a restored model predicts from.
  const step = gridStep(train.values, judgedScale(residuals), kernels);
  return {
    family: 'past',
    version: PAST_VERSION,
    params: resolved,
    history_start: train.timestamps[0],
    history_end: end,
    n_train: n,
    period_ms: period,
    tolerance_ms: tolerance,
    times: train.timestamps,
    values: onGrid(train.values, step, kernels),
    value_step: step,
    usable,
    level: kernels.quantile(train.values, 0.5),
    shift,
    residuals,
    nonnegative: resolved.nonnegative === 'auto' ? train.min >= 0 : resolved.nonnegative,
  };
}

/**
 * shift × e^(−(t − end) / fade) added to each expectation past the history's end that a past slot made (as the
 * kernel adds a held shift): one that fell back to the level has no past to be offset from.
 */
function addFadingShift(expected: SlotSummaries, ts: Float64Array, end: number, shift: number, fade: number): void {
  for (let i = 0; i < ts.length; i++) {
    if (ts[i] > end && expected.used[i] > 0) {
      expected.summary[i] += shift * Math.exp(-(ts[i] - end) / fade);
    }
  }
}

/**
 * Expectation at each time: the same slot's median over the last periods before it (the last periods of the
 * history for a time past it, shifted by `shift`); with no such slot, over the periods after it; with none at
 * all, the level.
 */
function predictPast(
  fitted: FittedPast,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  kernels: Kernels
): Prediction {
  const ts = toTimestamps(timestamps, kernels);
  const n = ts.length;
  const spec = slotSpec(fitted.period_ms, fitted.tolerance_ms, fitted.params, fitted.history_end);
  const trend = new Float64Array(n).fill(fitted.level);
  const ahead = summaries(kernels, ts, fitted, fitted.usable, trend, { ...spec, period_ms: -spec.period_ms });
  const fade = fitted.params.past_level_fade * HOUR_MS;
  const held = fade > 0 ? 0 : fitted.shift;
  const expected = summaries(kernels, ts, fitted, fitted.usable, ahead.summary, { ...spec, shift: held });
  if (fade > 0 && fitted.shift !== 0) {
    addFadingShift(expected, ts, fitted.history_end, fitted.shift, fade);
  }
  return judgedPrediction(kernels, fitted, ts, expected.summary, valuesToJudge(values, n), null, (judgedYhat) => ({
    trend,
    seasonal: { past: departures(kernels, judgedYhat, trend) },
  }));
}

export const pastFamily: ModelFamily<FittedPast> = withFalseAlarms({
  name: 'past',
  version: PAST_VERSION,
  fit: fitPast,
  predict: predictPast,
  toJson: pastToJson,
  fromJson: pastFromJson,
  selectionGrid: { past_period: ['auto', 'day'] },
});
