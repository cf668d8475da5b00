import { typescriptKernels } from './kernels';
import { normalQuantile } from './statistics';
import { seededNormal } from './testing/synthetic';
import { bandFromSpread, holdoutInflation, residualSpread, trendVariance } from './uncertainty';

const f = (values: number[]) => Float64Array.from(values);

describe('residualSpread', () => {
  it('refuses to read a band from no residuals (every weight 0), which would be NaN and flag nothing', () => {
    const options = { interval_width: 0.8, outlier_width: 0.99, n_features: 0 };
    const r = Float64Array.of(0.1, -0.2, 0.3);
    expect(() => residualSpread(typescriptKernels, r, new Float64Array(3), 0, 1, options)).toThrow(
      /no residuals to read its band from/
    );
    expect(residualSpread(typescriptKernels, r, Float64Array.of(1, 1, 1), 0, 1, options).below).toBeGreaterThan(0);
  });
});

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

  // How much wider a one-sided reading of the same tail is at quantile level q.
  const oneSided = (q: number) => normalQuantile(0.5 + q / 2) / normalQuantile(q);

  it("reads a tail that lies on one side as one-sided, so a skewed series' rare values are not scored as rarer", () => {
    const normal = seededNormal(1);
    // A latency's multiplicative noise around its median: every one of the rarest residuals lies above.
    const draw = (n: number) => Float64Array.from({ length: n }, () => Math.exp(0.3 * normal()) - 1);
    const spread = spreadOf(draw(5000));
    const sides = bandFromSpread(spread, 1, 0);
    const before = pooled(spread);
    expect((spread.tail_above ?? 0) / spread.tail).toBeCloseTo(oneSided(0.999), 9);
    expect(sides.scale_above / before.scale_above).toBeCloseTo(oneSided(0.999), 9);
    expect(sides.scale_below).toBe(before.scale_below);
    // Fresh values of the same noise scoring 0.5 or more (three scales): about a third fewer.
    const fresh = draw(100_000);
    const share = (scale: number) => fresh.filter((r) => r >= 3 * scale).length / fresh.length;
    expect(share(sides.scale_above)).toBeLessThan(0.8 * share(before.scale_above));
  });

  it('barely moves symmetric noise, never narrows a side, and reads no side on a short history', () => {
    let sum = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const normal = seededNormal(100 + seed);
      const spread = spreadOf(Float64Array.from({ length: 2000 }, () => normal()));
      const sides = bandFromSpread(spread, 1, 0);
      const before = pooled(spread);
      for (const side of ['scale_below', 'scale_above'] as const) {
        const ratio = sides[side] / before[side];
        expect(ratio).toBeGreaterThanOrEqual(1);
        // 2,000 residuals: the tail is read 5 points from the top, at 0.9975.
        expect(ratio).toBeLessThanOrEqual(oneSided(0.9975) + 1e-12);
        sum += ratio;
      }
    }
    // Only where a seed's few rarest residuals happen to fall on one side.
    expect(sum / 40).toBeLessThan(1.02);
    const normal = seededNormal(9);
    const short = spreadOf(Float64Array.from({ length: 60 }, () => normal()));
    expect([short.tail_below, short.tail_above]).toEqual([0, 0]);
  });
});
