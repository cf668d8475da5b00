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

/** Metrics of the points with `ahead` ≤ `upTo`; NaN actuals or forecasts are skipped. Undefined when none remain. */
export function bucketMetrics(points: readonly ScoredPoint[], upTo = Infinity): Metrics | undefined {
  let count = 0;
  let absSum = 0;
  let squareSum = 0;
  let smapeSum = 0;
  let banded = 0;
  let inside = 0;
  for (const p of points) {
    if (p.ahead > upTo || Number.isNaN(p.actual) || Number.isNaN(p.forecast)) {
      continue;
    }
    const error = Math.abs(p.actual - p.forecast);
    const scale = Math.abs(p.actual) + Math.abs(p.forecast);
    count++;
    absSum += error;
    squareSum += error * error;
    smapeSum += scale === 0 ? 0 : (2 * error) / scale;
    if (p.lower !== undefined && p.upper !== undefined && !Number.isNaN(p.lower) && !Number.isNaN(p.upper)) {
      banded++;
      if (p.actual >= p.lower && p.actual <= p.upper) {
        inside++;
      }
    }
  }
  if (count === 0) {
    return undefined;
  }
  return {
    count,
    mae: absSum / count,
    rmse: Math.sqrt(squareSum / count),
    smape: smapeSum / count,
    coverage: banded === count ? inside / banded : undefined,
  };
}
