/**
 * The autoregressive family: a seasonal ARIMA(p, d, 0)(P, D, 0) fitted by robust least squares on a regular grid.
 *
 * The series is placed on a grid at its median spacing (several points in a cell are averaged; empty cells are
 * gaps), differenced one period back (a day or a week, when the history shows it) and optionally one cell back,
 * and the differenced series is regressed on its own last `ar_order` values and on the values 1..P periods back.
 * Fitting runs twice: the first fit fills gaps and replaces values far from their one-step prediction (past
 * incidents), the second learns from the cleaned series with Hampel weights, so an incident in the history bends
 * neither the coefficients nor the lags of later points. Judging predicts each point one step ahead from the
 * values before it, replacing values outside the outlier band by their predictions as it goes; a forecast runs
 * the same recursion on, and its band widens with the fitted process's psi weights.
 */
import { ModelInputError } from '../errors';
import { screenGrossValues } from '../grossValues';
import { MAX_POINTS, selectTrainingData, toTimestamps } from '../input';
import { resolveParams } from '../params';
import { bandFromResiduals, holdoutInflation, type ResidualSummary } from '../uncertainty';
import type { ArFiltered, GridSpec, Kernels, ModelParams, Prediction } from '../types';
import {
  chooseOrders,
  choosePeriod,
  differenced,
  fitLeastSquares,
  looksIntegrated,
  SIGMA_FLOOR,
  type GridSeries,
  type PeriodName,
} from './autoregressiveFit';
import { differencingSpan, recursionOf, type ArStructure, type LagRecursion } from './autoregressiveLags';
import type { FittedFamily } from './family';
import { judgedPrediction, valuesToJudge } from '../judgedPrediction';

/** Version 2 keeps the tail as base64 text of its float64 values (autoregressiveJson.ts); version 1 is still read. */
export const AUTOREGRESSIVE_VERSION = 2;

/** The most recent cells a fit learns from; older points are left out. */
const MAX_TRAINING_CELLS = 262_144;
/** Horizons the psi weights are worked out to; the band stops widening past it. */
const MAX_PSI_STEPS = 20_000;
/** Training values this many one-step scales from their prediction are replaced by it as lags of later cells. */
const CLEAN_SCALES = 4.5;
/** How long a run of replaced values may last before it is taken as a new level rather than an incident. */
const MAX_REPLACED_RUN_MS = 2 * 3_600_000;
const MIN_REPLACED_RUN = 3;
/**
 * Most of the observed cells the first fit may replace. Past it the replacements feed each other (a replaced
 * value is the lag of the next prediction and of the same time a period later: on Yosemite's temperatures a
 * 4.5-scale rule replaced 6,187 of 13,000 cells), so training keeps every value and relies on its Hampel weights.
 */
const MAX_REPLACED_SHARE = 0.02;

export interface FittedAutoregressive extends FittedFamily {
  family: 'autoregressive';
  version: typeof AUTOREGRESSIVE_VERSION;
  /** Cell 0 of the model's grid and its step. */
  grid: GridSpec;
  /** y = center + y_scale × x: the regression runs on x. */
  center: number;
  y_scale: number;
  period: PeriodName | 'none';
  structure: ArStructure;
  /** Intercept first when there is one, then one coefficient per regression lag (x units). */
  coefficients: Float64Array;
  /** The cleaned x of the cells just before the end of training (as many as the recursion reaches back). */
  tail: Float64Array;
  tail_start_cell: number;
  /** Replaced values in a row before they are taken as a new level. */
  max_run: number;
  /** Predictions stay within these (x units): the training range widened by itself on either side. */
  lowest: number;
  highest: number;
  /** Standard deviation of a one-step error, and of the series about its center (y units). */
  one_step_sd: number;
  level_sd: number;
  residuals: ResidualSummary;
  nonnegative: boolean;
  /** Training values replaced by their predictions (past incidents). */
  n_cleaned: number;
}

function cellOf(t: number, grid: GridSpec): number {
  return Math.floor((t - grid.origin_ms) / grid.step_ms + 0.5);
}

/** (v − center) / scale for every value. */
function toScaled(kernels: Kernels, values: Float64Array, center: number, scale: number): Float64Array {
  const out = kernels.scaled(values, 1 / scale, false, null);
  kernels.addScaled(out, new Float64Array(out.length).fill(1), -center / scale);
  return out;
}

/** center + scale × x for every x. */
function fromScaled(kernels: Kernels, xs: Float64Array, center: number, scale: number): Float64Array {
  const out = kernels.scaled(xs, scale, false, null);
  kernels.addScaled(out, new Float64Array(out.length).fill(1), center);
  return out;
}

/** A spread for y: the 99th percentile of |y − center|, so a few spikes do not set it (as forecaster.ts). */
function spreadOf(kernels: Kernels, values: Float64Array, center: number): number {
  const abs = kernels.scaled(toScaled(kernels, values, center, 1), 1, true, null);
  const [q99, max] = kernels.quantiles(abs, Float64Array.of(0.99, 1));
  return q99 > 0 ? q99 : max > 0 ? max : 1;
}

function maxRun(stepMs: number): number {
  return Math.max(MIN_REPLACED_RUN, Math.ceil(MAX_REPLACED_RUN_MS / stepMs));
}

function filteredArrays(cells: number): ArFiltered {
  return {
    cleaned: new Float64Array(cells),
    predicted: new Float64Array(cells),
    extra_variance: new Float64Array(cells),
    kept: new Float64Array(cells),
  };
}

interface FilterRule {
  /** Values further below or above their prediction than these (x units) are replaced ... */
  below: number;
  above: number;
  /** ... up to this many in a row. */
  run: number;
  /** Predictions are held within these (x units). */
  lowest: number;
  highest: number;
}

const KEEP_EVERYTHING: FilterRule = { below: Infinity, above: Infinity, run: 0, lowest: -Infinity, highest: Infinity };

/** Runs the recursion over `raw` (x units, NaN for gaps) under `rule`. */
function filter(
  kernels: Kernels,
  raw: Float64Array,
  recursion: LagRecursion,
  rule: FilterRule
): { out: ArFiltered; replaced: number } {
  const out = filteredArrays(raw.length);
  const replaced = kernels.arRecursion(
    raw,
    {
      lags: recursion.lags,
      coefficients: recursion.coefficients,
      constant: recursion.constant,
      start: recursion.max_lag,
      seasonal_from: recursion.seasonal_from,
      limit_below: rule.below,
      limit_above: rule.above,
      max_run: rule.run,
      lowest: rule.lowest,
      highest: rule.highest,
      horizon_variance: kernels.arPsiVariance(
        recursion.lags,
        recursion.coefficients,
        Math.max(1, Math.min(raw.length, MAX_PSI_STEPS))
      ),
    },
    out
  );
  return { out, replaced };
}

/** Gaps filled by carrying the last value forward; every value kept. */
function carriedForward(kernels: Kernels, raw: Float64Array): GridSeries {
  const recursion: LagRecursion = {
    lags: Int32Array.of(1),
    coefficients: Float64Array.of(1),
    constant: 0,
    max_lag: 1,
    seasonal_from: 0,
  };
  const { out } = filter(kernels, raw, recursion, KEEP_EVERYTHING);
  return { filled: out.cleaned, keep: out.kept };
}

/**
 * The structure and its orders for a series on the grid: period, difference, AR and seasonal orders; with the
 * differenced series it chose them on, which the fit regresses on as well.
 */
function chooseStructure(
  kernels: Kernels,
  series: GridSeries,
  period: number,
  params: ModelParams,
  difference: 0 | 1
): { structure: ArStructure; w: GridSeries } {
  const base = {
    period_cells: period,
    difference,
    order: 0,
    seasonal_order: 0,
    intercept: difference + (period > 0 ? 1 : 0) <= 1,
  };
  const w = differenced(kernels, series, base);
  const choice = chooseOrders(kernels, w, base, params.ar_order, differencingSpan(base));
  if (params.ar_difference === 'auto' && difference === 0 && looksIntegrated(choice)) {
    return chooseStructure(kernels, series, period, params, 1);
  }
  return { structure: { ...base, order: choice.order, seasonal_order: choice.seasonal_order }, w };
}

/**
 * One-step residuals of every observed cell the recursion predicted, incidents included (weight 0; the others
 * weight 1): the band's tail and burst scales must see the bursts a sparse series has, as the decomposition's do.
 */
function oneStepResiduals(
  kernels: Kernels,
  raw: Float64Array,
  observed: Float64Array,
  filtered: ArFiltered,
  start: number
): { residuals: Float64Array; weights: Float64Array } {
  const all = new Float64Array(raw.length);
  kernels.updateResiduals(raw, filtered.predicted, all);
  const predicted = observed.slice();
  predicted.fill(0, 0, Math.min(start, raw.length));
  return {
    residuals: kernels.scaled(all, 1, false, predicted),
    weights: kernels.scaled(filtered.kept, 1, false, predicted),
  };
}

function halfResolution(kernels: Kernels, values: Float64Array): number {
  const gaps = kernels.differences(values, true, true);
  return gaps.length > 0 ? kernels.quantile(gaps, 0) / 2 : 0;
}

export function fitAutoregressive(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels
): FittedAutoregressive {
  const resolved = resolveParams(params);
  const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
  const n = train.timestamps.length;
  if (n < 2 || !(train.timestamps[n - 1] > train.timestamps[0])) {
    throw new ModelInputError('the series needs at least two distinct timestamps with ordinary values');
  }
  const step = kernels.quantile(kernels.differences(train.timestamps, false, true), 0.5);
  const span = Math.floor((train.timestamps[n - 1] - train.timestamps[0]) / step + 0.5) + 1;
  const cells = Math.min(span, MAX_TRAINING_CELLS);
  const grid = { origin_ms: train.timestamps[0] + (span - cells) * step, step_ms: step };
  const center = kernels.quantile(train.values, 0.5);
  const yScale = spreadOf(kernels, train.values, center);
  const raw = new Float64Array(cells).fill(NaN);
  kernels.gridSeries(train.timestamps, toScaled(kernels, train.values, center, yScale), grid, raw);

  // First pass: gaps carried forward, every observed cell a target.
  const first = carriedForward(kernels, raw);
  const period = choosePeriod(kernels, first, step, resolved.ar_period);
  const firstChoice = chooseStructure(kernels, first, period.cells, resolved, resolved.ar_difference === 1 ? 1 : 0);
  const firstStructure = firstChoice.structure;
  const firstFit = fitLeastSquares(kernels, firstChoice.w, firstStructure, resolved.robust);

  // Second pass: gaps filled and incidents replaced by the first fit's predictions.
  const [min, max] = kernels.quantiles(train.values, Float64Array.of(0, 1));
  const [lowest, highest] = [(min - center) / yScale, (max - center) / yScale];
  const limit = resolved.robust ? CLEAN_SCALES * firstFit.sigma : Infinity;
  const rule: FilterRule = {
    below: limit,
    above: limit,
    run: maxRun(step),
    lowest: lowest - (highest - lowest),
    highest: highest + (highest - lowest),
  };
  let cleaned = filter(kernels, raw, recursionOf(firstStructure, firstFit.beta), rule);
  if (cleaned.replaced > MAX_REPLACED_SHARE * kernels.scaled(first.keep, 1, false, first.keep).length) {
    Object.assign(rule, { below: Infinity, above: Infinity });
    cleaned = filter(kernels, raw, recursionOf(firstStructure, firstFit.beta), rule);
  }
  const second: GridSeries = { filled: cleaned.out.cleaned, keep: cleaned.out.kept };
  const secondChoice = chooseStructure(kernels, second, period.cells, resolved, firstStructure.difference);
  const structure = secondChoice.structure;
  const result = fitLeastSquares(kernels, secondChoice.w, structure, resolved.robust);

  const recursion = recursionOf(structure, result.beta);
  const final = filter(kernels, raw, recursion, rule);
  const tailLength = Math.min(recursion.max_lag, cells);
  const band = oneStepResiduals(kernels, raw, first.keep, final.out, recursion.max_lag);
  const residuals = bandFromResiduals(
    kernels,
    band.residuals,
    band.weights,
    halfResolution(kernels, train.values),
    yScale,
    {
      interval_width: resolved.interval_width,
      outlier_width: resolved.outlier_width,
      n_features: result.beta.length,
      inflation: holdoutInflation(kernels, result.holdout),
      holdout: result.holdout?.outOfSample,
    }
  );
  const oneStep = Math.max((residuals.band_below + residuals.band_above) / (2 * residuals.z), SIGMA_FLOOR * yScale);
  const levelSd = kernels.madSigma(train.values, 1.4826);
  return {
    family: 'autoregressive',
    version: AUTOREGRESSIVE_VERSION,
    params: resolved,
    history_start: train.timestamps[0],
    history_end: train.timestamps[n - 1],
    n_train: n,
    grid,
    center,
    y_scale: yScale,
    period: period.name,
    structure,
    coefficients: result.beta,
    tail: final.out.cleaned.slice(cells - tailLength),
    tail_start_cell: cells - tailLength,
    max_run: rule.run,
    lowest: rule.lowest,
    highest: rule.highest,
    one_step_sd: oneStep,
    level_sd: Math.max(levelSd, oneStep),
    residuals,
    nonnegative: resolved.nonnegative === 'auto' ? train.min >= 0 : resolved.nonnegative,
    n_cleaned: final.replaced,
  };
}

function flatRanges(exclude: ModelParams['exclude']): Float64Array {
  return Float64Array.from(exclude.flat());
}

/**
 * One-step predictions where the values before a point are known (given `values`, or the model's tail), a
 * forecast beyond them, and the series' center with its spread where no value reaches back far enough.
 */
export function predictAutoregressive(
  fitted: FittedAutoregressive,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  kernels: Kernels
): Prediction {
  const ts = toTimestamps(timestamps, kernels);
  const n = ts.length;
  const vs = valuesToJudge(values, n);
  const { grid, tail, center, y_scale: yScale } = fitted;
  const recursion = recursionOf(fitted.structure, fitted.coefficients);
  const tailEnd = fitted.tail_start_cell + tail.length - 1;
  let lo = fitted.tail_start_cell;
  let hi = tailEnd;
  let usable = 0;
  const usableTimes = new Float64Array(vs === null ? 0 : n);
  const usableValues = new Float64Array(usableTimes.length);
  if (n > 0) {
    hi = Math.max(hi, cellOf(kernels.quantile(ts, 1), grid));
    if (vs !== null) {
      usable = kernels.trainingRows(ts, vs, flatRanges(fitted.params.exclude), usableTimes, usableValues);
      if (usable > 0) {
        lo = Math.min(lo, cellOf(usableTimes[0], grid));
      }
    }
  }
  const cells = hi - lo + 1;
  if (cells > MAX_POINTS) {
    throw new ModelInputError(
      `the autoregressive model would run ${cells} steps of ${grid.step_ms / 1000}s to reach these times; ` +
        `the limit is ${MAX_POINTS}`
    );
  }
  const here: GridSpec = { origin_ms: grid.origin_ms + lo * grid.step_ms, step_ms: grid.step_ms };
  const raw = new Float64Array(cells).fill(NaN);
  raw.set(tail, fitted.tail_start_cell - lo);
  if (usable > 0) {
    const scaledValues = toScaled(kernels, usableValues.subarray(0, usable), center, yScale);
    kernels.gridSeries(usableTimes.subarray(0, usable), scaledValues, here, raw);
  }
  const r = fitted.residuals;
  const { out } = filter(kernels, raw, recursion, {
    below: r.outlier_below / yScale,
    above: r.outlier_above / yScale,
    run: fitted.max_run,
    lowest: fitted.lowest,
    highest: fitted.highest,
  });
  const oneStep2 = fitted.one_step_sd * fitted.one_step_sd;
  const levelMultiplier = (fitted.level_sd * fitted.level_sd) / oneStep2;
  const yhat = fromScaled(kernels, kernels.gridLookup(ts, here, out.predicted, 0), center, yScale);
  const extra = kernels.scaled(
    kernels.gridLookup(ts, here, out.extra_variance, levelMultiplier),
    oneStep2,
    false,
    null
  );
  return judgedPrediction(kernels, fitted, ts, yhat, vs, extra, (judgedYhat) => ({ trend: judgedYhat.slice() }));
}
