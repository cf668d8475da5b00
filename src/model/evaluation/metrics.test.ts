import { ModelInputError } from '../index';
import { coverage, mae, mape, mdape, mse, rmse, smape, violationMagnitude, violations } from './metrics';

// y = [1, 2, 4], ŷ = [2, 2, 1]: errors −1, 0, 3.
const y = [1, 2, 4];
const yhat = [2, 2, 1];

describe('point metrics', () => {
  it('mse, rmse, mae on a hand-checked case', () => {
    expect(mse(y, yhat)).toBeCloseTo((1 + 0 + 9) / 3, 12);
    expect(rmse(y, yhat)).toBeCloseTo(Math.sqrt(10 / 3), 12);
    expect(mae(y, yhat)).toBeCloseTo(4 / 3, 12);
  });

  it('mape and mdape as fractions', () => {
    // |e|/|y| = 1, 0, 0.75
    expect(mape(y, yhat)).toBeCloseTo(1.75 / 3, 12);
    expect(mdape(y, yhat)).toBeCloseTo(0.75, 12);
    expect(mdape([1, 2, 4, 10], [2, 2, 1, 9])).toBeCloseTo((0.1 + 0.75) / 2, 12);
  });

  it('mape and mdape skip y = 0 rows, and give null when nothing is left', () => {
    // Row 0 (y = 0) is skipped: |e|/|y| = 0.5, 0.25
    expect(mape([0, 2, 4], [5, 1, 3])).toBeCloseTo(0.375, 12);
    expect(mdape([0, 2, 4], [5, 1, 3])).toBeCloseTo(0.375, 12);
    expect(mape([0, 0], [1, 2])).toBeNull();
    expect(mdape([0, 0], [1, 2])).toBeNull();
  });

  it('smape as Prophet: mean(2|y − ŷ| / (|y| + |ŷ|)), 0 when both are 0', () => {
    // 2·1/3, 0, 2·3/5
    expect(smape(y, yhat)).toBeCloseTo((2 / 3 + 0 + 6 / 5) / 3, 12);
    expect(smape([0, 0], [0, 1])).toBeCloseTo((0 + 2) / 2, 12);
    expect(Number.isNaN(smape([0], [0]))).toBe(false);
  });

  it('ignores rows with NaN and rejects unusable input', () => {
    expect(mae([1, NaN, 3], [2, 5, NaN])).toBe(1);
    expect(() => mae([NaN], [1])).toThrow(ModelInputError);
    expect(() => mae([], [])).toThrow(/no row/);
    expect(() => mse([1, 2], [1])).toThrow(/differ in length/);
  });
});

describe('band metrics', () => {
  // Band [0, 2] everywhere except the last row [0, 0]; y: inside, on the edge, above by 1, below by 2, above by 3.
  const values = [1, 2, 3, -2, 3];
  const lower = [0, 0, 0, 0, 0];
  const upper = [2, 2, 2, 2, 0];

  it('coverage counts the edges as inside', () => {
    expect(coverage(values, lower, upper)).toBeCloseTo(2 / 5, 12);
  });

  it('violations counts rows outside the band', () => {
    expect(violations(values, lower, upper)).toBe(3);
    expect(violations([1], [0], [2])).toBe(0);
  });

  it('violationMagnitude is the mean distance over violating rows', () => {
    expect(violationMagnitude(values, lower, upper)).toBeCloseTo((1 + 2 + 3) / 3, 12);
    expect(violationMagnitude([1, 1.5], [0, 0], [2, 2])).toBe(0);
  });

  it('band normalisation divides by the row’s width, or the mean positive width for a zero-width row', () => {
    // widths 2, 2, 2, 2 (mean 2) and 0 → 1/2, 2/2, 3/2
    expect(violationMagnitude(values, lower, upper, { normalize: 'band' })).toBeCloseTo((0.5 + 1 + 1.5) / 3, 12);
    expect(() => violationMagnitude([3], [0], [0], { normalize: 'band' })).toThrow(/zero width/);
  });
});
