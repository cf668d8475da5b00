import { ModelInputError } from '../index';
import { crossValidate } from './crossValidation';
import { ForecastModel } from './forecastModel';
import { performanceMetrics } from './performanceMetrics';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A model that remembers what each fit saw and forecasts the last training value with a ±1 band. */
function recordingModel() {
  const fits: Array<{ trainedUpTo: number; trainedCount: number; predictedFrom: number; predictedTo: number }> = [];
  const model: ForecastModel<{ last: number; trainedUpTo: number; trainedCount: number }> = {
    fit: (timestamps, values) => ({
      last: values[values.length - 1],
      trainedUpTo: timestamps[timestamps.length - 1],
      trainedCount: timestamps.length,
    }),
    predict: (fitted, timestamps) => {
      fits.push({
        trainedUpTo: fitted.trainedUpTo,
        trainedCount: fitted.trainedCount,
        predictedFrom: timestamps[0],
        predictedTo: timestamps[timestamps.length - 1],
      });
      const yhat = new Float64Array(timestamps.length).fill(fitted.last);
      return { yhat, yhat_lower: yhat.map((v) => v - 1), yhat_upper: yhat.map((v) => v + 1) };
    },
  };
  return { model, fits };
}

const days = (count: number) => Float64Array.from({ length: count * 24 }, (_, i) => i * HOUR);

describe('crossValidate', () => {
  it('fits each cutoff only on points at or before it and scores (cutoff, cutoff + horizon]', () => {
    const ts = days(10);
    const values = Float64Array.from(ts, (_, i) => i);
    const { model, fits } = recordingModel();
    const rows = crossValidate(ts, values, {}, { horizon: DAY, initial: 5 * DAY, model });
    const cutoffs = [...new Set(rows.cutoff)];
    expect(cutoffs.length).toBe(fits.length);
    fits.forEach((fit, k) => {
      const cutoff = cutoffs[k];
      expect(fit.trainedUpTo).toBeLessThanOrEqual(cutoff);
      expect(fit.trainedCount).toBe(ts.filter((t) => t <= cutoff).length);
      expect(fit.predictedFrom).toBeGreaterThan(cutoff);
      expect(fit.predictedTo).toBeLessThanOrEqual(cutoff + DAY);
    });
    for (let i = 0; i < rows.ds.length; i++) {
      expect(rows.ds[i]).toBeGreaterThan(rows.cutoff[i]);
      expect(rows.ds[i]).toBeLessThanOrEqual(rows.cutoff[i] + DAY);
      expect(rows.y[i]).toBe(rows.ds[i] / HOUR);
      // The forecast is the last training value, so it can only come from a point ≤ cutoff.
      expect(rows.yhat[i]).toBeLessThanOrEqual(rows.cutoff[i] / HOUR);
    }
  });

  it('leaves a level shift after the cutoff unseen by the real model', () => {
    // Flat 0 for 14 days, then 100. Cutoffs before day 14 must forecast ≈ 0 after it; a leak would pull ŷ up.
    const ts = days(21);
    const values = Float64Array.from(ts, (t) => (t >= 14 * DAY ? 100 : 0));
    const rows = crossValidate(ts, values, {}, { horizon: 2 * DAY, initial: 10 * DAY, period: DAY });
    let checked = 0;
    for (let i = 0; i < rows.ds.length; i++) {
      if (rows.cutoff[i] < 14 * DAY && rows.ds[i] >= 14 * DAY) {
        expect(Math.abs(rows.yhat[i])).toBeLessThan(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(24);
  });

  it('skips missing values and excluded ranges in both training and scoring; sorts unsorted input', () => {
    const ts = days(10);
    const values = Float64Array.from(ts, (_, i) => i);
    values[200] = NaN;
    const excluded: [number, number] = [ts[210], ts[215]];
    const order = Array.from(ts.keys()).reverse();
    const { model, fits } = recordingModel();
    const rows = crossValidate(
      order.map((i) => ts[i]),
      order.map((i) => values[i]),
      { exclude: [excluded] },
      { horizon: DAY, initial: 5 * DAY, model }
    );
    const scored = new Set(rows.ds);
    expect(scored.has(ts[200])).toBe(false);
    for (let i = 210; i <= 215; i++) {
      expect(scored.has(ts[i])).toBe(false);
    }
    expect(Array.from(rows.y).every(Number.isFinite)).toBe(true);
    for (let i = 1; i < rows.ds.length; i++) {
      expect(rows.cutoff[i] > rows.cutoff[i - 1] || rows.ds[i] > rows.ds[i - 1]).toBe(true);
    }
    // The last fit saw every usable point up to its cutoff: all minus the 1 NaN and the 6 excluded.
    const lastCutoff = rows.cutoff[rows.cutoff.length - 1];
    expect(fits[fits.length - 1].trainedCount).toBe(ts.filter((t) => t <= lastCutoff).length - 7);
  });

  it('on a long series, fits only the most recent maxFits cutoffs', () => {
    const ts = days(10);
    const { model, fits } = recordingModel();
    // Hourly horizon and period from day 1: 8 days × 24 + 23 = 215 cutoffs; the last 3 are kept.
    const rows = crossValidate(ts, ts, {}, { horizon: HOUR, initial: DAY, period: HOUR, maxFits: 3, model });
    expect(fits.map((f) => f.trainedUpTo)).toEqual([ts.length - 4, ts.length - 3, ts.length - 2].map((i) => ts[i]));
    expect(new Set(rows.cutoff).size).toBe(3);
  });

  it('takes explicit cutoffs, skipping one whose window holds no point', () => {
    const ts = Float64Array.from([0, 1, 2, 3, 10, 11].map((d) => d * DAY));
    const { model, fits } = recordingModel();
    // (2, 3] holds day 3; (3, 4] holds nothing, so no fit; (9.5, 10.5] holds day 10.
    const rows = crossValidate(ts, ts, {}, { horizon: DAY, cutoffs: [3 * DAY, 2 * DAY, 9.5 * DAY], model });
    expect(fits).toHaveLength(2);
    expect(Array.from(rows.cutoff)).toEqual([2 * DAY, 9.5 * DAY]);
    expect(Array.from(rows.ds)).toEqual([3 * DAY, 10 * DAY]);
  });

  it('reports bad input clearly', () => {
    const ts = days(10);
    const values = new Float64Array(ts.length);
    const { model } = recordingModel();
    expect(() => crossValidate(ts, values.subarray(1), {}, { horizon: DAY, model })).toThrow(/differ in length/);
    expect(() => crossValidate(ts, values.fill(NaN), {}, { horizon: DAY, model })).toThrow(/no finite value/);
    expect(() => crossValidate(ts, new Float64Array(ts.length), {}, { horizon: 20 * DAY, model })).toThrow(
      ModelInputError
    );
    expect(() =>
      crossValidate(ts, new Float64Array(ts.length), {}, { horizon: HOUR, cutoffs: [DAY, 2 * DAY], maxFits: 1, model })
    ).toThrow(/given 2 cutoffs, more than maxFits = 1/);
    expect(() => crossValidate(ts, new Float64Array(ts.length), {}, { horizon: DAY, cutoffs: [0], model })).toThrow(
      /fewer than two points at or before cutoff 1970-01-01T00:00:00.000Z; increase initial \(the points are about 1h apart\)/
    );
    expect(() =>
      crossValidate(ts, new Float64Array(ts.length), { changepoint_prior_scale: -1 }, { horizon: DAY, model })
    ).toThrow(/changepoint_prior_scale/);
    const failing: ForecastModel = {
      fit: () => {
        throw new ModelInputError('too few points');
      },
      predict: () => ({ yhat: new Float64Array(0), yhat_lower: new Float64Array(0), yhat_upper: new Float64Array(0) }),
    };
    expect(() => crossValidate(ts, new Float64Array(ts.length), {}, { horizon: DAY, model: failing })).toThrow(
      /^cutoff 1970-01-0\dT\d\d:00:00.000Z: too few points$/
    );
  });

  it('runs the real model on a constant series without NaN', () => {
    const ts = days(8);
    const rows = crossValidate(ts, new Float64Array(ts.length).fill(5), {}, { horizon: DAY, initial: 4 * DAY });
    expect(rows.ds.length).toBeGreaterThan(0);
    for (const column of [rows.yhat, rows.yhat_lower, rows.yhat_upper]) {
      expect(Array.from(column).every(Number.isFinite)).toBe(true);
    }
    expect(Math.max(...Array.from(rows.yhat, (v) => Math.abs(v - 5)))).toBeLessThan(1e-6);
    const { overall, byHorizon } = performanceMetrics(rows);
    expect(Object.values(overall).every((v) => v !== null && Number.isFinite(v))).toBe(true);
    expect(Array.from(byHorizon.coverage).every(Number.isFinite)).toBe(true);
  });
});
