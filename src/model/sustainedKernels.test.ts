import { raiseSustained, rollingMedians } from './sustainedKernels';

function naiveMedian(values: number[], i: number, k: number): number {
  const window = values
    .slice(Math.max(0, i - k + 1), i + 1)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (window.length < Math.ceil(k / 2)) {
    return NaN;
  }
  return (window[(window.length - 1) >> 1] + window[window.length >> 1]) / 2;
}

describe('rollingMedians', () => {
  it('is the median of the finite values in each window, NaN where under half of it holds values', () => {
    const values = [3, NaN, 1, 4, 1, 5, NaN, NaN, NaN, 9, 2, 6, -Infinity, 5, 3, 5, 8, 9, 7, 9];
    for (const k of [1, 2, 3, 4, 7]) {
      const got = rollingMedians(Float64Array.from(values), k);
      values.forEach((_, i) => expect(got[i]).toBe(naiveMedian(values, i, k)));
    }
  });

  it('gives NaN everywhere for a window that is not a whole number of points', () => {
    expect([...rollingMedians(Float64Array.of(1, 2, 3), 1.5)].every(Number.isNaN)).toBe(true);
  });
});

describe('raiseSustained', () => {
  const n = 200;
  const yhat = new Float64Array(n).fill(10);
  // Small alternating noise, then from point 100 a shift of 1.5 that stays: never far out at any one point.
  const values = Float64Array.from(yhat, (y, i) => y + (i % 2 === 0 ? 0.2 : -0.2) + (i >= 100 ? 1.5 : 0));
  const instant = () => new Float64Array(n).fill(0.1);

  it('raises the score as a held shift sets in, once, not on every point it lasts', () => {
    const score = instant();
    raiseSustained(values, yhat, score, null, 12, 0.3, 0.3, 3);
    const raised = [...score.keys()].filter((i) => score[i] >= 0.5);
    expect(raised.length).toBeGreaterThan(0);
    expect(Math.min(...raised)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...raised)).toBeLessThan(112); // the median settles within one window
    // A median of 1.5 over a scale of 0.3: five scales, a score of 5/8 (up to rounding).
    expect(Math.max(...score)).toBeCloseTo(5 / 8, 9);
    // Before the shift the noise's medians stay within a scale: nothing there reaches 0.25.
    expect(score.subarray(0, 100).every((s) => s < 0.25)).toBe(true);
  });

  it('reads the side of the median: a shift up is judged by the scale above', () => {
    const score = instant();
    raiseSustained(values, yhat, score, null, 12, 0.3, 1000, 3);
    expect(score.every((s) => s < 0.11)).toBe(true);
  });

  it('leaves skipped points out of the medians and the raise', () => {
    const score = instant();
    const skip = Int8Array.from({ length: n }, (_, i) => (i >= 100 ? 1 : 0));
    raiseSustained(values, yhat, score, skip, 12, 0.3, 0.3, 3);
    expect(score.subarray(100).every((s) => s === 0.1)).toBe(true);
    expect(score.every((s) => s < 0.5)).toBe(true);
  });

  it('never lowers a score, and raises nothing with a scale of 0', () => {
    const high = new Float64Array(n).fill(0.99);
    raiseSustained(values, yhat, high, null, 12, 0.3, 0.3, 3);
    expect(high.every((s) => s === 0.99)).toBe(true);
    const score = instant();
    raiseSustained(values, yhat, score, null, 12, 0, 0.3, 3);
    expect(score.every((s) => s === 0.1)).toBe(true);
  });
});
