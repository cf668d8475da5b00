import { typescriptKernels } from './kernels';
import { holdoutInflation, trendVariance } from './uncertainty';

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
