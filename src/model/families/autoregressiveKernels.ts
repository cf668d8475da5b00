/**
 * The TypeScript side of the autoregressive family's kernels: the loops over grid cells (placing points on a
 * regular grid, the lagged design matrix, the filtering and forecasting recursion, psi weights, reading a grid
 * back at arbitrary times). pkg/engine/arkernels.go implements the same functions in the same operation order;
 * testdata/fixtures/kernels holds the two to the same numbers.
 */
import type { ArFiltered, ArRecursion, GridSpec } from '../types';

/** The nearest cell of time t (halves round up, the same in Go). */
function cellOf(t: number, grid: GridSpec): number {
  return Math.floor((t - grid.origin_ms) / grid.step_ms + 0.5);
}

function clamp(v: number, lowest: number, highest: number): number {
  return v < lowest ? lowest : v > highest ? highest : v;
}

function isFiniteNumber(v: number): boolean {
  return v === v && v !== Infinity && v !== -Infinity;
}

/**
 * Places the finite values on the grid of `out.length` cells: a cell that receives points gets their mean, the
 * others are left as they are; points outside the grid are skipped. Returns how many points were placed.
 */
export function gridSeries(timestamps: Float64Array, values: Float64Array, grid: GridSpec, out: Float64Array): number {
  const cells = out.length;
  const sums = new Float64Array(cells);
  const counts = new Float64Array(cells);
  let placed = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const v = values[i];
    if (!isFiniteNumber(v)) {
      continue;
    }
    const c = cellOf(timestamps[i], grid);
    if (!(c >= 0 && c < cells)) {
      continue;
    }
    sums[c] += v;
    counts[c] += 1;
    placed++;
  }
  for (let c = 0; c < cells; c++) {
    if (counts[c] > 0) {
      out[c] = sums[c] / counts[c];
    }
  }
  return placed;
}

/** The table's entry at each time's cell; `fallback` outside the table or where the entry is not finite. */
export function gridLookup(
  timestamps: Float64Array,
  grid: GridSpec,
  table: Float64Array,
  fallback: number
): Float64Array {
  const out = new Float64Array(timestamps.length);
  for (let i = 0; i < timestamps.length; i++) {
    const c = cellOf(timestamps[i], grid);
    const v = c >= 0 && c < table.length ? table[c] : NaN;
    out[i] = isFiniteNumber(v) ? v : fallback;
  }
  return out;
}

/**
 * Rows t in [from, to) whose `keep` entry is > 0 (every row when null), each [1 if intercept] then
 * values[t − lags[j]] for every lag (a lag of 0 is the value itself), row-major.
 */
export function lagDesign(
  values: Float64Array,
  lags: Int32Array,
  from: number,
  to: number,
  intercept: boolean,
  keep: Float64Array | null
): Float64Array {
  let maxLag = 0;
  for (let j = 0; j < lags.length; j++) {
    if (lags[j] < 0) {
      throw new Error(`lagDesign: lag ${lags[j]} is negative`);
    }
    maxLag = Math.max(maxLag, lags[j]);
  }
  if (from < maxLag || to > values.length || (keep !== null && keep.length < to)) {
    throw new Error(`lagDesign: rows ${from}..${to} with lags up to ${maxLag} over ${values.length} values`);
  }
  const width = lags.length + (intercept ? 1 : 0);
  let rows = 0;
  for (let t = from; t < to; t++) {
    if (keep === null || keep[t] > 0) {
      rows++;
    }
  }
  const X = new Float64Array(rows * width);
  let k = 0;
  for (let t = from; t < to; t++) {
    if (keep !== null && !(keep[t] > 0)) {
      continue;
    }
    if (intercept) {
      X[k++] = 1;
    }
    for (let j = 0; j < lags.length; j++) {
      X[k++] = values[t - lags[j]];
    }
  }
  return X;
}

/**
 * The recursion of `recursion` over the cells of `values` (NaN where a cell has none), written to `out`; see
 * ArRecursion for the rule. Before `start`, cleaned values carry the last finite value forward (the first one
 * backward; 0 when there is none). Returns how many finite values were replaced.
 */
export function arRecursion(values: Float64Array, recursion: ArRecursion, out: ArFiltered): number {
  const n = values.length;
  const { lags, coefficients, horizon_variance: horizonVariance } = recursion;
  const { cleaned, predicted, extra_variance: extraVariance, kept } = out;
  let maxLag = 0;
  for (let j = 0; j < lags.length; j++) {
    if (lags[j] < 1) {
      throw new Error(`arRecursion: lag ${lags[j]} is below 1`);
    }
    maxLag = Math.max(maxLag, lags[j]);
  }
  if (
    coefficients.length < lags.length ||
    horizonVariance.length === 0 ||
    recursion.start < maxLag ||
    cleaned.length < n ||
    predicted.length < n ||
    extraVariance.length < n ||
    kept.length < n
  ) {
    throw new Error(`arRecursion: ${n} cells from ${recursion.start} with mismatched lags or outputs`);
  }
  const start = Math.min(recursion.start, n);
  let last = 0;
  for (let t = 0; t < start; t++) {
    if (isFiniteNumber(values[t])) {
      last = values[t];
      break;
    }
  }
  let gap = 0;
  for (let t = 0; t < start; t++) {
    const v = values[t];
    if (isFiniteNumber(v)) {
      last = v;
      kept[t] = 1;
      gap = 0;
    } else {
      kept[t] = 0;
      gap++;
    }
    cleaned[t] = last;
    predicted[t] = NaN;
    extraVariance[t] = NaN;
  }
  const horizons = horizonVariance.length;
  let run = 0;
  let replaced = 0;
  const seasonalFrom = recursion.seasonal_from > 0 ? recursion.seasonal_from : Infinity;
  for (let t = start; t < n; t++) {
    let p = recursion.constant;
    // The same prediction with replaced cells a season back read as they were (see ArRecursion).
    let seasonal = recursion.constant;
    let echo = false;
    for (let j = 0; j < lags.length; j++) {
      const c = t - lags[j];
      p += coefficients[j] * cleaned[c];
      if (lags[j] >= seasonalFrom && kept[c] === 0 && isFiniteNumber(values[c])) {
        seasonal += coefficients[j] * values[c];
        echo = true;
      } else {
        seasonal += coefficients[j] * cleaned[c];
      }
    }
    p = clamp(p, recursion.lowest, recursion.highest);
    predicted[t] = p;
    const multiplier = horizonVariance[gap < horizons ? gap : horizons - 1];
    extraVariance[t] = multiplier - 1;
    const v = values[t];
    if (!isFiniteNumber(v)) {
      cleaned[t] = p;
      kept[t] = 0;
      gap++;
      continue;
    }
    const r = v - p;
    const widen = Math.sqrt(multiplier);
    const above = recursion.limit_above * widen;
    const below = recursion.limit_below * widen;
    if (r > above || -r > below) {
      const q = echo ? clamp(seasonal, recursion.lowest, recursion.highest) : p;
      if (echo && v - q <= above && q - v <= below) {
        predicted[t] = q;
        run = 0;
        cleaned[t] = v;
        kept[t] = 1;
        gap = 0;
        continue;
      }
      run++;
      if (run > recursion.max_run) {
        cleaned[t] = v;
        kept[t] = 1;
        gap = 0;
      } else {
        cleaned[t] = p;
        kept[t] = 0;
        gap++;
        replaced++;
      }
      continue;
    }
    run = 0;
    cleaned[t] = v;
    kept[t] = 1;
    gap = 0;
  }
  return replaced;
}

/**
 * Cumulative squared psi weights of y_t = Σ coefficients_j y_{t − lags_j} + e_t: entry h − 1 is Σ_{i<h} ψ_i²
 * (ψ_0 = 1, ψ_i = Σ_j coefficients_j ψ_{i − lags_j}), the h-step forecast error variance in one-step variances.
 */
export function arPsiVariance(lags: Int32Array, coefficients: Float64Array, steps: number): Float64Array {
  if (coefficients.length < lags.length) {
    throw new Error(`arPsiVariance: ${lags.length} lags but ${coefficients.length} coefficients`);
  }
  const m = Math.max(0, steps);
  const psi = new Float64Array(m);
  const out = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    let v = i === 0 ? 1 : 0;
    for (let j = 0; j < lags.length; j++) {
      const k = i - lags[j];
      if (k >= 0 && lags[j] > 0) {
        v += coefficients[j] * psi[k];
      }
    }
    psi[i] = v;
    total += v * v;
    out[i] = total;
  }
  return out;
}
