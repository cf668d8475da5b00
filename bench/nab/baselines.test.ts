import { nullDetector, randomDetector, windowedGaussianDetector } from './baselines';

describe('randomDetector(values, seed)', () => {
  it('is reproducible per seed, roughly uniform in [0, 1)', () => {
    const a = randomDetector(new Float64Array(10000), 42);
    expect(Array.from(a)).toEqual(Array.from(randomDetector(new Float64Array(10000), 42)));
    expect(Array.from(a)).not.toEqual(Array.from(randomDetector(new Float64Array(10000), 43)));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });
});

describe('nullDetector(values)', () => {
  it('gives every row the same score', () => {
    expect(new Set(nullDetector(new Float64Array(50))).size).toBe(1);
  });
});

describe('windowedGaussianDetector(values, options)', () => {
  it('scores an injected spike highest and |z| against the previous values only', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => 100 + (i % 2 === 0 ? 1 : -1));
    values[150] = 110; // mean 100, population std 1 over the previous window → z = 10
    const scores = windowedGaussianDetector(values, { window: 100, minStd: 1e-6 });
    // Past the warm-up (row 1 has a one-value history, hence the floored spread and a huge z).
    let top = 100;
    scores.forEach((s, i) => (i > 100 && s > scores[top] ? (top = i) : undefined));
    expect(top).toBe(150);
    expect(scores[149]).toBeCloseTo(0.5, 9);
    expect(scores[150]).toBeCloseTo(10 / 11, 9);
    expect(scores[0]).toBe(0);
  });

  it('stays accurate on a large offset and floors the spread of a flat history', () => {
    const values = Float64Array.from({ length: 50 }, (_, i) => 1e9 + (i % 2 === 0 ? 1 : -1));
    values[49] = 1e9 + 3; // previous 48 values: mean ≈ 1e9, std 1 → z ≈ 3
    expect(windowedGaussianDetector(values, { window: 48, minStd: 1e-6 })[49]).toBeCloseTo(3 / 4, 6);
    const flat = Float64Array.from([5, 5, 5, 5, 6]);
    const scores = windowedGaussianDetector(flat, { window: 10, minStd: 1e-6 });
    expect(scores[3]).toBe(0);
    expect(scores[4]).toBeGreaterThan(0.999);
    expect(scores.every(Number.isFinite)).toBe(true);
  });

  it('scores missing values NaN and leaves them out of the statistics', () => {
    const scores = windowedGaussianDetector(Float64Array.from([1, 3, NaN, 1, 3]), { window: 10, minStd: 1e-6 });
    expect(scores[2]).toBeNaN();
    expect(scores[3]).toBeCloseTo(0.5, 12); // mean 2, std 1 over [1, 3]
  });

  it('rejects a window that is not a positive integer', () => {
    expect(() => windowedGaussianDetector([1, 2], { window: 0, minStd: 1e-6 })).toThrow(/positive integer/);
  });
});
