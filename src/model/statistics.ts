/**
 * Small order statistics over Float64Array, NaN-free inputs assumed. Loops are plain indexed loops:
 * in the backend's JavaScript interpreter `for…of` and `Float64Array.from(x, fn)` cost 5-10 times more.
 */

/** Quantile with linear interpolation between order statistics (type 7, as numpy's default). */
/** Puts `value` into sorted[0 … count), shifting larger ones up (sorted has room for one more); small windows. */
export function insertSorted(sorted: Float64Array, count: number, value: number): void {
  let at = count;
  while (at > 0 && sorted[at - 1] > value) {
    sorted[at] = sorted[at - 1];
    at--;
  }
  sorted[at] = value;
}

export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) {
    return NaN;
  }
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** k-th smallest value (0-based) by quickselect; reorders `work` in place. */
function selectInPlace(work: Float64Array, k: number): number {
  let lo = 0;
  let hi = work.length - 1;
  while (hi > lo) {
    // Median of three as pivot keeps sorted and periodic inputs linear.
    const mid = (lo + hi) >> 1;
    const a = work[lo];
    const b = work[mid];
    const c = work[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (work[i] < pivot) {
        i++;
      }
      while (work[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = work[i];
        work[i] = work[j];
        work[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return work[k];
    }
  }
  return work[k];
}

/**
 * Quantile (type 7) of unsorted values in linear time; `work` may be given to reuse a scratch copy
 * (it is overwritten).
 */
export function quantile(values: Float64Array, q: number, work: Float64Array = values.slice()): number {
  const n = values.length;
  if (n === 0) {
    return NaN;
  }
  if (work !== values) {
    work.set(values);
  }
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const low = selectInPlace(work, lo);
  if (lo === h || lo + 1 >= n) {
    return low;
  }
  // Everything right of lo is ≥ low after selection; the next order statistic is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) {
    if (work[i] < next) {
      next = work[i];
    }
  }
  return low + (h - lo) * (next - low);
}

/**
 * Quantiles (type 7) of unsorted values at each of `qs`, in that order: one scratch copy serves them all
 * (each selection reorders it further, which changes no result); NaN for no values.
 */
export function quantiles(values: Float64Array, qs: Float64Array): Float64Array {
  const out = new Float64Array(qs.length);
  const work = values.slice();
  for (let i = 0; i < qs.length; i++) {
    out[i] = quantile(work, qs[i], work);
  }
  return out;
}

/** Median in linear time (the mean of the two middle values for an even count). */
export function median(values: Float64Array): number {
  const n = values.length;
  if (n === 0) {
    return NaN;
  }
  const work = values.slice();
  const upper = selectInPlace(work, n >> 1);
  if (n % 2 === 1) {
    return upper;
  }
  // After selection every value left of n/2 is ≤ upper; the largest of them is the lower middle.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) {
    if (work[i] > lower) {
      lower = work[i];
    }
  }
  return (lower + upper) / 2;
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  }
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const plow = 0.02425;
  let x: number;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

/**
 * Upper tail of the standard normal, P(Z > x), from the complementary error function's Chebyshev fit
 * (fractional error < 1.2e-7 everywhere, so tails far out stay accurate instead of rounding to 0 or 1 early).
 */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + z / 2);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfcHalf = (t * Math.exp(poly)) / 2;
  return x >= 0 ? erfcHalf : 1 - erfcHalf;
}
