/**
 * The `past` family's JSON form: the training points it compares with (times as runs, values as steps of their
 * grid, and the indices of those judged anomalous), its slot plan, level and band. `fromJson`
 * checks every field, so a damaged or hand-edited model fails with one line instead of predicting NaN.
 *
 * Version 4 holds the values, which a fit puts on a power-of-two grid (valueGrid.ts), as value steps
 * (`value_step`, `value_steps`: valueSteps.ts), 2–3 characters a value: a 28-day 5-minute model of noisy floats
 * is about 25 KB of text where float64 text made it 88 KB, so a backend's fit cache holds three times as many.
 * Values with no grid are float64 text (`values`), as in version 3. The backend restores a model for every
 * prediction, and one kernel call reads either form's 8,064 values, where parsing and checking them as JSON
 * numbers took most of an ensemble's prediction. Versions 3 (float64 text) and 2 (a number list) are still read.
 */
import { ModelInputError } from '../errors';
import { MAX_POINTS } from '../input';
import { resolveParams } from '../params';
import type { Kernels, ModelParams } from '../types';
import { isGridStep } from '../valueSteps';
import type { FittedPast } from './past';
import {
  allWithin,
  finiteFloat64Text,
  finiteNumbers,
  MAX_COEFFICIENT,
  MAX_SERIES_MAGNITUDE,
  residualSummaryOf,
  timeRunsCount,
} from './jsonNumbers';

const VERSION = 4;
/** The version that held values as a list of numbers. */
const LIST_VERSION = 2;
/** The version that held values as float64 text alone. */
const FLOAT_TEXT_VERSION = 3;
const VERSIONS = [LIST_VERSION, FLOAT_TEXT_VERSION, VERSION];
/** Characters a value's step takes at most (valueSteps.ts): longer text cannot be as many values as times. */
const MAX_STEP_CHARS = 11;

/**
 * Times as runs of equal steps, [first, [step, count], ...] (kernels.collapseRuns): a regular series is three
 * numbers instead of one 13-digit number per point, about 45% of a 28-day five-minute model (version 1 listed
 * every time).
 */
function timeRuns(times: Float64Array, kernels: Kernels): number[] {
  return Array.from(kernels.collapseRuns(times));
}

function fromTimeRuns(runs: Float64Array, kernels: Kernels): Float64Array {
  const n = timeRunsCount(runs);
  if (n === null) {
    bad('time_runs must be a first time and pairs of a non-negative step and a whole count');
  }
  if (n > MAX_POINTS) {
    bad(`time_runs holds ${n} times, more than ${MAX_POINTS}`);
  }
  return kernels.expandRuns(runs);
}

const MINUTE_MS = 60_000;

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
    ...(fitted.value_step > 0
      ? { value_step: fitted.value_step, value_steps: kernels.encodeValueSteps(fitted.values, fitted.value_step) }
      : { values: kernels.encodeFloat64s(fitted.values) }),
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

/** A number on the series' scale within ±MAX_SERIES_MAGNITUDE (jsonNumbers.ts), else an error naming the key. */
function bounded(data: Record<string, unknown>, key: string): number {
  const v = finite(data, key);
  return Math.abs(v) <= MAX_SERIES_MAGNITUDE ? v : bad(`${key} must lie within ±${MAX_SERIES_MAGNITUDE}, got ${v}`);
}

function numbers(data: Record<string, unknown>, key: string): Float64Array {
  return finiteNumbers(data[key]) ?? bad(`${key} must be a list of finite numbers`);
}

/**
 * The training values, `n` of them, and their grid's step (0: none): value steps on a power-of-two grid (version
 * 4), base64 text of finite float64s (versions 3 and 4), or a list of finite numbers (version 2).
 */
function trainingValues(
  data: Record<string, unknown>,
  n: number,
  kernels: Kernels
): { values: Float64Array; step: number } {
  if (data.version === LIST_VERSION) {
    return { values: numbers(data, 'values'), step: 0 };
  }
  if (data.version === VERSION && data.value_steps !== undefined) {
    const step = data.value_step;
    const text = data.value_steps;
    if (typeof step !== 'number' || !isGridStep(step)) {
      bad('value_step must be a power of two');
    }
    if (typeof text !== 'string' || text.length > MAX_STEP_CHARS * n) {
      bad(`value_steps must be text of ${n} value steps`);
    }
    try {
      return { values: kernels.decodeValueSteps(text, step), step };
    } catch {
      bad(`value_steps must be text of ${n} value steps`);
    }
  }
  const values = finiteFloat64Text(data.values, kernels) ?? bad('values must be base64 text of finite float64 values');
  return { values, step: 0 };
}

export function pastFromJson(data: Record<string, unknown>, kernels: Kernels): FittedPast {
  if (data.family !== 'past') {
    bad(`it is a ${String(data.family)} model`);
  }
  if (!VERSIONS.includes(data.version as number)) {
    bad(`version ${JSON.stringify(data.version)} is not one of ${VERSIONS.join(', ')}; refit the model`);
  }
  if (data.params === null || typeof data.params !== 'object') {
    bad('params must be an object');
  }
  const params = resolveParams(data.params as Partial<ModelParams>);
  const times = fromTimeRuns(numbers(data, 'time_runs'), kernels);
  const n = times.length;
  const { values, step } = trainingValues(data, n, kernels);
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
  if (!(period >= MINUTE_MS && period <= MAX_COEFFICIENT && tolerance >= 0 && tolerance < period)) {
    bad('period_ms must be at least a minute (at most 1e100 ms) and tolerance_ms within [0, period_ms)');
  }
  // Finite is not enough: values, level or shift near the largest double overflow once the band is added.
  if (!allWithin(values, MAX_SERIES_MAGNITUDE)) {
    bad(`values must lie within ±${MAX_SERIES_MAGNITUDE}`);
  }
  // Finite is not enough: a zero scale makes every score NaN, a negative band an inverted band.
  const residuals =
    residualSummaryOf(data.residuals) ??
    bad('residuals need finite band, scale and outlier widths ≥ 0, with positive scales');
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
    value_step: step,
    usable,
    level: bounded(data, 'level'),
    shift: bounded(data, 'shift'),
    residuals,
    nonnegative: data.nonnegative,
  };
}
