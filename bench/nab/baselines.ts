/**
 * Reference detectors from NAB's scoreboard, written here to check the scorer end to end:
 * null (flags nothing, scores 0), random (≈ 11 standard) and a windowed Gaussian (≈ 39.6). All are
 * causal: the score at row t uses rows ≤ t only.
 */

/** Constant score: under any threshold it flags everything or nothing. */
export function nullDetector(values: ArrayLike<number>): Float64Array {
  return new Float64Array(values.length).fill(0.5);
}

/** Uniform scores in [0, 1) from a seeded generator (mulberry32), reproducible run to run. */
export function randomDetector(values: ArrayLike<number>, seed = 42): Float64Array {
  let state = seed >>> 0;
  const scores = new Float64Array(values.length);
  for (let i = 0; i < scores.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    scores[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return scores;
}

export interface WindowedGaussianOptions {
  /** How many previous values form the reference distribution. */
  window: number;
  /** Floor on the standard deviation, so a flat history does not divide by zero. */
  minStd: number;
}

export const DEFAULT_WINDOWED_GAUSSIAN: WindowedGaussianOptions = { window: 1000, minStd: 1e-6 };

/**
 * |z| of each value against the mean and standard deviation of the previous `window` values (not
 * including itself), mapped to [0, 1) by |z| / (1 + |z|), a monotone map, so the ranking of rows
 * and hence the NAB score equal those of |z| itself. Missing values score NaN and are skipped in
 * the statistics; the first value scores 0.
 */
export function windowedGaussianDetector(
  values: ArrayLike<number>,
  options: WindowedGaussianOptions = DEFAULT_WINDOWED_GAUSSIAN
): Float64Array {
  const { window, minStd } = options;
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(`windowed Gaussian: window must be a positive integer, got ${window}`);
  }
  const scores = new Float64Array(values.length);
  const held: number[] = [];
  let head = 0;
  // Sums of (x − shift) keep the variance accurate when the mean is large against the spread.
  let shift = NaN;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) {
      scores[i] = NaN;
      continue;
    }
    const count = held.length - head;
    if (count > 0) {
      const mean = sum / count;
      const variance = Math.max(sumSquares / count - mean * mean, 0);
      const std = Math.max(Math.sqrt(variance), minStd);
      const z = Math.abs(x - shift - mean) / std;
      scores[i] = z / (1 + z);
    }
    if (Number.isNaN(shift)) {
      shift = x;
    }
    const d = x - shift;
    held.push(d);
    sum += d;
    sumSquares += d * d;
    if (held.length - head > window) {
      const old = held[head++];
      sum -= old;
      sumSquares -= old * old;
    }
    if (head > 4096 && head * 2 > held.length) {
      held.splice(0, head);
      head = 0;
    }
  }
  return scores;
}
