import { ModelInputError } from '../errors';
import { seededNormal } from '../testing/synthetic';
import type { CrossValidationRows } from './cvRows';
import { coverage, mae, mape, mdape, mse, smape, violationMagnitude, violations } from './metrics';
import { summarizeRows } from './summary';

function rowsOf(y: number[], yhat: number[], lower: number[], upper: number[]): CrossValidationRows {
  const n = y.length;
  return {
    cutoff: new Float64Array(n),
    ds: Float64Array.from({ length: n }, (_, i) => i),
    y: Float64Array.from(y),
    yhat: Float64Array.from(yhat),
    yhat_lower: Float64Array.from(lower),
    yhat_upper: Float64Array.from(upper),
  };
}

/** What the metric functions say, one pass each: the definition summarizeRows must match to the bit. */
function byMetric(r: CrossValidationRows) {
  const { y, yhat, yhat_lower: lo, yhat_upper: up } = r;
  const anyWidth = lo.some((l, i) => up[i] > l);
  const count = violations(y, lo, up);
  return {
    n: y.length,
    mse: mse(y, yhat),
    rmse: Math.sqrt(mse(y, yhat)),
    mae: mae(y, yhat),
    mape: mape(y, yhat),
    mdape: mdape(y, yhat),
    smape: smape(y, yhat),
    coverage: coverage(y, lo, up),
    violations: count,
    violationRate: count / y.length,
    violationMagnitude: violationMagnitude(y, lo, up),
    violationMagnitudeBand: anyWidth
      ? violationMagnitude(y, lo, up, { normalize: 'band' })
      : violationMagnitude(y, lo, up) === 0
        ? 0
        : null,
  };
}

describe('summarizeRows', () => {
  it("gives each metric function's number to the bit, with missing values, zeros and zero-width bands", () => {
    const noise = seededNormal(3);
    const n = 500;
    const y: number[] = [];
    const yhat: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    for (let i = 0; i < n; i++) {
      const f = 10 * Math.sin(i / 20);
      const v = f + 2 * noise();
      y.push(i % 37 === 0 ? NaN : i % 41 === 0 ? 0 : v);
      yhat.push(i % 53 === 0 ? Infinity : f);
      const w = i % 29 === 0 ? 0 : 2 + Math.abs(noise());
      lower.push(i % 61 === 0 ? NaN : f - w);
      upper.push(f + w);
    }
    const rows = rowsOf(y, yhat, lower, upper);
    const summary = summarizeRows(rows);
    expect(summary).toEqual(byMetric(rows));
    expect(summary.violations).toBeGreaterThan(0);
    expect(summary.mape).not.toBeNull();
  });

  it('reads null percentages and band magnitudes where the metric functions do', () => {
    const zeros = rowsOf([0, 0, 5], [1, 1, 1], [1, 1, 1], [1, 1, 1]);
    expect(summarizeRows(zeros)).toEqual(byMetric(zeros));
    expect(summarizeRows(zeros).mdape).toBeCloseTo(0.8, 12);
    expect(summarizeRows(zeros).violationMagnitudeBand).toBeNull();
    const inside = rowsOf([1, 2], [1, 2], [0, 1], [2, 3]);
    expect(summarizeRows(inside)).toEqual(byMetric(inside));
    expect(summarizeRows(inside).violationMagnitudeBand).toBe(0);
  });

  it('refuses rows with no finite pair, or no finite band, as the metric functions do', () => {
    const noPair = rowsOf([1, 2], [NaN, NaN], [0, 0], [3, 3]);
    expect(() => summarizeRows(noPair)).toThrow(ModelInputError);
    expect(() => summarizeRows(noPair)).toThrow(/^mse: no row where every input is a finite number \(2 rows given\)$/);
    const noBand = rowsOf([1, 2], [1, 2], [NaN, 0], [3, NaN]);
    expect(() => summarizeRows(noBand)).toThrow(/^violations: no row/);
    // Only a row whose y is missing has a band wider than zero: band widths are undefined.
    const onlyMissingWide = rowsOf([NaN, 5], [1, 1], [0, 1], [2, 1]);
    expect(() => summarizeRows(onlyMissingWide)).toThrow('every band has zero width');
    expect(() => violationMagnitude([NaN, 5], [0, 1], [2, 1], { normalize: 'band' })).toThrow(
      'every band has zero width'
    );
  });
});
