/**
 * Number arrays as a model's JSON holds them, read back into typed arrays. Every prediction in the backend
 * restores its model from text: long arrays are base64 text of their float64 bytes (one kernel call), shorter
 * or older ones lists of numbers read in one plain loop that checks and copies each (no callback or iterator
 * per element, which the backend's JavaScript engine runs slowly).
 */
import type { Kernels } from '../types';
import type { ResidualSummary } from '../uncertainty';

/** The values encodeFloat64s wrote as `value`, or null when it is not such text or holds a non-finite value. */
export function finiteFloat64Text(value: unknown, kernels: Kernels): Float64Array | null {
  if (typeof value !== 'string') {
    return null;
  }
  let values: Float64Array;
  try {
    values = kernels.decodeFloat64s(value);
  } catch {
    return null;
  }
  return kernels.firstNonFinite(values) >= 0 ? null : values;
}

/** The list as a Float64Array, or null when `value` is not an array of at most `limit` finite numbers. */
export function finiteNumbers(value: unknown, limit = Infinity): Float64Array | null {
  if (!Array.isArray(value) || value.length > limit) {
    return null;
  }
  const n = value.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x: unknown = value[i];
    if (typeof x !== 'number' || x - x !== 0) {
      return null;
    }
    out[i] = x;
  }
  return out;
}

/**
 * How many times `runs` (kernels.collapseRuns: a first time, then pairs of step and count) stands for, or null when
 * they are not such runs of non-negative steps and whole counts. With steps checked non-negative, the times
 * kernels.expandRuns gives back are sorted.
 */
export function timeRunsCount(runs: Float64Array): number | null {
  if (runs.length % 2 !== 1) {
    return null;
  }
  let count = 1;
  for (let r = 1; r < runs.length; r += 2) {
    if (!(runs[r] >= 0 && Number.isInteger(runs[r + 1]) && runs[r + 1] >= 1)) {
      return null;
    }
    count += runs[r + 1];
  }
  return count;
}

/** The fields of a band's residual summary (uncertainty.ts), each a finite number ≥ 0 in a model's JSON. */
export const RESIDUAL_FIELDS: ReadonlyArray<keyof ResidualSummary> = [
  'band_below',
  'band_above',
  'scale_below',
  'scale_above',
  'z',
  'outlier_below',
  'outlier_above',
  'outlier_z',
];

/** Largest band or scale a restored model may hold: wider, a band's edge would overflow to Infinity. */
const MAX_BAND = 1e250;

/** `value` as a residual summary, or null when a field is missing, negative, over MAX_BAND, or a scale is 0. */
export function residualSummaryOf(value: unknown): ResidualSummary | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return null;
  }
  const out = {} as ResidualSummary;
  for (const key of RESIDUAL_FIELDS) {
    const v: unknown = (value as Record<string, unknown>)[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= MAX_BAND)) {
      return null;
    }
    out[key] = v;
  }
  return out.z > 0 && out.outlier_z > 0 && out.scale_below > 0 && out.scale_above > 0 ? out : null;
}

/*
 * Magnitude bounds on a stored model's numbers, checked when it is restored. JSON holds any finite double, so a
 * hand-edited or damaged model with a coefficient of 1e308 or a time scale of 1e-320 restored and then predicted
 * Infinity or NaN: bands and scores an alert rule reads as silently off or always firing. Each bound lies far
 * beyond what a fit writes (storedBounds.test.ts fits every family and restores it), so such an edit is refused
 * with its field's name instead of reaching a prediction.
 */

/** Largest |number| in the model's own units: coefficients, weights, smoothing, scaled times and values (x units). */
export const MAX_COEFFICIENT = 1e100;
/**
 * Largest |number| on the series' scale (levels, values, y scales, spreads): a fit refuses series whose ordinary
 * values pass MAX_TYPICAL_MAGNITUDE (1e150) and leaves values GROSS_FACTOR (1e3) times further out of training.
 */
export const MAX_SERIES_MAGNITUDE = 1e154;
/** Shortest time scale (ms) a model may divide by (a span, step or period): a nanosecond. */
export const MIN_TIME_SCALE_MS = 1e-6;
/** The smallest positive normal double: a quotient by a subnormal overflows for ordinary numerators. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Whether every value is a number within ±bound (NaN and ±Infinity are not). */
export function allWithin(values: ArrayLike<number>, bound: number): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!(Math.abs(values[i]) <= bound)) {
      return false;
    }
  }
  return true;
}

/** Whether `value` is a number within ±bound. */
export function within(value: unknown, bound: number): value is number {
  return typeof value === 'number' && Math.abs(value) <= bound;
}

/** Whether `value` is a time scale a model may divide by: from MIN_TIME_SCALE_MS to MAX_COEFFICIENT ms. */
export function isTimeScale(value: unknown): value is number {
  return typeof value === 'number' && value >= MIN_TIME_SCALE_MS && value <= MAX_COEFFICIENT;
}

/**
 * Whether `value` is a positive scale on the series' scale a model may divide by or square: a normal double, at
 * most MAX_SERIES_MAGNITUDE.
 */
export function isSeriesScale(value: unknown): value is number {
  return typeof value === 'number' && value >= MIN_NORMAL && value <= MAX_SERIES_MAGNITUDE;
}
