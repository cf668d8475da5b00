import { quantile, type QuantileOf } from './statistics';

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

function autocorrelation(
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  step: number,
  lag: number
): number | null {
  const n = timestamps.length;
  const target = lag * step;
  const tolerance = LAG_TOLERANCE * step;
  let cross = 0;
  let square = 0;
  let pairs = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) {
      continue;
    }
    // Times are sorted: walk j to the first point at or past t_i + target − tolerance.
    const want = timestamps[i] + target;
    if (j <= i) {
      j = i + 1;
    }
    while (j < n && timestamps[j] < want - tolerance) {
      j++;
    }
    if (j < n && timestamps[j] <= want + tolerance && weights[j] > 0) {
      cross += residuals[i] * residuals[j];
      square += residuals[i] * residuals[i];
      pairs++;
    }
  }
  return pairs >= MIN_PAIRS && square > 0 ? cross / square : null;
}

/** Residual one season earlier for each point (0 where that time has no training point). */
function seasonAgo(
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  periodMs: number,
  step: number
): Float64Array {
  const n = timestamps.length;
  const out = new Float64Array(n);
  const tolerance = LAG_TOLERANCE * step;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const want = timestamps[i] - periodMs;
    while (j < i && timestamps[j] < want - tolerance) {
      j++;
    }
    if (j < i && timestamps[j] <= want + tolerance && weights[j] > 0) {
      out[i] = residuals[j];
    }
  }
  return out;
}

export function learnResidualMemory(
  timestamps: Float64Array,
  residuals: Float64Array,
  weights: Float64Array,
  seasonPeriodMs: number | null,
  quantileOf: QuantileOf = (values, q) => quantile(values, q)
): ResidualMemory | null {
  const n = timestamps.length;
  if (n < MIN_PAIRS + 1) {
    return null;
  }
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    gaps[i - 1] = timestamps[i] - timestamps[i - 1];
  }
  const positive = gaps.filter((g) => g > 0);
  const step = positive.length > 0 ? quantileOf(positive, 0.5) : 0;
  if (!(step > 0)) {
    return null;
  }
  const span = (timestamps[n - 1] - timestamps[0]) / step;
  let season: ResidualMemory['season'] = null;
  let rest = residuals;
  if (seasonPeriodMs !== null && seasonPeriodMs >= 2 * step && span * step >= 3 * seasonPeriodMs) {
    const seasonRho = autocorrelation(timestamps, residuals, weights, step, seasonPeriodMs / step);
    if (seasonRho !== null && seasonRho > 0) {
      const rho = Math.min(seasonRho, MAX_SEASON_RHO);
      const ago = seasonAgo(timestamps, residuals, weights, seasonPeriodMs, step);
      rest = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        rest[i] = residuals[i] - rho * ago[i];
      }
      const times: number[] = [];
      const kept: number[] = [];
      for (let i = 0; i < n; i++) {
        if (timestamps[i] > timestamps[n - 1] - seasonPeriodMs) {
          times.push(timestamps[i]);
          kept.push(weights[i] > 0 ? residuals[i] : 0);
        }
      }
      season = { period_ms: seasonPeriodMs, rho, times, residuals: kept };
    }
  }
  const lags: number[] = [];
  const rho: number[] = [];
  for (let lag = 1; lag <= span / 4; lag *= 2) {
    const r = autocorrelation(timestamps, rest, weights, step, lag);
    if (r === null || !(r > 0)) {
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
  const end = season.times[season.times.length - 1];
  const k = Math.max(1, Math.ceil(msAfterEnd / season.period_ms - 1e-9));
  const target = end + msAfterEnd - k * season.period_ms;
  // Nearest kept time by binary search; a gap wider than half a step carries nothing.
  let lo = 0;
  let hi = season.times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (season.times[mid] < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  let best = lo;
  if (lo > 0 && Math.abs(season.times[lo - 1] - target) < Math.abs(season.times[lo] - target)) {
    best = lo - 1;
  }
  if (Math.abs(season.times[best] - target) > LAG_TOLERANCE * memory.step_ms) {
    return 0;
  }
  return Math.pow(season.rho, k) * season.residuals[best];
}
