import { CrossValidationRows } from './cvRows';
import { performanceMetrics } from './performanceMetrics';

const DAY = 86_400_000;

/** One cutoff at 0; y = 10 everywhere, ŷ = y − error, band ŷ ± 3. */
function rowsFrom(horizonDays: number[], errors: number[], y = 10): CrossValidationRows {
  const ds = Float64Array.from(horizonDays, (d) => d * DAY);
  const yhat = Float64Array.from(errors, (e) => y - e);
  return {
    cutoff: new Float64Array(ds.length),
    ds,
    y: new Float64Array(ds.length).fill(y),
    yhat,
    yhat_lower: yhat.map((v) => v - 3),
    yhat_upper: yhat.map((v) => v + 3),
  };
}

// Horizons (days) and absolute errors, deliberately not sorted within a horizon.
const HORIZONS = [1, 1, 2, 3, 3, 3, 4, 4, 4, 5];
const ERRORS = [1, 3, 5, 2, 4, 6, 8, 0, 7, 9];

describe('performanceMetrics', () => {
  it('rolls over the w rows with the largest horizons ≤ h, weighting a partly used group (w = 2)', () => {
    // w = floor(0.2 × 10) = 2. MAE by hand (Prophet's rolling_mean_by_h):
    //   h1: its own 2 rows → (1 + 3) / 2 = 2
    //   h2: 1 row, so add h1 at its mean for the 1 missing row → (5 + 2) / 2 = 3.5
    //   h3: 3 rows ≥ w → own mean 4;  h4: (8 + 0 + 7) / 3 = 5
    //   h5: 9 plus one row's worth of h4's mean 5 → (9 + 5) / 2 = 7
    // MdAPE (rolling_median_by_h adds earlier rows one by one, last first):
    //   h1 med(1, 3) = 2; h2 med(5, 3) = 4; h3 med(2, 4, 6) = 4; h4 med(8, 0, 7) = 7; h5 med(9, 7) = 8  (÷ y = 10)
    // Prophet 1.1's performance_metrics on the same frame prints these numbers too.
    const result = performanceMetrics(rowsFrom(HORIZONS, ERRORS), { rollingWindow: 0.2 });
    expect(result.window).toBe(2);
    expect(Array.from(result.byHorizon.horizon)).toEqual([1, 2, 3, 4, 5].map((d) => d * DAY));
    expectClose(result.byHorizon.mae, [2, 3.5, 4, 5, 7]);
    expectClose(result.byHorizon.mse, [5, 15, 18.666666666666668, 37.666666666666664, 59.333333333333336]);
    expectClose(result.byHorizon.rmse, [2.236068, 3.872983, 4.320494, 6.137318, 7.702813]);
    expectClose(result.byHorizon.mape!, [0.2, 0.35, 0.4, 0.5, 0.7]);
    expectClose(result.byHorizon.mdape!, [0.2, 0.4, 0.4, 0.7, 0.8]);
    expectClose(result.byHorizon.smape, [0.229102, 0.447884, 0.526455, 0.803419, 1.219891]);
    // Covered when |error| ≤ 3: rows 1, 3, 2 → h1 1, h2 0.5, h3 1/3, h4 1/3, h5 1/6
    expectClose(result.byHorizon.coverage, [1, 0.5, 1 / 3, 1 / 3, 1 / 6]);
  });

  it('drops horizons that cannot fill a window (w = 5)', () => {
    // Rows at horizons ≤ 1 and ≤ 2 number 2 and 3 < 5, so the first row is h3:
    // MAE = (2 + 4 + 6 + 5 + one row of h1 at mean 2) / 5 = 3.8; MdAPE = med(2, 4, 6, 5, 3) / 10 = 0.4
    const result = performanceMetrics(rowsFrom(HORIZONS, ERRORS), { rollingWindow: 0.5 });
    expect(Array.from(result.byHorizon.horizon)).toEqual([3, 4, 5].map((d) => d * DAY));
    expectClose(result.byHorizon.mae, [3.8, 4.6, 5.6]);
    expectClose(result.byHorizon.mdape!, [0.4, 0.6, 0.7]);
  });

  it('uses one row per window for rollingWindow 0 and reports overall metrics', () => {
    const result = performanceMetrics(rowsFrom(HORIZONS, ERRORS), { rollingWindow: 0 });
    expect(result.window).toBe(1);
    expectClose(result.byHorizon.mae, [2, 5, 4, 5, 9]);
    expect(result.overall.n).toBe(10);
    expect(result.overall.mae).toBeCloseTo(4.5, 12);
    expect(result.overall.violations).toBe(6);
    expect(result.overall.coverage).toBeCloseTo(0.4, 12);
    // Distances outside ±3: 2, 1, 3, 5, 4, 6 → mean 3.5, or 3.5 / 6 band widths.
    expect(result.overall.violationMagnitude).toBeCloseTo(3.5, 12);
    expect(result.overall.violationMagnitudeBand).toBeCloseTo(3.5 / 6, 12);
  });

  it('drops mape and mdape by horizon when an actual is 0, as Prophet does', () => {
    const rows = rowsFrom([1, 2, 3], [1, 1, 1], 0);
    const result = performanceMetrics(rows);
    expect(result.byHorizon.mape).toBeNull();
    expect(result.byHorizon.mdape).toBeNull();
    expect(result.overall.mape).toBeNull();
    expect(Array.from(result.byHorizon.smape)).toEqual([2, 2, 2]);
  });

  it('rejects empty or non-finite rows', () => {
    expect(() => performanceMetrics(rowsFrom([], []))).toThrow(/no cross-validation rows/);
    const rows = rowsFrom([1, 2], [1, 1]);
    rows.yhat[1] = NaN;
    expect(() => performanceMetrics(rows)).toThrow(/row 1/);
    expect(() => performanceMetrics(rowsFrom([1], [1]), { rollingWindow: -1 })).toThrow(/rollingWindow/);
  });

  it('handles many rows with distinct horizons quickly', () => {
    const n = 20_000;
    const horizons = Array.from({ length: n }, (_, i) => (i % 997) + 1);
    const errors = Array.from({ length: n }, (_, i) => (i * 7919) % 13);
    const started = Date.now();
    const result = performanceMetrics(rowsFrom(horizons, errors));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.byHorizon.mdape!.every(Number.isFinite)).toBe(true);
  });
});

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 5));
}
