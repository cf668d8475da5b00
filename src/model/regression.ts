import type { ComponentColumns } from './features';
import {
  baseExpectation,
  baseModel,
  fitHolidayEffects,
  holidayDesign,
  holidayLayout,
  holidayMembership,
  mergeByTime,
  multiplicativeColumnsOf,
} from './holidayEffects';
import type { ForecastErrors } from './horizonGrowth';
import { layoutWidth } from './kernels';
import { HAMPEL_KNEES, MAD_TO_SIGMA } from './robust';
import type { DesignLayout, Kernels } from './types';

/** Prophet's prior on the base slope and offset: Normal(0, 5). */
const TREND_BASE_PRIOR = 5;
/** Floor on |δ| in the reweighted-ridge approximation of the Laplace prior. */
const L1_EPSILON = 1e-6;
const MAX_ITERATIONS = 10;
const MIN_ITERATIONS = 3;
/** Stop when no fitted value moves by more than this share of the residual scale. */
const TOLERANCE = 0.01;
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
  /**
   * Out-of-sample errors of fits on longer and shorter prefixes of the rows (the holdout's among them), to
   * read how errors grow with the horizon (horizonGrowth.ts). Null when the series is too short for any.
   */
  forecastErrors: ForecastErrors | null;
  /**
   * The normal equations with the final robust weights, Xᵀ diag(w) X and Xᵀ diag(w) y, and the scale the
   * weights were read against: what an incremental update starts from (incremental.ts). Absent for a fit with
   * holiday columns or multiplicative seasonality, which cannot be updated.
   */
  normal?: { gram: Float64Array; xty: Float64Array; weightScale: number };
}

/** Share of training rows held out to measure how much in-sample residuals understate new errors. */
const HOLDOUT_SHARE = 0.1;
const MIN_HOLDOUT_ROWS = 20;

/** First holdout row, or n when the prefix would be too short to fit the features reliably. */
export function holdoutStartIndex(n: number, p: number): number {
  return tailStartIndex(n, p, HOLDOUT_SHARE);
}

/**
 * First row of a tail holding `share` of the rows, or n when the tail or the prefix before it (at least
 * `rowsPerFeature` × p rows) is too short.
 */
function tailStartIndex(n: number, p: number, share: number, rowsPerFeature = 3): number {
  const rows = Math.floor(n * share);
  if (rows < MIN_HOLDOUT_ROWS || n - rows < rowsPerFeature * p) {
    return n;
  }
  return n - rows;
}

/**
 * Shares of the rows forecast by prefix fits to see how errors grow with the horizon (the holdout's last):
 * origins from half the rows on, so horizons up to half the history are measured, each by up to five fits.
 * A prefix needs only as many rows as features here (the priors keep its fit determined): a short series'
 * model forecasts poorly, and its prefix fits are what show how poorly.
 */
const ORIGIN_SHARES = [0.5, 0.4, 0.3, 0.2, HOLDOUT_SHARE];

/** First out-of-sample row of each prefix fit, ascending (none past n); the holdout's is among them when it has one. */
export function forecastOrigins(n: number, p: number): number[] {
  const origins: number[] = [];
  for (const share of ORIGIN_SHARES) {
    const start = tailStartIndex(n, p, share, 1);
    if (start < n && (origins.length === 0 || start > origins[origins.length - 1])) {
      origins.push(start);
    }
  }
  return origins;
}

function residualScale(r: Float64Array, kernels: Kernels): number {
  const mad = kernels.madSigma(r, MAD_TO_SIGMA);
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
function initialSigma(ys: Float64Array, kernels: Kernels): number {
  if (ys.length < 3) {
    return FALLBACK_SIGMA;
  }
  const d = kernels.differences(ys, false, false);
  const s = kernels.madSigma(d, MAD_TO_SIGMA) / Math.SQRT2;
  return s > 0 ? s : residualScale(d, kernels) || FALLBACK_SIGMA;
}

/** Ordinary rows needed (per base feature) before holidays are told apart from the rest. */
const MIN_ORDINARY_ROWS_PER_FEATURE = 2;

/**
 * Fits trend, seasonalities and holidays. Trend and seasonalities learn from the rows off holidays
 * (see fitBaseRegression); holiday effects then learn from the holiday rows' departures from that
 * expectation (holidayEffects.ts), so a run of holidays cannot bend the trend. When too few ordinary
 * rows remain, holidays are left out (zero effects) and every row fits the rest.
 */
export function fitRegression(
  kernels: Kernels,
  timestamps: Float64Array,
  ys: Float64Array,
  layout: DesignLayout,
  components: ComponentColumns[],
  robust: boolean
): RegressionResult {
  const k = layout.indicators.length;
  if (k === 0) {
    return fitBaseRegression(kernels, timestamps, ys, layout, components, robust);
  }
  const base = baseModel(layout, components);
  const pBase = layoutWidth(base.layout);
  const holidays = holidayLayout(layout);
  const onHoliday = holidayMembership(kernels, timestamps, holidays);
  const ordinary = kernels.scaled(onHoliday, -1, false, null);
  kernels.addScaled(ordinary, new Float64Array(ordinary.length).fill(1), 1);
  const ordinaryTimes = kernels.scaled(timestamps, 1, false, ordinary);
  if (
    ordinaryTimes.length < MIN_ORDINARY_ROWS_PER_FEATURE * pBase ||
    !(ordinaryTimes[ordinaryTimes.length - 1] > ordinaryTimes[0])
  ) {
    const r = fitBaseRegression(kernels, timestamps, ys, base.layout, base.components, robust);
    const beta = new Float64Array(pBase + k);
    beta.set(r.beta);
    return { ...r, beta, normal: undefined };
  }
  const fitted = fitBaseRegression(
    kernels,
    ordinaryTimes,
    kernels.scaled(ys, 1, false, ordinary),
    base.layout,
    base.components,
    robust
  );
  const holidayComponents = components.filter((c) => c.kind === 'holiday');
  const multiplicative = holidayComponents.some((c) => c.multiplicative);
  const holidayTimes = kernels.scaled(timestamps, 1, false, onHoliday);
  const holidayBase = baseExpectation(kernels, holidayTimes, base.layout, base.components, fitted.beta);
  const departures = new Float64Array(holidayTimes.length);
  kernels.updateResiduals(kernels.scaled(ys, 1, false, onHoliday), holidayBase, departures);
  const effects = fitHolidayEffects(
    kernels,
    holidayTimes,
    departures,
    holidayDesign(kernels, holidayTimes, holidays, multiplicative, holidayBase),
    holidayComponents,
    multiplicative,
    fitted.sigma,
    robust
  );
  const beta = new Float64Array(pBase + k);
  beta.set(fitted.beta);
  beta.set(effects.effects, pBase);
  // Residuals and weights of every row, in time order: ordinary rows' from the base fit (no holiday
  // column touches them), holiday rows' from their effects.
  const merge = (ordinaryValues: Float64Array, holidayValues: Float64Array) =>
    mergeByTime(
      kernels,
      { timestamps: ordinaryTimes, values: ordinaryValues },
      { timestamps: holidayTimes, values: holidayValues }
    );
  return {
    beta,
    residuals: merge(fitted.residuals, effects.residuals),
    weights: merge(fitted.weights, effects.weights),
    sigma: fitted.sigma,
    holdout: fitted.holdout,
    forecastErrors: fitted.forecastErrors,
  };
}

/**
 * Maximum a posteriori fit of Prophet's priors by iteratively reweighted ridge regression:
 * Normal priors become fixed ridge terms (σ²/τ²), the Laplace prior on rate changes becomes a ridge
 * term reweighted by the last |δ| (σ²/(τ|δ|)), and robust weights down-weight large residuals.
 * The Gram matrix is built once per design; reweighting subtracts only the rows whose weight changed
 * from 1, which are few.
 */
function fitBaseRegression(
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
  const multiplicativeColumns = multiplicativeColumnsOf(components);
  const rounds = multiplicativeColumns.length > 0 ? 1 + MULTIPLICATIVE_ROUNDS : 1;
  // Robust weights need spare points: with few per feature, a good point can look like an outlier.
  const reweight = robust && n >= MIN_POINTS_PER_FEATURE_FOR_ROBUST * p;
  // Residual scales below this share of the data's range are rounding, not noise.
  const [ysMin, ysMax] = kernels.quantiles(ys, Float64Array.of(0, 1));
  const sigmaFloor = SIGMA_FLOOR_SHARE * (ysMax - ysMin);
  const weights = new Float64Array(n).fill(1);
  // 1 − weight per row, and how many rows are below full weight: what the Gram matrix must lose.
  const deficit = new Float64Array(n);
  let downweighted = 0;
  let sigma = initialSigma(ys, kernels);
  let beta: Float64Array = new Float64Array(p);
  let residuals: Float64Array = ys.slice();
  let X = kernels.designMatrix(timestamps, layout);
  const holdoutStart = holdoutStartIndex(n, p);
  const origins = forecastOrigins(n, p);
  // Normal equations of the rows before each origin, then of every row (the last).
  let lastPrefixes: Array<{ gram: Float64Array; xty: Float64Array }> = [];

  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      const trendNow = kernels.multiply(X, n, p, beta, trend.from, trend.to);
      X = kernels.designMatrix(timestamps, layout, {
        columns: multiplicativeColumns,
        row_scale: trendNow,
      });
    }
    // The Gram matrix is summed over the stretches between origins, so the prefix systems needed for
    // calibration cost no extra pass over the data.
    lastPrefixes = prefixSystems(kernels, X, n, p, ys, origins);
    const full = lastPrefixes[lastPrefixes.length - 1];
    let firstIteration = round === 0;
    for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      const A = full.gram.slice();
      const b = full.xty.slice();
      if (downweighted > 0) {
        subtractDownweighted(kernels, X, n, p, ys, deficit, A, b);
      }
      addPriors(A, p, components, beta, sigma, firstIteration);
      firstIteration = false;
      const next = kernels.solveSpd(A, b, p);
      const change = kernels.updateResiduals(ys, kernels.multiply(X, n, p, next), residuals);
      beta = next;
      const newSigma = residualScale(residuals, kernels);
      if (!(newSigma > 0)) {
        break; // an exact fit: nothing left to reweight
      }
      sigma = newSigma;
      if (reweight) {
        downweighted = kernels.hampelWeights(residuals, Math.max(sigma, sigmaFloor), weights, deficit, HAMPEL_KNEES);
      }
      if (iteration + 1 >= MIN_ITERATIONS && change < TOLERANCE * sigma) {
        break;
      }
    }
  }
  const prefixFit = (k: number) =>
    prefixCoefficients(kernels, X, p, ys, downweighted > 0 ? deficit : null, components, beta, sigma, {
      ...lastPrefixes[k],
      start: origins[k],
    });
  const errors = origins.map((origin, k) => residualsFrom(kernels, X, n, p, ys, prefixFit(k), origin));
  const holdoutIndex = origins.indexOf(holdoutStart);
  let holdout: RegressionResult['holdout'] = null;
  if (holdoutIndex >= 0) {
    const inSample = new Float64Array(n - holdoutStart);
    kernels.updateResiduals(
      ys.subarray(holdoutStart),
      kernels.multiply(X.subarray(holdoutStart * p), n - holdoutStart, p, beta),
      inSample
    );
    holdout = { start: holdoutStart, outOfSample: errors[holdoutIndex], inSample };
  }
  const forecastErrors = origins.length > 0 ? { timestamps, weights, origins, errors } : null;
  const lastFull = lastPrefixes.length > 0 ? lastPrefixes[lastPrefixes.length - 1] : null;
  let normal: RegressionResult['normal'];
  if (lastFull !== null && rounds === 1) {
    const gram = lastFull.gram.slice();
    const xty = lastFull.xty.slice();
    if (downweighted > 0) {
      subtractDownweighted(kernels, X, n, p, ys, deficit, gram, xty);
    }
    normal = { gram, xty, weightScale: reweight ? Math.max(sigma, sigmaFloor) : 0 };
  }
  return { beta, residuals, weights, sigma, holdout, forecastErrors, normal };
}

/**
 * Normal equations Xᵀ X and Xᵀ y of the rows before each origin, then of every row: summed stretch by stretch,
 * so all of them cost one pass over the rows.
 */
function prefixSystems(
  kernels: Kernels,
  X: Float64Array,
  n: number,
  p: number,
  ys: Float64Array,
  origins: number[]
): Array<{ gram: Float64Array; xty: Float64Array }> {
  const out: Array<{ gram: Float64Array; xty: Float64Array }> = [];
  let from = 0;
  let total: { gram: Float64Array; xty: Float64Array } | null = null;
  for (const to of [...origins, n]) {
    const part = kernels.weightedGram(X.subarray(from * p), to - from, p, ys.subarray(from), null);
    total =
      total === null ? part : { gram: sum(kernels, total.gram, part.gram), xty: sum(kernels, total.xty, part.xty) };
    out.push(total);
    from = to;
  }
  return out;
}

/**
 * The coefficients of a refit on the rows before `start`, from their normal equations, with the final weights and
 * priors (one solve, no iterations).
 */
function prefixCoefficients(
  kernels: Kernels,
  X: Float64Array,
  p: number,
  ys: Float64Array,
  deficit: Float64Array | null,
  components: ComponentColumns[],
  beta: Float64Array,
  sigma: number,
  head: { gram: Float64Array; xty: Float64Array; start: number }
): Float64Array {
  const A = head.gram.slice();
  const b = head.xty.slice();
  if (deficit !== null) {
    subtractDownweighted(kernels, X, head.start, p, ys, deficit, A, b);
  }
  addPriors(A, p, components, beta, sigma, false);
  return kernels.solveSpd(A, b, p);
}

/** Residuals of the rows from `start` under `coefficients`. */
function residualsFrom(
  kernels: Kernels,
  X: Float64Array,
  n: number,
  p: number,
  ys: Float64Array,
  coefficients: Float64Array,
  start: number
): Float64Array {
  const out = new Float64Array(n - start);
  kernels.updateResiduals(ys.subarray(start), kernels.multiply(X.subarray(start * p), n - start, p, coefficients), out);
  return out;
}

function sum(kernels: Kernels, a: Float64Array, b: Float64Array): Float64Array {
  const out = a.slice();
  kernels.addScaled(out, b, 1);
  return out;
}

/** A ← A − Xᵀ diag(deficit) X over the first n rows (and b likewise); deficit = 1 − robust weight. */
function subtractDownweighted(
  kernels: Kernels,
  X: Float64Array,
  n: number,
  p: number,
  ys: Float64Array,
  deficit: Float64Array,
  A: Float64Array,
  b: Float64Array
): void {
  const part = kernels.weightedGram(X, n, p, ys, deficit);
  kernels.addScaled(A, part.gram, -1);
  kernels.addScaled(b, part.xty, -1);
}

export function addPriors(
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
