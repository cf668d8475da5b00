import { CrossValidationRows, rowCount } from './cvRows';
import { coverage, mae, mape, mdape, mse, smape, violationMagnitude, violations } from './metrics';

/** Every metric over a set of rows at once. */
export interface MetricSummary {
  /** Rows scored. */
  n: number;
  mse: number;
  rmse: number;
  mae: number;
  /** Fractions; rows with |y| < 1e-8 skipped, null when no row is left. */
  mape: number | null;
  mdape: number | null;
  smape: number;
  /** Share of rows inside [yhat_lower, yhat_upper]. */
  coverage: number;
  /** Rows outside the band, and their share of n. */
  violations: number;
  violationRate: number;
  /** Mean distance outside the band over the violating rows, in y units (0 without violations). */
  violationMagnitude: number;
  /** The same in band widths, comparable across series; null when a violation exists but every band has zero width. */
  violationMagnitudeBand: number | null;
}

/** Summarises cross-validation rows (or any rows with y, yhat and a band). */
export function summarizeRows(rows: CrossValidationRows): MetricSummary {
  const n = rowCount(rows);
  const { y, yhat, yhat_lower: lower, yhat_upper: upper } = rows;
  const meanSquared = mse(y, yhat);
  const violationCount = violations(y, lower, upper);
  return {
    n,
    mse: meanSquared,
    rmse: Math.sqrt(meanSquared),
    mae: mae(y, yhat),
    mape: mape(y, yhat),
    mdape: mdape(y, yhat),
    smape: smape(y, yhat),
    coverage: coverage(y, lower, upper),
    violations: violationCount,
    violationRate: violationCount / n,
    violationMagnitude: violationMagnitude(y, lower, upper),
    violationMagnitudeBand: bandWidthMagnitude(y, lower, upper),
  };
}

function bandWidthMagnitude(y: Float64Array, lower: Float64Array, upper: Float64Array): number | null {
  for (let i = 0; i < y.length; i++) {
    if (upper[i] > lower[i]) {
      return violationMagnitude(y, lower, upper, { normalize: 'band' });
    }
  }
  return violationMagnitude(y, lower, upper) === 0 ? 0 : null;
}
