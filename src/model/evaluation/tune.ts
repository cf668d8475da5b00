import { ModelInputError, resolveParams } from '../index';
import type { ModelParams } from '../index';
import { CutoffOptions, planCutoffs } from './cutoffs';
import { crossValidateLabelled, DEFAULT_MAX_FITS } from './crossValidation';
import { ForecastModel } from './forecastModel';
import { checkLabels, type EvaluationLabels, labelledParams, type LabelMetrics } from './labels';
import { scoredSeries } from './scoredSeries';
import { rankByService, ServicePriority, ServiceScoreOptions } from './serviceScore';
import { MetricSummary, summarizeRows } from './summary';
import { withContext } from './withContext';
import { passProgress, type ProgressOption } from '../progress';

/** Values to try per parameter; the grid is their cartesian product, in key order. */
export type ParamGrid = { [K in keyof ModelParams]?: Array<ModelParams[K]> };

/** Prophet's recommended grid. */
export const DEFAULT_TUNING_GRID: ParamGrid = Object.freeze({
  changepoint_prior_scale: [0.001, 0.01, 0.1, 0.5],
  seasonality_prior_scale: [0.01, 0.1, 1, 10],
});

/** The default grid plus the other axes Prophet's docs call worth tuning (8× the fits). */
export const EXTENDED_TUNING_GRID: ParamGrid = Object.freeze({
  ...DEFAULT_TUNING_GRID,
  seasonality_mode: ['additive', 'multiplicative'],
  holidays_prior_scale: [0.01, 10],
  changepoint_range: [0.8, 0.95],
});

/**
 * Ranking criterion. Error metrics rank lowest first; 'coverage' ranks by distance from the nominal
 * interval_width; 'violations' and 'violationMagnitude' rank by the service score with that criterion
 * first (see serviceScore.ts).
 */
export type TuneMetric =
  'mse' | 'rmse' | 'mae' | 'mape' | 'mdape' | 'smape' | 'coverage' | 'violations' | 'violationMagnitude';

/** `onProgress` hears the fits done (combinations × cutoffs) of all planned. */
export interface TuneOptions extends CutoffOptions, ProgressOption {
  grid?: ParamGrid;
  /** Default 'rmse', or the violation metric matching `priority` when only that is given. */
  metric?: TuneMetric;
  /** For the violation metrics: which criterion decides first, near-tie tolerance, or a weight. */
  priority?: ServicePriority | ServiceScoreOptions;
  /**
   * Most fits (combinations × cutoffs); default DEFAULT_MAX_FITS. Each combination gets the most recent
   * ⌊maxFits / combinations⌋ cutoffs; a grid with more combinations than maxFits is refused.
   */
  maxFits?: number;
  model?: ForecastModel;
  /** Labelled incidents and false alarms (crossValidation.ts): every combination reports `label_metrics`. */
  labels?: EvaluationLabels;
}

export interface TuneCandidate {
  /** The grid combination (only the tuned keys). */
  combination: Partial<ModelParams>;
  /** Base parameters with the combination applied: what to fit with. */
  params: Partial<ModelParams>;
  metrics: MetricSummary;
  /** Position in the grid's cartesian product (the final tie-breaker). */
  gridIndex: number;
  /** With labels: how this combination's held-out alarms met them. */
  label_metrics?: LabelMetrics;
}

export interface TuneResult {
  /** Every combination, best first. */
  ranking: TuneCandidate[];
  best: TuneCandidate;
  metric: TuneMetric;
  cutoffs: number[];
  /** Cutoffs Prophet's rule gives over the whole series (more than `cutoffs` when the limit dropped old ones). */
  cutoffsAvailable: number;
  fits: number;
  /** With labels: the best combination's label metrics. */
  label_metrics?: LabelMetrics;
}

const VIOLATION_METRICS: readonly TuneMetric[] = ['violations', 'violationMagnitude'];
const TUNE_METRICS: readonly TuneMetric[] = [
  'mse',
  'rmse',
  'mae',
  'mape',
  'mdape',
  'smape',
  'coverage',
  ...VIOLATION_METRICS,
];

/** The priority as options give it: a criterion's name or the service score's options object (checked when ranked). */
function checkedPriority(priority: unknown): ServiceScoreOptions | undefined {
  if (priority === undefined || priority === null) {
    return undefined;
  }
  if (typeof priority === 'string') {
    return { priority: priority as ServicePriority };
  }
  if (typeof priority !== 'object' || Array.isArray(priority)) {
    throw new ModelInputError(
      `priority must be "count", "magnitude" or an object of priority, tolerance and weight, got ${JSON.stringify(priority)}`
    );
  }
  return priority as ServiceScoreOptions;
}

/**
 * Grid search by cross-validation: every combination is scored on the same cutoffs and ranked by
 * `metric`. Deterministic: ties keep grid order. All parameter combinations are validated before the
 * first fit, and the total work is checked against `maxFits`.
 */
export function tune(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  baseParams: Partial<ModelParams>,
  options: TuneOptions
): TuneResult {
  const priority = checkedPriority(options.priority);
  const metric =
    options.metric ?? (priority ? (priority.priority === 'magnitude' ? 'violationMagnitude' : 'violations') : 'rmse');
  if (!TUNE_METRICS.includes(metric)) {
    throw new ModelInputError(`metric must be one of ${TUNE_METRICS.join(', ')}, got ${JSON.stringify(metric)}`);
  }
  if (priority && !VIOLATION_METRICS.includes(metric)) {
    throw new ModelInputError(`priority applies to the violation metrics only, not to metric "${metric}"`);
  }
  const grid = options.grid ?? DEFAULT_TUNING_GRID;
  const maxFits = options.maxFits ?? DEFAULT_MAX_FITS;
  // Counted before the grid is laid out: a million combinations took seconds and hundreds of MB to refuse.
  const size = gridSize(grid);
  if (size > maxFits) {
    throw new ModelInputError(tooManyCombinations(size, maxFits));
  }
  const combinations = expandGrid(grid);
  const candidates = combinations.map((combination) => {
    const params = { ...baseParams, ...combination };
    withContext(`grid combination ${JSON.stringify(combination)}`, () => resolveParams(params));
    return { combination, params };
  });

  const labels = options.labels === undefined ? undefined : checkLabels(options.labels);
  // Cutoffs are placed as cross-validation places them: incidents left out like exclusions.
  const planned = labels === undefined ? baseParams : labelledParams(baseParams, labels);
  const series = scoredSeries(timestamps, values, resolveParams(planned).exclude);
  const perCombination = Math.floor(maxFits / combinations.length);
  if (perCombination < 1) {
    throw new ModelInputError(tooManyCombinations(combinations.length, maxFits));
  }
  const plan = planCutoffs(series.timestamps, {
    ...options,
    maxCutoffs: Math.min(perCombination, options.maxCutoffs ?? Infinity),
  });
  const cutoffs = plan.cutoffs;
  const fits = combinations.length * cutoffs.length;

  const scored: TuneCandidate[] = candidates.map(({ combination, params }, gridIndex) => {
    const { rows, label_metrics } = withContext(`grid combination ${JSON.stringify(combination)}`, () =>
      crossValidateLabelled(timestamps, values, params, {
        horizon: options.horizon,
        cutoffs,
        maxFits: cutoffs.length,
        model: options.model,
        labels,
        onProgress: passProgress(options.onProgress, gridIndex, cutoffs.length, combinations.length),
      })
    );
    if (rows.ds.length === 0) {
      throw new ModelInputError('cross-validation scored no points; check horizon and the data spacing');
    }
    const scores = { combination, params, metrics: summarizeRows(rows), gridIndex };
    return label_metrics === null ? scores : { ...scores, label_metrics };
  });

  const order = VIOLATION_METRICS.includes(metric)
    ? rankByService(
        scored.map((c) => c.metrics),
        { ...priority, priority: priority?.priority ?? (metric === 'violations' ? 'count' : 'magnitude') }
      )
    : rankByValue(scored, metricValue(metric));
  const ranking = order.map((i) => scored[i]);
  const best = ranking[0];
  const result = { ranking, best, metric, cutoffs, cutoffsAvailable: plan.available, fits };
  return best.label_metrics === undefined ? result : { ...result, label_metrics: best.label_metrics };
}

function tooManyCombinations(combinations: number, maxFits: number): string {
  return `the grid has ${combinations} combinations, more than maxFits = ${maxFits} allows (one cutoff each); shrink the grid or raise maxFits`;
}

/** How many combinations the grid's cartesian product holds; throws as expandGrid does for an empty grid. */
export function gridSize(grid: ParamGrid): number {
  const keys = gridKeys(grid);
  let size = 1;
  for (const key of keys) {
    const choices = grid[key];
    if (!Array.isArray(choices) || choices.length === 0) {
      throw new ModelInputError(`the tuning grid lists no values for ${key}`);
    }
    size *= choices.length;
  }
  return size;
}

function gridKeys(grid: ParamGrid): Array<keyof ModelParams> {
  const keys = (grid !== null && typeof grid === 'object' ? Object.keys(grid) : []) as Array<keyof ModelParams>;
  if (keys.length === 0) {
    throw new ModelInputError('the tuning grid has no parameters');
  }
  return keys;
}

/** Cartesian product in key order, the last key varying fastest. */
export function expandGrid(grid: ParamGrid): Array<Partial<ModelParams>> {
  const keys = gridKeys(grid);
  let combinations: Array<Partial<ModelParams>> = [{}];
  for (const key of keys) {
    const choices = grid[key];
    if (!Array.isArray(choices) || choices.length === 0) {
      throw new ModelInputError(`the tuning grid lists no values for ${key}`);
    }
    const next: Array<Partial<ModelParams>> = [];
    for (const partial of combinations) {
      for (const value of choices) {
        next.push({ ...partial, [key]: value });
      }
    }
    combinations = next;
  }
  return combinations;
}

/** Lower is better; Infinity for an undefined value (mape with all-zero actuals) so it ranks last. */
function metricValue(metric: TuneMetric): (candidate: TuneCandidate) => number {
  return (candidate) => {
    const m = candidate.metrics;
    if (metric === 'coverage') {
      const nominal = resolveParams(candidate.params).interval_width;
      return Math.abs(m.coverage - nominal);
    }
    const value = m[metric as 'mse' | 'rmse' | 'mae' | 'mape' | 'mdape' | 'smape'];
    return value ?? Infinity;
  };
}

function rankByValue(candidates: TuneCandidate[], value: (c: TuneCandidate) => number): number[] {
  const values = candidates.map(value);
  return candidates.map((_, i) => i).sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : a - b));
}
