import { dayKindEvidence } from './dayKinds';
import { ModelInputError } from './errors';
import { planFeatures, type ComponentColumns, type DataTraits, type FeaturePlan } from './features';
import { screenGrossValues } from './grossValues';
import { holidayDesign, holidayLayout } from './holidayEffects';
import { growthVariance, horizonGrowth, type HorizonGrowth } from './horizonGrowth';
import { selectTrainingData, toTimestamps } from './input';
import { layoutWidth, typescriptKernels } from './kernels';
import { checkDesignValues } from './limits';
import { initialState, updateRefusal } from './incremental';
import { encodeState, type StoredState } from './incrementalState';
import { resolveParams } from './params';
import { learnResidualMemory, residualCarry, type ResidualMemory } from './shortTerm';
import { fitRegression, type RegressionResult } from './regression';
import { learnSustained, type SustainedScale } from './sustained';
import {
  bandFromSpread,
  holdoutInflation,
  holdoutTailScale,
  residualSpread,
  trendUncertainty,
  trendVariance,
  type ResidualSummary,
  type AlarmRaise,
} from './uncertainty';
import type { DesignLayout, Kernels, ModelParams, Prediction } from './types';
import { judgedPrediction, valuesToJudge } from './judgedPrediction';
import type { SharedTraining } from './sharedTraining';
import { keptBeforeUnlearnedWeekend, unseenDayVariance } from './unseenDays';

export { DEFAULT_PARAMS, resolveParams } from './params';

/** Everything `predict` needs; plain data (see serialize.ts). */
export interface FittedModel {
  family: 'decomposition';
  /**
   * 2: holiday effects fitted after trend and seasonality, an outlier band of its own, a floor.
   * 3: the band past the end of training widens as the series' own forecast errors grew (`horizon_growth`).
   */
  version: 3;
  params: ModelParams;
  layout: DesignLayout;
  components: ComponentColumns[];
  /** Coefficients in scaled units (y / y_scale). */
  beta: Float64Array;
  y_scale: number;
  history_start: number;
  history_end: number;
  n_train: number;
  /** Values left out of training as gross errors (see grossValues.ts); absent in older models. */
  n_gross?: number;
  residuals: ResidualSummary;
  /** Expectation and band never go below 0 (see `nonnegative`). */
  nonnegative: boolean;
  /** Future trend changes: expected count per scaled time unit and mean absolute rate change (scaled). */
  trend_uncertainty: { rate: number; laplace_scale: number };
  /** How the band widens past the end of training, from prefix fits' forecast errors; null: too short to tell. */
  horizon_growth: HorizonGrowth | null;
  /** Decaying carry of the last residual into the future; null when residuals show no memory. */
  residual_memory: ResidualMemory | null;
  /** Scales of the sustained deviation (sustained.ts); null or absent (older models): no sustained score. */
  sustained?: SustainedScale | null;
  /** Older models only: labelled false alarms raised a whole side's threshold (families/falseAlarms.ts). */
  false_alarm_raise?: AlarmRaise;
  /**
   * What an incremental update needs (incremental.ts), as plain JSON data: only an update reads it, so reading a
   * model to predict costs no more than its JSON. Absent when the fit cannot be updated.
   */
  incremental?: StoredState;
}

/** A robust scale for y: Prophet's absmax, but from the 99th percentile so a few spikes do not set it. */
export function scaleOf(values: Float64Array, kernels: Kernels): number {
  const abs = kernels.scaled(values, 1, true, null);
  const q = kernels.quantile(abs, 0.99);
  if (q > 0) {
    return q;
  }
  const max = kernels.quantile(abs, 1);
  return max > 0 ? max : 1;
}

/** Half the smallest non-zero gap between distinct values: the resolution of quantised (count) data. */
export function halfResolution(values: Float64Array, kernels: Kernels): number {
  const gaps = kernels.differences(values, true, true);
  return gaps.length > 0 ? kernels.quantile(gaps, 0) / 2 : 0;
}

/** Smallest positive gap between sorted times (Infinity when all are equal). */
function smallestSpacing(timestamps: Float64Array, kernels: Kernels): number {
  const gaps = kernels.differences(timestamps, false, true);
  return gaps.length > 0 ? kernels.quantile(gaps, 0) : Infinity;
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
 * The plan with the daily seasonality split by day kind, for the 'auto' rule to choose; null when there is no
 * built-in daily seasonality to split or the split would pass the model's size limits.
 */
function planByDayKind(
  timestamps: Float64Array,
  params: ModelParams,
  traits: DataTraits,
  pooled: FeaturePlan
): FeaturePlan | null {
  const hasDaily = (plan: FeaturePlan) => plan.components.some((c) => c.kind === 'seasonality' && c.name === 'daily');
  if (!hasDaily(pooled)) {
    return null;
  }
  try {
    const plan = planFeatures(timestamps, params, { ...traits, splitDaily: true });
    checkDesignValues(timestamps.length, layoutWidth(plan.layout));
    // A custom seasonality named daily replaces the built-in one, and is not split.
    return hasDaily(plan) ? null : plan;
  } catch (e) {
    if (e instanceof ModelInputError) {
      return null;
    }
    throw e;
  }
}

/**
 * Fits trend + seasonalities + holidays to a series. Points with NaN values and points inside
 * `params.exclude` are left out of training. Deterministic: the same input gives the same model. `updatable`
 * false leaves out the statistics an update reads (`incremental`), for a fit that will never be updated.
 */
export function fit(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams> = {},
  kernels: Kernels = typescriptKernels,
  updatable = true,
  shared?: SharedTraining
): FittedModel {
  const resolved = resolveParams(params);
  // This is the decomposition whatever `model` says (the default is the ensemble, which calls this for its member).
  resolved.model = 'decomposition';
  const selected =
    shared?.select(timestamps, values, resolved.exclude, kernels) ??
    selectTrainingData(timestamps, values, resolved.exclude, kernels);
  const keep = keptBeforeUnlearnedWeekend(resolved, selected.timestamps);
  const train =
    keep === selected.timestamps.length
      ? (shared?.screen(selected) ?? screenGrossValues(selected, kernels))
      : screenGrossValues(
          { timestamps: selected.timestamps.slice(0, keep), values: selected.values.slice(0, keep) },
          kernels
        );
  if (train.timestamps.length < 2 || !(train.timestamps[train.timestamps.length - 1] > train.timestamps[0])) {
    throw new ModelInputError('the series needs at least two distinct timestamps with ordinary values');
  }
  const neverNegative = train.min >= 0;
  const spacing = smallestSpacing(train.timestamps, kernels);
  const traits: DataTraits = { spacing, nonNegative: neverNegative };
  const yScale = shared?.statistic('scale', train.values, (v) => scaleOf(v, kernels)) ?? scaleOf(train.values, kernels);
  const ys = kernels.scaled(train.values, 1 / yScale, false, null);
  const fitPlan = (plan: FeaturePlan): RegressionResult => {
    checkDesignValues(train.timestamps.length, layoutWidth(plan.layout));
    return fitRegression(kernels, train.timestamps, ys, plan.layout, plan.components, resolved.robust);
  };
  let plan = planFeatures(train.timestamps, resolved, traits);
  let result = fitPlan(plan);
  const splitPlan =
    resolved.daily_seasonality_by_day_kind === 'auto' ? planByDayKind(train.timestamps, resolved, traits, plan) : null;
  if (
    splitPlan !== null &&
    dayKindEvidence(kernels, train.timestamps, result.residuals, result.weights, result.sigma, resolved, spacing)
      ?.split === true
  ) {
    plan = splitPlan;
    result = fitPlan(plan);
  }

  const spread = residualSpread(
    kernels,
    result.residuals,
    result.weights,
    shared?.statistic('resolution', train.values, (v) => halfResolution(v, kernels)) ??
      halfResolution(train.values, kernels),
    yScale,
    {
      interval_width: resolved.interval_width,
      outlier_width: resolved.outlier_width,
      n_features: layoutWidth(plan.layout),
    }
  );
  const residuals = bandFromSpread(
    spread,
    holdoutInflation(kernels, result.holdout),
    result.holdout ? holdoutTailScale(kernels, result.holdout.outOfSample, yScale) : 0
  );
  const normal = result.normal;
  const incremental =
    // Stuck runs are told by their neighbours, which an update's window edges cut: a fit that left one out, or whose
    // training ends in one it will leave out once it ends, is refitted instead; so is one that left out a first
    // weekend in progress (it is learned once whole).
    updatable &&
    keep === selected.timestamps.length &&
    train.stuck === 0 &&
    !train.endsStuck &&
    normal !== undefined &&
    updateRefusal(resolved, plan.layout, plan.components) === null
      ? encodeState(
          initialState(kernels, { ...result, normal }, layoutWidth(plan.layout), train.timestamps, spread, train),
          kernels
        )
      : undefined;
  return {
    family: 'decomposition',
    version: 3,
    params: resolved,
    layout: plan.layout,
    components: plan.components,
    beta: result.beta,
    y_scale: yScale,
    history_start: train.timestamps[0],
    history_end: train.timestamps[train.timestamps.length - 1],
    n_train: train.timestamps.length,
    n_gross: train.gross,
    residuals,
    nonnegative: resolved.nonnegative === 'auto' ? neverNegative : resolved.nonnegative,
    trend_uncertainty: trendUncertainty(result.beta, plan.components[0]),
    horizon_growth: horizonGrowth(kernels, result.forecastErrors, yScale, resolved.interval_width),
    sustained: learnSustained(kernels, result.forecastErrors, yScale, resolved.sustained_points, residuals),
    residual_memory: learnResidualMemory(
      kernels,
      train.timestamps,
      kernels.scaled(result.residuals, yScale, false, null),
      result.weights,
      shortestSeason(plan.layout)
    ),
    ...(incremental === undefined ? {} : { incremental }),
  };
}

/**
 * What points past the end of training get on top of the regression: the residual carry (added to
 * the expectation) and the trend's extra variance (y units², widening the band). Null when no point
 * lies past the end, which is every point of a prediction over the history.
 */
function futureAdjustments(
  fitted: FittedModel,
  ts: Float64Array,
  kernels: Kernels
): { carry: Float64Array; variance: Float64Array } | null {
  const n = ts.length;
  if (n === 0 || !(kernels.quantile(ts, 1) > fitted.history_end)) {
    return null;
  }
  const carry = new Float64Array(n);
  const variance = new Float64Array(n);
  const yScale2 = fitted.y_scale * fitted.y_scale;
  // The error variance the residual band already stands for: the growth adds only what goes beyond it.
  const r = fitted.residuals;
  const reference = Math.pow((r.band_below + r.band_above) / (2 * r.z), 2);
  for (let i = 0; i < n; i++) {
    const after = ts[i] - fitted.history_end;
    if (after > 0) {
      carry[i] = residualCarry(fitted.residual_memory, after);
      // The growth read from the series' own forecast errors; Prophet's trend variance where none was read.
      variance[i] =
        fitted.horizon_growth === null
          ? trendVariance(fitted.trend_uncertainty, after / fitted.layout.t_scale) * yScale2
          : Math.max(0, growthVariance(fitted.horizon_growth, after) - reference);
    }
  }
  return { carry, variance };
}

/**
 * The holidays' sum (y units). Their columns come last; multiplicative ones scale `base`, the
 * expectation without them, through the design kernel's row scale rather than a loop here.
 */
function holidayContribution(
  kernels: Kernels,
  fitted: FittedModel,
  ts: Float64Array,
  X: Float64Array,
  base: Float64Array
): Float64Array {
  const n = ts.length;
  const first = fitted.components.find((c) => c.kind === 'holiday');
  if (first === undefined) {
    return new Float64Array(n);
  }
  const p = layoutWidth(fitted.layout);
  if (!first.multiplicative) {
    return kernels.scaled(kernels.multiply(X, n, p, fitted.beta, first.from, p), fitted.y_scale, false, null);
  }
  const k = p - first.from;
  const effects = new Float64Array(k + 1);
  effects.set(fitted.beta.subarray(first.from), 1);
  return kernels.multiply(holidayDesign(kernels, ts, holidayLayout(fitted.layout), true, base), n, k + 1, effects);
}

/** The sum of two optional per-point variances (the first is added into when both are there). */
function sumVariances(kernels: Kernels, a: Float64Array | null, b: Float64Array | null): Float64Array | null {
  if (a === null || b === null) {
    return a ?? b;
  }
  kernels.addScaled(a, b, 1);
  return a;
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
  const ts = toTimestamps(timestamps, kernels);
  const n = ts.length;
  const p = layoutWidth(fitted.layout);
  checkDesignValues(n, p);
  const X = kernels.designMatrix(ts, fitted.layout);
  const yScale = fitted.y_scale;
  const trendScaled = kernels.multiply(X, n, p, fitted.beta, fitted.components[0].from, fitted.components[0].to);
  const trend = kernels.scaled(trendScaled, yScale, false, null);
  const seasonal: Record<string, Float64Array> = {};
  const yhat = trend.slice();
  for (const c of fitted.components) {
    if (c.kind !== 'seasonality') {
      continue;
    }
    let part = kernels.multiply(X, n, p, fitted.beta, c.from, c.to);
    if (c.multiplicative) {
      for (let i = 0; i < n; i++) {
        part[i] = part[i] * trend[i];
      }
    } else {
      part = kernels.scaled(part, yScale, false, null);
    }
    kernels.addScaled(yhat, part, 1);
    seasonal[c.name] = part;
  }
  const holidays = holidayContribution(kernels, fitted, ts, X, yhat);
  const unseen = unseenDayVariance(
    fitted.params,
    fitted.components,
    { start: fitted.history_start, end: fitted.history_end, points: fitted.n_train },
    ts,
    yhat
  );
  kernels.addScaled(yhat, holidays, 1);
  const future = futureAdjustments(fitted, ts, kernels);
  if (future !== null) {
    kernels.addScaled(yhat, future.carry, 1);
  }
  const extraVariance = sumVariances(kernels, future === null ? null : future.variance, unseen);
  return judgedPrediction(kernels, fitted, ts, yhat, valuesToJudge(values, n), extraVariance, () => ({
    trend,
    seasonal,
    holidays,
  }));
}
