import { ModelInputError } from '../errors';
import { typescriptKernels } from '../kernels';
import { seededNormal } from '../testing/synthetic';
import type { ModelParams } from '../types';
import { type FittedHoltWinters, MAX_SEARCH_RUNS } from './holtWinters';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2025, 0, 6);

function hourly(n: number, value: (i: number, noise: number) => number, seed = 1) {
  const normal = seededNormal(seed);
  const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * HOUR);
  const values = Float64Array.from({ length: n }, (_, i) => value(i, normal()));
  return { timestamps, values };
}

function fitHw(ts: ArrayLike<number>, ys: ArrayLike<number>, params: Partial<ModelParams> = {}): FittedHoltWinters {
  return fitModel(ts, ys, { model: 'holt_winters', ...params }) as FittedHoltWinters;
}

const daily = (i: number) => 100 + 10 * Math.sin((2 * Math.PI * i) / 24);

describe('holt_winters: robust updates', () => {
  // Two weeks hourly with a daily cycle (noise sd 1), a single +40 spike at row 150 and a −30 level shift from row 250.
  const { timestamps, values } = hourly(336, (i, e) => daily(i) + e + (i === 150 ? 40 : 0) + (i >= 250 ? -30 : 0));
  const fitted = fitHw(timestamps, values);
  const out = predictModel(fitted, timestamps, values);

  it('does not let a single spike drag the level', () => {
    expect(out.outlier[150]).toBe(1);
    // The points after the spike are expected where the cycle is, not pulled up by it.
    for (let i = 151; i < 155; i++) {
      expect(Math.abs(out.yhat[i] - daily(i))).toBeLessThan(2);
      expect(out.outlier[i]).toBe(0);
    }
  });

  it('adopts a sustained level shift within a few points', () => {
    expect(out.outlier[250]).toBe(-1);
    // Three clipped errors on one side are a shift: from the fourth point on, the new level is expected.
    for (let i = 253; i < 336; i++) {
      expect(Math.abs(out.yhat[i] - (daily(i) - 30))).toBeLessThan(4);
    }
    const flagged = Array.from(out.outlier.subarray(253)).filter((o) => o !== 0).length;
    expect(flagged).toBeLessThanOrEqual(2);
  });

  it('would follow the shift only slowly without the shift rule (the clipping alone)', () => {
    // The same filter with SHIFT_POINTS out of reach: the level crawls by alpha × 3 scales per point.
    const slow = { ...fitted, smoothing: { ...fitted.smoothing } };
    const settings = {
      ...fitted.grid,
      ...fitted.smoothing,
      clip: 3,
      shift_points: 1e9,
      scale_smoothing: 0.05,
      scale_floor: fitted.scale_floor,
      score_from: 0,
    };
    const trace = {
      yhat: new Float64Array(336),
      level: new Float64Array(336),
      error: new Float64Array(336),
      horizon_variance: new Float64Array(336),
      weight: new Float64Array(336),
    };
    typescriptKernels.holtWintersFilter(
      timestamps,
      values,
      new Float64Array(0),
      settings,
      slow.start_state.slice(),
      trace
    );
    expect(Math.abs(trace.yhat[253] - (daily(253) - 30))).toBeGreaterThan(10);
  });
});

describe('holt_winters: season and trend', () => {
  it('recovers a daily pattern and forecasts the next day within the noise', () => {
    const { timestamps, values } = hourly(14 * 24 + 24, (i, e) => daily(i) + 0.5 * e, 2);
    const fitted = fitHw(timestamps.subarray(0, 336), values.subarray(0, 336));
    expect(fitted.period).toBe('day');
    expect(fitted.grid.season_slots).toBe(24);
    const out = predictModel(fitted, timestamps.subarray(336));
    let mae = 0;
    for (let i = 0; i < 24; i++) {
      mae += Math.abs(out.yhat[i] - daily(336 + i)) / 24;
    }
    expect(mae).toBeLessThan(0.5);
    expect(Object.keys(out.seasonal)).toEqual(['daily']);
    // The season's swing is the cycle's (±10).
    const season = out.seasonal.daily;
    expect(Math.max(...season) - Math.min(...season)).toBeGreaterThan(18);
  });

  it('chooses the week for daily data over two weeks, and no season below two periods', () => {
    const days = Float64Array.from({ length: 21 }, (_, i) => START + i * DAY);
    const weekly = Float64Array.from({ length: 21 }, (_, i) => (i % 7 < 5 ? 100 : 60));
    expect(fitHw(days, weekly).period).toBe('week');
    expect(fitHw(days.subarray(0, 10), weekly.subarray(0, 10)).period).toBe('none');
    const { timestamps, values } = hourly(36, (i, e) => daily(i) + e);
    const short = fitHw(timestamps, values, { hw_period: 'day' });
    expect(short.period).toBe('none');
    expect(short.grid.season_slots).toBe(1);
    expect(Array.from(predictModel(short, timestamps, values).yhat).every(Number.isFinite)).toBe(true);
  });

  it('flattens a damped trend forecast', () => {
    const { timestamps, values } = hourly(200, (i, e) => 10 + 0.5 * i + 0.2 * e, 3);
    const fitted = fitHw(timestamps, values, { hw_period: 'none', hw_phi: 0.9 });
    const ahead = Float64Array.from({ length: 100 }, (_, h) => timestamps[199] + (h + 1) * HOUR);
    const out = predictModel(fitted, ahead);
    const firstStep = out.yhat[1] - out.yhat[0];
    const lastStep = out.yhat[99] - out.yhat[98];
    expect(firstStep).toBeGreaterThan(0.2);
    expect(Math.abs(lastStep)).toBeLessThan(1e-3 * firstStep);
    // The band widens with the horizon.
    const width = (h: number) => out.yhat_upper[h] - out.yhat_lower[h];
    expect(width(50)).toBeGreaterThan(1.5 * width(0));
  });
});

describe('holt_winters: missing and excluded points', () => {
  it('refuses a history whose gaps leave no point compared with its forecast, rather than a band of NaN', () => {
    // Hourly points on days 0, 2 and the start of 4: every day-ahead comparison falls in a gap.
    const hours = [...Array.from({ length: 24 }, (_, h) => h), ...Array.from({ length: 24 }, (_, h) => 48 + h), 96, 97];
    const t = hours.map((h) => 1_700_000_000_000 + h * 3_600_000);
    const noise = seededNormal(7);
    const v = hours.map((h) => 100 + 5 * Math.sin((2 * Math.PI * h) / 24) + noise());
    v[v.length - 1] = 5000;
    expect(() => fitModel(t, v, { model: 'holt_winters' })).toThrow(ModelInputError);
    expect(() => fitModel(t, v, { model: 'holt_winters' })).toThrow(/no residuals to read its band from/);
  });

  const { timestamps, values } = hourly(120, (_i, e) => 50 + e, 4);

  it('predicts NaN and excluded points without letting them update the state', () => {
    const polluted = values.slice();
    for (let i = 60; i < 70; i++) {
      polluted[i] = 500;
    }
    const missing = values.slice().fill(NaN, 60, 70);
    const excludeRange: [number, number] = [timestamps[60], timestamps[69]];
    const params = { hw_alpha: 0.5, hw_beta: 0.1, hw_phi: 0.9 };
    const a = predictModel(fitHw(timestamps, missing, params), timestamps, missing);
    const b = predictModel(fitHw(timestamps, polluted, { ...params, exclude: [excludeRange] }), timestamps, polluted);
    expect(Array.from(b.yhat)).toEqual(Array.from(a.yhat));
    // The excluded points are still judged: they are outliers.
    expect(Array.from(b.outlier.subarray(60, 70)).every((o) => o === 1)).toBe(true);
    expect(Array.from(a.outlier.subarray(60, 70)).every((o) => o === 0)).toBe(true);
    // Past the gap the band is wider: ten steps without an update.
    expect(a.yhat_upper[69] - a.yhat_lower[69]).toBeGreaterThan(a.yhat_upper[59] - a.yhat_lower[59]);
  });

  it('maps irregular points and duplicates to the median spacing', () => {
    const jittered = Float64Array.from(timestamps, (t, i) => t + ((i * 7919) % 11) * 60_000 - 300_000);
    const ts = Float64Array.of(...jittered, jittered[119]);
    const ys = Float64Array.of(...values, values[119] + 1);
    const fitted = fitHw(ts, ys);
    expect(fitted.grid.step).toBeGreaterThan(0.8 * HOUR);
    expect(fitted.grid.step).toBeLessThan(1.2 * HOUR);
    const out = predictModel(fitted, ts, ys);
    expect(out.yhat[120]).toBe(out.yhat[119]);
    expect(Array.from(out.yhat).every(Number.isFinite)).toBe(true);
  });

  it('gives finite output for a constant series', () => {
    const flat = new Float64Array(100).fill(7);
    const fitted = fitHw(timestamps.subarray(0, 100), flat);
    const out = predictModel(fitted, timestamps.subarray(0, 100), flat);
    expect(Array.from(out.yhat).every((v) => v === 7)).toBe(true);
    expect(Array.from(out.score).every((s) => s === 0)).toBe(true);
    const ahead = predictModel(fitted, [timestamps[99] + HOUR]);
    expect(Number.isFinite(ahead.yhat_upper[0])).toBe(true);
  });
});

describe('holt_winters: parameters and search', () => {
  const { timestamps, values } = hourly(240, (i, e) => daily(i) + e, 5);

  it('chooses smoothing in a bounded number of filter runs, and keeps the fixed ones', () => {
    const searched = fitHw(timestamps, values);
    expect(searched.search.runs).toBeLessThanOrEqual(MAX_SEARCH_RUNS);
    expect(MAX_SEARCH_RUNS).toBe(33);
    const fixed = fitHw(timestamps, values, { hw_alpha: 0.42, hw_gamma: 0.3 });
    expect(fixed.smoothing.alpha).toBe(0.42);
    expect(fixed.smoothing.gamma).toBe(0.3);
    const all = fitHw(timestamps, values, { hw_alpha: 0.4, hw_beta: 0, hw_gamma: 0.1, hw_phi: 1 });
    expect(all.search.runs).toBe(1);
  });

  it.each([
    [{ hw_alpha: 2 }, 'hw_alpha must be "auto" or a number in (0, 1], got 2'],
    [{ hw_alpha: 0 }, 'hw_alpha must be "auto" or a number in (0, 1], got 0'],
    [{ hw_beta: -0.1 }, 'hw_beta must be "auto" or a number in [0, 1], got -0.1'],
    [{ hw_gamma: 'fast' }, 'hw_gamma must be "auto" or a number in [0, 1], got "fast"'],
    [{ hw_phi: 1.5 }, 'hw_phi must be "auto" or a number in (0, 1], got 1.5'],
    [{ hw_period: 'month' }, 'hw_period must be one of auto, day, week, none, got "month"'],
  ])('refuses %j with one line', (params, message) => {
    const fit = () => fitHw(timestamps, values, params as Partial<ModelParams>);
    expect(fit).toThrow(ModelInputError);
    expect(fit).toThrow(message);
  });

  it('refuses a season too long for the spacing, a series too long for the grid and unsorted predictions', () => {
    const seconds = Float64Array.from({ length: 50 }, (_, i) => START + i * 1000);
    expect(() => fitHw(seconds, values.subarray(0, 50), { hw_period: 'day' })).toThrow(
      'hw_period "day" at this series\' spacing of 1000 ms needs 86400 season slots; the limit is 10080'
    );
    const sparse = Float64Array.of(START, START + 1, START + 2, START + 1e10);
    expect(() => fitHw(sparse, [1, 2, 3, 4])).toThrow(/spans 10000000001 steps of its median spacing \(1 ms\)/);
    const fitted = fitHw(timestamps, values);
    expect(() => predictModel(fitted, [timestamps[3], timestamps[1]])).toThrow(
      'holt_winters predicts points in time order: sort them first'
    );
    expect(() => fitHw([], [])).toThrow(ModelInputError);
    expect(() => fitHw([START, START], [1, 2])).toThrow(ModelInputError);
  });
});

describe('holt_winters: serialisation', () => {
  const { timestamps, values } = hourly(240, (i, e) => daily(i) + e, 6);
  const fitted = fitHw(timestamps, values);

  it('round-trips through JSON and predicts identically', () => {
    const text = serializeModel(fitted);
    const restored = deserializeModel(text);
    expect(restored.family).toBe('holt_winters');
    const ahead = Float64Array.from({ length: 30 }, (_, h) => timestamps[239] + (h + 1) * HOUR);
    const live = [0.5, 1, 2].map((k) => values[200] * k);
    for (const [ts, ys] of [
      [timestamps, values],
      [ahead, undefined],
      [ahead.subarray(0, 3), live],
    ] as const) {
      const a = predictModel(fitted, ts, ys);
      const b = predictModel(restored, ts, ys);
      expect(Array.from(b.yhat)).toEqual(Array.from(a.yhat));
      expect(Array.from(b.yhat_upper)).toEqual(Array.from(a.yhat_upper));
      expect(Array.from(b.score)).toEqual(Array.from(a.score));
    }
    expect(serializeModel(restored)).toEqual(text);
  });

  it('refuses another version or a damaged model with one line', () => {
    const data = JSON.parse(serializeModel(fitted));
    expect(() => deserializeModel(JSON.stringify({ ...data, version: 2 }))).toThrow(
      'serialized holt_winters model version 2 is not supported (this Foresight reads version 1); fit the model again'
    );
    expect(() => deserializeModel(JSON.stringify({ ...data, state: data.state.slice(1) }))).toThrow(
      'serialized holt_winters model is incomplete'
    );
    // A null grid or smoothing threw a TypeError.
    for (const part of ['grid', 'smoothing']) {
      expect(() => deserializeModel(JSON.stringify({ ...data, [part]: null }))).toThrow(
        'serialized holt_winters model is incomplete'
      );
    }
    // Both were read back and then gave NaN bands, or a band no value leaves.
    expect(() => deserializeModel(JSON.stringify({ ...data, residuals: {} }))).toThrow(
      'serialized holt_winters model is incomplete'
    );
    expect(() => deserializeModel(JSON.stringify({ ...data, params: { ...data.params, interval_width: 5 } }))).toThrow(
      /^serialized holt_winters model is corrupt: its params: interval_width/
    );
  });

  it('reads parameters a stored model leaves out as their defaults', () => {
    const data = JSON.parse(serializeModel(fitted));
    // Predicting read the missing exclusions as a list and threw a TypeError.
    const restored = deserializeModel(JSON.stringify({ ...data, params: { model: 'holt_winters' } }));
    expect(restored.params.exclude).toEqual([]);
    const ts = Float64Array.of(data.history_end + 60_000);
    expect(Array.from(predictModel(restored, ts).yhat)).toEqual(Array.from(predictModel(fitted, ts).yhat));
  });
});
