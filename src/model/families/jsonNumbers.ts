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
