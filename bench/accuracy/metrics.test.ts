import { bucketMetrics } from './metrics';

describe('bucketMetrics', () => {
  const points = [
    { ahead: 1, actual: 10, forecast: 12, lower: 11, upper: 13 },
    { ahead: 2, actual: 10, forecast: 6, lower: 5, upper: 15 },
    { ahead: 5, actual: 0, forecast: 0, lower: -1, upper: 1 },
  ];

  it('computes MAE, RMSE, sMAPE and coverage over the points up to the bucket end', () => {
    const m = bucketMetrics(points, 2)!;
    expect(m.count).toBe(2);
    expect(m.mae).toBeCloseTo(3);
    expect(m.rmse).toBeCloseTo(Math.sqrt((4 + 16) / 2));
    expect(m.smape).toBeCloseTo((4 / 22 + 8 / 16) / 2);
    expect(m.coverage).toBe(0.5);
  });

  it('counts 0 vs 0 as no sMAPE error instead of NaN', () => {
    expect(bucketMetrics(points)!.smape).toBeCloseTo((4 / 22 + 8 / 16 + 0) / 3);
  });

  it('skips NaN actuals and forecasts, has no coverage without a band, and is undefined when empty', () => {
    const m = bucketMetrics([
      { ahead: 1, actual: NaN, forecast: 1 },
      { ahead: 1, actual: 2, forecast: 1 },
    ])!;
    expect(m.count).toBe(1);
    expect(m.coverage).toBeUndefined();
    expect(bucketMetrics([], 10)).toBeUndefined();
  });
});
