import { ForecastModel } from './forecastModel';
import { expandGrid, tune } from './tune';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deterministic standard-normal-ish noise (sum of 12 uniforms from an LCG). */
function noise(seed: number): () => number {
  let state = seed;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return () => {
    let sum = 0;
    for (let k = 0; k < 12; k++) {
      sum += uniform();
    }
    return sum - 6;
  };
}

/** 40 days hourly: daily cycle + noise on a trend that either stays put or turns sharply on day 25. */
function series(kind: 'sharp' | 'smooth') {
  const gauss = noise(7);
  const ts = Float64Array.from({ length: 40 * 24 }, (_, i) => i * HOUR);
  const values = Float64Array.from(ts, (t) => {
    const d = t / DAY;
    const trend = kind === 'smooth' || d < 25 ? 10 + 0.5 * d : 22.5 - 2 * (d - 25);
    return trend + 3 * Math.sin(2 * Math.PI * d) + gauss();
  });
  return { ts, values };
}

const windows = { horizon: 2 * DAY, initial: 14 * DAY, period: 2 * DAY };
const cpsGrid = { changepoint_prior_scale: [0.001, 0.01, 0.1, 0.5] };

describe('tune', () => {
  it('prefers a flexible trend for a sharp trend change and a stiff one for a steady trend', () => {
    const sharp = series('sharp');
    const smooth = series('smooth');
    const sharpResult = tune(sharp.ts, sharp.values, {}, { ...windows, grid: cpsGrid });
    const smoothResult = tune(smooth.ts, smooth.values, {}, { ...windows, grid: cpsGrid });
    const sharpBest = sharpResult.best.params.changepoint_prior_scale!;
    const smoothBest = smoothResult.best.params.changepoint_prior_scale!;
    expect(sharpBest).toBeGreaterThanOrEqual(0.1);
    expect(smoothBest).toBeLessThanOrEqual(0.01);
    // The stiffest trend cannot follow the turn at all.
    expect(sharpResult.ranking[sharpResult.ranking.length - 1].combination).toEqual({ changepoint_prior_scale: 0.001 });
    expect(sharpResult.fits).toBe(4 * sharpResult.cutoffs.length);
    const rmses = sharpResult.ranking.map((c) => c.metrics.rmse);
    expect(rmses).toEqual([...rmses].sort((a, b) => a - b));
  });

  it('is deterministic and keeps base parameters', () => {
    const { ts, values } = series('sharp');
    const options = { ...windows, grid: { changepoint_prior_scale: [0.01, 0.5] }, metric: 'mae' as const };
    const first = tune(ts, values, { daily_seasonality: 4 }, options);
    const second = tune(ts, values, { daily_seasonality: 4 }, options);
    expect(second.ranking.map((c) => c.metrics)).toEqual(first.ranking.map((c) => c.metrics));
    expect(first.best.params).toEqual({ daily_seasonality: 4, changepoint_prior_scale: 0.5 });
  });

  describe('violation priority', () => {
    // A fake model: ŷ = 0 with band ±changepoint_prior_scale. y is ±1.5 except every 10th point at 10.
    // Band ±1 (2 wide): every point violates (rate 1), 90% by 0.5 and 10% by 9 → about
    // 0.9 × 0.25 + 0.1 × 4.5 ≈ 0.68 band widths.
    // Band ±2: only the spikes violate (rate 0.1), by 8 → 2 band widths.
    const bandModel: ForecastModel<number> = {
      fit: (_t, _v, params) => params.changepoint_prior_scale ?? 1,
      predict: (halfWidth, timestamps) => {
        const yhat = new Float64Array(timestamps.length);
        return { yhat, yhat_lower: yhat.map(() => -halfWidth), yhat_upper: yhat.map(() => halfWidth) };
      },
    };
    const ts = Float64Array.from({ length: 20 * 24 }, (_, i) => i * HOUR);
    const values = Float64Array.from(ts, (_, i) => (i % 10 === 0 ? 10 : i % 2 === 0 ? 1.5 : -1.5));
    const grid = { changepoint_prior_scale: [1, 2] };

    it("'count' picks the band with fewer violations, 'magnitude' the one with smaller ones", () => {
      const byCount = tune(ts, values, {}, { ...windows, grid, model: bandModel, priority: 'count' });
      const byMagnitude = tune(ts, values, {}, { ...windows, grid, model: bandModel, priority: 'magnitude' });
      expect(byCount.metric).toBe('violations');
      expect(byCount.best.combination).toEqual({ changepoint_prior_scale: 2 });
      expect(byCount.best.metrics.violationRate).toBeCloseTo(0.1, 1);
      expect(byMagnitude.metric).toBe('violationMagnitude');
      expect(byMagnitude.best.combination).toEqual({ changepoint_prior_scale: 1 });
      expect(byMagnitude.best.metrics.violationMagnitudeBand!).toBeLessThan(1);
    });

    it('a weight on the count alone matches count priority', () => {
      const weighted = tune(ts, values, {}, { ...windows, grid, model: bandModel, priority: { weight: 1 } });
      expect(weighted.best.combination).toEqual({ changepoint_prior_scale: 2 });
    });
  });

  it('ranks coverage by distance from the nominal interval width', () => {
    const model: ForecastModel<number> = {
      fit: (_t, _v, params) => params.changepoint_prior_scale ?? 1,
      predict: (halfWidth, timestamps) => {
        const yhat = new Float64Array(timestamps.length);
        return { yhat, yhat_lower: yhat.map(() => -halfWidth), yhat_upper: yhat.map(() => halfWidth) };
      },
    };
    // y cycles through 0.5, 1.5, ..., 9.5: band ±8 covers 80%, ±10 covers 100%, ±3 covers 30%.
    const ts = Float64Array.from({ length: 20 * 24 }, (_, i) => i * HOUR);
    const values = Float64Array.from(ts, (_, i) => (i % 10) + 0.5);
    const result = tune(
      ts,
      values,
      {},
      {
        ...windows,
        grid: { changepoint_prior_scale: [10, 3, 8] },
        metric: 'coverage',
        model,
      }
    );
    expect(result.ranking.map((c) => c.combination.changepoint_prior_scale)).toEqual([8, 10, 3]);
  });

  it('gives each combination the most recent cutoffs maxFits allows', () => {
    const { ts, values } = series('smooth');
    // Default grid: 16 combinations. Cutoffs: last point 39d 23h − 2d = 37d 23h, then every 2d down to
    // 15d 23h (13d 23h < initial 14d): 12 available; maxFits 100 leaves 6 per combination.
    const quick: ForecastModel<null> = {
      fit: () => null,
      predict: (_f, timestamps) => {
        const zeros = new Float64Array(timestamps.length);
        return { yhat: zeros, yhat_lower: zeros, yhat_upper: zeros };
      },
    };
    const result = tune(ts, values, {}, { ...windows, model: quick, maxFits: 100 });
    expect(result.cutoffsAvailable).toBe(12);
    expect(result.cutoffs).toHaveLength(6);
    expect(result.fits).toBe(96);
    expect(result.cutoffs[5]).toBe(ts[ts.length - 1] - 2 * DAY);
  });

  it('checks the grid and bounds the work before fitting', () => {
    const { ts, values } = series('smooth');
    let fitsRun = 0;
    const counting: ForecastModel<null> = {
      fit: () => {
        fitsRun++;
        return null;
      },
      predict: (_f, timestamps) => {
        const zeros = new Float64Array(timestamps.length);
        return { yhat: zeros, yhat_lower: zeros, yhat_upper: zeros };
      },
    };
    const run = (options: object) => () => tune(ts, values, {}, { ...windows, model: counting, ...options });
    expect(run({ grid: { changepoint_prior_scale: [0.1, -1] } })).toThrow(
      /grid combination \{"changepoint_prior_scale":-1\}: changepoint_prior_scale must be a positive number/
    );
    expect(run({ grid: { changepoint_prior_scale: [] } })).toThrow(/no values for changepoint_prior_scale/);
    expect(run({ grid: {} })).toThrow(/no parameters/);
    expect(run({ maxFits: 15 })).toThrow(/the grid has 16 combinations, more than maxFits = 15 allows/);
    expect(run({ metric: 'rmse', priority: 'count' })).toThrow(/priority applies to the violation metrics only/);
    // Once ranked in grid order as if every combination tied, and ignored, in turn.
    expect(run({ metric: 'fewest' })).toThrow(/^metric must be one of mse, rmse, .*, got "fewest"$/);
    expect(run({ priority: 5 })).toThrow(/^priority must be "count", "magnitude" or an object/);
    // Counted, not laid out: ten million combinations are refused without building them.
    const tenEach = (from: number) => Array.from({ length: 10 }, (_, i) => from + i);
    const huge = Object.fromEntries(
      ['n_changepoints', 'changepoint_prior_scale', 'seasonality_prior_scale', 'holidays_prior_scale'].map((k) => [
        k,
        tenEach(1),
      ])
    );
    const grid = {
      ...huge,
      changepoint_range: tenEach(1).map((v) => v / 20),
      interval_width: [0.5, 0.6, 0.7, 0.8, 0.9, 0.55, 0.65, 0.75, 0.85, 0.95],
      sustained_points: tenEach(1),
    };
    expect(run({ grid })).toThrow(/^the grid has 10000000 combinations, more than maxFits = 200 allows/);
    expect(fitsRun).toBe(0);
  });
});

describe('expandGrid', () => {
  it('lists the cartesian product in key order, last key fastest', () => {
    expect(
      expandGrid({ changepoint_prior_scale: [0.1, 0.5], seasonality_mode: ['additive', 'multiplicative'] })
    ).toEqual([
      { changepoint_prior_scale: 0.1, seasonality_mode: 'additive' },
      { changepoint_prior_scale: 0.1, seasonality_mode: 'multiplicative' },
      { changepoint_prior_scale: 0.5, seasonality_mode: 'additive' },
      { changepoint_prior_scale: 0.5, seasonality_mode: 'multiplicative' },
    ]);
  });
});
