import type { Judgement } from '../types';
import { combineVerdicts, harmonicMean, kthLargest } from './ensembleKernels';

/** Two members' columns for the points given as [member 0, member 1] pairs. */
function columns(points: Array<[number, number]>): Float64Array {
  return Float64Array.from([...points.map((p) => p[0]), ...points.map((p) => p[1])]);
}

describe('harmonicMean', () => {
  it('is the harmonic mean of the finite values, NaN skipped, NaN when none is', () => {
    const out = new Float64Array(4);
    harmonicMean(
      columns([
        [0.5, 0.25],
        [0.25, 0.5],
        [NaN, 0.4],
        [NaN, NaN],
      ]),
      2,
      out
    );
    expect(out[0]).toBeCloseTo(1 / 3, 15);
    expect(out[1]).toBeCloseTo(1 / 3, 15);
    expect(out[2]).toBe(0.4);
    expect(out[3]).toBeNaN();
  });

  it('lies between the smaller and the larger value, and is 0 when one of them is 0', () => {
    const points: Array<[number, number]> = [
      [0.9, 0.2],
      [0.6, 0.55],
      [0, 0.8],
    ];
    const harmonic = new Float64Array(3);
    const smaller = new Float64Array(3);
    harmonicMean(columns(points), 2, harmonic);
    kthLargest(columns(points), 2, 2, smaller);
    for (let i = 0; i < 2; i++) {
      expect(harmonic[i]).toBeGreaterThan(smaller[i]);
      expect(harmonic[i]).toBeLessThan(Math.max(...points[i]));
    }
    expect(harmonic[2]).toBe(0);
  });

  it('is the score of the harmonic mean of the deviations (score = d / (d + 3))', () => {
    const d = [2, 7];
    const out = new Float64Array(1);
    harmonicMean(columns([[d[0] / (d[0] + 3), d[1] / (d[1] + 3)]]), 2, out);
    const h = 2 / (1 / d[0] + 1 / d[1]);
    expect(out[0]).toBeCloseTo(h / (h + 3), 14);
  });

  it('refuses columns too short for the members', () => {
    expect(() => harmonicMean(new Float64Array(3), 2, new Float64Array(2))).toThrow(/harmonicMean/);
  });
});

describe('combineVerdicts', () => {
  const judgement = (n: number): Judgement => ({
    yhat: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
    outlier: new Int8Array(n),
    score: new Float64Array(n),
  });

  it('scores by the harmonic mean and flags only where both members flag the same side', () => {
    const stacked = judgement(6);
    // Point 0: both flag above; point 1: only member 0 flags; point 2: they flag opposite sides.
    stacked.outlier.set([1, 1, 1, 1, 0, -1]);
    stacked.score.set([0.8, 0.9, 0.7, 0.6, 0.1, 0.65]);
    const out = judgement(3);
    combineVerdicts(stacked, 2, 2, null, 0, out);
    expect(Array.from(out.outlier)).toEqual([1, 0, 0]);
    expect(out.score[0]).toBeCloseTo(2 / (1 / 0.8 + 1 / 0.6), 15);
    expect(out.score[1]).toBeCloseTo(2 / (1 / 0.9 + 1 / 0.1), 15);
  });

  it('scores a two-of-three vote by the second largest member score', () => {
    const stacked = judgement(3);
    stacked.score.set([0.9, 0.3, 0.6]);
    stacked.outlier.set([1, 0, 1]);
    const out = judgement(1);
    combineVerdicts(stacked, 3, 2, null, 0, out);
    expect(out.score[0]).toBe(0.6);
    expect(out.outlier[0]).toBe(1);
  });

  it("gives a one-member ensemble its member's score, bit for bit", () => {
    // Scores whose reciprocal's reciprocal is not themselves (1 / (1 / 0.9) is 0.8999999999999999).
    const scores = [0.9, 0.123456789, 0.7];
    const stacked = judgement(3);
    stacked.score.set(scores);
    const out = judgement(3);
    combineVerdicts(stacked, 1, 1, null, -1, out);
    expect(Array.from(out.score)).toEqual(scores);
  });

  it("keeps the lead's score where the lead judges alone", () => {
    const stacked = judgement(2);
    stacked.score.set([0.8, 0.2]);
    stacked.outlier.set([1, 0]);
    const out = judgement(1);
    combineVerdicts(stacked, 2, 2, Int8Array.of(1), 0, out);
    expect(out.score[0]).toBe(0.8);
    expect(out.outlier[0]).toBe(1);
  });
});
