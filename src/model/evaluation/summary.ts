import { CrossValidationRows, rowCount } from './cvRows';
import { ModelInputError } from '../errors';
import { distanceOutside, median, PERCENT_ERROR_ZERO, symmetricPercentError } from './metrics';

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

/**
 * Summarises cross-validation rows (or any rows with y, yhat and a band): the same numbers as the metric functions
 * of metrics.ts, to the last bit, read in one pass. Selection summarises every candidate's rows, and in the
 * backend's script engine the nine passes with a callback per row each took about a third of a selection's
 * script time (bench/results/selection-cost.md). Rows where y or ŷ is not finite leave the point metrics out;
 * rows where y or a band edge is not finite leave the band metrics out; ModelInputError as the metric functions
 * throw it when either set is empty.
 */
export function summarizeRows(rows: CrossValidationRows): MetricSummary {
  const n = rowCount(rows);
  const { y, yhat, yhat_lower: lower, yhat_upper: upper } = rows;
  let points = 0;
  let squared = 0;
  let absolute = 0;
  let symmetric = 0;
  const percent = new Float64Array(n);
  let percentCount = 0;
  let banded = 0;
  let inside = 0;
  let distanceSum = 0;
  let widthSum = 0;
  let widthCount = 0;
  let anyWidth = false;
  const violating: number[] = [];
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    const fi = yhat[i];
    const lo = lower[i];
    const up = upper[i];
    anyWidth = anyWidth || up > lo;
    if (!Number.isFinite(yi)) {
      continue;
    }
    if (Number.isFinite(fi)) {
      const error = yi - fi;
      points++;
      squared += error ** 2;
      absolute += Math.abs(error);
      symmetric += symmetricPercentError(yi, fi);
      if (Math.abs(yi) >= PERCENT_ERROR_ZERO) {
        percent[percentCount++] = Math.abs(error) / Math.abs(yi);
      }
    }
    if (Number.isFinite(lo) && Number.isFinite(up)) {
      banded++;
      inside += yi >= lo && yi <= up ? 1 : 0;
      const width = up - lo;
      if (width > 0) {
        widthSum += width;
        widthCount++;
      }
      const distance = distanceOutside(yi, lo, up);
      if (distance > 0) {
        distanceSum += distance;
        violating.push(i);
      }
    }
  }
  if (points === 0) {
    throw new ModelInputError(`mse: no row where every input is a finite number (${n} rows given)`);
  }
  if (banded === 0) {
    throw new ModelInputError(`violations: no row where every input is a finite number (${n} rows given)`);
  }
  const percentErrors = percent.subarray(0, percentCount);
  let percentSum = 0;
  for (const e of percentErrors) {
    percentSum += e;
  }
  const count = violating.length;
  const meanSquared = squared / points;
  return {
    n,
    mse: meanSquared,
    rmse: Math.sqrt(meanSquared),
    mae: absolute / points,
    mape: percentCount === 0 ? null : percentSum / percentCount,
    mdape: percentCount === 0 ? null : median(percentErrors),
    smape: symmetric / points,
    coverage: inside / banded,
    violations: count,
    violationRate: count / n,
    violationMagnitude: count === 0 ? 0 : distanceSum / count,
    violationMagnitudeBand: bandWidthMagnitude(rows, violating, anyWidth, widthCount > 0 ? widthSum / widthCount : 0),
  };
}

/**
 * Mean distance outside the band in band widths over the violating rows (violationMagnitude with
 * `normalize: 'band'`): a zero-width row is divided by the mean positive width; 0 without violations; null when
 * a violation exists but no row has a band wider than zero; ModelInputError, as the metric throws it, when only
 * rows left out (y not finite) have one.
 */
function bandWidthMagnitude(
  rows: CrossValidationRows,
  violating: readonly number[],
  anyWidth: boolean,
  meanWidth: number
): number | null {
  if (violating.length === 0) {
    return 0;
  }
  if (!anyWidth) {
    return null;
  }
  if (!(meanWidth > 0)) {
    throw new ModelInputError('violationMagnitude: every band has zero width, so it cannot be normalised by width');
  }
  const { y, yhat_lower: lower, yhat_upper: upper } = rows;
  let total = 0;
  for (const i of violating) {
    const width = upper[i] - lower[i];
    total += distanceOutside(y[i], lower[i], upper[i]) / (width > 0 ? width : meanWidth);
  }
  return total / violating.length;
}
