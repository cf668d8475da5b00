import { median, normalQuantile, normalUpperTail, quantile, quantileSorted } from './statistics';
import { seededRandom } from './testing/synthetic';

describe('statistics', () => {
  it('normalUpperTail(x) is P(Z > x), the inverse of normalQuantile, accurate in the tails', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1)).toBeCloseTo(0.158655254, 7);
    expect(normalUpperTail(-2)).toBeCloseTo(0.977249868, 7);
    expect(normalUpperTail(6) / 9.8658765e-10).toBeCloseTo(1, 5);
    for (const p of [0.001, 0.1, 0.37, 0.9, 0.999]) {
      expect(normalUpperTail(normalQuantile(1 - p))).toBeCloseTo(p, 7);
    }
    expect(normalUpperTail(Infinity)).toBe(0);
    expect(normalUpperTail(-Infinity)).toBe(1);
    expect(normalUpperTail(NaN)).toBeNaN();
  });

  it('median(values) matches sorting for odd, even and tied inputs', () => {
    const uniform = seededRandom(1);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(uniform() * 40);
      const values = Float64Array.from({ length: n }, () => Math.floor(uniform() * 6));
      const sorted = Float64Array.from(values).sort();
      expect(median(values)).toBe(quantileSorted(sorted, 0.5));
    }
    expect(Number.isNaN(median(new Float64Array(0)))).toBe(true);
  });

  it('quantile(values, q) on unsorted values equals quantileSorted of the sorted copy', () => {
    const uniform = seededRandom(2);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(uniform() * 30);
      const values = Float64Array.from({ length: n }, () => Math.floor(uniform() * 8));
      const q = uniform();
      expect(quantile(values, q)).toBeCloseTo(quantileSorted(Float64Array.from(values).sort(), q), 12);
    }
  });

  it('quantileSorted interpolates like numpy', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(s, 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted(s, 1)).toBe(4);
  });

  it('normalQuantile matches known values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.0902323062, 7);
  });
});
