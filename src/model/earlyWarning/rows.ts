/**
 * The outlook from many rows judged by one model (an online block, or the last row of a batch fit): one prediction
 * over a regular grid that covers every row's lead time, then `breachOutlook` on each row's slice of it.
 */
import { bisectLeft } from 'd3-array';
import { ModelInputError } from '../errors';
import type { FittedFamily } from '../families/family';
import { predictModel, withLearnedDaysOnly } from '../families/registry';
import type { Kernels } from '../types';
import { pastThreshold, type Thresholds } from './inputs';
import { breachOutlook, type OutlookAnchor } from './outlook';
import { MIN_LINE_POINTS, recentLines } from './recentLine';

export interface RowOutlookOptions {
  leadMs: number;
  /** Spacing of the forecast grid (the series' own spacing is the natural choice). */
  stepMs: number;
  thresholds: Thresholds;
  /**
   * Anchor each row's outlook to the line through the residuals of this window before it (see outlook.ts); needs
   * the series passed as `recent`. Default: the lead time.
   */
  anchorWindowMs?: number;
}

/** The series (ascending) up to and including the rows, to anchor the outlooks with. */
export interface RecentSeries {
  timestamps: Float64Array;
  values: Float64Array;
}

/** Per row: ms until the expectation crosses (NaN: no crossing within the lead) and the crossing probability. */
export interface RowOutlooks {
  eta_ms: Float64Array;
  probability: Float64Array;
}

/** At most this many grid steps in one lead time. */
export const MAX_LEAD_STEPS = 100_000;

/**
 * `rowValues`, aligned with `rowTimes`, settle each row by its own value (settleByValue): rows at the same time are
 * separate rows, each judged on its own value, so one row's value must not decide another's outlook.
 */
export function outlooksFrom(
  model: FittedFamily,
  rowTimes: ArrayLike<number>,
  options: RowOutlookOptions,
  kernels?: Kernels,
  recent?: RecentSeries,
  rowValues?: ArrayLike<number>
): RowOutlooks {
  const { leadMs, stepMs, thresholds } = options;
  const n = rowTimes.length;
  const out: RowOutlooks = { eta_ms: new Float64Array(n).fill(NaN), probability: new Float64Array(n) };
  if (n === 0) {
    return out;
  }
  if (!(stepMs > 0 && Number.isFinite(stepMs)) || !(leadMs > 0 && Number.isFinite(leadMs))) {
    throw new ModelInputError('the outlook needs a positive lead time and step');
  }
  if (leadMs / stepMs > MAX_LEAD_STEPS) {
    throw new ModelInputError(`the lead time holds more than ${MAX_LEAD_STEPS} steps of the series' spacing`);
  }
  const first = rowTimes[0];
  const steps = Math.floor((rowTimes[n - 1] - first + leadMs) / stepMs);
  const grid = Float64Array.from({ length: Math.max(steps, 1) }, (_, k) => first + (k + 1) * stepMs);
  const forecast = predictModel(withLearnedDaysOnly(model), grid, undefined, kernels);
  const anchors =
    recent === undefined ? null : anchorLines(model, rowTimes, recent, options.anchorWindowMs ?? leadMs, kernels);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const from = rowTimes[i];
    // Grid points in (from, from + leadMs]; both bounds only move forward with ascending rows.
    while (lo < grid.length && grid[lo] <= from) {
      lo++;
    }
    hi = Math.max(hi, lo);
    while (hi < grid.length && grid[hi] <= from + leadMs) {
      hi++;
    }
    if (hi === lo) {
      continue;
    }
    const slice = {
      timestamps: grid.subarray(lo, hi),
      yhat: forecast.yhat.subarray(lo, hi),
      yhat_lower: forecast.yhat_lower.subarray(lo, hi),
      yhat_upper: forecast.yhat_upper.subarray(lo, hi),
    };
    const result = breachOutlook({
      fromMs: from,
      leadMs,
      forecast: slice,
      interval_width: model.params.interval_width,
      thresholds,
      anchor: anchors?.(i),
    });
    out.eta_ms[i] = result.eta_ms ?? NaN;
    out.probability[i] = result.probability;
    if (rowValues !== undefined) {
      settleByValue(out, i, rowValues[i], thresholds);
    }
  }
  return out;
}

/**
 * As the backend answers a live rule: a row already past a threshold is a breach now, and a row without a value
 * has no outlook; a row with a value inside the thresholds (or none known) keeps its forecast's outlook.
 */
export function settleByValue(out: RowOutlooks, i: number, value: number | undefined, thresholds: Thresholds): void {
  if (value !== undefined && Number.isNaN(value)) {
    out.eta_ms[i] = NaN;
    out.probability[i] = NaN;
  } else if (value !== undefined && pastThreshold(value, thresholds)) {
    out.eta_ms[i] = 0;
    out.probability[i] = 1;
  }
}

/**
 * The anchor of one outlook from fromMs: the line through `model`'s residuals on `recent` over the window up to
 * fromMs, or undefined when the window holds too few values. `recent` must ascend.
 */
export function anchorAt(
  model: FittedFamily,
  fromMs: number,
  recent: RecentSeries,
  windowMs: number,
  kernels?: Kernels
): OutlookAnchor | undefined {
  return anchorLines(model, [fromMs], recent, windowMs, kernels)(0);
}

/**
 * Per row, the line through the model's residuals over the window before it (the row included), or undefined
 * when the window has too few values. Residuals are read with this model, so the anchor is what it has missed.
 */
function anchorLines(
  model: FittedFamily,
  rowTimes: ArrayLike<number>,
  recent: RecentSeries,
  windowMs: number,
  kernels: Kernels | undefined
): (row: number) => OutlookAnchor | undefined {
  const ts = recent.timestamps;
  const end = bisectLeft(ts, rowTimes[rowTimes.length - 1] + 1);
  // The first row's window, or its last MIN_LINE_POINTS points when the window holds fewer (recentLines).
  const start = Math.max(
    0,
    Math.min(bisectLeft(ts, rowTimes[0] - windowMs), bisectLeft(ts, rowTimes[0] + 1) - MIN_LINE_POINTS)
  );
  const times = ts.subarray(start, end);
  const observed = recent.values.subarray(start, end);
  const predicted = predictModel(model, times, undefined, kernels);
  const lines = recentLines(
    times,
    observed.map((v, k) => v - predicted.yhat[k]),
    windowMs,
    MIN_LINE_POINTS
  );
  let k = 0;
  return (row) => {
    // The last recent point at or before the row (rows ascend, so k only moves forward).
    while (k + 1 < times.length && times[k + 1] <= rowTimes[row]) {
      k++;
    }
    if (times.length === 0 || times[k] > rowTimes[row] || Number.isNaN(lines.level_var[k])) {
      return undefined;
    }
    return {
      level: lines.level[k],
      slope_per_ms: lines.slope[k],
      level_var: lines.level_var[k],
      slope_var: lines.slope_var[k],
      covariance: lines.covariance[k],
    };
  };
}
