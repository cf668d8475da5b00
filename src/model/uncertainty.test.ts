import { typescriptKernels } from './kernels';
import { seededNormal } from './testing/synthetic';
import { bandFromSpread, holdoutInflation, residualSpread, trendVariance } from './uncertainty';

const f = (values: number[]) => Float64Array.from(values);

describe('holdoutInflation', () => {
  it('is the ratio of median absolute residuals out of sample to in sample', () => {
    expect(
      holdoutInflation(typescriptKernels, { outOfSample: f([2, -2, 4, -4, 3]), inSample: f([1, -1, 2, -2, 1.5]) })
    ).toBeCloseTo(2, 12);
  });

  it('never narrows the band, caps the widening at 4, and tolerates sparse or missing holdouts', () => {
    expect(holdoutInflation(typescriptKernels, { outOfSample: f([0.5, 0.5]), inSample: f([1, 1]) })).toBe(1);
    expect(holdoutInflation(typescriptKernels, { outOfSample: f([100, 100]), inSample: f([1, 1]) })).toBe(4);
    expect(holdoutInflation(typescriptKernels, { outOfSample: f([0, 0, 3]), inSample: f([0, 0, 1]) })).toBeCloseTo(
      3,
      12
    );
    expect(holdoutInflation(typescriptKernels, { outOfSample: f([0, 0]), inSample: f([0, 0]) })).toBe(1);
    expect(holdoutInflation(typescriptKernels, null)).toBe(1);
  });
});

describe('trendVariance', () => {
  it('grows with the cube of the horizon and vanishes without rate changes', () => {
    const u = { rate: 25, laplace_scale: 0.01 };
    expect(trendVariance(u, 0)).toBe(0);
    expect(trendVariance(u, 0.2) / trendVariance(u, 0.1)).toBeCloseTo(8, 9);
    expect(trendVariance({ rate: 25, laplace_scale: 0 }, 0.5)).toBe(0);
  });
});

describe('score scales per side', () => {
  const options = { interval_width: 0.8, outlier_width: 0.995, n_features: 1 };
  const spreadOf = (residuals: Float64Array) =>
    residualSpread(typescriptKernels, residuals, new Float64Array(residuals.length).fill(1), 0, 1, options);
  // As read before each side had its own tail: both sides from every residual at once.
  const pooled = (s: ReturnType<typeof spreadOf>) =>
    bandFromSpread({ ...s, tail_below: undefined, tail_above: undefined }, 1, 0);

  it('reads a skewed tail from its own side, so its rare values are not scored as rarer than they are', () => {
    const normal = seededNormal(7);
    // A latency's multiplicative noise around its median: a long upper tail, a short lower one; a short history.
    const draw = (n: number) => Float64Array.from({ length: n }, () => Math.exp(0.3 * normal()) - 1);
    const spread = spreadOf(draw(300));
    const sides = bandFromSpread(spread, 1, 0);
    const before = pooled(spread);
    expect(sides.scale_above).toBeGreaterThan(1.1 * before.scale_above);
    expect(sides.scale_below).toBe(before.scale_below);
    // Fresh values of the same noise scoring 0.5 or more (three scales) above: about half as many.
    const fresh = draw(100_000);
    const share = (scale: number) => fresh.filter((r) => r >= 3 * scale).length / fresh.length;
    expect(share(sides.scale_above)).toBeLessThan(0.6 * share(before.scale_above));
  });

  it('never narrows a side, and barely moves symmetric noise', () => {
    const normal = seededNormal(8);
    const spread = spreadOf(Float64Array.from({ length: 300 }, () => 0.3 * normal()));
    const sides = bandFromSpread(spread, 1, 0);
    const before = pooled(spread);
    for (const side of ['scale_below', 'scale_above'] as const) {
      expect(sides[side]).toBeGreaterThanOrEqual(before[side]);
      expect(sides[side]).toBeLessThan(1.15 * before[side]);
    }
  });
});
