/**
 * The autoregressive model as plain JSON, and back with every field checked. The tail (the cells the recursion
 * reaches back, a week of them with a weekly period) is base64 text of its float64 values, read in one kernel
 * call; version 1 held it as a list of numbers and is still read.
 */
import { ModelInputError } from '../errors';
import { MAX_POINTS } from '../input';
import { resolveParams } from '../params';
import type { Kernels, ModelParams } from '../types';
import type { ResidualSummary } from '../uncertainty';
import { AUTOREGRESSIVE_VERSION, type FittedAutoregressive } from './autoregressiveModel';
import { regressionLags, type ArStructure } from './autoregressiveLags';
import {
  allWithin,
  finiteFloat64Text,
  finiteNumbers,
  isSeriesScale,
  isTimeScale,
  MAX_COEFFICIENT,
  MAX_SERIES_MAGNITUDE,
  residualSummaryOf,
} from './jsonNumbers';

/** The version that held the tail as a list of numbers. */
const LIST_VERSION = 1;

export function autoregressiveToJson(fitted: FittedAutoregressive, kernels: Kernels): Record<string, unknown> {
  return {
    ...fitted,
    coefficients: Array.from(fitted.coefficients),
    tail: kernels.encodeFloat64s(fitted.tail),
  };
}

function fail(what: string): never {
  throw new ModelInputError(`serialized autoregressive model: ${what}`);
}

function finite(data: Record<string, unknown>, key: string): number {
  const v = data[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail(`${key} must be a finite number`);
  }
  return v;
}

/** A finite number within ±bound (see jsonNumbers.ts), else a one-line error naming the key. */
function bounded(data: Record<string, unknown>, key: string, bound: number): number {
  const v = finite(data, key);
  return Math.abs(v) <= bound ? v : fail(`${key} must lie within ±${bound}, got ${v}`);
}

/** A positive scale on the series' scale a prediction divides by or squares (see jsonNumbers.ts). */
function seriesScale(data: Record<string, unknown>, key: string): number {
  const v = data[key];
  return isSeriesScale(v) ? v : fail(`${key} must be a positive normal number up to ${MAX_SERIES_MAGNITUDE}`);
}

function numbers(data: Record<string, unknown>, key: string, limit: number): Float64Array {
  return finiteNumbers(data[key], limit) ?? fail(`${key} must be a list of at most ${limit} finite numbers`);
}

function wholeIn(value: unknown, lo: number, hi: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= lo && value <= hi;
}

function structureOf(data: Record<string, unknown>): ArStructure {
  const s = data.structure as Partial<ArStructure> | undefined;
  if (
    s === null ||
    typeof s !== 'object' ||
    !wholeIn(s.period_cells, 0, MAX_POINTS) ||
    !wholeIn(s.difference, 0, 1) ||
    !wholeIn(s.order, 0, 12) ||
    !wholeIn(s.seasonal_order, 0, 3) ||
    typeof s.intercept !== 'boolean' ||
    (s.period_cells === 0 && s.seasonal_order !== 0)
  ) {
    fail('structure is not a valid lag structure');
  }
  return s as ArStructure;
}

/** The tail: base64 text of finite float64 values, or (version 1) a list of finite numbers. */
function tailOf(data: Record<string, unknown>, kernels: Kernels): Float64Array {
  if (data.version === LIST_VERSION) {
    return numbers(data, 'tail', MAX_POINTS);
  }
  const tail = finiteFloat64Text(data.tail, kernels);
  if (tail === null || tail.length > MAX_POINTS) {
    fail(`tail must be base64 text of at most ${MAX_POINTS} finite float64 values`);
  }
  return tail;
}

export function autoregressiveFromJson(data: Record<string, unknown>, kernels: Kernels): FittedAutoregressive {
  if (data.family !== 'autoregressive') {
    fail(`it is a ${String(data.family)} model`);
  }
  if (data.version !== AUTOREGRESSIVE_VERSION && data.version !== LIST_VERSION) {
    throw new ModelInputError(
      `serialized autoregressive model version ${String(data.version)} is not supported (this Foresight reads ` +
        `version ${AUTOREGRESSIVE_VERSION}); fit the model again`
    );
  }
  const structure = structureOf(data);
  const coefficients = numbers(data, 'coefficients', 64);
  if (coefficients.length !== regressionLags(structure).length + (structure.intercept ? 1 : 0)) {
    fail(`${coefficients.length} coefficients do not match its structure`);
  }
  if (!allWithin(coefficients, MAX_COEFFICIENT)) {
    fail(`coefficients must lie within ±${MAX_COEFFICIENT}`);
  }
  const grid = data.grid as { origin_ms?: unknown; step_ms?: unknown } | undefined;
  if (grid === null || typeof grid !== 'object') {
    fail('grid is missing');
  }
  const origin = finite(grid as Record<string, unknown>, 'origin_ms');
  const step = finite(grid as Record<string, unknown>, 'step_ms');
  // Finite is not enough: a zero scale makes every score NaN, a negative band an inverted band.
  const residuals = data.residuals;
  if (residualSummaryOf(residuals) === null) {
    fail('residuals need finite band, scale and outlier widths ≥ 0, with positive scales');
  }
  let params: ModelParams;
  try {
    params = resolveParams(data.params as Partial<ModelParams>);
  } catch (error) {
    fail(`params: ${(error as Error).message}`);
  }
  const tail = tailOf(data, kernels);
  if (!isTimeScale(step)) {
    fail(`grid step_ms must be a time scale from 1e-6 to 1e100 ms, got ${step}`);
  }
  if (!wholeIn(data.tail_start_cell, 0, MAX_POINTS) || !wholeIn(data.max_run, 0, MAX_POINTS)) {
    fail('tail_start_cell or max_run is out of range');
  }
  if (tail.length === 0) {
    fail('tail is empty');
  }
  if (!allWithin(tail, MAX_COEFFICIENT)) {
    fail(`tail must lie within ±${MAX_COEFFICIENT} (x units)`);
  }
  if (typeof data.nonnegative !== 'boolean' || !['day', 'week', 'none'].includes(data.period as string)) {
    fail('nonnegative or period is not valid');
  }
  return {
    family: 'autoregressive',
    version: AUTOREGRESSIVE_VERSION,
    params,
    history_start: finite(data, 'history_start'),
    history_end: finite(data, 'history_end'),
    n_train: finite(data, 'n_train'),
    grid: { origin_ms: origin, step_ms: step },
    center: bounded(data, 'center', MAX_SERIES_MAGNITUDE),
    y_scale: seriesScale(data, 'y_scale'),
    period: data.period as FittedAutoregressive['period'],
    structure,
    coefficients,
    tail,
    tail_start_cell: data.tail_start_cell as number,
    max_run: data.max_run as number,
    lowest: bounded(data, 'lowest', MAX_COEFFICIENT),
    highest: bounded(data, 'highest', MAX_COEFFICIENT),
    one_step_sd: seriesScale(data, 'one_step_sd'),
    level_sd: seriesScale(data, 'level_sd'),
    residuals: residuals as unknown as ResidualSummary,
    nonnegative: data.nonnegative as boolean,
    n_cleaned: finite(data, 'n_cleaned'),
  };
}
