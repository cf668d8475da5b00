/**
 * The `past` family's JSON form: the training points it compares with (times as runs, values as base64 text of
 * their float64 bytes, and the indices of those judged anomalous), its slot plan, level and band. `fromJson`
 * checks every field, so a damaged or hand-edited model fails with one line instead of predicting NaN.
 *
 * Version 3 holds the values as text: the backend restores a model for every prediction, and one kernel call
 * reads 8,064 values where parsing and checking them as JSON numbers took most of an ensemble's prediction.
 * Version 2 (values as a number list) is still read.
 */
import { ModelInputError } from '../errors';
import { MAX_POINTS } from '../input';
import { resolveParams } from '../params';
import type { Kernels, ModelParams } from '../types';
import type { ResidualSummary } from '../uncertainty';
import type { FittedPast } from './past';
import { finiteFloat64Text, finiteNumbers } from './jsonNumbers';

const VERSION = 3;
/** The version that held values as a list of numbers. */
const LIST_VERSION = 2;

/**
 * Times as runs of equal steps, [first, [step, count], ...] (kernels.collapseRuns): a regular series is three
 * numbers instead of one 13-digit number per point, about 45% of a 28-day five-minute model (version 1 listed
 * every time).
 */
function timeRuns(times: Float64Array, kernels: Kernels): number[] {
  return Array.from(kernels.collapseRuns(times));
}

function fromTimeRuns(runs: Float64Array, kernels: Kernels): Float64Array {
  if (runs.length === 0 || runs.length % 2 !== 1) {
    bad('time_runs must be a first time and pairs of step and count');
  }
  let n = 1;
  for (let r = 1; r < runs.length; r += 2) {
    if (!(runs[r] >= 0 && Number.isInteger(runs[r + 1]) && runs[r + 1] >= 1)) {
      bad('time_runs must have non-negative steps and whole counts');
    }
    n += runs[r + 1];
  }
  if (n > MAX_POINTS) {
    bad(`time_runs holds ${n} times, more than ${MAX_POINTS}`);
  }
  // Each time is the one before plus its run's step, so with steps checked non-negative the times are sorted.
  return kernels.expandRuns(runs);
}

const MINUTE_MS = 60_000;

const RESIDUAL_FIELDS: Array<keyof ResidualSummary> = [
  'band_below',
  'band_above',
  'scale_below',
  'scale_above',
  'z',
  'outlier_below',
  'outlier_above',
  'outlier_z',
];

/**
 * Indices of the points with usable 0 (it holds 0 and 1), picked by kernels: the indices 0..n−1 kept where
 * 1 − usable is positive. A loop over 8,064 points took sobek most of a past model's serialization.
 */
function skippedIndices(usable: Float64Array, kernels: Kernels): number[] {
  const n = usable.length;
  if (n === 0) {
    return [];
  }
  const unusable = new Float64Array(n).fill(1);
  kernels.addScaled(unusable, usable, -1);
  const indices = n === 1 ? Float64Array.of(0) : kernels.expandRuns(Float64Array.of(0, 1, n - 1));
  return Array.from(kernels.scaled(indices, 1, false, unusable));
}

export function pastToJson(fitted: FittedPast, kernels: Kernels): Record<string, unknown> {
  return {
    family: 'past',
    version: VERSION,
    params: fitted.params,
    history_start: fitted.history_start,
    history_end: fitted.history_end,
    n_train: fitted.n_train,
    period_ms: fitted.period_ms,
    tolerance_ms: fitted.tolerance_ms,
    time_runs: timeRuns(fitted.times, kernels),
    values: kernels.encodeFloat64s(fitted.values),
    skipped: skippedIndices(fitted.usable, kernels),
    level: fitted.level,
    shift: fitted.shift,
    residuals: fitted.residuals,
    nonnegative: fitted.nonnegative,
  };
}

function bad(what: string): never {
  throw new ModelInputError(`serialized past model: ${what}`);
}

function finite(data: Record<string, unknown>, key: string): number {
  const v = data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : bad(`${key} must be a finite number`);
}

function numbers(data: Record<string, unknown>, key: string): Float64Array {
  return finiteNumbers(data[key]) ?? bad(`${key} must be a list of finite numbers`);
}

/** The training values: base64 text of finite float64s (version 3), or a list of finite numbers (version 2). */
function trainingValues(data: Record<string, unknown>, kernels: Kernels): Float64Array {
  if (data.version === LIST_VERSION) {
    return numbers(data, 'values');
  }
  return finiteFloat64Text(data.values, kernels) ?? bad('values must be base64 text of finite float64 values');
}

export function pastFromJson(data: Record<string, unknown>, kernels: Kernels): FittedPast {
  if (data.family !== 'past') {
    bad(`it is a ${String(data.family)} model`);
  }
  if (data.version !== VERSION && data.version !== LIST_VERSION) {
    bad(`version ${JSON.stringify(data.version)} is not ${LIST_VERSION} or ${VERSION}; refit the model`);
  }
  if (data.params === null || typeof data.params !== 'object') {
    bad('params must be an object');
  }
  const params = resolveParams(data.params as Partial<ModelParams>);
  const times = fromTimeRuns(numbers(data, 'time_runs'), kernels);
  const values = trainingValues(data, kernels);
  const n = times.length;
  if (n === 0 || values.length !== n) {
    bad(`times (${n}) and values (${values.length}) must be as many, and some`);
  }
  const usable = new Float64Array(n).fill(1);
  // Indexed, not for-of: sobek runs a typed array's iterator several times slower.
  const skipped = numbers(data, 'skipped');
  for (let k = 0; k < skipped.length; k++) {
    const i = skipped[k];
    if (!(Number.isInteger(i) && i >= 0 && i < n)) {
      bad(`skipped index ${i} is not a point`);
    }
    usable[i] = 0;
  }
  const period = finite(data, 'period_ms');
  const tolerance = finite(data, 'tolerance_ms');
  // A period is a day or a week; one under a minute would make the slot search step through more lags than a
  // float can count (the kernels' loop over lags would not end).
  if (!(period >= MINUTE_MS && tolerance >= 0 && tolerance < period)) {
    bad('period_ms must be at least a minute and tolerance_ms within [0, period_ms)');
  }
  const r = data.residuals as Record<string, unknown> | null;
  if (r === null || typeof r !== 'object') {
    bad('residuals must be an object');
  }
  const residuals = {} as ResidualSummary;
  for (const key of RESIDUAL_FIELDS) {
    residuals[key] = finite(r, key);
  }
  if (typeof data.nonnegative !== 'boolean') {
    bad('nonnegative must be true or false');
  }
  return {
    family: 'past',
    version: VERSION,
    params,
    history_start: finite(data, 'history_start'),
    history_end: finite(data, 'history_end'),
    n_train: finite(data, 'n_train'),
    period_ms: period,
    tolerance_ms: tolerance,
    times,
    values,
    usable,
    level: finite(data, 'level'),
    shift: finite(data, 'shift'),
    residuals,
    nonnegative: data.nonnegative,
  };
}
