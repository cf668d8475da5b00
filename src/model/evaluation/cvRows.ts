import { ModelInputError } from '../index';

/** Cross-validation output, one row per scored point, as Float64Array columns (Prophet's column names). */
export interface CrossValidationRows {
  /** The cutoff (epoch ms) whose fit produced the row; the fit saw only points at or before it. */
  cutoff: Float64Array;
  /** The scored point's time, in (cutoff, cutoff + horizon]. */
  ds: Float64Array;
  y: Float64Array;
  yhat: Float64Array;
  yhat_lower: Float64Array;
  yhat_upper: Float64Array;
}

export const CV_COLUMNS = ['cutoff', 'ds', 'y', 'yhat', 'yhat_lower', 'yhat_upper'] as const;

/** Row count, after checking the columns agree in length. */
export function rowCount(rows: CrossValidationRows): number {
  const n = rows.ds.length;
  for (const column of CV_COLUMNS) {
    if (rows[column].length !== n) {
      throw new ModelInputError(`cross-validation rows: column ${column} has ${rows[column].length} rows, ds has ${n}`);
    }
  }
  return n;
}
