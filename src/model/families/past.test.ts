import { ModelInputError } from '../errors';
import { typescriptKernels } from '../kernels';
import { detectOnline } from '../online';
import { DAY_MS, HOUR_MS, seededNormal, seededRandom } from '../testing/synthetic';
import type { ModelParams } from '../types';
import type { FittedPast } from './past';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

const STEP = 15 * 60_000;
const WEEK_MS = 7 * DAY_MS;
/** Monday 2024-06-03, UTC: five weeks later is 2024-07-08, with Independence Day (Thursday) in week five. */
const START = Date.UTC(2024, 5, 3);
const NOISE = 2;

/** Weekdays peak at 13:00, weekends at 20:00 and lower: a shape one daily cycle cannot hold. */
function truth(t: number): number {
  const day = Math.floor((t - START) / DAY_MS) % 7;
  const hour = ((t - START) % DAY_MS) / HOUR_MS;
  return day < 5 ? 100 + 60 * Math.exp(-((hour - 13) ** 2) / 8) : 80 + 30 * Math.exp(-((hour - 20) ** 2) / 8);
}

function series(weeks: number, seed = 1, start = START): { timestamps: Float64Array; values: Float64Array } {
  const n = Math.round((weeks * WEEK_MS) / STEP);
  const noise = seededNormal(seed);
  const timestamps = Float64Array.from({ length: n }, (_, i) => start + i * STEP);
  return { timestamps, values: Float64Array.from(timestamps, (t) => truth(t) + NOISE * noise()) };
}

/** The week after the history, every step. */
function nextWeek(timestamps: Float64Array): Float64Array {
  const last = timestamps[timestamps.length - 1];
  return Float64Array.from({ length: WEEK_MS / STEP }, (_, i) => last + (i + 1) * STEP);
}

function meanAbsoluteError(times: Float64Array, yhat: Float64Array, expected: (t: number) => number): number {
  let sum = 0;
  times.forEach((t, i) => (sum += Math.abs(yhat[i] - expected(t))));
  return sum / times.length;
}

/** Adds `amount` to the values in [from, to). */
function pollute(values: Float64Array, timestamps: Float64Array, from: number, to: number, amount: number): void {
  timestamps.forEach((t, i) => {
    if (t >= from && t < to) {
      values[i] += amount;
    }
  });
}

function fitPast(s: { timestamps: Float64Array; values: Float64Array }, params: Partial<ModelParams> = {}): FittedPast {
  return fitModel(s.timestamps, s.values, { model: 'past', ...params }) as FittedPast;
}

describe('past family', () => {
  it('recovers a weekly pattern with different weekday and weekend days, comparing weeks once it has two', () => {
    const s = series(5);
    const model = fitPast(s);
    expect(model.period_ms).toBe(WEEK_MS);
    const ahead = nextWeek(s.timestamps);
    const p = predictModel(model, ahead);
    // The median of four noisy weeks is off by about 0.5 noise sd on average.
    expect(meanAbsoluteError(ahead, p.yhat, truth)).toBeLessThan(0.7 * NOISE);
    // About 80% of fresh points fall in the 80% band.
    const fresh = seededNormal(9);
    const inside = Array.from(ahead).filter((t, i) => {
      const y = truth(t) + NOISE * fresh();
      return y >= p.yhat_lower[i] && y <= p.yhat_upper[i];
    }).length;
    expect(inside / ahead.length).toBeGreaterThan(0.74);
    expect(inside / ahead.length).toBeLessThan(0.9);
    // With less than two weeks it compares days.
    expect(fitPast(series(10 / 7)).period_ms).toBe(DAY_MS);
  });

  it('forecasts the next day and next week from the last periods there are', () => {
    const s = series(5);
    const model = fitPast(s);
    const last = s.timestamps[s.timestamps.length - 1];
    const far = Float64Array.from({ length: 96 }, (_, i) => last + 8 * DAY_MS + i * STEP);
    expect(meanAbsoluteError(far, predictModel(model, far).yhat, truth)).toBeLessThan(0.8 * NOISE);
  });

  it('skips a polluted past week: the expectation is the one of the same series without the incident', () => {
    const clean = series(5);
    const polluted = { timestamps: clean.timestamps, values: clean.values.slice() };
    // An incident all of Wednesday of week three, one of the last four weeks before the forecast.
    const wednesday = START + 2 * WEEK_MS + 2 * DAY_MS;
    pollute(polluted.values, polluted.timestamps, wednesday, wednesday + DAY_MS, 80);
    const missing = { timestamps: clean.timestamps, values: clean.values.slice() };
    pollute(missing.values, missing.timestamps, wednesday, wednesday + DAY_MS, NaN);

    const ahead = nextWeek(clean.timestamps);
    const withIncident = fitPast(polluted);
    // Every incident point was judged anomalous against its own past.
    const skipped = Array.from(withIncident.times).filter(
      (t, i) => withIncident.usable[i] === 0 && t >= wednesday && t < wednesday + DAY_MS
    );
    expect(skipped.length).toBe(DAY_MS / STEP);
    // Usable is exactly 0 or 1 (the model text stores the zeros' indices) and survives the text.
    expect(withIncident.usable.every((u) => u === 0 || u === 1)).toBe(true);
    const restored = deserializeModel(serializeModel(withIncident)) as FittedPast;
    expect(Array.from(restored.usable)).toEqual(Array.from(withIncident.usable));
    const a = predictModel(withIncident, ahead).yhat;
    const b = predictModel(fitPast(missing), ahead).yhat;
    // Next Wednesday: the same as without the incident, but for ordinary points near the outlier limit that
    // one fit judged anomalous and the other not (the incident moves the robust scale a little).
    const nextWednesday = wednesday + 3 * WEEK_MS;
    let moved = 0;
    let count = 0;
    ahead.forEach((t, i) => {
      if (t >= nextWednesday && t < nextWednesday + DAY_MS) {
        moved += Math.abs(a[i] - b[i]);
        count++;
      }
    });
    expect(count).toBe(DAY_MS / STEP);
    expect(moved / count).toBeLessThan(0.05 * NOISE);
    expect(meanAbsoluteError(ahead, a, truth)).toBeLessThan(0.7 * NOISE);
  });

  it('keeps the expectation clean when two of the last four weeks are polluted, where a plain median moves', () => {
    const s = series(5);
    const wednesday = (week: number) => START + week * WEEK_MS + 2 * DAY_MS;
    pollute(s.values, s.timestamps, wednesday(2), wednesday(2) + DAY_MS, 80);
    pollute(s.values, s.timestamps, wednesday(4) + 6 * HOUR_MS, wednesday(4) + 18 * HOUR_MS, 60);
    const ahead = nextWeek(s.timestamps).filter(
      (t) => t >= wednesday(5) + 6 * HOUR_MS && t < wednesday(5) + 18 * HOUR_MS
    );
    const p = predictModel(fitPast(s), ahead);
    expect(meanAbsoluteError(ahead, p.yhat, truth)).toBeLessThan(0.8 * NOISE);
    // Without skipping, the median of two clean and two polluted weeks sits tens above the truth.
    expect(meanAbsoluteError(ahead, p.yhat, (t) => truth(t) + 30)).toBeGreaterThan(20);
  });

  it('carries the last hour offset from yesterday into the forecast, fading over past_level_fade hours', () => {
    const s = series(2);
    // The last three hours run 30 above their past: a warm afternoon, not an incident.
    const end = s.timestamps[s.timestamps.length - 1] + STEP;
    pollute(s.values, s.timestamps, end - 3 * HOUR_MS, end, 30);
    const anchored = { past_period: 'day', past_periods: 1, past_clean: false, past_level: true } as const;
    const fading = fitPast(s, { ...anchored, past_level_fade: 3 });
    expect(fading.shift).toBeGreaterThan(30 - 3 * NOISE);
    expect(fading.shift).toBeLessThan(30 + 3 * NOISE);
    const last = end - STEP;
    const ahead = Float64Array.of(last + STEP, last + 3 * HOUR_MS, last + 12 * HOUR_MS);
    const yesterday = predictModel(fitPast(s, { ...anchored, past_level: false }), ahead).yhat;
    const yhat = predictModel(fading, ahead).yhat;
    ahead.forEach((t, i) => {
      expect(yhat[i] - yesterday[i]).toBeCloseTo(fading.shift * Math.exp(-(t - last) / (3 * HOUR_MS)), 6);
    });
    // Held (no fade): the last day's median offset at every horizon, which the three warm hours barely move.
    const held = fitPast(s, { ...anchored, past_level_fade: 0 });
    expect(Math.abs(held.shift)).toBeLessThan(NOISE);
    // A fitted point in the history is compared with its past as before: the shift applies past the end only.
    const inside = Float64Array.of(last - 6 * HOUR_MS);
    expect(predictModel(fading, inside).yhat[0]).toBe(predictModel(held, inside).yhat[0]);
    // The parameters travel with the model: a restored one fades the same shift the same way.
    const restored = deserializeModel(serializeModel(fading));
    expect(Array.from(predictModel(restored, ahead).yhat)).toEqual(Array.from(yhat));
  });

  it('with one day, nothing skipped and no level, forecasts yesterday at the same time (seasonal-naive)', () => {
    const s = series(2);
    pollute(s.values, s.timestamps, START + 13 * DAY_MS + 9 * HOUR_MS, START + 13 * DAY_MS + 11 * HOUR_MS, 80);
    const model = fitPast(s, { past_period: 'day', past_periods: 1, past_clean: false });
    const n = s.timestamps.length;
    const ahead = s.timestamps.subarray(n - DAY_MS / STEP).map((t) => t + DAY_MS);
    const yhat = predictModel(model, ahead).yhat;
    // Values are kept on a grid of model.value_step (valueGrid.ts), so each is yesterday's within half a step.
    ahead.forEach((_, i) =>
      expect(Math.abs(yhat[i] - s.values[n - DAY_MS / STEP + i])).toBeLessThanOrEqual(model.value_step / 2)
    );
  });

  it('takes the last day for the fading shift when no point of the last hour has a past to compare with', () => {
    const s = series(2);
    const end = s.timestamps[s.timestamps.length - 1] + STEP;
    pollute(s.values, s.timestamps, end - 6 * HOUR_MS, end, 30);
    // The last two hours' slots are missing on the two days before, so the last hour compares with nothing.
    pollute(s.values, s.timestamps, end - DAY_MS - 2 * HOUR_MS, end - DAY_MS, NaN);
    pollute(s.values, s.timestamps, end - 2 * DAY_MS - 2 * HOUR_MS, end - 2 * DAY_MS, NaN);
    const anchored = { past_period: 'day', past_periods: 1, past_clean: false, past_level: true } as const;
    const fading = fitPast(s, { ...anchored, past_level_fade: 3 });
    const held = fitPast(s, { ...anchored, past_level_fade: 0 });
    expect(fading.shift).toBe(held.shift);
    expect(fading.shift).toBeGreaterThan(0);
  });

  it('compares with the past as it was when past_clean is false: an incident yesterday is copied, not skipped', () => {
    const daily = (t: number) => 100 + 30 * Math.sin((2 * Math.PI * (t - START)) / DAY_MS);
    const noise = seededNormal(3);
    const timestamps = Float64Array.from({ length: (10 * DAY_MS) / STEP }, (_, i) => START + i * STEP);
    const values = Float64Array.from(timestamps, (t) => daily(t) + NOISE * noise());
    const lastDay = START + 9 * DAY_MS;
    pollute(values, timestamps, lastDay + 10 * HOUR_MS, lastDay + 12 * HOUR_MS, 80);
    const ahead = Float64Array.of(lastDay + DAY_MS + 11 * HOUR_MS);
    const oneDay = { past_period: 'day', past_periods: 1 } as const;
    const cleaned = predictModel(fitPast({ timestamps, values }, oneDay), ahead).yhat[0];
    const asItWas = predictModel(fitPast({ timestamps, values }, { ...oneDay, past_clean: false }), ahead).yhat[0];
    expect(Math.abs(cleaned - daily(ahead[0]))).toBeLessThan(3 * NOISE);
    expect(asItWas - daily(ahead[0])).toBeGreaterThan(80 - 3 * NOISE);
  });

  it('leaves excluded ranges and holidays out exactly as if their values were missing', () => {
    const s = series(5);
    // A mild shift the outlier test would not catch on its own, then Independence Day, a quiet holiday.
    const from = START + 2 * WEEK_MS + DAY_MS;
    const to = from + 2 * DAY_MS;
    pollute(s.values, s.timestamps, from, to, 4);
    const july4 = Date.UTC(2024, 6, 4);
    pollute(s.values, s.timestamps, july4, july4 + DAY_MS, -30);
    const missing = { timestamps: s.timestamps, values: s.values.slice() };
    pollute(missing.values, missing.timestamps, from, to + 1, NaN);
    pollute(missing.values, missing.timestamps, july4, july4 + DAY_MS, NaN);

    const ahead = nextWeek(s.timestamps);
    const skipping = predictModel(fitPast(s, { exclude: [[from, to]], country_holidays: ['US'] }), ahead);
    const without = predictModel(fitPast(missing), ahead);
    expect(Array.from(skipping.yhat)).toEqual(Array.from(without.yhat));
    expect(Array.from(skipping.yhat_upper)).toEqual(Array.from(without.yhat_upper));
    // Not skipping them changes the expectation.
    const ignoring = predictModel(fitPast(s), ahead);
    expect(Array.from(ignoring.yhat)).not.toEqual(Array.from(without.yhat));
  });

  it('splits the expectation into the level (trend) and the past comparison, holidays zero', () => {
    const s = series(3);
    const p = predictModel(fitPast(s), s.timestamps.subarray(0, 500));
    p.yhat.forEach((y, i) => expect(p.trend[i] + p.seasonal.past[i] + p.holidays[i]).toBeCloseTo(y, 9));
    expect(p.holidays.every((h) => h === 0)).toBe(true);
  });

  it('judges history and flags an incident, with a defined expectation even for the first period', () => {
    const s = series(3);
    const incident = START + 2 * WEEK_MS + 3 * DAY_MS + 12 * HOUR_MS;
    pollute(s.values, s.timestamps, incident, incident + 2 * HOUR_MS, 40);
    const p = predictModel(fitPast(s), s.timestamps, s.values);
    expect(p.yhat.every(Number.isFinite)).toBe(true);
    const flagged = Array.from(s.timestamps).filter((_, i) => p.outlier[i] === 1);
    expect(flagged.filter((t) => t >= incident && t < incident + 2 * HOUR_MS).length).toBe((2 * HOUR_MS) / STEP);
    expect(flagged.length).toBeLessThan((2 * HOUR_MS) / STEP + 20);
  });

  it('works on irregular spacing: jitter, duplicates and gaps', () => {
    const random = seededRandom(4);
    const noise = seededNormal(5);
    const times: number[] = [];
    for (let t = START; t < START + 5 * WEEK_MS; t += STEP) {
      const u = random();
      if (u < 0.1) {
        continue; // a gap
      }
      times.push(t + Math.round((random() - 0.5) * 0.3 * STEP));
      if (u > 0.97) {
        times.push(times[times.length - 1]); // a duplicate
      }
    }
    // Unsorted input is accepted.
    const timestamps = Float64Array.from(times.reverse());
    const values = Float64Array.from(timestamps, (t) => truth(t) + NOISE * noise());
    const model = fitPast({ timestamps, values });
    const ahead = nextWeek(Float64Array.from(times).sort());
    const p = predictModel(model, ahead);
    expect(p.yhat.every(Number.isFinite)).toBe(true);
    expect(meanAbsoluteError(ahead, p.yhat, truth)).toBeLessThan(1.2 * NOISE);
  });

  it('gives a constant series a finite band and no outliers', () => {
    const timestamps = Float64Array.from({ length: 3 * 96 }, (_, i) => START + i * STEP);
    const values = new Float64Array(timestamps.length).fill(7);
    const p = predictModel(fitPast({ timestamps, values }), timestamps, values);
    expect(p.yhat.every((y) => y === 7)).toBe(true);
    expect(p.yhat_upper.every(Number.isFinite)).toBe(true);
    expect(p.outlier.every((o) => o === 0)).toBe(true);
  });

  it('refuses a history shorter than one period, and a spacing longer than the period, in one line', () => {
    const short = series(0.9 / 7);
    expect(() => fitPast(short)).toThrow(
      'the past model needs history longer than one period (1 day) to compare with; the training spans 0.89 days'
    );
    expect(() => fitPast(series(1), { past_period: 'week' })).toThrow('needs history longer than one period (7 days)');
    // A long span whose gap leaves no slot with a value a period earlier: said so, not "needs longer history".
    const gapped = Float64Array.from([
      ...series(0.5 / 7).timestamps,
      ...series(0.5 / 7).timestamps.map((t) => t + 60 * DAY_MS),
    ]);
    expect(() => fitPast({ timestamps: gapped, values: new Float64Array(gapped.length).fill(3) })).toThrow(
      /found only 0 points with a value one period \(7 days\) earlier to compare with \(it needs 5\): the training spans 60\.\d+ days/
    );
    const daily = Float64Array.from({ length: 60 }, (_, i) => START + i * 2 * DAY_MS);
    expect(() => fitModel(daily, new Float64Array(60).fill(1), { model: 'past', past_period: 'day' })).toThrow(
      "the series' spacing (2 days) is longer than past_period (1 day)"
    );
  });

  it.each([
    [{ past_period: 'month' }, 'past_period must be "auto", "week" or "day", got "month"'],
    [{ past_periods: 0 }, 'past_periods must be a whole number in 1..52, got 0'],
    [{ past_periods: 2.5 }, 'past_periods must be a whole number in 1..52, got 2.5'],
    [{ past_periods: 53 }, 'past_periods must be a whole number in 1..52, got 53'],
    [{ past_level: 'yes' }, 'past_level must be true or false, got "yes"'],
    [{ past_level: true, past_level_fade: -1 }, 'past_level_fade must be a number of hours in 0..8760, got -1'],
    [{ past_level: true, past_level_fade: NaN }, 'past_level_fade must be a number of hours in 0..8760, got NaN'],
    [{ past_level: true, past_level_fade: Infinity }, 'must be a number of hours in 0..8760, got Infinity'],
    [{ past_level: true, past_level_fade: '3h' }, 'past_level_fade must be a number of hours in 0..8760, got "3h"'],
    [{ past_level_fade: 3 }, 'past_level_fade fades the level shift: it needs past_level: true'],
    [{ past_clean: 1 }, 'past_clean must be true or false, got 1'],
  ])('refuses %j with a one-line error', (bad, message) => {
    const s = series(2);
    const run = () => fitModel(s.timestamps, s.values, { model: 'past', ...(bad as Partial<ModelParams>) });
    expect(run).toThrow(ModelInputError);
    expect(run).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it('round-trips through JSON and predicts identically; refuses another version or a damaged model', () => {
    const s = series(3);
    const model = fitPast(s, { past_periods: 2 });
    const text = serializeModel(model);
    const back = deserializeModel(text) as FittedPast;
    expect(back.family).toBe('past');
    const ahead = nextWeek(s.timestamps);
    const a = predictModel(model, ahead, ahead);
    const b = predictModel(back, ahead, ahead);
    expect(Array.from(b.yhat)).toEqual(Array.from(a.yhat));
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
    expect(Array.from(back.usable)).toEqual(Array.from(model.usable));

    const data = JSON.parse(text) as Record<string, unknown>;
    expect(() => deserializeModel(JSON.stringify({ ...data, version: 1 }))).toThrow(
      'serialized past model: version 1 is not one of 2, 3, 4; refit the model'
    );
    // Values with no grid are float64 text (`values`), as version 3 held them.
    const floatText = { ...data, value_step: undefined, value_steps: undefined };
    expect(() => deserializeModel(JSON.stringify({ ...floatText, values: [1, 2] }))).toThrow(ModelInputError);
    // A tiny period would make the slot search count lags past what a float holds, for ever.
    expect(() => deserializeModel(JSON.stringify({ ...data, period_ms: 1e-9, tolerance_ms: 0 }))).toThrow(
      'period_ms must be at least a minute'
    );
    expect(() => deserializeModel(JSON.stringify({ ...floatText, values: 'AAAA' }))).toThrow(
      'values must be base64 text of finite float64 values'
    );
    const infinite = typescriptKernels.encodeFloat64s(model.values.map((v, i) => (i === 3 ? Infinity : v)));
    expect(() => deserializeModel(JSON.stringify({ ...floatText, values: infinite }))).toThrow('values must be base64');
    // Versions 3 (float64 text) and 2 (a list of numbers) are still read and predict the same.
    const floats = typescriptKernels.encodeFloat64s(model.values);
    for (const old of [
      { ...floatText, version: 3, values: floats },
      { ...floatText, version: 4, values: floats },
      { ...floatText, version: 2, values: Array.from(model.values) },
    ]) {
      const restored = deserializeModel(JSON.stringify(old));
      expect(Array.from(predictModel(restored, ahead, ahead).score)).toEqual(Array.from(a.score));
    }
    expect(() => deserializeModel(JSON.stringify({ ...data, skipped: [-1] }))).toThrow('skipped index -1');
    expect(() => deserializeModel(JSON.stringify({ ...data, level: null }))).toThrow('level must be a finite number');
    // A zero scale made every score NaN, a negative band an inverted one: refused as the decomposition's are.
    const residuals = data.residuals as Record<string, number>;
    for (const bent of [{ scale_above: 0 }, { band_below: -1 }, { z: 1e300 }]) {
      expect(() => deserializeModel(JSON.stringify({ ...data, residuals: { ...residuals, ...bent } }))).toThrow(
        'serialized past model: residuals need'
      );
    }
    expect(() => deserializeModel(JSON.stringify({ ...data, time_runs: [0, 1] }))).toThrow('time_runs must be');
    // A regular series' times are one run: three numbers, not one per point.
    expect(data.time_runs).toEqual([model.times[0], STEP, model.times.length - 1]);
  });

  it('keeps irregular times exactly through JSON', () => {
    const random = seededRandom(9);
    const s = series(3);
    const jittered = s.timestamps.map((t) => t + Math.round(random() * 60_000));
    const model = fitPast({ timestamps: jittered, values: s.values }, { past_periods: 2 });
    const back = deserializeModel(serializeModel(model)) as FittedPast;
    expect(Array.from(back.times)).toEqual(Array.from(model.times));
  });

  it('runs online, judging each point by a model of the points before it', () => {
    const s = series(3);
    const d = detectOnline(s.timestamps, s.values, { model: 'past' }, { min_history_days: 2 });
    expect(d.judged).toBeGreaterThan(0.8 * s.timestamps.length);
    const judged = Array.from(d.yhat).filter(Number.isFinite);
    expect(judged.length).toBe(d.judged);
  });
});
