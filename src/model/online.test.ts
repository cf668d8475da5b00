import { ModelInputError } from './errors';
import {
  DEFAULT_ONLINE_OPTIONS,
  detectBatch,
  detectOnline,
  MAX_REFIT_INTERVAL_MS,
  MIN_REFIT_INTERVAL_MS,
  refitIntervalMs,
  resolveOnlineOptions,
} from './online';
import type { ModelParams } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);

/** Deterministic noise in [-0.5, 0.5) (a small linear congruential generator). */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
}

/** Hourly-cycled series: level 100, daily amplitude 20, small noise. */
function dailySeries(days: number, stepMs: number, seed = 1): { ts: number[]; ys: number[] } {
  const next = noise(seed);
  const ts: number[] = [];
  const ys: number[] = [];
  for (let t = START; t < START + days * DAY; t += stepMs) {
    ts.push(t);
    ys.push(100 + 20 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + 2 * next());
  }
  return { ts, ys };
}

describe('refitIntervalMs', () => {
  it('is hourly for short histories, a 64th of long ones, and at most 12 hours', () => {
    expect(refitIntervalMs(2 * DAY)).toBe(MIN_REFIT_INTERVAL_MS);
    expect(refitIntervalMs(16 * DAY)).toBe(6 * HOUR);
    expect(refitIntervalMs(28 * DAY)).toBe(10.5 * HOUR);
    expect(refitIntervalMs(365 * DAY)).toBe(MAX_REFIT_INTERVAL_MS);
  });
});

describe('resolveOnlineOptions', () => {
  it('fills the defaults', () => {
    expect(resolveOnlineOptions({})).toEqual(DEFAULT_ONLINE_OPTIONS);
  });

  it.each([
    [{ refit_every: 0 }, /refit_every/],
    [{ refit_every: 1.5 }, /refit_every/],
    [{ max_history_days: -1 }, /max_history_days/],
    [{ min_history_points: 1 }, /min_history_points/],
    [{ min_history_days: 40 }, 'min_history_days (40) must be between 0 and max_history_days (28, the default)'],
    [{ max_history_days: 1 }, 'min_history_days (2, the default) must be between 0 and max_history_days (1)'],
    [{ select_every_days: 0 }, /select_every_days/],
    [{ swap_margin: 1 }, /swap margin/],
  ])('rejects %j', (options, message) => {
    expect(() => resolveOnlineOptions(options)).toThrow(ModelInputError);
    expect(() => resolveOnlineOptions(options)).toThrow(message);
  });
});

describe('detectOnline', () => {
  const { ts, ys } = dailySeries(5, 15 * 60_000);

  it('leaves points before 2 days of history unjudged, with NaN expectations and score 0', () => {
    const result = detectOnline(ts, ys);
    // The window must span 2 days: its first and last points are 2 days apart.
    const firstJudged = ts.findIndex((_, i) => i > 0 && ts[i - 1] >= START + 2 * DAY);
    for (let i = 0; i < firstJudged; i++) {
      expect(result.yhat[i]).toBeNaN();
      expect(result.yhat_lower[i]).toBeNaN();
      expect(result.score[i]).toBe(0);
      expect(result.outlier[i]).toBe(0);
    }
    expect(Number.isFinite(result.yhat[firstJudged])).toBe(true);
    expect(result.judged).toBe(ts.length - firstJudged);
    for (let i = firstJudged; i < ts.length; i++) {
      expect(Math.abs(result.yhat[i] - ys[i])).toBeLessThan(6);
      expect(result.score[i]).toBeGreaterThanOrEqual(0);
      expect(result.score[i]).toBeLessThanOrEqual(1);
    }
  });

  it('never lets a later value change an earlier verdict', () => {
    const k = Math.floor(ts.length * 0.7);
    const before = detectOnline(ts, ys);
    const changed = ys.slice();
    for (let i = k; i < changed.length; i++) {
      changed[i] += i === k ? 500 : 50;
    }
    const after = detectOnline(ts, changed);
    expect(Array.from(after.yhat.subarray(0, k))).toEqual(Array.from(before.yhat.subarray(0, k)));
    expect(Array.from(after.yhat_upper.subarray(0, k))).toEqual(Array.from(before.yhat_upper.subarray(0, k)));
    expect(Array.from(after.score.subarray(0, k))).toEqual(Array.from(before.score.subarray(0, k)));
    expect(Array.from(after.outlier.subarray(0, k))).toEqual(Array.from(before.outlier.subarray(0, k)));
    // The injected jump itself is judged by a model that has not seen it.
    expect(after.outlier[k]).toBe(1);
    expect(after.score[k]).toBeGreaterThan(0.9);
  });

  it('does not train on a point with the same timestamp', () => {
    const short = dailySeries(2.5, 15 * 60_000);
    const k = 220;
    const dupTs = [...short.ts.slice(0, k + 1), short.ts[k], ...short.ts.slice(k + 1)];
    const dupYs = [...short.ys.slice(0, k + 1), short.ys[k], ...short.ys.slice(k + 1)];
    const a = detectOnline(dupTs, dupYs, {}, { refit_every: 1 });
    const changed = dupYs.slice();
    changed[k] += 1000;
    const b = detectOnline(dupTs, changed, {}, { refit_every: 1 });
    // Row k + 1 shares row k's time, so row k's value must not reach row k + 1's expectation.
    expect(Number.isFinite(a.yhat[k + 1])).toBe(true);
    expect(b.yhat[k + 1]).toBe(a.yhat[k + 1]);
    expect(b.outlier[k]).toBe(1);
    expect(b.yhat[k + 2]).not.toBe(a.yhat[k + 2]);
  });

  it('answers in input order for shuffled input', () => {
    const sorted = detectOnline(ts, ys);
    const order = ts.map((_, i) => i).reverse();
    const shuffled = detectOnline(
      order.map((i) => ts[i]),
      order.map((i) => ys[i])
    );
    order.forEach((original, position) => {
      expect(shuffled.timestamps[position]).toBe(ts[original]);
      expect(Object.is(shuffled.yhat[position], sorted.yhat[original])).toBe(true);
      expect(shuffled.score[position]).toBe(sorted.score[original]);
    });
  });

  it('refits on a fixed schedule when refit_every is given', () => {
    const result = detectOnline(ts, ys, {}, { refit_every: 24 });
    expect(result.refits).toBe(Math.ceil(result.judged / 24));
  });

  it('refits a family with its own interval (neural: daily) at most that often, however dense the series', () => {
    const dense = dailySeries(6, 2 * 60_000);
    const starts: number[] = [];
    const neural = detectOnline(
      dense.ts,
      dense.ys,
      { model: 'neural', neural_steps: 100 },
      { min_history_days: 3 },
      undefined,
      undefined,
      (_fitted, sorted, from) => starts.push(sorted[from])
    );
    // Judged once three days span the history (from its second point on): three blocks a day apart, each of 720
    // points where the adaptive schedule stops at 288.
    const firstJudged = START + 3 * DAY + 2 * 60_000;
    expect(neural.refits).toBe(3);
    expect(starts.map((t) => (t - firstJudged) / DAY)).toEqual([0, 1, 2]);
    expect(neural.judged).toBe(3 * 720 - 1);
    const decomposition = detectOnline(dense.ts, dense.ys, { model: 'decomposition' }, { min_history_days: 3 });
    expect(decomposition.refits).toBeGreaterThan(3 * 12);
    // An ensemble holding the neural family refits on its schedule too.
    const ensemble: Partial<ModelParams> = {
      model: 'ensemble',
      ensemble_members: ['decomposition', 'neural'],
      neural_steps: 100,
    };
    expect(detectOnline(dense.ts, dense.ys, ensemble, { min_history_days: 3 }).refits).toBe(3);
  });

  it('tries a refused window again on the adaptive schedule, not a family interval later', () => {
    // Neural needs three days of history; from two days on, windows are refused and tried again about hourly.
    const series = dailySeries(5, 5 * 60_000);
    const gappy = series.ys.slice();
    gappy[series.ts.indexOf(START + 3 * DAY)] = NaN;
    const result = detectOnline(series.ts, gappy, { model: 'neural', neural_steps: 100 });
    const firstJudged = series.ts[result.yhat.findIndex((v) => Number.isFinite(v))];
    expect(firstJudged).toBeGreaterThan(START + 3 * DAY);
    expect(firstJudged).toBeLessThan(START + 3 * DAY + 2 * HOUR);
  });

  it('skips blocks whose window holds only missing values and judges again once data returns', () => {
    const gappy = ys.slice();
    const from = ts.findIndex((t) => t >= START + 2 * DAY);
    const to = ts.findIndex((t) => t >= START + 2.5 * DAY);
    for (let i = from; i < to; i++) {
      gappy[i] = NaN;
    }
    const result = detectOnline(
      ts,
      gappy,
      {},
      { max_history_days: 0.25, min_history_days: 0.1, min_history_points: 4 }
    );
    expect(result.outlier.every((o) => o === 0 || o === 1 || o === -1)).toBe(true);
    expect(result.score.every((s) => Number.isFinite(s))).toBe(true);
    expect(Number.isFinite(result.yhat[ts.length - 1])).toBe(true);
  });

  it('counts only values outside excluded ranges as history', () => {
    const long = dailySeries(6, HOUR);
    const excludedUntil = START + 3 * DAY;
    const result = detectOnline(long.ts, long.ys, { exclude: [[START, excludedUntil]] });
    const firstJudged = result.yhat.findIndex((v) => Number.isFinite(v));
    // Two days of usable history after the excluded stretch are needed first.
    expect(long.ts[firstJudged]).toBeGreaterThan(excludedUntil + 2 * DAY);
    expect(long.ts[firstJudged]).toBeLessThanOrEqual(excludedUntil + 2 * DAY + 2 * HOUR);
  });

  it('leaves a block unjudged when the model refuses its window', () => {
    // The first three points share one time: a window of them has no time span to fit.
    const t = [START, START, START, START + HOUR, START + 2 * HOUR, START + 3 * HOUR];
    const v = [1, 2, 3, 4, 5, 6];
    const result = detectOnline(t, v, {}, { min_history_points: 2, min_history_days: 0, refit_every: 1 });
    expect(result.yhat[3]).toBeNaN();
    expect(result.refits).toBe(2);
    expect(Number.isFinite(result.yhat[5])).toBe(true);
  });

  it('fails on settings no window fixes, as a single fit does, rather than leaving the blocks it refuses unjudged', () => {
    // With US holidays' ±14-day windows, fits whose training holds a holiday pass the 200-column limit.
    const params: Partial<ModelParams> = {
      model: 'decomposition',
      daily_seasonality: 80,
      weekly_seasonality: false,
      yearly_seasonality: false,
      daily_seasonality_by_day_kind: false,
      country_holidays: ['US'],
      holidays_lower_window: -14,
      holidays_upper_window: 14,
    };
    const next = noise(3);
    const start = Date.UTC(2023, 10, 14);
    const t = Array.from({ length: 240 }, (_, i) => start + i * HOUR);
    const v = t.map((ti) => 100 + 5 * Math.sin((2 * Math.PI * ti) / DAY) + next());
    expect(() => detectOnline(t, v, params)).toThrow(/columns.*the limit is 200/);
  });

  it('judges nothing in a series shorter than the minimum history', () => {
    const result = detectOnline([START, START + HOUR], [1, 2]);
    expect(result.judged).toBe(0);
    expect(result.refits).toBe(0);
    expect(Array.from(result.score)).toEqual([0, 0]);
  });

  it.each([
    [[], [], /empty/],
    [[START, NaN], [1, 2], /not a finite number/],
    [[START], [1, 2], /differ in length/],
  ])('rejects bad input %#', (t, v, message) => {
    expect(() => detectOnline(t, v)).toThrow(message);
  });
});

describe('detectBatch', () => {
  it('flags an injected spike and dip and nothing else far from them', () => {
    const { ts, ys } = dailySeries(6, 15 * 60_000, 7);
    const spike = 300;
    const dip = 450;
    ys[spike] += 40;
    ys[dip] -= 40;
    const result = detectBatch(ts, ys, { interval_width: 0.99 });
    expect(result.outlier[spike]).toBe(1);
    expect(result.outlier[dip]).toBe(-1);
    expect(result.score[spike]).toBeGreaterThan(0.8);
    const flagged = Array.from(result.outlier).filter((o) => o !== 0).length;
    expect(flagged).toBeLessThan(ts.length * 0.03);
  });

  it('answers in input order', () => {
    const { ts, ys } = dailySeries(3, HOUR);
    const sorted = detectBatch(ts, ys);
    const reversed = detectBatch(ts.slice().reverse(), ys.slice().reverse());
    expect(reversed.yhat[0]).toBeCloseTo(sorted.yhat[ts.length - 1], 9);
    expect(reversed.timestamps[0]).toBe(ts[ts.length - 1]);
  });
});

describe("detectOnline with model 'auto'", () => {
  const six = dailySeries(6, HOUR);

  it('selects on the schedule of series time: once per judged day by default, every other day when asked', () => {
    const daily = detectOnline(six.ts, six.ys, { model: 'auto' }, { refit_every: 24 });
    // Blocks of 24 hours from day 2 on: 4 fits, each preceded by a day of series time.
    expect(daily.refits).toBe(4);
    expect(daily.selections).toBe(4);
    const everyOther = detectOnline(six.ts, six.ys, { model: 'auto' }, { refit_every: 24, select_every_days: 2 });
    expect(everyOther.selections).toBe(2);
    const named = detectOnline(six.ts, six.ys, {}, { refit_every: 24 });
    expect([named.selections, named.swaps, named.trail]).toEqual([0, 0, []]);
  });

  it('fits a winning decomposition inside the ensemble, alone where the ensemble would not hold it', () => {
    const familiesOf = (params: Partial<ModelParams>): string[] => {
      const fitted: string[] = [];
      detectOnline(six.ts, six.ys, params, { refit_every: 24 }, undefined, undefined, (f) => {
        fitted.push(f.family);
      });
      return fitted;
    };
    // The first block is served by the first incumbent, the decomposition's defaults; later ones by what won.
    const plain = familiesOf({ model: 'auto' });
    expect(plain[0]).toBe('ensemble');
    expect(plain).not.toContain('decomposition');
    const withoutIt = familiesOf({ model: 'auto', ensemble_members: ['past', 'autoregressive'] });
    expect(withoutIt).toEqual(plain.map((f) => (f === 'ensemble' ? 'decomposition' : f)));
  });

  it('selects on the past only: a later value changes no earlier verdict', () => {
    const changed = [...six.ys];
    changed[changed.length - 30] += 500;
    const before = detectOnline(six.ts, six.ys, { model: 'auto' }, { refit_every: 24 });
    const after = detectOnline(six.ts, changed, { model: 'auto' }, { refit_every: 24 });
    const cut = six.ts.length - 30;
    expect(Array.from(after.yhat.subarray(0, cut))).toEqual(Array.from(before.yhat.subarray(0, cut)));
    expect(Array.from(after.score.subarray(0, cut))).toEqual(Array.from(before.score.subarray(0, cut)));
  });

  it('swaps the serving model only when a challenger wins by the margin, and leaves a trail of each swap', () => {
    // A steady cycle for 6 days, then a level climbing fast with a cycle that scales with it.
    const ts: number[] = [];
    const ys: number[] = [];
    const next = noise(4);
    for (let t = START; t < START + 12 * DAY; t += HOUR) {
      const d = (t - START) / DAY;
      const cycle = Math.sin((2 * Math.PI * (t % DAY)) / DAY);
      ts.push(t);
      ys.push(d < 6 ? 100 + 30 * cycle + 4 * next() : (100 + 60 * (d - 6)) * (1 + 0.3 * cycle) + 4 * next());
    }
    const result = detectOnline(ts, ys, { model: 'auto' }, { refit_every: 24 });
    expect(result.selections).toBe(10);
    expect(result.swaps).toBeGreaterThan(0);
    expect(result.trail).toHaveLength(result.swaps);
    for (const entry of result.trail) {
      expect(entry.swapped).toBe(true);
      expect(entry.challenger.score!).toBeLessThan(entry.incumbent.score! * (1 - entry.margin));
      expect(entry.at).toBeLessThan(ts[ts.length - 1]);
    }
    const strict = detectOnline(ts, ys, { model: 'auto' }, { refit_every: 24, swap_margin: 0.99 });
    expect(strict.selections).toBe(10);
    expect(strict.swaps).toBe(0);
  });
});
