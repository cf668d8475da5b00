import { coverage, mae, rmse, smape } from '../../src/model/evaluation/metrics';

/** Forecast-error metrics over one bucket of (actual, forecast, band) triples, as Prophet's performance_metrics defines them. */

export interface ScoredPoint {
  /** Time since the cutoff, ms. */
  ahead: number;
  actual: number;
  forecast: number;
  lower?: number;
  upper?: number;
}

export interface Metrics {
  count: number;
  mae: number;
  rmse: number;
  /** Mean of 2|y − ŷ| / (|y| + |ŷ|); a point where both are 0 counts as 0. */
  smape: number;
  /** Share of actuals inside [lower, upper]; undefined when the method has no band. */
  coverage?: number;
}

/**
 * Metrics of the points with `ahead` ≤ `upTo`; NaN actuals or forecasts are skipped. Undefined when none
 * remain. The definitions are the model's own (src/model/evaluation/metrics.ts).
 */
export function bucketMetrics(points: readonly ScoredPoint[], upTo = Infinity): Metrics | undefined {
  const kept = points.filter((p) => p.ahead <= upTo && !Number.isNaN(p.actual) && !Number.isNaN(p.forecast));
  if (kept.length === 0) {
    return undefined;
  }
  const actual = kept.map((p) => p.actual);
  const forecast = kept.map((p) => p.forecast);
  const banded = kept.every(
    (p) => p.lower !== undefined && p.upper !== undefined && !Number.isNaN(p.lower) && !Number.isNaN(p.upper)
  );
  return {
    count: kept.length,
    mae: mae(actual, forecast),
    rmse: rmse(actual, forecast),
    smape: smape(actual, forecast),
    coverage: banded
      ? coverage(
          actual,
          kept.map((p) => p.lower!),
          kept.map((p) => p.upper!)
        )
      : undefined,
  };
}
