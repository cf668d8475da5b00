/**
 * Uniform draws in [0, 1) from a 32-bit state (mulberry32). Integer steps only, so Go draws the same numbers
 * (pkg/engine/neuralkernels.go): the neural family's training and rows, and the test series.
 */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
