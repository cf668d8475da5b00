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
const KNEES = { a: 2.5, b: 4.5, c: 9 };

describe('point kernels (TypeScript)', () => {
  it('madSigma scales the MAD by the factor it is given, ignores one wild value and leaves its input alone', () => {
    const values = f([4, 1000, 1, 3, 2]);
    expect(madSigma(values, 1.4826)).toBeCloseTo(1.4826, 12);
    expect(madSigma(values, 2)).toBe(2);
    expect(Array.from(values)).toEqual([4, 1000, 1, 3, 2]);
    expect(madSigma(new Float64Array(0), 1.4826)).toBe(0);
  });

  it('updateResiduals writes ys − fitted and returns the largest change', () => {
    const residuals = f([0, 1, 0]);
    expect(updateResiduals(f([1, 2, 3]), f([1, 0, 5]), residuals)).toBe(2);
    expect(Array.from(residuals)).toEqual([0, 2, -2]);
  });

  it('hampelWeights follows the three-part curve of the knees it is given and counts the rows below full weight', () => {
    const weights = new Float64Array(4);
    const deficit = new Float64Array(4);
    expect(hampelWeights(f([1, -5, 12, 20]), 2, weights, deficit, KNEES)).toBe(2);
    // |z| = 0.5 and 2.5 keep full weight, 6 is on the descent, 10 is past c = 9.
    expect(Array.from(weights)).toEqual([1, 1, (2.5 / 6) * (3 / 4.5), 0]);
    expect(hampelWeight(3, KNEES)).toBeCloseTo(2.5 / 3, 12);
    expect(hampelWeight(6, KNEES)).toBeCloseTo((2.5 / 6) * (3 / 4.5), 12);
    expect(Array.from(deficit)).toEqual(Array.from(weights, (w) => 1 - w));
    // Other knees, other curve: |z| = 3 is past c = 2.
    expect(hampelWeight(3, { a: 1, b: 1.5, c: 2 })).toBe(0);
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
    const lag = (lagMs: number) => ({ lag_ms: lagMs, tolerance_ms: 5, min_pairs: 10 });
    expect(lagCorrelation(ts, alternating, ones, lag(10))).toBe(-1);
    expect(lagCorrelation(ts, alternating, ones, lag(20))).toBe(1);
    expect(lagCorrelation(ts, alternating, ones, lag(350))).toBeNaN();
  });

  it('seasonalRemainder subtracts rho times the residual one period earlier', () => {
    const ts = f([0, 10, 20, 30]);
    const r = f([1, 2, 3, 4]);
    expect(Array.from(seasonalRemainder(ts, r, f([1, 0, 1, 1]), { period_ms: 20, tolerance_ms: 5, rho: 0.5 }))).toEqual(
      [1, 2, 2.5, 4]
    );
  });

  it('judge draws an asymmetric band, flags outside its own outlier band and scores 0.5 at three scales', () => {
    const band = {
      band_below: 2,
      band_above: 1,
      z: 1.28,
      outlier_below: 3,
      outlier_above: 2,
      outlier_z: 2.58,
      scale_below: 2 / 1.28,
      scale_above: 1 / 1.28,
      score_half: 3,
      floor: -Infinity,
    };
    const yhat = f([10, 10, 10, 10, 10]);
    const out = {
      yhat: new Float64Array(5),
      lower: new Float64Array(5),
      upper: new Float64Array(5),
      outlier: new Int8Array(5),
      score: new Float64Array(5),
    };
    // 11.5 and 7.5 leave the drawn band [8, 11] but not the outlier band [7, 12]; 12.5 and 6.5 leave both.
    judge(yhat, f([11.5, 12.5, 7.5, 6.5, NaN]), null, band, out);
    expect([out.lower[0], out.upper[0]]).toEqual([8, 11]);
    expect(Array.from(out.outlier)).toEqual([0, 1, 0, -1, 0]);
    expect(out.score[4]).toBe(0);
    judge(yhat, f([10, 10, 10, 10 + 3 / 1.28, 10]), null, band, out);
    expect(out.score[3]).toBeCloseTo(0.5, 12);
    // The half-point is the caller's: with 1, three scales score 0.75.
    judge(yhat, f([10, 10, 10, 10 + 3 / 1.28, 10]), null, { ...band, score_half: 1 }, out);
    expect(out.score[3]).toBeCloseTo(0.75, 12);
    judge(yhat, null, f([1, 0, 0, 0, 0]), band, out);
    expect(out.upper[0]).toBeCloseTo(10 + Math.sqrt(1 + 1.28 * 1.28), 12);
  });

  it('judge raises the expectation and band to the floor and judges against the raised expectation', () => {
    const band = {
      band_below: 2,
      band_above: 2,
      z: 1.28,
      outlier_below: 3,
      outlier_above: 3,
      outlier_z: 2.58,
      scale_below: 1,
      scale_above: 1,
      score_half: 3,
      floor: 0,
    };
    const out = {
      yhat: new Float64Array(3),
      lower: new Float64Array(3),
      upper: new Float64Array(3),
      outlier: new Int8Array(3),
      score: new Float64Array(3),
    };
    judge(f([-10, 1, 5]), f([0, 0, 5]), null, band, out);
    expect(Array.from(out.yhat)).toEqual([0, 1, 5]);
    expect(Array.from(out.lower)).toEqual([0, 0, 3]);
    expect(Array.from(out.upper)).toEqual([2, 3, 7]);
    // A zero where −10 was expected is no outlier once the expectation is raised to the floor.
    expect(Array.from(out.outlier)).toEqual([0, 0, 0]);
    expect(out.score[0]).toBe(0);
  });
});
