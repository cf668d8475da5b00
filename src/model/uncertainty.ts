import { ModelInputError } from './errors';
import type { ComponentColumns } from './features';
import { normalQuantile } from './statistics';
import type { JudgeBand, Kernels } from './types';

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
  /** Half-widths beyond which a value is an outlier (at `outlier_width`), below and above, and their normal quantile. */
  outlier_below: number;
  outlier_above: number;
  outlier_z: number;
}

/**
 * What a band is read from before any inflation (y units, ≥ 0): the residual quantiles and scales of
 * `bandFromResiduals`, and the inflation for the features the fit spent. An incremental update
 * (incremental.ts) keeps these from the last full fit and recomputes only the holdout's part.
 */
export interface ResidualSpread {
  below: number;
  above: number;
  outlier_below: number;
  outlier_above: number;
  /** The tail-based scale (0: too few residuals for a tail). */
  tail: number;
  /**
   * Each side's own tail-based scale: the residual as far out on that side as `tail`'s share of all residuals,
   * read as a one-sided normal quantile (0: too few residuals). A side's score scale is the larger of it and
   * `tail`. Absent in states stored before they existed: `tail` for both sides.
   */
  tail_below?: number;
  tail_above?: number;
  /** The burst scale: the 0.99 quantile read as a normal scale. */
  burst: number;
  /** √(n / degrees of freedom): the features the fit spent. */
  dof_inflation: number;
  floor: number;
  z: number;
  outlier_z: number;
}

/**
 * Band half-widths from the empirical residual quantiles (so skewed noise gets a skewed band),
 * ignoring points the robust fit rejected, inflated for the features the fit spent and for what the
 * holdout showed. Score scales take the larger of the band's implied scale, a tail-based scale (see
 * `tailScale`, over in-sample and holdout residuals; on each side also that side's own, see `residualSpread`)
 * and half the data's resolution, so that sparse or quantised series do not produce huge scores for ordinary
 * values.
 */
export function bandFromResiduals(
  kernels: Kernels,
  residualsScaled: Float64Array,
  weights: Float64Array,
  resolution: number,
  yScale: number,
  options: {
    interval_width: number;
    outlier_width: number;
    n_features: number;
    inflation?: number;
    holdout?: Float64Array;
  }
): ResidualSummary {
  const spread = residualSpread(kernels, residualsScaled, weights, resolution, yScale, options);
  const holdoutTail = options.holdout ? holdoutTailScale(kernels, options.holdout, yScale) : 0;
  return bandFromSpread(spread, options.inflation ?? 1, holdoutTail);
}

/** The in-sample half of `bandFromResiduals`: quantiles and scales of the training residuals. */
export function residualSpread(
  kernels: Kernels,
  residualsScaled: Float64Array,
  weights: Float64Array,
  resolution: number,
  yScale: number,
  options: { interval_width: number; outlier_width: number; n_features: number }
): ResidualSpread {
  const r = kernels.scaled(residualsScaled, yScale, false, weights);
  const n = r.length;
  if (n === 0) {
    // Every quantile of none is NaN: a band of NaN judges nothing an outlier, which would turn an alert off.
    throw new ModelInputError(
      'the model has no residuals to read its band from: no point could be compared with its forecast ' +
        '(too little history, or gaps as long as the period it compares over)'
    );
  }
  const alpha = 1 - options.interval_width;
  const z = normalQuantile(1 - alpha / 2);
  const dof = Math.max(n - options.n_features, n / 2, 1);
  const floor = Math.max(resolution, 1e-9 * yScale);
  const [bandLow, bandHigh] = kernels.quantiles(r, Float64Array.of(alpha / 2, 1 - alpha / 2));

  // Outliers: outside the band that holds outlier_width of every training residual once up to 1% of
  // them, the most extreme of those the robust fit rejected, are set aside as past incidents. Rejected
  // residuals count otherwise: on sparse and quantised series ordinary bursts are what the fit
  // rejects, while an outage in training must not widen the threshold and hide the next one.
  const alphaOut = 1 - options.outlier_width;
  const all = residualsScaled.length;
  const last = Math.max(all - 1, 1);
  const incidents = Math.floor(INCIDENT_SHARE * all);
  const rejected = all - n;
  // Residuals are never 0 where the robust fit rejected them, so the rejected ones below are the rest.
  const rejectedAbove = rejected > 0 ? positives(residualsScaled, kernels) - positives(r, kernels) : 0;
  const kAbove = Math.min(rejectedAbove, incidents);
  const kBelow = Math.min(rejected - rejectedAbove, incidents);
  // Quantiles of the scaled residuals, times the (positive) scale: no copy in y units needed. Besides the
  // outlier band's, each side's tail: the value as far out on that side as the pooled tail's share of all
  // residuals (so as many points lie beyond it as beyond the pooled one), read as a one-sided normal quantile.
  // Where a skewed series' (a latency's, an error rate's) rarest residuals all lie on its long side, the pooled
  // reading takes them for a two-sided tail and its rare values there score as rarer than they are; read
  // one-sided, that side's scale is up to Φ⁻¹(½ + q/2) / Φ⁻¹(q) wider (6.5% at q = 0.999, 12% at 300 points).
  // Short histories read no side: near the median, where their level lies, Φ⁻¹(q) is too small to divide by.
  const tailLevel = tailQuantileLevel(all);
  const sideLevel = tailLevel !== null && tailLevel >= MIN_SIDE_LEVEL ? tailLevel : null;
  const [outLow, outHigh, sideLow, sideHigh] = kernels.quantiles(
    residualsScaled,
    Float64Array.of(
      (kBelow + (last - kBelow) * (alphaOut / 2)) / last,
      ((last - kAbove) * (1 - alphaOut / 2)) / last,
      1 - (sideLevel ?? 0.5),
      sideLevel ?? 0.5
    )
  );
  const sideZ = sideLevel === null ? 0 : normalQuantile(sideLevel);

  // Two scales read from |residuals|, rejected ones included: the score's tail scale (on sparse, bursty
  // series the bursts are what the robust fit rejects, and without them an ordinary burst would score as
  // a catastrophe), and the outlier band's floor for heavy, bursty tails, the 0.99 quantile (after the
  // same set-aside) read as a normal scale.
  const allAbs = kernels.scaled(residualsScaled, yScale, true, null);
  const burstLevel = ((last - Math.min(kAbove + kBelow, incidents)) * BURST_QUANTILE) / last;
  const [tailValue, burstValue] =
    all > 0 ? kernels.quantiles(allAbs, Float64Array.of(tailLevel ?? 0, burstLevel)) : [0, 0];
  return {
    below: Math.max(0, -bandLow),
    above: Math.max(0, bandHigh),
    outlier_below: Math.max(0, -yScale * outLow),
    outlier_above: Math.max(0, yScale * outHigh),
    tail: tailLevel === null ? 0 : tailValue / normalQuantile(0.5 + tailLevel / 2),
    tail_below: sideZ > 0 ? Math.max(0, -yScale * sideLow) / sideZ : 0,
    tail_above: sideZ > 0 ? Math.max(0, yScale * sideHigh) / sideZ : 0,
    burst: burstValue / normalQuantile(0.5 + BURST_QUANTILE / 2),
    dof_inflation: Math.sqrt(Math.max(n, 1) / dof),
    floor,
    z,
    outlier_z: normalQuantile(1 - alphaOut / 2),
  };
}

/** The tail scale of holdout residuals (scaled units in, y units out); 0 for too few of them. */
export function holdoutTailScale(kernels: Kernels, holdoutScaled: Float64Array, yScale: number): number {
  return holdoutScaled.length > 0 ? tailScale(kernels.scaled(holdoutScaled, yScale, true, null), kernels.quantile) : 0;
}

/**
 * The band from the in-sample spread, the holdout's inflation (≥ 1: how much larger out-of-sample errors
 * were) and the holdout's own tail scale (y units, 0: none).
 */
export function bandFromSpread(s: ResidualSpread, holdoutInflation: number, holdoutTail: number): ResidualSummary {
  const inflation = s.dof_inflation * holdoutInflation;
  const below = s.below * inflation;
  const above = s.above * inflation;
  const tail = Math.max(s.tail * holdoutInflation, holdoutTail);
  // A side's own reading only widens its scale: one side's far tail is too noisy to narrow one.
  const tailBelow = Math.max((s.tail_below ?? 0) * holdoutInflation, tail);
  const tailAbove = Math.max((s.tail_above ?? 0) * holdoutInflation, tail);
  const burst = s.burst * inflation;
  return {
    band_below: Math.max(below, s.floor),
    band_above: Math.max(above, s.floor),
    scale_below: Math.max(below / s.z, tailBelow, s.floor),
    scale_above: Math.max(above / s.z, tailAbove, s.floor),
    z: s.z,
    outlier_below: Math.max(s.outlier_below * inflation, s.outlier_z * burst, below, s.floor),
    outlier_above: Math.max(s.outlier_above * inflation, s.outlier_z * burst, above, s.floor),
    outlier_z: s.outlier_z,
  };
}

const BURST_QUANTILE = 0.99;

/** Most of the training residuals that may be set aside as past incidents when placing the outlier band. */
const INCIDENT_SHARE = 0.01;

function positives(values: Float64Array, kernels: Kernels): number {
  return kernels.scaled(values, 1, false, values).length;
}

/**
 * A standard deviation's worth read from the far tail of |residuals|: the 0.999 quantile over its
 * normal value (3.29). Chosen on NAB over 0.99 (47.1 vs 41.4 standard score): a scale from the
 * far tail keeps routine bursts of heavy-tailed series from outranking real anomalies elsewhere.
 */
const TAIL_QUANTILE = 0.999;
/** The few largest residuals never set the scale alone, or a short history's anomalies would mute themselves. */
const TAIL_IGNORED_POINTS = 5;
/** Each side's own tail is read only at this level or above (100 residuals and more): a one-sided reading at most 19% wider. */
const MIN_SIDE_LEVEL = 0.95;

/** The tail scale's quantile level for n residuals; null when they are too few to have a tail. */
function tailQuantileLevel(n: number): number | null {
  const q = Math.min(TAIL_QUANTILE, 1 - TAIL_IGNORED_POINTS / n);
  return q > 0.5 ? q : null;
}

function tailScale(absResiduals: Float64Array, quantileOf: Kernels['quantile']): number {
  const q = tailQuantileLevel(absResiduals.length);
  return q === null ? 0 : quantileOf(absResiduals, q) / normalQuantile(0.5 + q / 2);
}

/** Most the holdout may widen the band: beyond it the model, not the band, is what needs fixing. */
const MAX_HOLDOUT_INFLATION = 4;

/**
 * How much larger errors are on rows the fit did not see than on the same rows in-sample (≥ 1):
 * the ratio of median absolute residuals, or of mean ones when most residuals are exactly zero.
 * Flexible trends absorb slow deviations in-sample that keep going out of sample; this measures it.
 */
export function holdoutInflation(
  kernels: Kernels,
  holdout: { outOfSample: Float64Array; inSample: Float64Array } | null
): number {
  if (holdout === null || holdout.inSample.length === 0) {
    return 1;
  }
  const outside = kernels.scaled(holdout.outOfSample, 1, true, null);
  const inside = kernels.scaled(holdout.inSample, 1, true, null);
  let ratio = kernels.quantile(outside, 0.5) / kernels.quantile(inside, 0.5);
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

/** score = d / (d + SCORE_HALF), d the deviation in residual scales: 0.5 at three scales, on every series and family. */
export const SCORE_HALF = 3;

/**
 * How far labelled false alarms raised a fitted model's outlier threshold, per side (families/falseAlarms.ts):
 * factors ≥ 1 on the outlier half-width and, so that scores keep their meaning against the threshold, on the
 * score scale of that side. Absent: 1 on both sides.
 */
export interface AlarmRaise {
  below: number;
  above: number;
}

/**
 * One labelled false alarm as a fitted model remembers it (families/falseAlarms.ts): the side it deviated to,
 * the first and last of its flagged training points (ms; of its held ones for a mark of a held shift alone), the
 * factor on that side's outlier threshold that puts it just above the labelled deviation (1 when only a held
 * deviation was labelled), and, for a model with a
 * sustained-deviation scale, the largest held deviation in the range (`held`, in sustained scales; absent when
 * none). It quiets only deviations of at most that size on its side, at any time (the largest mark of a side
 * applies); `from` and `to` say which alarm it came from, for whoever reads the model (designs scoped to the
 * alarm's time of day or fading with its age were measured and dropped: bench/results/nab-feedback.md).
 */
export interface AlarmMark {
  side: 'above' | 'below';
  from: number;
  to: number;
  raise: number;
  held?: number;
}

/**
 * What `kernels.judge` needs from a fit's residual summary: every family judges points through this one band,
 * with its threshold raised where labelled false alarms asked for it (the drawn band keeps its width).
 */
export function judgeBand(r: ResidualSummary, nonnegative: boolean, raise?: AlarmRaise): JudgeBand {
  const below = raise?.below ?? 1;
  const above = raise?.above ?? 1;
  return {
    band_below: r.band_below,
    band_above: r.band_above,
    z: r.z,
    outlier_below: r.outlier_below * below,
    outlier_above: r.outlier_above * above,
    outlier_z: r.outlier_z,
    scale_below: r.scale_below * below,
    scale_above: r.scale_above * above,
    score_half: SCORE_HALF,
    floor: nonnegative ? 0 : -Infinity,
  };
}

/** Future trend changes as the fit saw them: rate changes per scaled time unit and their mean size. */
export function trendUncertainty(beta: Float64Array, trend: ComponentColumns): { rate: number; laplace_scale: number } {
  const deltas = beta.subarray(trend.from + 2, trend.to);
  let meanAbsDelta = 0;
  for (const d of deltas) {
    meanAbsDelta += Math.abs(d);
  }
  meanAbsDelta = deltas.length > 0 ? meanAbsDelta / deltas.length : 0;
  return { rate: deltas.length, laplace_scale: meanAbsDelta };
}
