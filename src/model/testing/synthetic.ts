/** Deterministic synthetic series for tests and benchmarks. */
import { seededUniform } from '../seededUniform';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A small seeded generator (mulberry32): the same seed gives the same numbers everywhere. */
export const seededRandom = seededUniform;

/** Standard normal draws from a uniform generator (Box–Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** n points from `start` every `stepMs`, valued by f(days since start, index). */
export function makeSeries(
  n: number,
  stepMs: number,
  f: (days: number, index: number) => number,
  start = Date.UTC(2024, 0, 1)
): { timestamps: Float64Array; values: Float64Array } {
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = start + i * stepMs;
    values[i] = f((i * stepMs) / DAY_MS, i);
  }
  return { timestamps, values };
}
