/**
 * Number lists as a model's JSON holds them, read back into typed arrays. Every prediction in the backend
 * restores its model from text, and a past model's points are thousands of numbers: one plain loop that checks
 * and copies each (no callback or iterator per element, which the backend's JavaScript engine runs slowly).
 */

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
