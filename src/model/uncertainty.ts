import { normalQuantile, quantile, type QuantileOf } from './statistics';

/** How far a value may sit from the expectation, learned from training residuals (in y units). */
export interface ResidualSummary {
  /** Band half-widths below and above the expectation at the fitted interval width (≥ 0). */
  band_below: number;
  band_above: number;
  /** Residual scales (a standard deviation's worth) used for scores, below and above. */
  scale_below: number;
  scale_above: number;
  /** Normal quantile of the interval: band = z × scale for a normal residual. */
  z: number;
}

const defaultQuantile: QuantileOf = (values, q) => quantile(values, q);

/** Score = d / (d + SCORE_HALF) where d is the deviation in residual scales: 0.5 at 3 scales. */
const SCORE_HALF = 3;

/**
 * Band half-widths from the empirical residual quantiles (so skewed noise gets a skewed band),
 * ignoring points the robust fit rejected, inflated for the features the fit spent and for what the
 * holdout showed. Score scales take the larger of the band's implied scale, a tail-based scale (see
 * `tailScale`, over in-sample and holdout residuals) and half the data's resolution, so that sparse or
 * quantised series do not produce huge scores for ordinary values.
 */
export function bandFromResiduals(
  residualsScaled: Float64Array,
  weights: Float64Array,
  resolution: number,
  yScale: number,
  options: {
    interval_width: number;
    n_features: number;
    inflation?: number;
    holdout?: Float64Array;
    quantileOf?: QuantileOf;
  }
): ResidualSummary {
  const kept: number[] = [];
  for (let i = 0; i < residualsScaled.length; i++) {
    if (weights[i] > 0) {
      kept.push(residualsScaled[i] * yScale);
    }
  }
  const r = Float64Array.from(kept);
  const n = r.length;
  const quantileOf = options.quantileOf ?? defaultQuantile;
  const alpha = 1 - options.interval_width;
  const z = normalQuantile(1 - alpha / 2);
  const dof = Math.max(n - options.n_features, n / 2, 1);
  const inflation = Math.sqrt(Math.max(n, 1) / dof) * (options.inflation ?? 1);
  const floor = Math.max(resolution, 1e-9 * yScale);
  const below = Math.max(0, -quantileOf(r, alpha / 2)) * inflation;
  const above = Math.max(0, quantileOf(r, 1 - alpha / 2)) * inflation;
  // The tail scale counts every residual, rejected ones too: on sparse, bursty series the bursts are
  // what the robust fit rejects, and without them an ordinary burst would score as a catastrophe.
  const allAbs = absScaled(residualsScaled, yScale);
  let tail = allAbs.length > 0 ? tailScale(allAbs, quantileOf) * (options.inflation ?? 1) : 0;
  if (options.holdout && options.holdout.length > 0) {
    tail = Math.max(tail, tailScale(absScaled(options.holdout, yScale), quantileOf));
  }
  return {
    band_below: Math.max(below, floor),
    band_above: Math.max(above, floor),
    scale_below: Math.max(below / z, tail, floor),
    scale_above: Math.max(above / z, tail, floor),
    z,
  };
}

/**
 * A standard deviation's worth read from the far tail of |residuals|: the 0.999 quantile over its
 * normal value (3.29). Chosen on NAB over 0.99 (47.1 vs 41.4 standard score): a scale from the
 * far tail keeps routine bursts of heavy-tailed series from outranking real anomalies elsewhere.
 */
const TAIL_QUANTILE = 0.999;
/** The few largest residuals never set the scale alone, or a short history's anomalies would mute themselves. */
const TAIL_IGNORED_POINTS = 5;

function tailScale(absResiduals: Float64Array, quantileOf: QuantileOf): number {
  const n = absResiduals.length;
  const q = Math.min(TAIL_QUANTILE, 1 - TAIL_IGNORED_POINTS / n);
  if (!(q > 0.5)) {
    return 0;
  }
  return quantileOf(absResiduals, q) / normalQuantile(0.5 + q / 2);
}

/** |v × scale| for each value. */
function absScaled(values: Float64Array, scale: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] * scale;
    out[i] = v < 0 ? -v : v;
  }
  return out;
}

/** Most the holdout may widen the band: beyond it the model, not the band, is what needs fixing. */
const MAX_HOLDOUT_INFLATION = 4;

/**
 * How much larger errors are on rows the fit did not see than on the same rows in-sample (≥ 1):
 * the ratio of median absolute residuals, or of mean ones when most residuals are exactly zero.
 * Flexible trends absorb slow deviations in-sample that keep going out of sample; this measures it.
 */
export function holdoutInflation(
  holdout: { outOfSample: Float64Array; inSample: Float64Array } | null,
  quantileOf: QuantileOf = defaultQuantile
): number {
  if (holdout === null || holdout.inSample.length === 0) {
    return 1;
  }
  const outside = absScaled(holdout.outOfSample, 1);
  const inside = absScaled(holdout.inSample, 1);
  let ratio = quantileOf(outside, 0.5) / quantileOf(inside, 0.5);
  if (!Number.isFinite(ratio)) {
    ratio = mean(holdout.outOfSample) / mean(holdout.inSample);
  }
  return Number.isFinite(ratio) ? Math.min(MAX_HOLDOUT_INFLATION, Math.max(1, ratio)) : 1;
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i] < 0 ? -values[i] : values[i];
  }
  return s / values.length;
}

/**
 * Variance (scaled units²) added to the band at a horizon past the history: future rate changes
 * arrive at Prophet's historical frequency with Laplace-distributed size, each bending the trend
 * linearly from its arrival: rate · 2b² · h³ / 3.
 */
export function trendVariance(u: { rate: number; laplace_scale: number }, horizonScaled: number): number {
  if (horizonScaled <= 0 || u.rate === 0 || u.laplace_scale === 0) {
    return 0;
  }
  const b = u.laplace_scale;
  return (u.rate * 2 * b * b * horizonScaled * horizonScaled * horizonScaled) / 3;
}

export interface Judgement {
  lower: number;
  upper: number;
  outlier: -1 | 0 | 1;
  score: number;
}

/** Band around one expectation and, when the value is known, the verdict on it. */
export function judge(summary: ResidualSummary, yhat: number, extraVariance: number, value: number): Judgement {
  const zz = summary.z * summary.z;
  const below = Math.sqrt(summary.band_below * summary.band_below + zz * extraVariance);
  const above = Math.sqrt(summary.band_above * summary.band_above + zz * extraVariance);
  const lower = yhat - below;
  const upper = yhat + above;
  if (!Number.isFinite(value)) {
    return { lower, upper, outlier: 0, score: 0 };
  }
  const r = value - yhat;
  const scale =
    r >= 0
      ? Math.sqrt(summary.scale_above * summary.scale_above + extraVariance)
      : Math.sqrt(summary.scale_below * summary.scale_below + extraVariance);
  const d = Math.abs(r) / scale;
  const outlier = value > upper ? 1 : value < lower ? -1 : 0;
  return { lower, upper, outlier, score: d / (d + SCORE_HALF) };
}
