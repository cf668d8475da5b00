import { typescriptKernels } from './kernels';
import { fit, predict } from './index';
import { carryCoefficient, learnResidualMemory, residualCarry } from './shortTerm';
import { HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';

const STEP = 300_000;

describe('learnResidualMemory', () => {
  it('recovers the lag-one correlation of AR(1) residuals and decays the carry with the horizon', () => {
    const noise = seededNormal(1);
    const n = 4000;
    const ts = Float64Array.from({ length: n }, (_, i) => i * STEP);
    const r = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      r[i] = 0.9 * r[i - 1] + noise();
    }
    const memory = learnResidualMemory(typescriptKernels, ts, r, new Float64Array(n).fill(1), null)!;
    expect(memory.rho[0]).toBeGreaterThan(0.85);
    expect(memory.rho[0]).toBeLessThan(0.95);
    expect(carryCoefficient(memory, 1)).toBeCloseTo(memory.rho[0], 12);
    expect(carryCoefficient(memory, 4)).toBeLessThan(carryCoefficient(memory, 2));
    expect(residualCarry(memory, 0)).toBe(0);
    expect(Math.abs(residualCarry(memory, STEP))).toBeCloseTo(Math.abs(memory.last_residual * memory.rho[0]), 9);
  });

  it('carries last season’s residual when residuals repeat from day to day', () => {
    const noise = seededNormal(2);
    const perDay = 288;
    const n = perDay * 20;
    const ts = Float64Array.from({ length: n }, (_, i) => i * STEP);
    // Each day has its own level that mostly persists into the next day.
    const r = new Float64Array(n);
    let level = 0;
    for (let i = 0; i < n; i++) {
      if (i % perDay === 0) {
        level = 0.8 * level + 2 * noise();
      }
      r[i] = level + 0.3 * noise();
    }
    const memory = learnResidualMemory(typescriptKernels, ts, r, new Float64Array(n).fill(1), 86_400_000)!;
    expect(memory.season).not.toBeNull();
    expect(memory.season!.rho).toBeGreaterThan(0.5);
    // Half a day past the end, the carry follows the last day's level in sign.
    expect(Math.sign(residualCarry(memory, 12 * HOUR_MS))).toBe(Math.sign(level));
  });

  it('carries nothing from a point the robust fit rejected, and needs enough points', () => {
    const n = 100;
    const ts = Float64Array.from({ length: n }, (_, i) => i * STEP);
    const r = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5));
    const weights = new Float64Array(n).fill(1);
    weights[n - 1] = 0;
    expect(learnResidualMemory(typescriptKernels, ts, r, weights, null)!.last_residual).toBe(0);
    expect(
      learnResidualMemory(typescriptKernels, ts.subarray(0, 5), r.subarray(0, 5), weights.subarray(0, 5), null)
    ).toBeNull();
  });
});

describe('forecasts with residual memory', () => {
  it('forecasts the next hour of persistent (AR) deviations better than the shape alone', () => {
    const noise = seededNormal(3);
    let ar = 0;
    const { timestamps, values } = makeSeries(288 * 22, STEP, (d) => {
      ar = 0.97 * ar + 0.5 * noise();
      return 50 + 10 * Math.sin(2 * Math.PI * d) + ar;
    });
    let withMemory = 0;
    let shapeOnly = 0;
    for (let cutoff = 288 * 14; cutoff < timestamps.length - 12; cutoff += 144) {
      const model = fit(timestamps.subarray(0, cutoff), values.subarray(0, cutoff));
      const next = timestamps.subarray(cutoff, cutoff + 12);
      const a = predict(model, next);
      const b = predict({ ...model, residual_memory: null }, next);
      for (let i = 0; i < next.length; i++) {
        withMemory += Math.abs(a.yhat[i] - values[cutoff + i]);
        shapeOnly += Math.abs(b.yhat[i] - values[cutoff + i]);
      }
    }
    expect(withMemory).toBeLessThan(0.8 * shapeOnly);
  });
});
