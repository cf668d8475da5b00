/**
 * Number arrays as a model's JSON holds them, read back into typed arrays. Every prediction in the backend
 * restores its model from text: long arrays are base64 text of their float64 bytes (one kernel call), shorter
 * or older ones lists of numbers read in one plain loop that checks and copies each (no callback or iterator
 * per element, which the backend's JavaScript engine runs slowly).
 */
import type { Kernels } from '../types';

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
