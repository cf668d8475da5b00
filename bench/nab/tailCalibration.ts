/**
 * Tail calibration of anomaly scores by peaks over threshold (the idea of SPOT, Siffer et al. 2017): per side,
 * the training deviations (residuals in residual scales) beyond a high quantile are fitted with a generalised
 * Pareto distribution, and a new deviation is scored by how rare the fit says it is, so that one score means
 * one tail probability on every series, whatever the shape of its noise.
 *
 * Measured on NAB and NOT adopted (bench/results/score-calibration.md): it calibrates in-sample noise, but what
 * makes one threshold mean different things on different series is out-of-sample error. The engine does not use
 * it; bench/nab/explore.ts does (its streaming form), and branch score-calibration-wiring holds the param.
 */

/** A per-side tail model: P(deviation > d) = rate · (1 + shape · (d − threshold) / sigma)^(−1/shape) past the threshold. */
export interface TailFit {
  /** Deviation (residual scales) beyond which the Pareto tail holds. */
  threshold: number;
  /** Share of all training points beyond the threshold on this side. */
  rate: number;
  /** Scale and shape of the excesses over the threshold; shape 0 is the exponential tail. */
  sigma: number;
  shape: number;
}

/** Share of training points whose excesses are fitted: SPOT's initial 98% quantile. */
export const TAIL_SHARE = 0.02;
/** Fewer excesses than this: exponential tail (shape 0), whose one parameter a few points can carry. */
const MIN_PARETO_EXCESSES = 30;
/** Fewer than this: no fit, the side takes the tail of a normal residual (`NORMAL_TAIL`). */
const MIN_EXCESSES = 5;
/** Shape bounds: no finite endpoint (a light tail would make any larger deviation infinitely rare); PWM needs < 0.5. */
const MAX_SHAPE = 0.45;
/** Least excess scale (residual scales): quantised series have excesses of 0, which would make any step infinitely rare. */
const MIN_SIGMA = 0.25;
/** −log10 tail probability at which the calibrated score is 0.5: one point in 1000 on that side. */
export const CALIBRATED_HALF = 3;
/** Cap on −log10 probability, so that every score stays finite and below 1. */
const MAX_LOG10 = 1e6;

/** A normal residual's upper tail (one side), for sides with too few training points beyond the threshold. */
export const NORMAL_TAIL: Readonly<TailFit> = Object.freeze({ threshold: 2.054, rate: 0.02, sigma: 0.42, shape: 0 });

/**
 * Fits one side's tail from its deviations (≥ 0, this side's points only; not modified) out of `total` training
 * points on both sides. Probability-weighted moments (Hosking & Wallis 1987) give the shape, bounded to
 * [0, MAX_SHAPE]; the scale then matches the mean excess. Null when too few points lie beyond the threshold.
 */
export function fitTail(deviations: Float64Array, total: number): TailFit | null {
  const k = Math.min(Math.floor(TAIL_SHARE * total), deviations.length - 1);
  if (k < MIN_EXCESSES) {
    return null;
  }
  const sorted = deviations.slice().sort();
  const threshold = sorted[sorted.length - 1 - k];
  // Excesses in ascending order: sorted[n - k .. n) − threshold.
  let a0 = 0;
  let a1 = 0;
  for (let j = 0; j < k; j++) {
    const excess = sorted[sorted.length - k + j] - threshold;
    a0 += excess;
    a1 += (1 - (j + 0.65) / k) * excess;
  }
  a0 /= k;
  a1 /= k;
  let shape = 0;
  if (k >= MIN_PARETO_EXCESSES && a0 - 2 * a1 > 0) {
    const pwm = 2 - a0 / (a0 - 2 * a1);
    shape = Math.min(MAX_SHAPE, Math.max(0, pwm));
  }
  return { threshold, rate: k / total, sigma: Math.max(MIN_SIGMA, a0 * (1 - shape)), shape };
}

/**
 * −log10 of the probability of a deviation at least `d` on the fitted side, finite and nondecreasing in d:
 * the Pareto tail past the threshold, and below it a straight line from 0 at d = 0 (the body is not alerting
 * territory; it only has to stay below the tail).
 */
export function tailLog10(fit: TailFit, d: number): number {
  const atThreshold = -Math.log10(fit.rate);
  if (!(d > fit.threshold)) {
    return fit.threshold > 0 && d > 0 ? (atThreshold * d) / fit.threshold : 0;
  }
  const x = (d - fit.threshold) / fit.sigma;
  const beyond = fit.shape > 0 ? Math.log10(1 + fit.shape * x) / fit.shape : x / Math.LN10;
  return Math.min(MAX_LOG10, atThreshold + beyond);
}

/** The calibrated score of a −log10 tail probability: 0.5 at CALIBRATED_HALF, in [0, 1). */
export function calibratedScore(log10Rarity: number): number {
  return log10Rarity / (log10Rarity + CALIBRATED_HALF);
}

/**
 * Replaces `score` (d / (d + scoreHalf), d in residual scales, as `judge` writes it) by the calibrated score of
 * the side the value lies on, in place. Scores of 0 (no value, or a value on the expectation) stay 0.
 */
export function calibrateScores(
  values: Float64Array,
  expected: Float64Array,
  score: Float64Array,
  scoreHalf: number,
  tails: { below: TailFit; above: TailFit }
): void {
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    if (!(s > 0)) {
      continue;
    }
    const d = s < 1 ? (scoreHalf * s) / (1 - s) : Infinity;
    const fit = values[i] >= expected[i] ? tails.above : tails.below;
    score[i] = calibratedScore(tailLog10(fit, d));
  }
}

/**
 * Both sides' tails from training residuals (y units) and the scales that turn them into deviations; points
 * exactly on the fit count towards the total only.
 */
export function fitTails(
  residuals: Float64Array,
  scaleBelow: number,
  scaleAbove: number
): { below: TailFit; above: TailFit } {
  let nBelow = 0;
  for (let i = 0; i < residuals.length; i++) {
    nBelow += residuals[i] < 0 ? 1 : 0;
  }
  const below = new Float64Array(nBelow);
  const above = new Float64Array(residuals.length - nBelow);
  let b = 0;
  let a = 0;
  for (let i = 0; i < residuals.length; i++) {
    const r = residuals[i];
    if (r < 0) {
      below[b++] = -r / scaleBelow;
    } else if (r > 0) {
      above[a++] = r / scaleAbove;
    }
  }
  const total = residuals.length;
  return {
    below: fitTail(below, total) ?? NORMAL_TAIL,
    above: fitTail(above.subarray(0, a), total) ?? NORMAL_TAIL,
  };
}
