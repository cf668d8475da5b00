import { median, normalQuantile, quantile, quantileSorted } from './statistics';
import { seededRandom } from './testing/synthetic';

describe('statistics', () => {
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
