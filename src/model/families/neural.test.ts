import { ModelInputError } from '../errors';
import { typescriptKernels } from '../kernels';
import { seededNormal } from '../testing/synthetic';
import type { ModelParams } from '../types';
import { MAX_NEURAL_POINTS, type FittedNeural } from './neural';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);

/** Hourly values: a daily shape (peak at 15:00) whose level climbs by `climb` a day, plus noise of sd 2. */
function hourly(days: number, climb = 0, seed = 3): { ts: Float64Array; ys: Float64Array } {
  const noise = seededNormal(seed);
  const ts = new Float64Array(days * 24);
  const ys = new Float64Array(days * 24);
  for (let i = 0; i < ts.length; i++) {
    ts[i] = START + i * HOUR;
    ys[i] = 100 + climb * (i / 24) + 40 * Math.sin((2 * Math.PI * ((i % 24) - 9)) / 24) + 2 * noise();
  }
  return { ts, ys };
}

function fitNeural(ts: Float64Array, ys: ArrayLike<number>, params: Partial<ModelParams> = {}): FittedNeural {
  return fitModel(ts, ys, { model: 'neural', neural_steps: 800, ...params }) as FittedNeural;
}

const meanAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += Math.abs(a[i] - b[i]);
  }
  return s / a.length;
};

describe('neural family', () => {
  it('forecasts a daily shape whose level climbs, where same-time-yesterday lags a whole day of climb', () => {
    const all = hourly(22, 10);
    const cut = 21 * 24;
    const fitted = fitNeural(all.ts.subarray(0, cut), all.ys.subarray(0, cut));
    const ahead = all.ts.subarray(cut);
    const truth = all.ys.subarray(cut);
    const out = predictModel(fitted, ahead);
    const naive = all.ys.subarray(cut - 24, cut);
    expect(meanAbs(naive, truth)).toBeGreaterThan(9);
    expect(meanAbs(out.yhat, truth)).toBeLessThan(0.5 * meanAbs(naive, truth));
    // The band holds most of the clean day, and the level is the last day's mean.
    let inside = 0;
    for (let i = 0; i < truth.length; i++) {
      inside += truth[i] >= out.yhat_lower[i] && truth[i] <= out.yhat_upper[i] ? 1 : 0;
    }
    expect(inside / truth.length).toBeGreaterThan(0.6);
    expect(out.trend[0]).toBeCloseTo(100 + 10 * 20.5, -1);
  });

  it('flags a spike after its history and leaves the clean points of the day alone', () => {
    const all = hourly(22);
    const cut = 21 * 24;
    const fitted = fitNeural(all.ts.subarray(0, cut), all.ys.subarray(0, cut));
    const values = all.ys.slice(cut);
    values[10] += 60;
    const out = predictModel(fitted, all.ts.subarray(cut), values);
    expect(out.outlier[10]).toBe(1);
    expect(out.score[10]).toBeGreaterThan(0.6);
    let flagged = 0;
    out.outlier.forEach((v, i) => (flagged += i !== 10 && v !== 0 ? 1 : 0));
    expect(flagged).toBeLessThanOrEqual(1);
    expect(out.score.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('does not learn an excluded incident: the day after it is forecast as from a history without it', () => {
    const all = hourly(22);
    const cut = 21 * 24;
    const ys = all.ys.slice(0, cut);
    // The last day of history holds an incident: +80 all day.
    const incident = { start: all.ts[cut - 24], end: all.ts[cut - 1] };
    for (let i = cut - 24; i < cut; i++) {
      ys[i] += 80;
    }
    const ts = all.ts.subarray(0, cut);
    const excluded = fitNeural(ts, ys, { exclude: [[incident.start, incident.end]] });
    expect(excluded.history_end).toBeLessThan(incident.start);
    expect(excluded.times.every((t) => t < incident.start)).toBe(true);
    const withoutIt = fitNeural(ts.subarray(0, cut - 24), all.ys.subarray(0, cut - 24));
    const ahead = all.ts.subarray(cut, cut + 24);
    const forecast = predictModel(excluded, ahead).yhat;
    expect(Array.from(forecast)).toEqual(Array.from(predictModel(withoutIt, ahead).yhat));
    expect(meanAbs(forecast, all.ys.subarray(cut, cut + 24))).toBeLessThan(8);
  });

  it('does not echo a spike in its history on the next days, and sets it aside from the band', () => {
    const all = hourly(21);
    const clean = fitNeural(all.ts, all.ys);
    for (const spike of [107, 200, 400]) {
      const ys = all.ys.slice();
      ys[spike] += 80;
      const fitted = fitNeural(all.ts, ys);
      // The inputs read the forecast in the spike's place, and no other point is taken for an incident ...
      expect(fitted.values[spike]).toBe(ys[spike]);
      expect(Math.abs(fitted.past_values[spike] - all.ys[spike])).toBeLessThan(10);
      fitted.past_values.forEach((v, i) => i !== spike && expect(v).toBe(ys[i]));
      // ... so the next days are judged against ordinary days: the spike is the only alarm.
      const judged = predictModel(fitted, all.ts, ys);
      expect(judged.outlier[spike]).toBe(1);
      expect(judged.outlier.filter((v) => v !== 0).length).toBe(1);
      // The spike does not widen the outlier band: a clean fit's is about as wide.
      expect(fitted.residuals.outlier_above).toBeLessThan(1.5 * clean.residuals.outlier_above);
    }
  });

  it('repeats a fit exactly, and round-trips through JSON to the same predictions', () => {
    const { ts, ys } = hourly(10);
    const a = fitNeural(ts, ys);
    const b = fitNeural(ts, ys);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const text = serializeModel(a);
    const restored = deserializeModel(text);
    expect(restored.family).toBe('neural');
    const ahead = Float64Array.from({ length: 30 }, (_, i) => ts[ts.length - 1] + (i + 1) * HOUR);
    const values = Float64Array.from(ahead, (_, i) => 100 + i);
    expect(predictModel(restored, ahead, values)).toEqual(predictModel(a, ahead, values));
    expect(serializeModel(restored)).toBe(text);
    const data = JSON.parse(text);
    expect(() => deserializeModel(JSON.stringify({ ...data, version: 2 }))).toThrow('fit the model again');
    expect(() => deserializeModel(JSON.stringify({ ...data, hidden: 31 }))).toThrow('neural model is incomplete');
    for (const damaged of [
      { weights: 'x' },
      { residuals: {} },
      { residuals: { ...data.residuals, scale_above: -1 } },
      { hidden: 300 },
      { time_runs: [0, 1, 5] },
    ]) {
      expect(() => deserializeModel(JSON.stringify({ ...data, ...damaged }))).toThrow(
        'serialized neural model is incomplete'
      );
    }
    const huge = { values: typescriptKernels.encodeFloat64s(new Float64Array(ts.length).fill(1e308)) };
    expect(() => deserializeModel(JSON.stringify({ ...data, ...huge }))).toThrow(
      'serialized neural model: values, incidents and level must lie within ±1e+153'
    );
  });

  it('judges points inside its history by the day-ahead forecast, and its first day by the same slot a day later', () => {
    const { ts, ys } = hourly(10);
    const fitted = fitNeural(ts, ys);
    const inside = predictModel(fitted, ts.subarray(5 * 24), ys.subarray(5 * 24));
    expect(meanAbs(inside.yhat, ys.subarray(5 * 24))).toBeLessThan(6);
    // The first day has no day before it to scale by: the same hour a day later stands in, and a clean first day
    // raises no alarm.
    const first = predictModel(fitted, ts.subarray(0, 24), ys.subarray(0, 24));
    expect(Array.from(first.yhat)).toEqual(Array.from(ys.subarray(24, 48)));
    expect(first.outlier.filter((v) => v !== 0).length).toBeLessThanOrEqual(1);
    expect(first.score.every(Number.isFinite)).toBe(true);
  });

  it('refuses bad parameters and series it cannot forecast, each in one line', () => {
    const { ts, ys } = hourly(10);
    expect(() => fitNeural(ts, ys, { neural_hidden: 0 })).toThrow(
      'neural_hidden must be a whole number from 1 to 128, got 0'
    );
    expect(() => fitNeural(ts, ys, { neural_steps: 1e6 })).toThrow('neural_steps must be a whole number');
    expect(() => fitNeural(ts.subarray(0, 48), ys.subarray(0, 48))).toThrow(ModelInputError);
    expect(() => fitNeural(ts.subarray(0, 48), ys.subarray(0, 48))).toThrow('3 days of history');
    const daily = Float64Array.from({ length: 60 }, (_, i) => START + i * DAY);
    expect(() => fitNeural(daily, new Float64Array(60).fill(5))).toThrow('at least 4 points a day');
  });

  it('learns from the newest two weeks of one-minute data when given more', () => {
    // 15 days of minutes: the first day is left out, and its noisy level of 1,000 is not learned.
    const minutes = Float64Array.from({ length: 15 * 1440 }, (_, i) => START + i * 60_000);
    const noise = seededNormal(3);
    const values = Float64Array.from(minutes, (t, i) =>
      i < 1440 ? 1000 + 50 * noise() : 10 + Math.sin((2 * Math.PI * t) / DAY)
    );
    const fitted = fitNeural(minutes, values, { neural_steps: 100 });
    expect(fitted.n_train).toBe(MAX_NEURAL_POINTS);
    expect(fitted.history_start).toBe(minutes[minutes.length - MAX_NEURAL_POINTS]);
    const next = Float64Array.from({ length: 60 }, (_, i) => minutes[minutes.length - 1] + (i + 1) * 60_000);
    const { yhat } = predictModel(fitted, next);
    expect(Math.max(...Array.from(yhat, (v) => Math.abs(v - 10)))).toBeLessThan(3);
    // Whether the series stays at or above zero is read from the points kept, not the day left out.
    expect(fitted.nonnegative).toBe(true);
    const negativeFirstDay = Float64Array.from(values, (v, i) => (i < 1440 ? -v : v));
    expect(fitNeural(minutes, negativeFirstDay, { neural_steps: 100 }).nonnegative).toBe(true);
    // Seconds: the newest points span too little, and the message says why.
    const seconds = Float64Array.from({ length: 30_000 }, (_, i) => START + i * 10_000);
    expect(() => fitNeural(seconds, new Float64Array(seconds.length).fill(1))).toThrow(
      'neural learns from the newest 20160 points, which span only 56.0 hours of this series, less than the 3 days it needs: use a coarser step'
    );
  });

  it('gives a constant series a flat expectation and no NaN anywhere', () => {
    const ts = Float64Array.from({ length: 7 * 24 }, (_, i) => START + i * HOUR);
    const fitted = fitNeural(ts, new Float64Array(ts.length).fill(42));
    const ahead = Float64Array.from({ length: 24 }, (_, i) => ts[ts.length - 1] + (i + 1) * HOUR);
    const values = new Float64Array(24).fill(42);
    values[3] = 50;
    const out = predictModel(fitted, ahead, values);
    out.yhat.forEach((v) => expect(v).toBeCloseTo(42, 6));
    expect(out.outlier[3]).toBe(1);
    expect([...out.yhat_lower, ...out.yhat_upper, ...out.score].every(Number.isFinite)).toBe(true);
  });

  it('forecasts weeks past its history from the same slots days back, without drifting with the horizon', () => {
    const all = hourly(50);
    const cut = 21 * 24;
    const fitted = fitNeural(all.ts.subarray(0, cut), all.ys.subarray(0, cut));
    const far = predictModel(fitted, all.ts.subarray(cut + 27 * 24), all.ys.subarray(cut + 27 * 24));
    expect(meanAbs(far.yhat, all.ys.subarray(cut + 27 * 24))).toBeLessThan(8);
    expect(far.outlier.filter((v) => v !== 0).length).toBeLessThanOrEqual(1);
  });
});
