import type { Kernels } from './types';

/**
 * Short-term memory of the residuals. Slow deviations from the learned shape (weather, a busy day)
 * persist for a while, so the last residual says something about the next points. The carry at a
 * horizon has two parts: a seasonal one, r(t+h−P) × corr at lag P (the residual one season earlier,
 * P the shortest seasonality), and a short one on what is left, e = r − ρ_P·r(t−P): its
 * autocorrelation at the horizon (the regression coefficient of e(t+h) on e(t)), measured at lags of
 * 1, 2, 4, 8, ... steps and interpolated between them. Without it, a model fitted on weeks of history
 * loses to "same time yesterday" at the horizons alerting cares about.
 */
export interface ResidualMemory {
  step_ms: number;
  /**
   * Seasonal part: residuals repeat from one season to the next (a hot day follows a hot day) with
   * correlation `rho`; the last season's residuals are kept to carry forward. Null when no season fits.
   */
  season: { period_ms: number; rho: number; times: number[]; residuals: number[] } | null;
  /** Lags in steps (1, 2, 4, ...) and the autocorrelation at each, positive and non-increasing. */
  lags: number[];
  rho: number[];
  /** Last training residual (y units) less its seasonal part; 0 when the robust fit rejected that point. */
  last_residual: number;
}

const MIN_PAIRS = 10;
/** A pair (i, j) counts at lag L when their times are L steps apart within this share of a step. */
const LAG_TOLERANCE = 0.5;
const MAX_SEASON_RHO = 0.99;

/**
 * First index whose time is above `t` (times sorted), searched from `from` (no time before it is above `t`).
 * Inline, not d3's bisect: fit/predict code, where sobek runs a d3 search 1.6× slower (README, Libraries).
 */
export function firstAbove(timestamps: Float64Array, t: number, from = 0): number {
  let lo = from;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid] > t) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

/** Learns the memory from training residuals (y units) at sorted times; null when they show none. */
export function learnResidualMemory(
  kernels: Kernels,
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  seasonPeriodMs: number | null
): ResidualMemory | null {
  const n = timestamps.length;
  if (n < MIN_PAIRS + 1) {
    return null;
  }
  const positive = kernels.differences(timestamps, false, true);
  const step = positive.length > 0 ? kernels.quantile(positive, 0.5) : 0;
  if (!(step > 0)) {
    return null;
  }
  const tolerance = LAG_TOLERANCE * step;
  const span = (timestamps[n - 1] - timestamps[0]) / step;
  let season: ResidualMemory['season'] = null;
  let rest = residuals;
  if (seasonPeriodMs !== null && seasonPeriodMs >= 2 * step && span * step >= 3 * seasonPeriodMs) {
    const seasonRho = kernels.lagCorrelation(timestamps, residuals, weights, {
      lag_ms: seasonPeriodMs,
      tolerance_ms: tolerance,
      min_pairs: MIN_PAIRS,
    });
    if (seasonRho > 0) {
      const rho = Math.min(seasonRho, MAX_SEASON_RHO);
      rest = kernels.seasonalRemainder(timestamps, residuals, weights, {
        period_ms: seasonPeriodMs,
        tolerance_ms: tolerance,
        rho,
      });
      const times: number[] = [];
      const kept: number[] = [];
      for (let i = firstAbove(timestamps, timestamps[n - 1] - seasonPeriodMs); i < n; i++) {
        times.push(timestamps[i]);
        kept.push(weights[i] > 0 ? residuals[i] : 0);
      }
      season = { period_ms: seasonPeriodMs, rho, times, residuals: kept };
    }
  }
  const lags: number[] = [];
  const rho: number[] = [];
  for (let lag = 1; lag <= span / 4; lag *= 2) {
    const r = kernels.lagCorrelation(timestamps, rest, weights, {
      lag_ms: lag * step,
      tolerance_ms: tolerance,
      min_pairs: MIN_PAIRS,
    });
    if (!(r > 0)) {
      break;
    }
    // Memory only fades: a later lag never carries more than an earlier one.
    rho.push(Math.min(r, rho.length > 0 ? rho[rho.length - 1] : 1));
    lags.push(lag);
  }
  if (lags.length === 0 && season === null) {
    return null;
  }
  return { step_ms: step, season, lags, rho, last_residual: weights[n - 1] > 0 ? rest[n - 1] : 0 };
}

/** The carry coefficient at a horizon in steps: ρ(1)^h below one step, log-linear between lags, 0 past the last. */
export function carryCoefficient(memory: ResidualMemory, horizonSteps: number): number {
  const { lags, rho } = memory;
  if (lags.length === 0) {
    return 0;
  }
  if (horizonSteps <= lags[0]) {
    return Math.pow(rho[0], horizonSteps / lags[0]);
  }
  for (let k = 1; k < lags.length; k++) {
    if (horizonSteps <= lags[k]) {
      const f = Math.log(horizonSteps / lags[k - 1]) / Math.log(lags[k] / lags[k - 1]);
      return Math.exp((1 - f) * Math.log(rho[k - 1]) + f * Math.log(rho[k]));
    }
  }
  return 0;
}

/** What the remembered residual adds at `msAfterEnd` past the end of training (0 at or before it). */
export function residualCarry(memory: ResidualMemory | null | undefined, msAfterEnd: number): number {
  if (!memory || msAfterEnd <= 0) {
    return 0;
  }
  return (
    seasonalCarry(memory, msAfterEnd) + memory.last_residual * carryCoefficient(memory, msAfterEnd / memory.step_ms)
  );
}

/** ρ_P^k × the residual k seasons before (k the fewest seasons that reach back into training). */
function seasonalCarry(memory: ResidualMemory, msAfterEnd: number): number {
  const season = memory.season;
  if (season === null || season.times.length === 0) {
    return 0;
  }
  // Locals, not property reads in the search: the backend evaluates every step of a refit piece (a day) once per fit.
  const times = season.times;
  const end = times[times.length - 1];
  const k = Math.max(1, Math.ceil(msAfterEnd / season.period_ms - 1e-9));
  const target = end + msAfterEnd - k * season.period_ms;
  // Nearest kept time by binary search (inline: see firstAbove); a gap wider than half a step carries nothing.
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  let best = lo;
  if (lo > 0 && Math.abs(times[lo - 1] - target) < Math.abs(times[lo] - target)) {
    best = lo - 1;
  }
  if (Math.abs(times[best] - target) > LAG_TOLERANCE * memory.step_ms) {
    return 0;
  }
  return Math.pow(season.rho, k) * season.residuals[best];
}
