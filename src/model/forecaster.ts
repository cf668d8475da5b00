import { planFeatures, type ComponentColumns } from './features';
import { selectTrainingData, toTimestamps } from './input';
import { layoutWidth, typescriptKernels } from './kernels';
import { resolveParams } from './params';
import { learnResidualMemory, residualCarry, type ResidualMemory } from './shortTerm';
import { halfResolution } from './statistics';
import { fitRegression } from './regression';
import { bandFromResiduals, holdoutInflation, judge, trendVariance, type ResidualSummary } from './uncertainty';
import type { DesignLayout, Kernels, ModelParams, Prediction } from './types';

export { DEFAULT_PARAMS, resolveParams } from './params';

/** Everything `predict` needs; plain data (see serialize.ts). */
export interface FittedModel {
  version: 1;
  params: ModelParams;
  layout: DesignLayout;
  components: ComponentColumns[];
  /** Coefficients in scaled units (y / y_scale). */
  beta: Float64Array;
  y_scale: number;
  history_start: number;
  history_end: number;
  n_train: number;
  residuals: ResidualSummary;
  /** Future trend changes: expected count per scaled time unit and mean absolute rate change (scaled). */
  trend_uncertainty: { rate: number; laplace_scale: number };
  /** Decaying carry of the last residual into the future; null when residuals show no memory. */
  residual_memory: ResidualMemory | null;
}

/** A robust scale for y: Prophet's absmax, but from the 99th percentile so a few spikes do not set it. */
function scaleOf(values: Float64Array, kernels: Kernels): number {
  const abs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    abs[i] = values[i] < 0 ? -values[i] : values[i];
  }
  const q = kernels.quantile(abs, 0.99);
  if (q > 0) {
    return q;
  }
  let max = 0;
  for (let i = 0; i < abs.length; i++) {
    max = abs[i] > max ? abs[i] : max;
  }
  return max > 0 ? max : 1;
}

function times(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] * factor;
  }
  return out;
}

/** The shortest seasonality period, whose residuals the short-term memory carries from season to season. */
function shortestSeason(layout: DesignLayout): number | null {
  let best: number | null = null;
  for (const f of layout.fourier) {
    best = best === null ? f.period_ms : Math.min(best, f.period_ms);
  }
  return best;
}

/**
 * Fits trend + seasonalities + holidays to a series. Points with NaN values and points inside
 * `params.exclude` are left out of training. Deterministic: the same input gives the same model.
 */
export function fit(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams> = {},
  kernels: Kernels = typescriptKernels
): FittedModel {
  const resolved = resolveParams(params);
  const train = selectTrainingData(timestamps, values, resolved.exclude);
  const plan = planFeatures(train.timestamps, resolved);
  const yScale = scaleOf(train.values, kernels);
  const ys = new Float64Array(train.values.length);
  for (let i = 0; i < ys.length; i++) {
    ys[i] = train.values[i] / yScale;
  }
  const result = fitRegression(kernels, train.timestamps, ys, plan.layout, plan.components, resolved.robust);

  const residuals = bandFromResiduals(result.residuals, result.weights, halfResolution(train.values), yScale, {
    interval_width: resolved.interval_width,
    n_features: layoutWidth(plan.layout),
    inflation: holdoutInflation(result.holdout, kernels.quantile),
    quantileOf: kernels.quantile,
    holdout: result.holdout?.outOfSample,
  });
  const trendComponent = plan.components[0];
  const deltas = result.beta.subarray(trendComponent.from + 2, trendComponent.to);
  let meanAbsDelta = 0;
  for (const d of deltas) {
    meanAbsDelta += Math.abs(d);
  }
  meanAbsDelta = deltas.length > 0 ? meanAbsDelta / deltas.length : 0;
  return {
    version: 1,
    params: resolved,
    layout: plan.layout,
    components: plan.components,
    beta: result.beta,
    y_scale: yScale,
    history_start: train.timestamps[0],
    history_end: train.timestamps[train.timestamps.length - 1],
    n_train: train.timestamps.length,
    residuals,
    trend_uncertainty: { rate: deltas.length, laplace_scale: meanAbsDelta },
    residual_memory: learnResidualMemory(
      train.timestamps,
      times(result.residuals, yScale),
      result.weights,
      shortestSeason(plan.layout),
      kernels.quantile
    ),
  };
}

/**
 * Expected values, band and components at the given times. With `values` (aligned with
 * `timestamps`), each point is also judged: `outlier` and `score`.
 */
export function predict(
  fitted: FittedModel,
  timestamps: ArrayLike<number>,
  values?: ArrayLike<number>,
  kernels: Kernels = typescriptKernels
): Prediction {
  const ts = toTimestamps(timestamps);
  const n = ts.length;
  const p = layoutWidth(fitted.layout);
  const X = kernels.designMatrix(ts, fitted.layout);
  const yScale = fitted.y_scale;
  const trendScaled = kernels.multiply(X, n, p, fitted.beta, fitted.components[0].from, fitted.components[0].to);
  const trend = times(trendScaled, yScale);
  const seasonal: Record<string, Float64Array> = {};
  const holidays = new Float64Array(n);
  const yhat = trend.slice();
  for (const c of fitted.components) {
    if (c.kind === 'trend') {
      continue;
    }
    const part = kernels.multiply(X, n, p, fitted.beta, c.from, c.to);
    for (let i = 0; i < n; i++) {
      part[i] = c.multiplicative ? part[i] * trend[i] : part[i] * yScale;
      yhat[i] += part[i];
    }
    if (c.kind === 'seasonality') {
      seasonal[c.name] = part;
    } else {
      for (let i = 0; i < n; i++) {
        holidays[i] += part[i];
      }
    }
  }
  const yhatLower = new Float64Array(n);
  const yhatUpper = new Float64Array(n);
  const outlier = new Int8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    yhat[i] += residualCarry(fitted.residual_memory, ts[i] - fitted.history_end);
    const horizon = Math.max(0, ts[i] - fitted.history_end) / fitted.layout.t_scale;
    const extra = trendVariance(fitted.trend_uncertainty, horizon) * yScale * yScale;
    const v = values === undefined ? NaN : values[i];
    const j = judge(fitted.residuals, yhat[i], extra, v);
    yhatLower[i] = j.lower;
    yhatUpper[i] = j.upper;
    outlier[i] = j.outlier;
    score[i] = j.score;
  }
  return {
    timestamps: ts,
    yhat,
    yhat_lower: yhatLower,
    yhat_upper: yhatUpper,
    outlier,
    score,
    trend,
    seasonal,
    holidays,
  };
}
