import type { ComponentColumns } from './features';
import { layoutWidth } from './kernels';
import { madSigma, type QuantileOf } from './statistics';
import type { DesignLayout, Kernels } from './types';

/** Prophet's prior on the base slope and offset: Normal(0, 5). */
const TREND_BASE_PRIOR = 5;
/** Floor on |δ| in the reweighted-ridge approximation of the Laplace prior. */
const L1_EPSILON = 1e-6;
const MAX_ITERATIONS = 10;
const MIN_ITERATIONS = 3;
/** Stop when no fitted value moves by more than this share of the residual scale. */
const TOLERANCE = 0.01;
/** Hampel's three-part redescending weights, in units of the residual scale. */
const HAMPEL = { a: 2.5, b: 4.5, c: 9 };
const MIN_POINTS_PER_FEATURE_FOR_ROBUST = 8;
const SIGMA_FLOOR_SHARE = 1e-6;

/** Noise guess (scaled units) for a series without variation: small, so priors do not shrink its level. */
const FALLBACK_SIGMA = 1e-6;
/** Multiplicative mode alternates between a trend estimate and seasonal factors this many extra times. */
const MULTIPLICATIVE_ROUNDS = 2;

export interface RegressionResult {
  beta: Float64Array;
  /** Residuals in scaled units, per training point. */
  residuals: Float64Array;
  /** Final robustness weights in [0, 1] (all 1 when the fit is not robust). */
  weights: Float64Array;
  sigma: number;
  /**
   * Out-of-sample check: residuals of the last rows (from `start`) under a fit that did not see them,
   * beside their in-sample residuals. Null when the series is too short to spare a holdout.
   */
  holdout: { start: number; outOfSample: Float64Array; inSample: Float64Array } | null;
}

/** Share of training rows held out to measure how much in-sample residuals understate new errors. */
const HOLDOUT_SHARE = 0.1;
const MIN_HOLDOUT_ROWS = 20;

/** First holdout row, or n when the prefix would be too short to fit the features reliably. */
export function holdoutStartIndex(n: number, p: number): number {
  const rows = Math.floor(n * HOLDOUT_SHARE);
  if (rows < MIN_HOLDOUT_ROWS || n - rows < 3 * p) {
    return n;
  }
  return n - rows;
}

/** Weight for a standardised residual under Hampel's scheme: flat top, linear descent, zero past c. */
export function hampelWeight(z: number): number {
  const a = Math.abs(z);
  if (a <= HAMPEL.a) {
    return 1;
  }
  if (a <= HAMPEL.b) {
    return HAMPEL.a / a;
  }
  if (a <= HAMPEL.c) {
    return ((HAMPEL.a / a) * (HAMPEL.c - a)) / (HAMPEL.c - HAMPEL.b);
  }
  return 0;
}

function residualScale(r: Float64Array, quantileOf: QuantileOf): number {
  const mad = madSigma(r, quantileOf);
  if (mad > 0) {
    return mad;
  }
  // More than half the residuals are exactly zero (sparse counts): fall back to the mean deviation.
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    s += r[i] < 0 ? -r[i] : r[i];
  }
  return (1.2533 * s) / Math.max(1, r.length);
}

/** A first noise estimate from successive differences, which a smooth seasonal shape barely moves. */
function initialSigma(ys: Float64Array, quantileOf: QuantileOf): number {
  if (ys.length < 3) {
    return FALLBACK_SIGMA;
  }
  const d = new Float64Array(ys.length - 1);
  for (let i = 1; i < ys.length; i++) {
    d[i - 1] = ys[i] - ys[i - 1];
  }
  const s = madSigma(d, quantileOf) / Math.SQRT2;
  return s > 0 ? s : residualScale(d, quantileOf) || FALLBACK_SIGMA;
}

/**
 * Maximum a posteriori fit of Prophet's priors by iteratively reweighted ridge regression:
 * Normal priors become fixed ridge terms (σ²/τ²), the Laplace prior on rate changes becomes a ridge
 * term reweighted by the last |δ| (σ²/(τ|δ|)), and robust weights down-weight large residuals.
 * The Gram matrix is built once per design; reweighting subtracts only the rows whose weight changed
 * from 1, which are few.
 */
export function fitRegression(
  kernels: Kernels,
  timestamps: Float64Array,
  ys: Float64Array,
  layout: DesignLayout,
  components: ComponentColumns[],
  robust: boolean
): RegressionResult {
  const n = timestamps.length;
  const p = layoutWidth(layout);
  const trend = components[0];
  const multiplicativeColumns: number[] = [];
  for (const c of components) {
    if (c.multiplicative) {
      for (let j = c.from; j < c.to; j++) {
        multiplicativeColumns.push(j);
      }
    }
  }
  const rounds = multiplicativeColumns.length > 0 ? 1 + MULTIPLICATIVE_ROUNDS : 1;
  // Robust weights need spare points: with few per feature, a good point can look like an outlier.
  const reweight = robust && n >= MIN_POINTS_PER_FEATURE_FOR_ROBUST * p;
  // Residual scales below this share of the data's range are rounding, not noise.
  const sigmaFloor = SIGMA_FLOOR_SHARE * rangeOf(ys);
  const weights = new Float64Array(n).fill(1);
  let sigma = initialSigma(ys, kernels.quantile);
  let beta: Float64Array = new Float64Array(p);
  let residuals: Float64Array = ys.slice();
  let X = kernels.designMatrix(timestamps, layout);
  const holdoutStart = holdoutStartIndex(n, p);
  let lastHead: { gram: Float64Array; xty: Float64Array } | null = null;

  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      const trendNow = kernels.multiply(X, n, p, beta, trend.from, trend.to);
      X = kernels.designMatrix(timestamps, layout, {
        columns: Int32Array.from(multiplicativeColumns),
        row_scale: trendNow,
      });
    }
    // The Gram matrix is summed from the training prefix and the holdout tail, so the prefix-only
    // system needed for calibration costs no extra pass over the data.
    const head = kernels.weightedGram(X, holdoutStart, p, ys, null);
    const tail = kernels.weightedGram(
      X.subarray(holdoutStart * p),
      n - holdoutStart,
      p,
      ys.subarray(holdoutStart),
      null
    );
    const full = { gram: addArrays(head.gram, tail.gram), xty: addArrays(head.xty, tail.xty) };
    lastHead = head;
    let firstIteration = round === 0;
    for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      const A = full.gram.slice();
      const b = full.xty.slice();
      subtractDownweighted(kernels, X, n, p, ys, weights, A, b);
      addPriors(A, p, components, beta, sigma, firstIteration);
      firstIteration = false;
      const next = kernels.solveSpd(A, b, p);
      const fitted = kernels.multiply(X, n, p, next);
      let change = 0;
      for (let i = 0; i < n; i++) {
        const r = ys[i] - fitted[i];
        change = Math.max(change, Math.abs(r - residuals[i]));
        residuals[i] = r;
      }
      beta = next;
      const newSigma = residualScale(residuals, kernels.quantile);
      if (!(newSigma > 0)) {
        break; // an exact fit: nothing left to reweight
      }
      sigma = newSigma;
      if (reweight) {
        const scale = Math.max(sigma, sigmaFloor);
        for (let i = 0; i < n; i++) {
          weights[i] = hampelWeight(residuals[i] / scale);
        }
      }
      if (iteration + 1 >= MIN_ITERATIONS && change < TOLERANCE * sigma) {
        break;
      }
    }
  }
  const holdout =
    lastHead !== null && holdoutStart < n
      ? holdoutResiduals(kernels, X, n, p, ys, weights, components, beta, sigma, lastHead, holdoutStart)
      : null;
  return { beta, residuals, weights, sigma, holdout };
}

/**
 * Refits on the rows before `start` with the final weights and priors (one solve, no iterations) and
 * returns the residuals of the rows from `start` under that fit.
 */
function holdoutResiduals(
  kernels: Kernels,
  X: Float64Array,
  n: number,
  p: number,
  ys: Float64Array,
  weights: Float64Array,
  components: ComponentColumns[],
  beta: Float64Array,
  sigma: number,
  head: { gram: Float64Array; xty: Float64Array },
  start: number
): { start: number; outOfSample: Float64Array; inSample: Float64Array } {
  const A = head.gram.slice();
  const b = head.xty.slice();
  subtractDownweighted(kernels, X, start, p, ys, weights, A, b);
  addPriors(A, p, components, beta, sigma, false);
  const prefixBeta = kernels.solveSpd(A, b, p);
  const rows = n - start;
  const tailX = X.subarray(start * p);
  const outside = kernels.multiply(tailX, rows, p, prefixBeta);
  const inside = kernels.multiply(tailX, rows, p, beta);
  const outOfSample = new Float64Array(rows);
  const inSample = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    outOfSample[i] = ys[start + i] - outside[i];
    inSample[i] = ys[start + i] - inside[i];
  }
  return { start, outOfSample, inSample };
}

function rangeOf(values: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) {
      lo = v;
    }
    if (v > hi) {
      hi = v;
    }
  }
  return hi - lo;
}

function addArrays(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = a[i] + b[i];
  }
  return out;
}

/** A ← A − Xᵀ diag(1 − w) X over the rows whose weight is below 1 (and b likewise). */
function subtractDownweighted(
  kernels: Kernels,
  X: Float64Array,
  n: number,
  p: number,
  ys: Float64Array,
  weights: Float64Array,
  A: Float64Array,
  b: Float64Array
): void {
  let any = false;
  const deficit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (weights[i] < 1) {
      deficit[i] = 1 - weights[i];
      any = true;
    }
  }
  if (!any) {
    return;
  }
  const part = kernels.weightedGram(X, n, p, ys, deficit);
  for (let k = 0; k < A.length; k++) {
    A[k] -= part.gram[k];
  }
  for (let k = 0; k < p; k++) {
    b[k] -= part.xty[k];
  }
}

function addPriors(
  A: Float64Array,
  p: number,
  components: ComponentColumns[],
  beta: Float64Array,
  sigma: number,
  firstIteration: boolean
): void {
  const s2 = sigma * sigma;
  for (const c of components) {
    for (let j = c.from; j < c.to; j++) {
      let lambda: number;
      if (c.kind === 'trend') {
        const isRateChange = j >= c.from + 2;
        if (!isRateChange) {
          lambda = s2 / (TREND_BASE_PRIOR * TREND_BASE_PRIOR);
        } else if (firstIteration) {
          // Laplace(0, τ) has variance 2τ²: start from the Normal with the same spread.
          lambda = s2 / (2 * c.prior_scale * c.prior_scale);
        } else {
          lambda = s2 / (c.prior_scale * Math.max(Math.abs(beta[j]), L1_EPSILON));
        }
      } else {
        lambda = s2 / (c.prior_scale * c.prior_scale);
      }
      A[j * p + j] += lambda;
    }
  }
}
