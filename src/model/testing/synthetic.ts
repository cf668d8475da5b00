/** Deterministic synthetic series for tests and benchmarks. */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A small seeded generator (mulberry32): the same seed gives the same numbers everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
