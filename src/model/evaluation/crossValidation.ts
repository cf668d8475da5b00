import { ModelInputError, resolveParams } from '../index';
import type { ModelParams } from '../index';
import { CutoffOptions, planCutoffs } from './cutoffs';
import { CrossValidationRows } from './cvRows';
import { ForecastModel, foresightModel } from './forecastModel';
import { ScoredSeries, scoredSeries } from './scoredSeries';
import { upperBound } from './sortedSearch';
import { withContext } from './withContext';
import { resolveWindows } from './windows';

export interface CrossValidationOptions extends CutoffOptions {
  /** Cutoffs to use instead of computing them (e.g. shared across a tuning grid); epoch ms. */
  cutoffs?: ArrayLike<number>;
  /**
   * Most fits (one per cutoff) to run; default DEFAULT_MAX_FITS. Computed cutoffs beyond it are
   * dropped, oldest first; an explicit `cutoffs` list longer than it is refused.
   */
  maxFits?: number;
  /** The model to evaluate; default the Foresight model on TypeScript kernels. */
  model?: ForecastModel;
}

/** The one limit on fits that cross-validation and tuning share (cutoffs × grid combinations). */
export const DEFAULT_MAX_FITS = 200;

/**
 * Rolling-origin cross-validation (Prophet's `cross_validation`): for each cutoff, fit on the points
 * at or before it and forecast the points in (cutoff, cutoff + horizon]. Points with a missing value
 * and points inside `params.exclude` (known incidents) take part in neither fitting nor scoring, and
 * the cutoffs are placed on the remaining points, as Prophet places them on its cleaned history.
 * Rows come out ordered by cutoff, then time.
 */
export function crossValidate(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  options: CrossValidationOptions
): CrossValidationRows {
  const { horizon } = resolveWindows(options);
  const series = scoredSeries(timestamps, values, resolveParams(params).exclude);
  const maxFits = options.maxFits ?? DEFAULT_MAX_FITS;
  const cutoffs = options.cutoffs
    ? checkedCutoffs(options.cutoffs)
    : planCutoffs(series.timestamps, { ...options, maxCutoffs: Math.min(maxFits, options.maxCutoffs ?? Infinity) })
        .cutoffs;
  if (cutoffs.length > maxFits) {
    throw new ModelInputError(
      `cross-validation was given ${cutoffs.length} cutoffs, more than maxFits = ${maxFits} fits allow`
    );
  }
  const model = options.model ?? foresightModel();
  const chunks: CrossValidationRows[] = [];
  for (const cutoff of cutoffs) {
    chunks.push(forecastAfterCutoff(model, series, params, cutoff, horizon));
  }
  return concatRows(chunks);
}

function forecastAfterCutoff(
  model: ForecastModel,
  series: ScoredSeries,
  params: Partial<ModelParams>,
  cutoff: number,
  horizon: number
): CrossValidationRows {
  const trainEnd = upperBound(series.timestamps, cutoff);
  const testEnd = upperBound(series.timestamps, cutoff + horizon);
  if (trainEnd < 2) {
    throw new ModelInputError(`fewer than two points at or before cutoff ${isoTime(cutoff)}; increase initial`);
  }
  const testTimes = series.timestamps.slice(trainEnd, testEnd);
  const count = testTimes.length;
  if (count === 0) {
    return concatRows([]);
  }
  // Copies, so no model can reach points after the cutoff through a shared buffer.
  const forecast = withContext(`cutoff ${isoTime(cutoff)}`, () => {
    const fitted = model.fit(series.timestamps.slice(0, trainEnd), series.values.slice(0, trainEnd), params);
    return model.predict(fitted, testTimes);
  });
  for (const column of ['yhat', 'yhat_lower', 'yhat_upper'] as const) {
    const out = forecast[column];
    for (let i = 0; i < count; i++) {
      if (!Number.isFinite(out[i])) {
        throw new Error(
          `model returned a non-finite ${column} at ${isoTime(testTimes[i])} (cutoff ${isoTime(cutoff)})`
        );
      }
    }
  }
  return {
    cutoff: new Float64Array(count).fill(cutoff),
    ds: testTimes,
    y: series.values.slice(trainEnd, testEnd),
    yhat: Float64Array.from(forecast.yhat),
    yhat_lower: Float64Array.from(forecast.yhat_lower),
    yhat_upper: Float64Array.from(forecast.yhat_upper),
  };
}

function checkedCutoffs(cutoffs: ArrayLike<number>): number[] {
  const list = Array.from(cutoffs);
  if (list.length === 0) {
    throw new ModelInputError('cutoffs is empty');
  }
  list.forEach((c, i) => {
    if (!Number.isFinite(c)) {
      throw new ModelInputError(`cutoff at index ${i} is not a finite number (${String(c)})`);
    }
  });
  return list.sort((a, b) => a - b);
}

function concatRows(chunks: CrossValidationRows[]): CrossValidationRows {
  const total = chunks.reduce((sum, chunk) => sum + chunk.ds.length, 0);
  const out: CrossValidationRows = {
    cutoff: new Float64Array(total),
    ds: new Float64Array(total),
    y: new Float64Array(total),
    yhat: new Float64Array(total),
    yhat_lower: new Float64Array(total),
    yhat_upper: new Float64Array(total),
  };
  let offset = 0;
  for (const chunk of chunks) {
    for (const column of Object.keys(out) as Array<keyof CrossValidationRows>) {
      out[column].set(chunk[column], offset);
    }
    offset += chunk.ds.length;
  }
  return out;
}

function isoTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
