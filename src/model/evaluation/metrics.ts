import { ModelInputError } from '../index';

/**
 * Point-error metrics with Prophet's definitions (`performance_metrics`), over paired arrays.
 * Rows where any input is NaN or infinite are ignored (NaN means "missing" throughout the model).
 * Every function throws ModelInputError on arrays of different lengths or when no usable row is left,
 * so no NaN leaves this module.
 */

/** |y| below this counts as zero for the percentage errors (Prophet's threshold). */
export const PERCENT_ERROR_ZERO = 1e-8;

type Series = ArrayLike<number>;

/** Mean squared error. */
export function mse(y: Series, yhat: Series): number {
  return meanOver('mse', [y, yhat], (i) => (y[i] - yhat[i]) ** 2);
}

/** Root mean squared error. */
export function rmse(y: Series, yhat: Series): number {
  return Math.sqrt(mse(y, yhat));
}

/** Mean absolute error. */
export function mae(y: Series, yhat: Series): number {
  return meanOver('mae', [y, yhat], (i) => Math.abs(y[i] - yhat[i]));
}

/**
 * Mean absolute percentage error, mean(|y − ŷ| / |y|), as a fraction (0.1 = 10%).
 * Rows with |y| < 1e-8 are skipped (the ratio is undefined there); null when every row is such a row.
 */
export function mape(y: Series, yhat: Series): number | null {
  const errors = percentErrors('mape', y, yhat);
  return errors.length === 0 ? null : errors.reduce((s, e) => s + e, 0) / errors.length;
}

/** Median absolute percentage error; skips |y| < 1e-8 like `mape`, null when nothing is left. */
export function mdape(y: Series, yhat: Series): number | null {
  const errors = percentErrors('mdape', y, yhat);
  return errors.length === 0 ? null : median(errors);
}

/** Symmetric MAPE as Prophet defines it: mean(2|y − ŷ| / (|y| + |ŷ|)), with 0/0 (both zero) counted as 0. In [0, 2]. */
export function smape(y: Series, yhat: Series): number {
  return meanOver('smape', [y, yhat], (i) => symmetricPercentError(y[i], yhat[i]));
}

/** Share of rows with lower ≤ y ≤ upper. */
export function coverage(y: Series, lower: Series, upper: Series): number {
  return meanOver('coverage', [y, lower, upper], (i) => (y[i] >= lower[i] && y[i] <= upper[i] ? 1 : 0));
}

/** Number of rows with y outside [lower, upper] (the complement of `coverage`, as a count). */
export function violations(y: Series, lower: Series, upper: Series): number {
  let count = 0;
  forEachUsable('violations', [y, lower, upper], (i) => {
    if (distanceOutside(y[i], lower[i], upper[i]) > 0) {
      count++;
    }
  });
  return count;
}

export interface ViolationMagnitudeOptions {
  /**
   * 'none' (default): distances in y units. 'band': each distance divided by that row's band width
   * (upper − lower), so the result reads "band widths outside the band" and compares across series.
   * A zero-width row is divided by the mean positive width of all rows instead.
   */
  normalize?: 'none' | 'band';
}

/**
 * Mean distance outside the band over the violating rows only (0 when nothing violates): how far a
 * violation goes on average, independent of how many there are (that is `violations`).
 * @throws ModelInputError for 'band' normalisation when every band has zero width.
 */
export function violationMagnitude(
  y: Series,
  lower: Series,
  upper: Series,
  options: ViolationMagnitudeOptions = {}
): number {
  const normalize = options.normalize ?? 'none';
  let widthSum = 0;
  let widthCount = 0;
  const violating: number[] = [];
  forEachUsable('violationMagnitude', [y, lower, upper], (i) => {
    const width = upper[i] - lower[i];
    if (width > 0) {
      widthSum += width;
      widthCount++;
    }
    if (distanceOutside(y[i], lower[i], upper[i]) > 0) {
      violating.push(i);
    }
  });
  if (violating.length === 0) {
    return 0;
  }
  if (normalize === 'band' && widthCount === 0) {
    throw new ModelInputError('violationMagnitude: every band has zero width, so it cannot be normalised by width');
  }
  const fallbackWidth = widthCount > 0 ? widthSum / widthCount : 1;
  let total = 0;
  for (const i of violating) {
    const distance = distanceOutside(y[i], lower[i], upper[i]);
    const width = upper[i] - lower[i];
    total += normalize === 'band' ? distance / (width > 0 ? width : fallbackWidth) : distance;
  }
  return total / violating.length;
}

/** How far y lies outside [lower, upper]; 0 inside or on the edge. */
export function distanceOutside(y: number, lower: number, upper: number): number {
  if (y > upper) {
    return y - upper;
  }
  if (y < lower) {
    return lower - y;
  }
  return 0;
}

/** Prophet's per-row smape term, 0 when y and ŷ are both 0. */
export function symmetricPercentError(y: number, yhat: number): number {
  const denominator = Math.abs(y) + Math.abs(yhat);
  return denominator === 0 ? 0 : (2 * Math.abs(y - yhat)) / denominator;
}

/** Median of a non-empty list (mean of the two middle values for an even count); sorts a copy. */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function percentErrors(name: string, y: Series, yhat: Series): number[] {
  const errors: number[] = [];
  forEachUsable(name, [y, yhat], (i) => {
    if (Math.abs(y[i]) >= PERCENT_ERROR_ZERO) {
      errors.push(Math.abs(y[i] - yhat[i]) / Math.abs(y[i]));
    }
  });
  return errors;
}

function meanOver(name: string, columns: Series[], term: (i: number) => number): number {
  let sum = 0;
  const count = forEachUsable(name, columns, (i) => {
    sum += term(i);
  });
  return sum / count;
}

/** Calls `visit` for each row where every column is finite; returns how many; throws if none. */
function forEachUsable(name: string, columns: Series[], visit: (i: number) => void): number {
  const n = columns[0].length;
  for (const column of columns) {
    if (column.length !== n) {
      throw new ModelInputError(
        `${name}: input arrays differ in length (${columns.map((c) => c.length).join(' vs ')})`
      );
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (columns.every((column) => Number.isFinite(column[i]))) {
      visit(i);
      count++;
    }
  }
  if (count === 0) {
    throw new ModelInputError(`${name}: no row where every input is a finite number (${n} rows given)`);
  }
  return count;
}
