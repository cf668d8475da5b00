import { layoutWidth, typescriptKernels as kernels } from './kernels';
import { seededRandom } from './testing/synthetic';
import type { DesignLayout } from './types';

const DAY = 86_400_000;

const layout: DesignLayout = {
  t0: 1000,
  t_scale: 10 * DAY,
  linear: true,
  changepoints_t: [0.25, 0.5],
  fourier: [{ period_ms: DAY, order: 2 }],
  indicators: [{ intervals: [1000 + DAY, 1000 + 2 * DAY] }],
};

describe('designMatrix', () => {
  it('lays out intercept, slope, hinges, Fourier pairs and indicators', () => {
    const ts = Float64Array.from([1000, 1000 + DAY * 1.25, 1000 + DAY * 5]);
    const p = layoutWidth(layout);
    expect(p).toBe(1 + 1 + 2 + 4 + 1);
    const X = kernels.designMatrix(ts, layout);
    const row = (i: number) => Array.from(X.subarray(i * p, (i + 1) * p));
    const r1 = row(1);
    expect(r1[0]).toBe(1);
    expect(r1[1]).toBeCloseTo(0.125, 12);
    expect(r1[2]).toBe(0);
    expect(r1[3]).toBe(0);
    const phase = ((1000 + DAY * 1.25) % DAY) / DAY;
    expect(r1[4]).toBeCloseTo(Math.sin(2 * Math.PI * phase), 12);
    expect(r1[5]).toBeCloseTo(Math.cos(2 * Math.PI * phase), 12);
    expect(r1[6]).toBeCloseTo(Math.sin(4 * Math.PI * phase), 12);
    expect(r1[7]).toBeCloseTo(Math.cos(4 * Math.PI * phase), 12);
    expect(r1[8]).toBe(1);
    const r2 = row(2);
    expect(r2[2]).toBeCloseTo(0.25, 12);
    expect(r2[3]).toBeCloseTo(0, 12);
    expect(r2[8]).toBe(0);
  });

  it('handles unsorted timestamps for indicators and scales multiplicative columns', () => {
    const ts = Float64Array.from([1000 + DAY * 1.5, 1000, 1000 + DAY * 1.1]);
    const p = layoutWidth(layout);
    const X = kernels.designMatrix(ts, layout, {
      columns: Int32Array.from([4, 8]),
      row_scale: Float64Array.from([2, 3, 4]),
    });
    expect(X[0 * p + 8]).toBe(2);
    expect(X[1 * p + 8]).toBe(0);
    expect(X[2 * p + 8]).toBe(4);
    expect(X[1 * p + 4]).toBeCloseTo(3 * Math.sin((2 * Math.PI * 1000) / DAY), 12);
  });
});

describe('weightedGram and solveSpd', () => {
  const uniform = seededRandom(3);
  const n = 37;
  const p = 5;
  const X = Float64Array.from({ length: n * p }, () => uniform() - 0.5);
  const y = Float64Array.from({ length: n }, () => uniform());
  const w = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : uniform()));

  it('equals the naive weighted sums, skipping zero weights', () => {
    const { gram, xty } = kernels.weightedGram(X, n, p, y, w);
    for (let a = 0; a < p; a++) {
      let sy = 0;
      for (let i = 0; i < n; i++) {
        sy += w[i] * X[i * p + a] * y[i];
      }
      expect(xty[a]).toBeCloseTo(sy, 12);
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) {
          s += w[i] * X[i * p + a] * X[i * p + b];
        }
        expect(gram[a * p + b]).toBeCloseTo(s, 12);
      }
    }
  });

  it('solves the normal equations (residual orthogonal to the columns)', () => {
    const { gram, xty } = kernels.weightedGram(X, n, p, y, null);
    const beta = kernels.solveSpd(gram, xty, p);
    const fitted = kernels.multiply(X, n, p, beta);
    for (let a = 0; a < p; a++) {
      let dot = 0;
      for (let i = 0; i < n; i++) {
        dot += X[i * p + a] * (y[i] - fitted[i]);
      }
      expect(Math.abs(dot)).toBeLessThan(1e-10);
    }
  });

  it('multiplies a column range only', () => {
    const beta = Float64Array.from([1, 2, 3, 4, 5]);
    const part = kernels.multiply(X, n, p, beta, 1, 3);
    expect(part[2]).toBeCloseTo(2 * X[2 * p + 1] + 3 * X[2 * p + 2], 12);
  });

  it('survives a singular system with jitter', () => {
    const A = Float64Array.from([1, 1, 1, 1]);
    const x = kernels.solveSpd(A, Float64Array.from([2, 2]), 2);
    expect(x.every(Number.isFinite)).toBe(true);
  });
});
