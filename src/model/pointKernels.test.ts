import {
  addScaled,
  differences,
  firstNonFinite,
  hampelWeight,
  hampelWeights,
  judge,
  lagCorrelation,
  madSigma,
  scaled,
  seasonalRemainder,
  trainingRows,
  updateResiduals,
} from './pointKernels';

const f = (values: number[]): Float64Array => Float64Array.from(values);

describe('point kernels (TypeScript)', () => {
  it('madSigma estimates a normal sd, ignores one wild value and leaves its input alone', () => {
    const values = f([4, 1000, 1, 3, 2]);
    expect(madSigma(values)).toBeCloseTo(1.4826, 12);
    expect(Array.from(values)).toEqual([4, 1000, 1, 3, 2]);
    expect(madSigma(new Float64Array(0))).toBe(0);
  });

  it('updateResiduals writes ys − fitted and returns the largest change', () => {
    const residuals = f([0, 1, 0]);
    expect(updateResiduals(f([1, 2, 3]), f([1, 0, 5]), residuals)).toBe(2);
    expect(Array.from(residuals)).toEqual([0, 2, -2]);
  });

  it('hampelWeights follows the three-part curve and counts the rows below full weight', () => {
    const weights = new Float64Array(4);
    const deficit = new Float64Array(4);
    expect(hampelWeights(f([1, -5, 12, 20]), 2, weights, deficit)).toBe(2);
    // |z| = 0.5 and 2.5 keep full weight, 6 is on the descent, 10 is past c = 9.
    expect(Array.from(weights)).toEqual([1, 1, (2.5 / 6) * (3 / 4.5), 0]);
    expect(hampelWeight(3)).toBeCloseTo(2.5 / 3, 12);
    expect(hampelWeight(6)).toBeCloseTo((2.5 / 6) * (3 / 4.5), 12);
    expect(Array.from(deficit)).toEqual(Array.from(weights, (w) => 1 - w));
  });

  it('scaled multiplies, takes magnitudes and keeps rows with positive weight', () => {
    expect(Array.from(scaled(f([1, -2, 3]), 2, false, null))).toEqual([2, -4, 6]);
    expect(Array.from(scaled(f([1, -2, 3]), 2, true, f([1, 0.5, 0])))).toEqual([2, 4]);
    const target = f([1, 1]);
    addScaled(target, f([2, 3]), -1);
    expect(Array.from(target)).toEqual([-1, -2]);
  });

  it('differences of a sorted copy give the positive gaps', () => {
    expect(Array.from(differences(f([5, 0, 3, 3, 9]), true, true))).toEqual([3, 2, 4]);
    expect(Array.from(differences(f([5, 0, 3]), false, false))).toEqual([-5, 3]);
    expect(differences(f([2]), false, true).length).toBe(0);
  });

  it('firstNonFinite names the first NaN or infinity', () => {
    expect(firstNonFinite(f([1, 2, Infinity, NaN]))).toBe(2);
    expect(firstNonFinite(f([1, 2]))).toBe(-1);
  });

  it('trainingRows drops NaN and excluded rows and sorts stably by time', () => {
    const outT = new Float64Array(6);
    const outV = new Float64Array(6);
    const k = trainingRows(f([5, 1, 3, 1, 4, 2]), f([50, 10, NaN, 11, 40, 20]), f([3.5, 4.5]), outT, outV);
    expect(k).toBe(4);
    expect(Array.from(outT.subarray(0, k))).toEqual([1, 1, 2, 5]);
    expect(Array.from(outV.subarray(0, k))).toEqual([10, 11, 20, 50]);
  });

  it('lagCorrelation pairs points one lag apart and needs enough pairs', () => {
    const ts = Float64Array.from({ length: 40 }, (_, i) => i * 10);
    const alternating = Float64Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const ones = new Float64Array(40).fill(1);
    expect(lagCorrelation(ts, alternating, ones, 10, 5, 10)).toBe(-1);
    expect(lagCorrelation(ts, alternating, ones, 20, 5, 10)).toBe(1);
    expect(lagCorrelation(ts, alternating, ones, 350, 5, 10)).toBeNaN();
  });

  it('seasonalRemainder subtracts rho times the residual one period earlier', () => {
    const ts = f([0, 10, 20, 30]);
    const r = f([1, 2, 3, 4]);
    expect(Array.from(seasonalRemainder(ts, r, f([1, 0, 1, 1]), 20, 5, 0.5))).toEqual([1, 2, 2.5, 4]);
  });

  it('judge draws an asymmetric band, flags by direction and scores 0.5 at three scales', () => {
    const summary = f([2, 1, 2 / 1.28, 1 / 1.28, 1.28]);
    const yhat = f([10, 10, 10, 10, 10]);
    const lower = new Float64Array(5);
    const upper = new Float64Array(5);
    const outlier = new Int8Array(5);
    const score = new Float64Array(5);
    judge(yhat, f([10.5, 11.5, 7.5, 10 + 3 / 1.28, NaN]), null, summary, lower, upper, outlier, score);
    expect([lower[0], upper[0]]).toEqual([8, 11]);
    expect(Array.from(outlier)).toEqual([0, 1, -1, 1, 0]);
    expect(score[3]).toBeCloseTo(0.5, 12);
    expect(score[4]).toBe(0);
    judge(yhat, null, f([1, 0, 0, 0, 0]), summary, lower, upper, outlier, score);
    expect(upper[0]).toBeCloseTo(10 + Math.sqrt(1 + 1.28 * 1.28), 12);
  });
});
