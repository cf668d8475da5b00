import { ModelInputError } from '../index';
import { CrossValidationRows, rowCount } from './cvRows';
import { distanceOutside, PERCENT_ERROR_ZERO, symmetricPercentError } from './metrics';
import { groupByHorizon, HorizonGroups, rollingMeanByHorizon, rollingMedianByHorizon } from './rollingByHorizon';
import { MetricSummary, summarizeRows } from './summary';

/** Metrics by forecast horizon (ds − cutoff, in ms), one entry per distinct horizon with a full window. */
export interface HorizonMetrics {
  horizon: Float64Array;
  mse: Float64Array;
  rmse: Float64Array;
  mae: Float64Array;
  /** null when any row has |y| < 1e-8, as Prophet drops the column then. */
  mape: Float64Array | null;
  mdape: Float64Array | null;
  smape: Float64Array;
  coverage: Float64Array;
}

export interface PerformanceMetrics {
  byHorizon: HorizonMetrics;
  overall: MetricSummary;
  /** Rows per rolling window. */
  window: number;
}

export interface PerformanceMetricsOptions {
  /** Share of all rows in each rolling window over sorted horizons (Prophet's `rolling_window`); default 0.1. */
  rollingWindow?: number;
}

/**
 * Prophet's `performance_metrics`: sorts rows by horizon and reports each metric as a rolling
 * mean (median for mdape) over the floor(rollingWindow × n) rows (at least 1) with the largest
 * horizons ≤ h, plus the same metrics over all rows.
 */
export function performanceMetrics(
  rows: CrossValidationRows,
  options: PerformanceMetricsOptions = {}
): PerformanceMetrics {
  const rollingWindow = options.rollingWindow ?? 0.1;
  if (!(Number.isFinite(rollingWindow) && rollingWindow >= 0)) {
    throw new ModelInputError(`rollingWindow must be a number ≥ 0, got ${String(rollingWindow)}`);
  }
  const n = rowCount(rows);
  if (n === 0) {
    throw new ModelInputError('performanceMetrics: no cross-validation rows to score');
  }
  for (let i = 0; i < n; i++) {
    if (
      ![rows.cutoff[i], rows.ds[i], rows.y[i], rows.yhat[i], rows.yhat_lower[i], rows.yhat_upper[i]].every(
        Number.isFinite
      )
    ) {
      throw new ModelInputError(`performanceMetrics: row ${i} has a value that is not a finite number`);
    }
  }
  const window = Math.min(n, Math.max(1, Math.floor(rollingWindow * n)));
  const order = byHorizonOrder(rows);
  const horizons = new Float64Array(n);
  const squared = new Float64Array(n);
  const absolute = new Float64Array(n);
  const percent = new Float64Array(n);
  const symmetric = new Float64Array(n);
  const covered = new Float64Array(n);
  let anyZero = false;
  order.forEach((row, k) => {
    const y = rows.y[row];
    const error = y - rows.yhat[row];
    horizons[k] = rows.ds[row] - rows.cutoff[row];
    squared[k] = error * error;
    absolute[k] = Math.abs(error);
    anyZero = anyZero || Math.abs(y) < PERCENT_ERROR_ZERO;
    percent[k] = Math.abs(y) < PERCENT_ERROR_ZERO ? 0 : Math.abs(error) / Math.abs(y);
    symmetric[k] = symmetricPercentError(y, rows.yhat[row]);
    covered[k] = distanceOutside(y, rows.yhat_lower[row], rows.yhat_upper[row]) === 0 ? 1 : 0;
  });
  const groups = groupByHorizon(horizons);
  const mean = (values: Float64Array) => rollingMeanByHorizon(values, groups, window);
  const rollingMse = mean(squared);
  return {
    byHorizon: {
      horizon: completeHorizons(groups, rollingMse.length),
      mse: rollingMse,
      rmse: rollingMse.map(Math.sqrt),
      mae: mean(absolute),
      mape: anyZero ? null : mean(percent),
      mdape: anyZero ? null : rollingMedianByHorizon(percent, groups, window),
      smape: mean(symmetric),
      coverage: mean(covered),
    },
    overall: summarizeRows(rows),
    window,
  };
}

/** Row indices sorted by horizon, ties in input order. */
function byHorizonOrder(rows: CrossValidationRows): Int32Array {
  const n = rows.ds.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => rows.ds[a] - rows.cutoff[a] - (rows.ds[b] - rows.cutoff[b]) || a - b);
  return Int32Array.from(order);
}

function completeHorizons(groups: HorizonGroups, count: number): Float64Array {
  return groups.horizons.slice(groups.horizons.length - count);
}
