import { capByTrailingTail, dampRepeats, deviationFromScore, scoreFromDeviation, trailingQuantile } from './rescore';

describe('deviationFromScore(score)', () => {
  it('inverts d / (d + 3) and maps 0 and NaN to 0', () => {
    expect(deviationFromScore(0.5)).toBeCloseTo(3, 12);
    expect(deviationFromScore(0.75)).toBeCloseTo(9, 12);
    expect(deviationFromScore(0)).toBe(0);
    expect(deviationFromScore(NaN)).toBe(0);
    expect(Array.from(scoreFromDeviation([3, 9]))).toEqual([0.5, 0.75]);
  });
});

describe('trailingQuantile(values, window, q)', () => {
  it('uses only the previous `window` finite values', () => {
    const out = trailingQuantile([5, 1, NaN, 3, 10, 2], 3, 0.5);
    // row 0: none; 1: [5]; 2: [5,1]; 3: [5,1]; 4: [5,1,3]; 5: [1,3,10]
    expect(Array.from(out)).toEqual([NaN, 5, 5, 5, 3, 3]);
  });

  it('agrees with a sort of each trailing window on random data', () => {
    const values = Array.from(
      { length: 300 },
      (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453)
    );
    const out = trailingQuantile(values, 50, 0.9);
    for (let i = 1; i < values.length; i++) {
      const past = values.slice(Math.max(0, i - 50), i).sort((a, b) => a - b);
      expect(out[i]).toBe(past[Math.min(past.length - 1, Math.floor(0.9 * past.length))]);
    }
  });
});

describe('capByTrailingTail(deviation, residual, options)', () => {
  it('caps a huge deviation by |r| / (past tail quantile / z)', () => {
    const residual = [1, -1, 2, -2, 100];
    const deviation = [1, 1, 2, 2, 1e6];
    const capped = capByTrailingTail(deviation, residual, { window: 10, quantile: 0.99, normalQuantile: 2 });
    // tail of |r| over [1, 1, 2, 2] at q 0.99 = 2; scale = 1; cap = 100
    expect(capped[4]).toBe(100);
    expect(capped[3]).toBe(2);
  });
});

describe('dampRepeats(deviation, lookback, factor)', () => {
  it('keeps new highs over the lookback and damps the rest', () => {
    const out = dampRepeats([1, 5, 4, 6, 6, 2, 3], 2, 0.5);
    expect(Array.from(out)).toEqual([1, 5, 2, 6, 3, 1, 1.5]);
  });
});
