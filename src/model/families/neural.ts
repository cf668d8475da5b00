/**
 * `neural`: a small network that forecasts a sub-daily series up to a day ahead from what it did before
 * (neuralFeatures.ts: the same slot one and two days back and a week back, the last value and hour against the
 * same time yesterday, the horizon and the calendar, all scaled by the last day's mean and spread). One softsign
 * layer of `neural_hidden` units and a linear path, trained by Adam on the absolute error (neuralKernels.ts; Go
 * serves the same training in the backend, bit for bit).
 *
 * A point is judged by the forecast made for it from the last day boundary before it, counted back from the
 * history's end in whole days: inside the history from origins at end − k days, past it from the end. So the
 * residuals the band is read from are day-ahead errors at every horizon the forecasts past the end have, though
 * the network trained on those points (a fit of ~500 weights on up to 20,000 rows overfits little: measured in
 * bench/results/family-neural.md). Measured to beat the other families at one thing: the next day of the hourly
 * pedestrians example. It costs about 90 times a decomposition's fit there, so `auto` does not try it.
 */
import { ModelInputError } from '../errors';
import { halfResolution } from '../forecaster';
import { screenGrossValues } from '../grossValues';
import { MAX_POINTS, selectTrainingData, toTimestamps } from '../input';
import { resolveParams } from '../params';
import type { Kernels, ModelParams, Prediction } from '../types';
import { bandFromResiduals, holdoutInflation, judgeBand, type ResidualSummary } from '../uncertainty';
import { seededUniform } from '../seededUniform';
import { firstAbove } from '../shortTerm';
import type { FittedFamily, ModelFamily } from './family';
import { withFalseAlarms } from './falseAlarms';
import { finiteFloat64Text } from './jsonNumbers';
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

export interface FittedNeural extends FittedFamily {
  family: 'neural';
  version: 1;
  /** The training points (sorted, finite), which the features read. */
  times: Float64Array;
  values: Float64Array;
  /** Their median spacing (ms). */
  step: number;
  hidden: number;
  /** Packed weights (neuralKernels.ts). */
  weights: Float64Array;
  /** The expectation where the day before a point's origin holds too few points to scale by: the median. */
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

/** Expectations at `ts` from the network, and each point's level (its origin's last-day mean). */
function expectations(
  o: Observed,
  weights: Float64Array,
  hidden: number,
  level: number,
  end: number,
  ts: Float64Array,
  kernels: Kernels
): { yhat: Float64Array; trend: Float64Array } {
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
  for (let i = 0; i < n; i++) {
    const s = stateOf[i];
    yhat[i] = s === null ? level : s.centre + s.scale * out[i];
    trend[i] = s === null ? level : s.centre;
  }
  return { yhat, trend };
}

export function fitNeural(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels
): FittedNeural {
  const resolved = resolveParams(params);
  const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
  const o = observed(train.timestamps, train.values);
  const n = o.ts.length;
  const span = o.ts[n - 1] - o.ts[0];
  if (o.step > MAX_STEP || span < MIN_SPAN) {
    throw new ModelInputError(
      `neural needs a series with at least 4 points a day and 3 days of history; this one spans ` +
        `${(span / DAY).toFixed(1)} days at a median spacing of ${Math.round(o.step / 60_000)} minutes`
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
  const end = o.ts[n - 1];
  const level = kernels.quantile(o.ys, 0.5);
  // Residuals of day-ahead forecasts of the points whose origin has a day before it to scale by.
  const first = o.ts[0] + DAY;
  const residualsOf = (weights: Float64Array, from: number, to: number) => {
    const { yhat } = expectations(o, weights, hidden, level, end, o.ts, kernels);
    const residuals = new Float64Array(to - from);
    const weight = new Float64Array(to - from);
    for (let i = from; i < to; i++) {
      if (originOf(o.ts[i], end) >= first) {
        residuals[i - from] = o.ys[i] - yhat[i];
        weight[i - from] = 1;
      }
    }
    return { residuals, weight };
  };
  const weights = trainOn(o);
  const trainingRowCount = rows;
  const { residuals, weight } = residualsOf(weights, 0, n);
  // A second network, trained without the last day, forecasts it out of sample: the band widens by as much as those
  // errors exceed its in-sample ones (the decomposition's holdout does the same). The network that serves learns the
  // last day too: on the examples, leaving it out cost more accuracy than the band gained.
  let holdout: { outOfSample: Float64Array; inSample: Float64Array } | null = null;
  if (span >= MIN_SPAN + DAY) {
    const cut = firstAbove(o.ts, end - DAY);
    const held = trainOn({ ts: o.ts.subarray(0, cut), ys: o.ys.subarray(0, cut), step: o.step });
    const inside = residualsOf(held, 0, cut);
    holdout = {
      outOfSample: residualsOf(held, cut, n).residuals,
      inSample: kernels.scaled(inside.residuals, 1, false, inside.weight),
    };
  }
  const resolution = halfResolution(o.ys, kernels);
  return {
    family: 'neural',
    version: NEURAL_VERSION,
    params: resolved,
    history_start: o.ts[0],
    history_end: end,
    n_train: n,
    times: o.ts,
    values: o.ys,
    step: o.step,
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
    nonnegative: resolved.nonnegative === 'auto' ? train.min >= 0 : resolved.nonnegative,
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
  const n = ts.length;
  if (values !== undefined && values.length !== n) {
    throw new ModelInputError(`timestamps (${n}) and values (${values.length}) differ in length`);
  }
  const o: Observed = { ts: fitted.times, ys: fitted.values, step: fitted.step };
  const { yhat, trend } = expectations(o, fitted.weights, fitted.hidden, fitted.level, fitted.history_end, ts, kernels);
  const judged = {
    yhat: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
    outlier: new Int8Array(n),
    score: new Float64Array(n),
  };
  const vs = values === undefined ? null : values instanceof Float64Array ? values : Float64Array.from(values);
  kernels.judge(yhat, vs, null, judgeBand(fitted.residuals, fitted.nonnegative, fitted.false_alarm_raise), judged);
  return {
    timestamps: ts,
    yhat: judged.yhat,
    yhat_lower: judged.lower,
    yhat_upper: judged.upper,
    outlier: judged.outlier,
    score: judged.score,
    trend,
    seasonal: {},
    holidays: new Float64Array(n),
  };
}

function toJson(fitted: FittedNeural, kernels: Kernels): Record<string, unknown> {
  return {
    ...fitted,
    times: kernels.encodeFloat64s(fitted.times),
    values: kernels.encodeFloat64s(fitted.values),
    weights: kernels.encodeFloat64s(fitted.weights),
  };
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function fromJson(data: Record<string, unknown>, kernels: Kernels): FittedNeural {
  if (data.family !== 'neural') {
    throw new ModelInputError(`serialized model is a ${String(data.family)} model, not neural`);
  }
  if (data.version !== NEURAL_VERSION) {
    throw new ModelInputError(
      `serialized neural model version ${String(data.version)} is not supported (this Foresight reads version ${NEURAL_VERSION}); fit the model again`
    );
  }
  const times = finiteFloat64Text(data.times, kernels);
  const values = finiteFloat64Text(data.values, kernels);
  const weights = finiteFloat64Text(data.weights, kernels);
  const hidden = data.hidden;
  const residuals = data.residuals as ResidualSummary | undefined;
  let sorted = times !== null;
  for (let i = 1; sorted && i < times!.length; i++) {
    sorted = times![i] >= times![i - 1];
  }
  const ok =
    sorted &&
    times!.length >= 2 &&
    times!.length <= MAX_POINTS &&
    values !== null &&
    values.length === times!.length &&
    typeof hidden === 'number' &&
    Number.isInteger(hidden) &&
    hidden >= 1 &&
    weights !== null &&
    weights.length === networkSize(FEATURES, hidden) &&
    isFiniteNumber(data.step) &&
    data.step > 0 &&
    isFiniteNumber(data.level) &&
    isFiniteNumber(data.history_end) &&
    residuals !== undefined &&
    residuals !== null &&
    Object.values(residuals).every((v) => typeof v === 'number') &&
    typeof data.nonnegative === 'boolean' &&
    typeof data.params === 'object' &&
    data.params !== null;
  if (!ok) {
    throw new ModelInputError('serialized neural model is incomplete');
  }
  const { format: _format, ...rest } = data;
  return { ...(rest as unknown as FittedNeural), times: times!, values, weights };
}

export const neuralFamily: ModelFamily<FittedNeural> = withFalseAlarms({
  name: 'neural',
  version: NEURAL_VERSION,
  fit: fitNeural,
  predict: predictNeural,
  toJson,
  fromJson,
});
