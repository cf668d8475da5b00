import { ModelInputError, resolveParams } from '../index';
import type { ModelParams } from '../index';
import type { ProgressOption } from '../progress';
import { CutoffOptions, planCutoffs } from './cutoffs';
import { CrossValidationRows } from './cvRows';
import { ForecastModel, foresightModel } from './forecastModel';
import {
  checkLabels,
  type EvaluationLabels,
  type JudgedFold,
  labelledParams,
  labelMetrics,
  type LabelMetrics,
} from './labels';
import { ScoredSeries, scoredSeries } from './scoredSeries';
import { bisectRight } from 'd3-array';
import { withContext } from './withContext';
import { resolveWindows } from './windows';
import { formatDuration } from './duration';
import { median } from '../statistics';

/** `onProgress` hears the fits done (one per cutoff) of all planned. */
export interface CrossValidationOptions extends CutoffOptions, ProgressOption {
  /** Cutoffs to use instead of computing them (e.g. shared across a tuning grid); epoch ms. */
  cutoffs?: ArrayLike<number>;
  /**
   * Most fits (one per cutoff) to run; default DEFAULT_MAX_FITS. Computed cutoffs beyond it are
   * dropped, oldest first; an explicit `cutoffs` list longer than it is refused.
   */
  maxFits?: number;
  /** The model to evaluate; default the Foresight model on TypeScript kernels. */
  model?: ForecastModel;
  /**
   * Labelled incidents and false alarms: the fits leave incidents out and take false alarms as `false_alarms`
   * (see labels.ts), the rows leave incidents out like exclusions, and each cutoff's held-out points, incidents
   * included, are also judged with their values for `label_metrics`.
   */
  labels?: EvaluationLabels;
}

/** Rows, and with labels how the held-out alarms met them. */
export interface LabelledCrossValidation {
  rows: CrossValidationRows;
  /** Null without labels. */
  label_metrics: LabelMetrics | null;
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
  return crossValidateLabelled(timestamps, values, params, options).rows;
}

/** `crossValidate`, and with `options.labels` the label metrics of its held-out alarms. */
export function crossValidateLabelled(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  options: CrossValidationOptions
): LabelledCrossValidation {
  const { horizon } = resolveWindows(options);
  const labels = options.labels === undefined ? null : checkLabels(options.labels);
  const fitParams = labels === null ? params : labelledParams(params, labels);
  const series = scoredSeries(timestamps, values, resolveParams(fitParams).exclude);
  // Judged with labels: every point outside the caller's own exclusions, incidents included.
  const judged = labels === null ? null : scoredSeries(timestamps, values, resolveParams(params).exclude);
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
  const folds: JudgedFold[] = [];
  cutoffs.forEach((cutoff, k) => {
    const fold = forecastAfterCutoff(model, series, judged, fitParams, cutoff, horizon);
    chunks.push(fold.rows);
    if (fold.judged !== null) {
      folds.push(fold.judged);
    }
    options.onProgress?.(k + 1, cutoffs.length);
  });
  return { rows: concatRows(chunks), label_metrics: labels === null ? null : labelMetrics(folds, labels) };
}

/**
 * " (the points are about 31d apart)": what initial, horizon and period must be measured against, named where a
 * sparse series (monthly data under the 1-day defaults) leaves a cutoff without training points.
 */
function spacingNote(timestamps: Float64Array): string {
  if (timestamps.length < 2) {
    return '';
  }
  const gaps = timestamps.subarray(1).map((t, i) => t - timestamps[i]);
  return ` (the points are about ${formatDuration(median(gaps))} apart)`;
}

function forecastAfterCutoff(
  model: ForecastModel,
  series: ScoredSeries,
  judged: ScoredSeries | null,
  params: Partial<ModelParams>,
  cutoff: number,
  horizon: number
): { rows: CrossValidationRows; judged: JudgedFold | null } {
  const trainEnd = bisectRight(series.timestamps, cutoff);
  const testEnd = bisectRight(series.timestamps, cutoff + horizon);
  if (trainEnd < 2) {
    throw new ModelInputError(
      `fewer than two points at or before cutoff ${isoTime(cutoff)}; increase initial${spacingNote(series.timestamps)}`
    );
  }
  const heldOut = judged === null ? null : heldOutPoints(judged, cutoff, horizon);
  if (testEnd === trainEnd && (heldOut === null || heldOut.timestamps.length === 0)) {
    return { rows: concatRows([]), judged: null };
  }
  const testTimes = series.timestamps.slice(trainEnd, testEnd);
  // Copies, so no model can reach points after the cutoff through a shared buffer.
  return withContext(`cutoff ${isoTime(cutoff)}`, () => {
    const fitted = model.fit(series.timestamps.slice(0, trainEnd), series.values.slice(0, trainEnd), params);
    const rows =
      testTimes.length === 0
        ? concatRows([])
        : forecastRows(model.predict(fitted, testTimes), testTimes, series.values.slice(trainEnd, testEnd), cutoff);
    return { rows, judged: heldOut === null ? null : judgeHeldOut(model, fitted, heldOut) };
  });
}

function forecastRows(
  forecast: ReturnType<ForecastModel['predict']>,
  testTimes: Float64Array,
  testValues: Float64Array,
  cutoff: number
): CrossValidationRows {
  const count = testTimes.length;
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
    y: testValues,
    yhat: Float64Array.from(forecast.yhat),
    yhat_lower: Float64Array.from(forecast.yhat_lower),
    yhat_upper: Float64Array.from(forecast.yhat_upper),
  };
}

/** The judged series' points in (cutoff, cutoff + horizon], copied. */
function heldOutPoints(judged: ScoredSeries, cutoff: number, horizon: number): ScoredSeries {
  const from = bisectRight(judged.timestamps, cutoff);
  const to = bisectRight(judged.timestamps, cutoff + horizon);
  return { timestamps: judged.timestamps.slice(from, to), values: judged.values.slice(from, to) };
}

/** Held-out points judged with their values, as detection would judge them. */
function judgeHeldOut(model: ForecastModel, fitted: unknown, heldOut: ScoredSeries): JudgedFold {
  const ds = heldOut.timestamps;
  if (ds.length === 0) {
    return { ds, outlier: new Int8Array(0) };
  }
  const outlier = model.predict(fitted, ds, heldOut.values).outlier;
  if (outlier === undefined) {
    throw new ModelInputError('the model gives no outlier flags, which label metrics need');
  }
  return { ds, outlier };
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
