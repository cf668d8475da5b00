/**
 * Forecasts for each cross-validation window (cutoff, cutoff + horizon] by Foresight and the
 * seasonal-naive baseline, and their scoring against the truth. Prophet's come from prophet-forecasts.ts.
 */
import type { ModelParams } from '../../src/model/index';
import type { Series } from '../lib/series-csv';
import type { ScoredPoint } from './metrics';
import { Season, seasonalNaive } from './seasonal-naive';

export interface WindowForecast {
  cutoff: number;
  ds: number[];
  yhat: number[];
  lower?: number[];
  upper?: number[];
  fit_ms?: number;
  predict_ms?: number;
  /** Set when the method failed on this window (the window is then left out of its metrics). */
  error?: string;
}

/** Timestamps with a value in (cutoff, cutoff + horizon], as Prophet's cross_validation scores them. */
export function windowTimestamps(series: Series, cutoff: number, horizon: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < series.timestamps.length; i++) {
    const t = series.timestamps[i];
    if (t > cutoff && t <= cutoff + horizon && !Number.isNaN(series.values[i])) {
      out.push(t);
    }
  }
  return out;
}

/** Rows at or before the cutoff. */
export function history(series: Series, cutoff: number): Series {
  let end = 0;
  while (end < series.timestamps.length && series.timestamps[end] <= cutoff) {
    end++;
  }
  return { timestamps: series.timestamps.subarray(0, end), values: series.values.subarray(0, end) };
}

type ForesightModel = typeof import('../../src/model/index');

export function foresightForecasts(
  model: ForesightModel,
  series: Series,
  cutoffs: number[],
  horizon: number,
  params: Partial<ModelParams>
): WindowForecast[] {
  return cutoffs.map((cutoff) => {
    const ds = windowTimestamps(series, cutoff, horizon);
    const train = history(series, cutoff);
    try {
      const t0 = performance.now();
      const fitted = model.fitModel(train.timestamps, train.values, params);
      const t1 = performance.now();
      const p = model.predictModel(fitted, ds);
      const t2 = performance.now();
      return {
        cutoff,
        ds,
        yhat: Array.from(p.yhat),
        lower: Array.from(p.yhat_lower),
        upper: Array.from(p.yhat_upper),
        fit_ms: t1 - t0,
        predict_ms: t2 - t1,
      };
    } catch (error) {
      return { cutoff, ds, yhat: [], error: (error as Error).message };
    }
  });
}

export function seasonalNaiveForecasts(
  series: Series,
  cutoffs: number[],
  horizon: number,
  season: Season
): WindowForecast[] {
  return cutoffs.map((cutoff) => {
    const ds = windowTimestamps(series, cutoff, horizon);
    return { cutoff, ds, yhat: Array.from(seasonalNaive(series.timestamps, series.values, cutoff, ds, season)) };
  });
}

/** Pairs every forecast point with its true value; points whose truth is missing are skipped. */
export function scoreForecasts(forecasts: WindowForecast[], truth: Map<number, number>): ScoredPoint[] {
  const points: ScoredPoint[] = [];
  for (const w of forecasts) {
    if (w.error !== undefined) {
      continue;
    }
    w.ds.forEach((t, i) => {
      const actual = truth.get(t);
      if (actual === undefined || Number.isNaN(actual)) {
        return;
      }
      points.push({ ahead: t - w.cutoff, actual, forecast: w.yhat[i], lower: w.lower?.[i], upper: w.upper?.[i] });
    });
  }
  return points;
}
