/**
 * Seeded pseudo-random numbers: a Weyl sequence (golden-ratio increment) passed through the
 * MurmurHash3 32-bit finalizer. Small, fast, deterministic across engines (Node, browsers, goja).
 */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function seededRandom(seed: number): Random {
  let state = (Math.floor(Math.abs(seed)) ^ 0x5bd1e995) >>> 0;
  let spare = NaN;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    x ^= x >>> 16;
    return (x >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const u = 1 - next(); // (0, 1], so the logarithm is finite
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { uniform: next, normal };
}
