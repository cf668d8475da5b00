/**
 * The TypeScript side of the per-point kernels (see `Kernels` in types.ts): every loop over the points
 * of a fit or a prediction that is not a points × features product. In Node a loop costs microseconds;
 * in the backend's JavaScript interpreter each costs milliseconds, so pkg/engine implements the same
 * functions in Go (pointkernels.go) with the same operation order, and the model calls them instead of
 * looping itself. Plain indexed loops throughout.
 */
import { quantile } from './statistics';
import type { HampelKnees, JudgeBand, Judgement, LagPairing, SeasonalCarry } from './types';

/** Weight for a standardised residual under Hampel's scheme: flat top, descent, zero past the last knee. */
export function hampelWeight(z: number, knees: HampelKnees): number {
  const a = Math.abs(z);
  if (a <= knees.a) {
    return 1;
  }
  if (a <= knees.b) {
    return knees.a / a;
  }
  if (a <= knees.c) {
    return ((knees.a / a) * (knees.c - a)) / (knees.c - knees.b);
  }
  return 0;
}

/** consistency × the median absolute deviation from the median: with 1.4826, a normal sd that ignores outliers. */
export function madSigma(values: Float64Array, consistency: number): number {
  const n = values.length;
  if (n === 0) {
    return 0;
  }
  const work = values.slice();
  const m = quantile(values, 0.5, work);
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    work[i] = d < 0 ? -d : d;
  }
  return consistency * quantile(work, 0.5, work);
}

/** residuals ← ys − fitted, in place; returns the largest change of any residual. */
export function updateResiduals(ys: Float64Array, fitted: Float64Array, residuals: Float64Array): number {
  let change = 0;
  for (let i = 0; i < residuals.length; i++) {
    const r = ys[i] - fitted[i];
    const d = r - residuals[i];
    const a = d < 0 ? -d : d;
    if (a > change) {
      change = a;
    }
    residuals[i] = r;
  }
  return change;
}

/** Hampel weights of residuals / scale into `weights` and 1 − weight into `deficit`; returns how many are below 1. */
export function hampelWeights(
  residuals: Float64Array,
  scale: number,
  weights: Float64Array,
  deficit: Float64Array,
  knees: HampelKnees
): number {
  let below = 0;
  for (let i = 0; i < residuals.length; i++) {
    const w = hampelWeight(residuals[i] / scale, knees);
    weights[i] = w;
    deficit[i] = 1 - w;
    if (w < 1) {
      below++;
    }
  }
  return below;
}

/** values × factor (|values × factor| when `abs`), keeping only rows whose `keep` entry is > 0 when given. */
export function scaled(values: Float64Array, factor: number, abs: boolean, keep: Float64Array | null): Float64Array {
  const n = values.length;
  let m = n;
  if (keep !== null) {
    m = 0;
    for (let i = 0; i < n; i++) {
      if (keep[i] > 0) {
        m++;
      }
    }
  }
  const out = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (keep !== null && !(keep[i] > 0)) {
      continue;
    }
    const v = values[i] * factor;
    out[k++] = abs && v < 0 ? -v : v;
  }
  return out;
}

/** target[i] += factor × values[i], in place. */
export function addScaled(target: Float64Array, values: Float64Array, factor: number): void {
  for (let i = 0; i < target.length; i++) {
    target[i] += factor * values[i];
  }
}

/**
 * Differences of consecutive values (of a sorted copy when `sort`), in order; only the positive ones
 * when `positiveOnly`. The smallest positive gap of times is the spacing, their median the step.
 */
export function differences(values: Float64Array, sort: boolean, positiveOnly: boolean): Float64Array {
  const v = sort ? values.slice().sort() : values;
  const out = new Float64Array(Math.max(0, v.length - 1));
  let k = 0;
  for (let i = 1; i < v.length; i++) {
    const d = v[i] - v[i - 1];
    if (!positiveOnly || d > 0) {
      out[k++] = d;
    }
  }
  return k === out.length ? out : out.slice(0, k);
}

/** Index of the first value that is NaN or infinite, −1 when all are finite. */
export function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || v === Infinity || v === -Infinity) {
      return i;
    }
  }
  return -1;
}

/**
 * The rows a fit learns from: finite value and a time outside every excluded [start, end] pair of
 * `exclude` (flattened), sorted by time (stable: duplicates keep their order). Writes them to the
 * front of outTimes and outValues and returns how many there are.
 */
export function trainingRows(
  timestamps: Float64Array,
  values: Float64Array,
  exclude: Float64Array,
  outTimes: Float64Array,
  outValues: Float64Array
): number {
  const keep: number[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const v = values[i];
    if (v !== v || v === Infinity || v === -Infinity) {
      continue;
    }
    const t = timestamps[i];
    let excluded = false;
    for (let e = 0; e + 1 < exclude.length; e += 2) {
      if (t >= exclude[e] && t <= exclude[e + 1]) {
        excluded = true;
        break;
      }
    }
    if (!excluded) {
      keep.push(i);
    }
  }
  let sorted = true;
  for (let k = 1; k < keep.length; k++) {
    if (timestamps[keep[k]] < timestamps[keep[k - 1]]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    keep.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
  }
  for (let k = 0; k < keep.length; k++) {
    outTimes[k] = timestamps[keep[k]];
    outValues[k] = values[keep[k]];
  }
  return keep.length;
}

/**
 * Correlation of residuals with those `lag_ms` later (± tolerance_ms), over pairs where both weights are
 * positive: Σ r_i r_j / Σ r_i². Times must be sorted. NaN with fewer than `min_pairs` pairs or no variance.
 */
export function lagCorrelation(
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  pairing: LagPairing
): number {
  const lagMs = pairing.lag_ms;
  const toleranceMs = pairing.tolerance_ms;
  const n = timestamps.length;
  let cross = 0;
  let square = 0;
  let pairs = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) {
      continue;
    }
    // Walk j to the first point at or past t_i + lag − tolerance.
    const want = timestamps[i] + lagMs;
    if (j <= i) {
      j = i + 1;
    }
    while (j < n && timestamps[j] < want - toleranceMs) {
      j++;
    }
    if (j < n && timestamps[j] <= want + toleranceMs && weights[j] > 0) {
      cross += residuals[i] * residuals[j];
      square += residuals[i] * residuals[i];
      pairs++;
    }
  }
  return pairs >= pairing.min_pairs && square > 0 ? cross / square : NaN;
}

/**
 * r_i − rho × r_j, where j is the point one period earlier (± tolerance_ms) with a positive weight;
 * r_i where there is none. Times must be sorted.
 */
export function seasonalRemainder(
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  carry: SeasonalCarry
): Float64Array {
  const periodMs = carry.period_ms;
  const toleranceMs = carry.tolerance_ms;
  const rho = carry.rho;
  const n = timestamps.length;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const want = timestamps[i] - periodMs;
    while (j < i && timestamps[j] < want - toleranceMs) {
      j++;
    }
    const ago = j < i && timestamps[j] <= want + toleranceMs && weights[j] > 0 ? residuals[j] : 0;
    out[i] = residuals[i] - rho * ago;
  }
  return out;
}

/**
 * The verdict on each point. The expectation is raised to `band.floor` where it fell below (written
 * to out.yhat); the drawn band (`band_*`, never below the floor) and the outlier band (`outlier_*`)
 * are half-widths around it, both widened by `extraVariance` (y units², null for none) as √(h² + z²v).
 * A finite value outside the outlier band is an outlier (±1); its score is d / (d + score_half), d the
 * deviation in residual scales (each widened by the extra variance). NaN or infinite values, or no
 * values, get outlier 0 and score 0.
 */
export function judge(
  yhat: Float64Array,
  values: Float64Array | null,
  extraVariance: Float64Array | null,
  band: JudgeBand,
  out: Judgement
): void {
  const bandBelow = band.band_below;
  const bandAbove = band.band_above;
  const outBelow = band.outlier_below;
  const outAbove = band.outlier_above;
  const scaleBelow = band.scale_below;
  const scaleAbove = band.scale_above;
  const zz = band.z * band.z;
  const oz = band.outlier_z * band.outlier_z;
  const scoreHalf = band.score_half;
  const floor = band.floor;
  const { lower, upper, outlier, score } = out;
  const expected = out.yhat;
  for (let i = 0; i < yhat.length; i++) {
    const extra = extraVariance === null ? 0 : extraVariance[i];
    const y = yhat[i] < floor ? floor : yhat[i];
    expected[i] = y;
    const lo = y - Math.sqrt(bandBelow * bandBelow + zz * extra);
    const hi = y + Math.sqrt(bandAbove * bandAbove + zz * extra);
    lower[i] = lo < floor ? floor : lo;
    upper[i] = hi < floor ? floor : hi;
    const value = values === null ? NaN : values[i];
    if (value !== value || value === Infinity || value === -Infinity) {
      outlier[i] = 0;
      score[i] = 0;
      continue;
    }
    const r = value - y;
    const scale = r >= 0 ? Math.sqrt(scaleAbove * scaleAbove + extra) : Math.sqrt(scaleBelow * scaleBelow + extra);
    const d = (r < 0 ? -r : r) / scale;
    outlier[i] =
      r > Math.sqrt(outAbove * outAbove + oz * extra) ? 1 : -r > Math.sqrt(outBelow * outBelow + oz * extra) ? -1 : 0;
    score[i] = d / (d + scoreHalf);
  }
}

/**
 * Σ w·v and Σ w per time bin, over the rows with a positive weight: bin b covers [origin_ms + b·bin_ms,
 * origin_ms + (b + 1)·bin_ms). Rows outside every bin are skipped. The bins' sums come first, then their
 * weights (2·bins numbers); no bins for a bin width that is not positive.
 */
export function binnedSums(
  timestamps: Float64Array,
  values: Float64Array,
  weights: Float64Array,
  originMs: number,
  binMs: number,
  bins: number
): Float64Array {
  const count = binMs > 0 && bins > 0 ? bins : 0;
  const out = new Float64Array(2 * count);
  for (let i = 0; i < timestamps.length; i++) {
    const w = weights[i];
    if (!(w > 0)) {
      continue;
    }
    const b = Math.floor((timestamps[i] - originMs) / binMs);
    if (b >= 0 && b < count) {
      out[b] += w * values[i];
      out[count + b] += w;
    }
  }
  return out;
}
