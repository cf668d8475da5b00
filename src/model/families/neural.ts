/**
 * `neural`: a small network that forecasts a sub-daily series up to a day ahead from what it did before
 * (neuralFeatures.ts: the same slot one and two days back and a week back, the last value and hour against the
 * same time yesterday, the horizon and the calendar, all scaled by the last day's mean and spread). One softsign
 * layer of `neural_hidden` units and a linear path, trained by Adam on the absolute error (neuralKernels.ts; Go
 * serves the same training in the backend, bit for bit, and the inputs use only operations both engines round
 * alike).
 *
 * A point is judged by the forecast made for it from the last day boundary before it, counted back from the
 * history's end in whole days: inside the history from origins at end − k days, past it from the end. A point whose
 * origin has too thin a day before it (the first day, a day after a gap) gets the same slot on the nearest day that
 * has it instead, and no say in the band. Training points far from the network's forecast (beyond REJECT robust
 * scales) are incidents: the inputs read the forecast in their place, so a spike is not echoed a day and a week
 * later, and the band sets them aside as the decomposition's does with the points its robust fit rejects. The band
 * is read from the in-sample errors, widened by how much a second network, trained without the last day, missed
 * that day. Measured to beat the other families at one thing, the next day of the hourly pedestrians example, at
 * some 66 times a decomposition's fit, so `auto` does not try it (bench/results/family-neural.md).
 */
import { ModelInputError } from '../errors';
import { halfResolution } from '../forecaster';
import { MAX_TYPICAL_MAGNITUDE, screenGrossValues } from '../grossValues';
import { selectTrainingData, toTimestamps } from '../input';
import { resolveParams } from '../params';
import type { Kernels, ModelParams, Prediction } from '../types';
import { bandFromResiduals, holdoutInflation, type ResidualSummary } from '../uncertainty';
import { seededUniform } from '../seededUniform';
import { firstAbove } from '../shortTerm';
import type { FittedFamily, ModelFamily } from './family';
import { withFalseAlarms } from './falseAlarms';
import { finiteFloat64Text, finiteNumbers, isTimeScale, residualSummaryOf, timeRunsCount } from './jsonNumbers';
import {
  FEATURES,
  observed,
  type Observed,
  originState,
  type OriginState,
  trainingRows,
  writeFeatures,
} from './neuralFeatures';
import { networkSize } from './neuralKernels';
import { checkStoredParams } from './storedParams';
import { NEURAL_LIMITS } from './neuralParams';
import { judgedPrediction, valuesToJudge } from '../judgedPrediction';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const NEURAL_VERSION = 1;
/** Training rows: origins every hour back from the end, each with this many targets in the day after it. */
const TARGETS_PER_ORIGIN = 8;
const MAX_TRAINING_ROWS = 20_000;
const BATCH = 64;
const LEARNING_RATE = 0.003;
/** Seeds the rows drawn and the network's start: a fit repeats exactly. */
const SEED = 1000;
/** The spacing a series needs at most: the features read the last day, and its spread needs four points. */
const MAX_STEP = 6 * HOUR;
/** History a fit needs: two days before the first origin, and a day of targets after it. */
const MIN_SPAN = 3 * DAY;
/**
 * Training points a fit learns from at most (two weeks of minutes), the newest: its inputs and expectations run in
 * the backend's script engine, where 28 days of minutes took 8 s to fit, and the model holds every point it learned
 * from. Older points are left out rather than the series refused, so the default 28 days of one-minute data (or an
 * online window over it) still fit.
 */
export const MAX_NEURAL_POINTS = 20_160;
/** A training point this many robust scales (1.4826 × MAD) from the network's forecast is an incident. */
const REJECT = 8;
/** How many days either side the same-slot stand-in looks for a point whose origin has no day to scale by. */
const STAND_IN_DAYS = 7;

export interface FittedNeural extends FittedFamily {
  family: 'neural';
  version: 1;
  /** The training points (sorted, finite), which the features read. */
  times: Float64Array;
  values: Float64Array;
  /** The values the inputs read a day or a week back: incidents replaced by the forecast (stored as the changes). */
  past_values: Float64Array;
  /** Their median spacing (ms). */
  step: number;
  hidden: number;
  /** Packed weights (neuralKernels.ts). */
  weights: Float64Array;
  /** The expectation where no day within a week has the point's slot: the training median. */
  level: number;
  residuals: ResidualSummary;
  nonnegative: boolean;
  /** Rows the network trained on. */
  training_rows: number;
}

/** The origin a time is forecast from: the history's end past it, else the end less the whole days before it. */
function originOf(t: number, end: number): number {
  return t > end ? end : end - (Math.floor((end - t) / DAY) + 1) * DAY;
}

/**
 * Expectations at `ts` from the network, each point's level (its origin's last-day mean), and whether the network
 * forecast it (1) or a stand-in did (0): the same slot on the nearest day with a point there (earlier days first, up
 * to STAND_IN_DAYS either side), else `level`.
 */
function expectations(
  o: Observed,
  weights: Float64Array,
  hidden: number,
  level: number,
  end: number,
  ts: Float64Array,
  kernels: Kernels
): { yhat: Float64Array; trend: Float64Array; forecast: Float64Array } {
  const n = ts.length;
  const rows = new Float64Array(n * FEATURES);
  const states = new Map<number, OriginState | null>();
  const stateOf: Array<OriginState | null> = new Array(n);
  for (let i = 0; i < n; i++) {
    const origin = originOf(ts[i], end);
    let s = states.get(origin);
    if (s === undefined) {
      s = originState(o, origin);
      states.set(origin, s);
    }
    stateOf[i] = s;
    if (s !== null) {
      writeFeatures(o, s, ts[i], rows.subarray(i * FEATURES, (i + 1) * FEATURES));
    }
  }
  const out = kernels.networkOutputs(weights, rows, FEATURES, hidden);
  const yhat = new Float64Array(n);
  const trend = new Float64Array(n);
  const forecast = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = stateOf[i];
    if (s !== null) {
      yhat[i] = s.centre + s.scale * out[i];
      trend[i] = s.centre;
      forecast[i] = 1;
    } else {
      yhat[i] = sameSlot(o, ts[i], level);
      trend[i] = level;
    }
  }
  return { yhat, trend, forecast };
}

/** The value (incidents replaced) at the same time of day on the nearest day that has one (earlier first), else `fallback`. */
function sameSlot(o: Observed, t: number, fallback: number): number {
  for (let k = 1; k <= STAND_IN_DAYS; k++) {
    for (const u of [t - k * DAY, t + k * DAY]) {
      const i = firstAbove(o.ts, u - o.step / 2);
      if (i < o.ts.length && o.ts[i] <= u + o.step / 2) {
        return o.past[i];
      }
    }
  }
  return fallback;
}

/**
 * Residuals of the network's forecasts of points [from, to) (stand-ins left out), and weights that set aside those
 * beyond REJECT × `sigma` (0) from the rest (1).
 */
function forecastResiduals(
  ys: Float64Array,
  yhat: Float64Array,
  forecast: Float64Array,
  from: number,
  to: number,
  sigma: number
): { residuals: Float64Array; weight: Float64Array } {
  let m = 0;
  for (let i = from; i < to; i++) {
    m += forecast[i];
  }
  const residuals = new Float64Array(m);
  const weight = new Float64Array(m);
  for (let i = from, k = 0; i < to; i++) {
    if (forecast[i] === 1) {
      residuals[k] = ys[i] - yhat[i];
      weight[k] = Math.abs(residuals[k]) <= REJECT * sigma ? 1 : 0;
      k++;
    }
  }
  return { residuals, weight };
}

/**
 * A residual scale that a mass of exact forecasts cannot shrink to nothing: the larger of the MAD's and the 90th
 * percentile of |residuals| read as a normal one, never under half the values' resolution or 1e-9 of their size.
 */
function robustScale(residuals: Float64Array, values: Float64Array, kernels: Kernels): number {
  const abs = kernels.scaled(residuals, 1, true, null);
  const size = kernels.quantile(kernels.scaled(values, 1, true, null), 0.5);
  return Math.max(
    kernels.madSigma(residuals, 1.4826),
    abs.length > 0 ? kernels.quantile(abs, 0.9) / 1.6448536269514722 : 0,
    halfResolution(values, kernels),
    1e-9 * size,
    1e-300
  );
}

/** The first `count` points of `o`. */
function observedPrefix(o: Observed, count: number): Observed {
  return { ts: o.ts.subarray(0, count), ys: o.ys.subarray(0, count), past: o.past.subarray(0, count), step: o.step };
}

export function fitNeural(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels
): FittedNeural {
  const resolved = resolveParams(params);
  const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
  const newest = Math.max(0, train.timestamps.length - MAX_NEURAL_POINTS);
  const raw = observed(train.timestamps.subarray(newest), train.values.subarray(newest));
  const n = raw.ts.length;
  const span = raw.ts[n - 1] - raw.ts[0];
  if (newest > 0 && span < MIN_SPAN) {
    throw new ModelInputError(
      `neural learns from the newest ${MAX_NEURAL_POINTS} points, which span only ${(span / HOUR).toFixed(1)} ` +
        'hours of this series, less than the 3 days it needs: use a coarser step'
    );
  }
  if (raw.step > MAX_STEP || span < MIN_SPAN) {
    throw new ModelInputError(
      `neural needs a series with at least 4 points a day and 3 days of history; this one spans ` +
        `${(span / HOUR).toFixed(1)} hours at a median spacing of ${Math.round(raw.step / 60_000)} minutes`
    );
  }
  const hidden = resolved.neural_hidden;
  let rows = 0;
  const trainOn = (data: Observed): Float64Array => {
    const { X, y } = trainingRows(data, DAY, HOUR, TARGETS_PER_ORIGIN, MAX_TRAINING_ROWS, seededUniform(SEED));
    if (y.length === 0) {
      throw new ModelInputError('neural found no day in the history with the 4 points it needs to scale by');
    }
    rows = y.length;
    const settings = { inputs: FEATURES, hidden, steps: resolved.neural_steps, batch: BATCH };
    return kernels.trainNetwork(X, y, { ...settings, learning_rate: LEARNING_RATE, seed: SEED + 1 });
  };
  const end = raw.ts[n - 1];
  const level = kernels.quantile(raw.ys, 0.5);
  const weights = trainOn(raw);
  const trainingRowCount = rows;

  // Incidents: points far from the network's forecast. The inputs a day and a week later read the forecast in their
  // place. A spike is echoed by the first pass's forecasts of the next days, so a candidate stays an incident only
  // if it is still far from the forecast made without the candidates.
  const first = expectations(raw, weights, hidden, level, end, raw.ts, kernels);
  const firstResiduals = forecastResiduals(raw.ys, first.yhat, first.forecast, 0, n, Infinity).residuals;
  const sigma = robustScale(firstResiduals, raw.ys, kernels);
  const far = (yhat: Float64Array, forecast: Float64Array, i: number) =>
    forecast[i] === 1 && Math.abs(raw.ys[i] - yhat[i]) > REJECT * sigma;
  const candidates = raw.ys.slice();
  for (let i = 0; i < n; i++) {
    if (far(first.yhat, first.forecast, i)) {
      candidates[i] = first.yhat[i];
    }
  }
  const second = expectations({ ...raw, past: candidates }, weights, hidden, level, end, raw.ts, kernels);
  const cleanValues = raw.ys.slice();
  for (let i = 0; i < n; i++) {
    if (candidates[i] !== raw.ys[i] && far(second.yhat, second.forecast, i)) {
      cleanValues[i] = second.yhat[i];
    }
  }
  const clean: Observed = { ...raw, past: cleanValues };
  const served = expectations(clean, weights, hidden, level, end, raw.ts, kernels);
  const { residuals, weight } = forecastResiduals(raw.ys, served.yhat, served.forecast, 0, n, sigma);

  // A second network, trained without the last day, forecasts it out of sample: the band widens by as much as those
  // errors exceed its in-sample ones (the decomposition's holdout does the same). The network that serves learns the
  // last day too: on the examples, leaving it out cost more accuracy than the band gained.
  let holdout: { outOfSample: Float64Array; inSample: Float64Array } | null = null;
  if (span >= MIN_SPAN + DAY) {
    const cut = firstAbove(raw.ts, end - DAY);
    const held = trainOn(observedPrefix(raw, cut));
    const heldYhat = expectations(clean, held, hidden, level, end, raw.ts, kernels);
    const inside = forecastResiduals(raw.ys, heldYhat.yhat, heldYhat.forecast, 0, cut, sigma);
    holdout = {
      outOfSample: forecastResiduals(raw.ys, heldYhat.yhat, heldYhat.forecast, cut, n, Infinity).residuals,
      inSample: kernels.scaled(inside.residuals, 1, false, inside.weight),
    };
  }
  const resolution = halfResolution(raw.ys, kernels);
  return {
    family: 'neural',
    version: NEURAL_VERSION,
    params: resolved,
    history_start: raw.ts[0],
    history_end: end,
    n_train: n,
    times: raw.ts,
    values: raw.ys,
    past_values: cleanValues,
    step: raw.step,
    hidden,
    weights,
    level,
    residuals: bandFromResiduals(kernels, residuals, weight, resolution, 1, {
      interval_width: resolved.interval_width,
      outlier_width: resolved.outlier_width,
      n_features: 0,
      inflation: holdoutInflation(kernels, holdout),
      holdout: holdout?.outOfSample,
    }),
    nonnegative: resolved.nonnegative === 'auto' ? kernels.quantile(raw.ys, 0) >= 0 : resolved.nonnegative,
    training_rows: trainingRowCount,
  };
}

export function predictNeural(
  fitted: FittedNeural,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  kernels: Kernels
): Prediction {
  const ts = toTimestamps(timestamps, kernels);
  const vs = valuesToJudge(values, ts.length);
  const o: Observed = { ts: fitted.times, ys: fitted.values, past: fitted.past_values, step: fitted.step };
  const { yhat, trend } = expectations(o, fitted.weights, fitted.hidden, fitted.level, fitted.history_end, ts, kernels);
  return judgedPrediction(kernels, fitted, ts, yhat, vs, null, () => ({ trend }));
}

/** Times as runs of equal steps (kernels.collapseRuns): a regular series is three numbers. */
function toJson(fitted: FittedNeural, kernels: Kernels): Record<string, unknown> {
  const { times, past_values: past, ...rest } = fitted;
  const incidents: number[] = [];
  for (let i = 0; i < past.length; i++) {
    if (past[i] !== fitted.values[i]) {
      incidents.push(i, past[i]);
    }
  }
  return {
    ...rest,
    incidents,
    time_runs: Array.from(kernels.collapseRuns(times)),
    values: kernels.encodeFloat64s(fitted.values),
    weights: kernels.encodeFloat64s(fitted.weights),
  };
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The times `time_runs` stands for, or null when it is not runs of non-negative steps and whole counts. */
function timesOf(value: unknown, kernels: Kernels): Float64Array | null {
  const runs = finiteNumbers(value, 2 * MAX_NEURAL_POINTS + 1);
  const count = runs === null ? null : timeRunsCount(runs);
  return runs !== null && count !== null && count <= MAX_NEURAL_POINTS ? kernels.expandRuns(runs) : null;
}

/** Largest |value| a model may hold: above it the inputs' spreads would overflow. */
const MAX_VALUE = 1e3 * MAX_TYPICAL_MAGNITUDE;
/** Largest |weight|: Adam moves a weight by at most about the learning rate per step (0.003 × 20,000 = 60). */
const MAX_WEIGHT = 1e3;

function withinBound(values: Float64Array, bound: number): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!(Math.abs(values[i]) <= bound)) {
      return false;
    }
  }
  return true;
}

/** `values` with the [index, value, ...] changes of `incidents`, or null when they are not such pairs. */
function pastValues(values: Float64Array, incidents: unknown): Float64Array | null {
  const changes = finiteNumbers(incidents, 2 * values.length);
  if (changes === null || changes.length % 2 !== 0) {
    return null;
  }
  const past = values.slice();
  for (let k = 0; k < changes.length; k += 2) {
    const i = changes[k];
    if (!(Number.isInteger(i) && i >= 0 && i < values.length)) {
      return null;
    }
    past[i] = changes[k + 1];
  }
  return past;
}

function fromJson(data: Record<string, unknown>, kernels: Kernels): FittedNeural {
  if (data.family !== 'neural') {
    throw new ModelInputError(`serialized model is a ${String(data.family)} model, not neural`);
  }
  if (data.version !== NEURAL_VERSION) {
    throw new ModelInputError(
      `serialized neural model version ${String(data.version)} is not supported ` +
        `(this Foresight reads version ${NEURAL_VERSION}); fit the model again`
    );
  }
  const times = timesOf(data.time_runs, kernels);
  const values = finiteFloat64Text(data.values, kernels);
  const weights = finiteFloat64Text(data.weights, kernels);
  const hidden = data.hidden;
  const residuals = residualSummaryOf(data.residuals);
  const past = values === null ? null : pastValues(values, data.incidents);
  const ok =
    times !== null &&
    times.length >= 2 &&
    values !== null &&
    values.length === times.length &&
    past !== null &&
    typeof hidden === 'number' &&
    Number.isInteger(hidden) &&
    hidden >= NEURAL_LIMITS.hidden.min &&
    hidden <= NEURAL_LIMITS.hidden.max &&
    weights !== null &&
    weights.length === networkSize(FEATURES, hidden) &&
    isFiniteNumber(data.step) &&
    isFiniteNumber(data.level) &&
    isFiniteNumber(data.history_end) &&
    residuals !== null &&
    typeof data.nonnegative === 'boolean' &&
    typeof data.params === 'object' &&
    data.params !== null;
  if (!ok) {
    throw new ModelInputError('serialized neural model is incomplete');
  }
  // Finite is not enough: a step of 1e-320 or a weight of 1e308 predicts Infinity (jsonNumbers.ts).
  const outOfBounds = !isTimeScale(data.step)
    ? 'step must be a time scale from 1e-6 to 1e100 ms'
    : !withinBound(values, MAX_VALUE) || !withinBound(past, MAX_VALUE) || !(Math.abs(data.level as number) <= MAX_VALUE)
      ? `values, incidents and level must lie within ±${MAX_VALUE}`
      : !withinBound(weights, MAX_WEIGHT)
        ? `weights must lie within ±${MAX_WEIGHT}`
        : null;
  if (outOfBounds !== null) {
    throw new ModelInputError(`serialized neural model: ${outOfBounds}`);
  }
  const params = checkStoredParams(data.params, 'serialized neural model');
  const { format: _format, time_runs: _runs, incidents: _incidents, ...rest } = data;
  return { ...(rest as unknown as FittedNeural), params, times, values, past_values: past, weights, residuals };
}

export const neuralFamily: ModelFamily<FittedNeural> = withFalseAlarms({
  name: 'neural',
  version: NEURAL_VERSION,
  // A fit trains two networks (some 66 decomposition fits); online, a point is then judged by a forecast up to a
  // day old rather than hours old, which the accuracy bench prices (next hour against next day).
  onlineRefitMs: DAY,
  fit: fitNeural,
  predict: predictNeural,
  toJson,
  fromJson,
});
