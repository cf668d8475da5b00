import { detectBatch, fit, predict } from './index';
import { HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';

/** A count with a deep daily cycle: near zero at night, ~100 at noon, noise sd 8 (never negative). */
function nightlyLow(seed = 1) {
  const noise = seededNormal(seed);
  return makeSeries(21 * 24, HOUR_MS, (d) => Math.max(0, 50 - 50 * Math.cos(2 * Math.PI * d) + 8 * noise()));
}

function min(a: Float64Array): number {
  return a.reduce((m, v) => Math.min(m, v), Infinity);
}

describe('non-negative series', () => {
  it('keep expectation and band at or above zero, learned from history', () => {
    const { timestamps, values } = nightlyLow();
    const model = fit(timestamps, values);
    expect(model.nonnegative).toBe(true);
    const future = Float64Array.from({ length: 48 }, (_, i) => timestamps[timestamps.length - 1] + (i + 1) * HOUR_MS);
    for (const out of [predict(model, timestamps, values), predict(model, future)]) {
      expect(min(out.yhat)).toBeGreaterThanOrEqual(0);
      expect(min(out.yhat_lower)).toBeGreaterThanOrEqual(0);
      expect(min(out.yhat_upper)).toBeGreaterThanOrEqual(0);
    }
  });

  it('a zero at night is not an outlier because the unbounded model expected less than zero', () => {
    const { timestamps, values } = nightlyLow(2);
    const free = detectBatch(timestamps, values, { nonnegative: false });
    expect(min(free.yhat_lower)).toBeLessThan(0);
    const bounded = detectBatch(timestamps, values);
    for (let i = 0; i < values.length; i++) {
      if (values[i] === 0) {
        expect(bounded.outlier[i]).toBe(0);
      }
    }
  });

  it('a series that goes below zero keeps its negative expectations; true forces the floor', () => {
    const noise = seededNormal(3);
    const { timestamps, values } = makeSeries(14 * 24, HOUR_MS, (d) => 20 * Math.sin(2 * Math.PI * d) + noise());
    const signed = fit(timestamps, values);
    expect(signed.nonnegative).toBe(false);
    expect(min(predict(signed, timestamps).yhat)).toBeLessThan(-15);
    const forced = fit(timestamps, values, { nonnegative: true });
    expect(min(predict(forced, timestamps).yhat)).toBe(0);
  });

  it('refuses a nonnegative setting that is not auto, true or false', () => {
    const { timestamps, values } = nightlyLow();
    expect(() => fit(timestamps, values, { nonnegative: 'yes' as never })).toThrow(
      /nonnegative must be "auto", true or false/
    );
  });
});
