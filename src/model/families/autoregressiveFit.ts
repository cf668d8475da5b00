/**
 * Fitting the autoregressive family's regression: the seasonal period, the orders (BIC over one Gram matrix of
 * every candidate lag) and robust least squares (Hampel weights, as regression.ts), with a holdout of the last
 * rows. Every loop over rows runs in a kernel; loops here run over a handful of lags.
 */
import { ModelInputError } from '../errors';
import { holdoutStartIndex } from '../regression';
import { HAMPEL_KNEES, MAD_TO_SIGMA } from '../robust';
import type { Kernels } from '../types';
import { differencing, differencingSpan, regressionLags, type ArStructure } from './autoregressiveLags';

const DAY_MS = 86_400_000;
export const PERIODS_MS = { day: DAY_MS, week: 7 * DAY_MS } as const;
export type PeriodName = keyof typeof PERIODS_MS;

/** AR orders 'auto' tries (capped by the rows there are). */
const ORDER_CANDIDATES = [0, 1, 2, 3, 4, 6, 8, 12];
const MAX_SEASONAL_ORDER = 3;
/** Rows a fit needs at least, and per coefficient. */
const MIN_ROWS = 30;
const ROWS_PER_COEFFICIENT = 5;
/** 'auto' takes a period only when its lag correlation beats the half-period's by this much ... */
const MIN_SEASONAL_GAIN = 0.1;
/** ... and the week only when it beats the day by this much (the day has seven times the seasons to learn from). */
const WEEK_MARGIN = 0.05;
/** 'auto' takes a first difference when the AR coefficients of the undifferenced fit sum to this or more. */
const UNIT_ROOT_SUM = 0.97;
const MAX_ITERATIONS = 10;
const MIN_ITERATIONS = 3;
const TOLERANCE = 0.01;
/** Ridge on the normal equations, relative to their mean diagonal: keeps collinear lags (a constant series) solvable. */
const RIDGE = 1e-9;
/** Residual scales below this (scaled units) are rounding. */
export const SIGMA_FLOOR = 1e-9;

/** The series on its grid: `filled` has every cell (gaps filled), `keep` is 1 where a cell may be a target. */
export interface GridSeries {
  filled: Float64Array;
  keep: Float64Array;
}

/** The period in cells, or 0; ModelInputError when a named period does not fit the grid or the history. */
export function choosePeriod(
  kernels: Kernels,
  series: GridSeries,
  stepMs: number,
  setting: 'auto' | 'day' | 'week' | 'none'
): { name: PeriodName | 'none'; cells: number } {
  if (setting === 'none') {
    return { name: 'none', cells: 0 };
  }
  const cells = series.filled.length;
  const periodCells = (name: PeriodName) => Math.floor(PERIODS_MS[name] / stepMs + 0.5);
  const fits = (s: number) => s >= 2 && cells >= 2 * s + MIN_ROWS;
  if (setting !== 'auto') {
    const s = periodCells(setting);
    if (!fits(s)) {
      throw new ModelInputError(
        `ar_period "${setting}" needs a step under half a ${setting} and two ${setting}s of history; ` +
          `the series has ${cells} points at a ${stepMs / 1000}s step`
      );
    }
    return { name: setting, cells: s };
  }
  const gains: Array<{ name: PeriodName; cells: number; gain: number }> = [];
  for (const name of ['day', 'week'] as const) {
    const s = periodCells(name);
    if (fits(s)) {
      gains.push({ name, cells: s, gain: seasonalGain(kernels, series, s) });
    }
  }
  const day = gains.find((g) => g.name === 'day');
  const week = gains.find((g) => g.name === 'week');
  let best = day && day.gain >= MIN_SEASONAL_GAIN ? day : undefined;
  if (week && week.gain >= MIN_SEASONAL_GAIN && (!best || week.gain > best.gain + WEEK_MARGIN)) {
    best = week;
  }
  return best ? { name: best.name, cells: best.cells } : { name: 'none', cells: 0 };
}

/**
 * How much more a cell resembles the one a period back than the one half a period back: the difference of the
 * two lag correlations (one design of three columns and its Gram matrix). A trend makes both high, a cycle only
 * the first.
 */
function seasonalGain(kernels: Kernels, series: GridSeries, s: number): number {
  const cells = series.filled.length;
  const X = kernels.lagDesign(series.filled, Int32Array.of(0, Math.floor(s / 2), s), s, cells, false, series.keep);
  const rows = X.length / 3;
  const { gram } = kernels.weightedGram(X, rows, 3, new Float64Array(rows), null);
  const correlation = (j: number) => gram[j] / Math.sqrt(gram[0] * gram[4 * j]);
  const gain = correlation(2) - correlation(1);
  return Number.isFinite(gain) ? gain : 0;
}

/** w = the differenced series (over cells from differencingSpan on) and which of its cells may be targets. */
export function differenced(kernels: Kernels, series: GridSeries, s: ArStructure): GridSeries {
  const span = differencingSpan(s);
  const cells = series.filled.length;
  if (span === 0) {
    return series;
  }
  const d = differencing(s);
  const width = d.lags.length;
  const X = kernels.lagDesign(series.filled, Int32Array.from(d.lags), span, cells, false, null);
  return {
    filled: kernels.multiply(X, cells - span, width, Float64Array.from(d.coefficients)),
    keep: series.keep.subarray(span),
  };
}

/** Rows of a design on w with lags up to `maxLag`. */
function rowsAvailable(w: GridSeries, maxLag: number): number {
  return w.filled.length - maxLag;
}

function enoughRows(rows: number, coefficients: number): boolean {
  return rows >= MIN_ROWS && rows >= ROWS_PER_COEFFICIENT * coefficients;
}

export interface OrderChoice {
  order: number;
  seasonal_order: number;
  /** Sum of the non-seasonal AR coefficients of the chosen fit (the unit-root check). */
  ar_sum: number;
}

/**
 * The orders with the lowest Schwarz criterion (BIC), n ln(RSS / n) + k ln n, all on the same rows (AIC's 2k took
 * spurious lags on a simulated AR(2)): one design with every candidate lag
 * and the target as its last column, one Gram matrix, one small solve per candidate.
 */
export function chooseOrders(
  kernels: Kernels,
  w: GridSeries,
  base: Pick<ArStructure, 'period_cells' | 'intercept'>,
  setting: 'auto' | number,
  span: number
): OrderChoice {
  const s = base.period_cells;
  const orders = setting === 'auto' ? ORDER_CANDIDATES : [setting];
  const usable = orders.filter((p) => enoughRows(rowsAvailable(w, p), p + (base.intercept ? 1 : 0)));
  if (usable.length === 0) {
    const p = orders[0];
    const needed = span + p + Math.max(MIN_ROWS, ROWS_PER_COEFFICIENT * (p + 1));
    throw new ModelInputError(
      `the autoregressive model${setting === 'auto' ? '' : ` of ar_order ${p}`} needs ${needed} points on its ` +
        `grid; the series has ${w.filled.length + span}`
    );
  }
  const maxOrder = Math.max(...usable);
  let maxSeasonal = 0;
  if (s > 0) {
    for (let P = 1; P <= MAX_SEASONAL_ORDER; P++) {
      const rows = rowsAvailable(w, Math.max(maxOrder, P * s));
      if (rows >= s && enoughRows(rows, maxOrder + P + 1)) {
        maxSeasonal = P;
      }
    }
  }
  const structure = { ...base, difference: 0 as const, order: maxOrder, seasonal_order: maxSeasonal };
  const lags = [...regressionLags(structure), 0];
  const offset = base.intercept ? 1 : 0;
  const width = lags.length + offset;
  const from = Math.max(maxOrder, maxSeasonal * s);
  const X = kernels.lagDesign(w.filled, Int32Array.from(lags), from, w.filled.length, base.intercept, w.keep);
  const rows = X.length / width;
  if (!enoughRows(rows, 1)) {
    throw new ModelInputError(`the autoregressive model has ${rows} usable points on its grid; it needs ${MIN_ROWS}`);
  }
  const { gram } = kernels.weightedGram(X, rows, width, new Float64Array(rows), null);
  let best: (OrderChoice & { criterion: number }) | null = null;
  for (const p of usable) {
    for (let P = 0; P <= maxSeasonal; P++) {
      const columns = new Int32Array(offset + p + P);
      for (let i = 0; i < p; i++) {
        columns[offset + i] = offset + i;
      }
      for (let j = 0; j < P; j++) {
        columns[offset + p + j] = offset + maxOrder + j;
      }
      const { beta, rss } = solveColumns(kernels, gram, width, columns);
      const criterion =
        rows * Math.log(Math.max(rss, SIGMA_FLOOR * SIGMA_FLOOR * rows) / rows) + Math.log(rows) * columns.length;
      if (best === null || criterion < best.criterion) {
        let arSum = 0;
        for (let i = 0; i < p; i++) {
          arSum += beta[offset + i];
        }
        best = { order: p, seasonal_order: P, ar_sum: arSum, criterion };
      }
    }
  }
  const chosen = best as OrderChoice & { criterion: number };
  return { order: chosen.order, seasonal_order: chosen.seasonal_order, ar_sum: chosen.ar_sum };
}

/** Whether the undifferenced fit looks like a unit root (its AR coefficients sum to about 1). */
export function looksIntegrated(choice: OrderChoice): boolean {
  return choice.ar_sum >= UNIT_ROOT_SUM;
}

/**
 * Least squares of the target (the Gram matrix's last column) on `columns`, with a small ridge: the
 * coefficients and the residual sum of squares (kernels.solveColumns: the k² loop costs sobek more than the
 * solve when 'auto' tries every order).
 */
function solveColumns(
  kernels: Kernels,
  gram: Float64Array,
  width: number,
  columns: Int32Array
): { beta: Float64Array; rss: number } {
  const k = columns.length;
  const both = kernels.solveColumns(gram, width, columns, RIDGE, SIGMA_FLOOR);
  return { beta: both.subarray(0, k), rss: both[k] };
}

/** 0, 1, ..., k − 1. */
function firstColumns(k: number): Int32Array {
  const columns = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    columns[j] = j;
  }
  return columns;
}

export interface LeastSquaresFit {
  /** Intercept first when there is one, then one coefficient per regression lag (scaled units). */
  beta: Float64Array;
  /** One-step residuals of the target rows, and their robust weights. */
  residuals: Float64Array;
  weights: Float64Array;
  sigma: number;
  holdout: { outOfSample: Float64Array; inSample: Float64Array } | null;
}

function residualScale(kernels: Kernels, residuals: Float64Array): number {
  const mad = kernels.madSigma(residuals, MAD_TO_SIGMA);
  if (mad > 0) {
    return mad;
  }
  // Most residuals exactly zero (sparse counts): a scale from the upper tail of their magnitudes.
  const tail = kernels.quantile(kernels.scaled(residuals, 1, true, null), 0.99) / 2.576;
  return tail > 0 ? tail : SIGMA_FLOOR;
}

/**
 * The structure's regression on w by iteratively reweighted least squares (Hampel weights when `robust`), and
 * the residuals of the last rows under a fit of the rows before them.
 */
export function fitLeastSquares(kernels: Kernels, w: GridSeries, s: ArStructure, robust: boolean): LeastSquaresFit {
  const lags = [...regressionLags(s), 0];
  const offset = s.intercept ? 1 : 0;
  const width = lags.length + offset;
  const k = width - 1;
  const X = kernels.lagDesign(
    w.filled,
    Int32Array.from(lags),
    Math.max(0, ...lags),
    w.filled.length,
    s.intercept,
    w.keep
  );
  const rows = X.length / width;
  if (!enoughRows(rows, k)) {
    throw new ModelInputError(`the autoregressive model has ${rows} usable points on its grid for ${k} coefficients`);
  }
  const zeros = new Float64Array(rows);
  const unit = new Float64Array(width);
  unit[k] = 1;
  const target = kernels.multiply(X, rows, width, unit);
  const weights = new Float64Array(rows).fill(1);
  const deficit = new Float64Array(rows);
  const residuals = new Float64Array(rows);
  const columns = firstColumns(k);
  let beta: Float64Array = new Float64Array(k);
  let sigma = SIGMA_FLOOR;
  let weighted = false;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { gram } = kernels.weightedGram(X, rows, width, zeros, weighted ? weights : null);
    beta = solveColumns(kernels, gram, width, columns).beta;
    const change = kernels.updateResiduals(target, kernels.multiply(X, rows, width, padded(beta, width)), residuals);
    sigma = residualScale(kernels, residuals);
    if (!robust) {
      break;
    }
    kernels.hampelWeights(residuals, Math.max(sigma, SIGMA_FLOOR), weights, deficit, HAMPEL_KNEES);
    weighted = true;
    if (iteration + 1 >= MIN_ITERATIONS && change < TOLERANCE * sigma) {
      break;
    }
  }
  return { beta, residuals, weights, sigma, holdout: holdout(kernels, X, rows, width, target, weights, residuals) };
}

/** beta with a zero for the target column, for multiplying the design. */
function padded(beta: Float64Array, width: number): Float64Array {
  const out = new Float64Array(width);
  out.set(beta);
  return out;
}

function holdout(
  kernels: Kernels,
  X: Float64Array,
  rows: number,
  width: number,
  target: Float64Array,
  weights: Float64Array,
  residuals: Float64Array
): LeastSquaresFit['holdout'] {
  const k = width - 1;
  const start = holdoutStartIndex(rows, Math.max(k, 1));
  if (start >= rows || k === 0) {
    return null;
  }
  const head = kernels.weightedGram(X, start, width, new Float64Array(start), weights).gram;
  const beta = solveColumns(kernels, head, width, firstColumns(k)).beta;
  const outside = kernels.multiply(X.subarray(start * width), rows - start, width, padded(beta, width));
  const outOfSample = new Float64Array(rows - start);
  kernels.updateResiduals(target.subarray(start), outside, outOfSample);
  return { outOfSample, inSample: residuals.slice(start) };
}
