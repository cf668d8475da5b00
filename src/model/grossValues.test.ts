import { fit, ModelInputError, predict } from './index';
import { HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';

/** 90–110: a daily cycle of ±5 around 100 with noise sd 2, hourly for 30 days. */
function ordinary(seed = 1) {
  const noise = seededNormal(seed);
  return makeSeries(30 * 24, HOUR_MS, (d) => 100 + 5 * Math.sin(2 * Math.PI * d) + 2 * noise());
}

describe('gross values', () => {
  it.each([1e4, 1e5, 1e100, 1e308, -1e100, -Number.MAX_VALUE])(
    'one value of %d in a 90-110 series neither bends the fit nor hides from the verdict',
    (gross) => {
      const { timestamps, values } = ordinary();
      const clean = predict(fit(timestamps, values), timestamps, values);
      const at = 400;
      const spoilt = values.slice();
      spoilt[at] = gross;
      const model = fit(timestamps, spoilt);
      const out = predict(model, timestamps, spoilt);
      for (let i = 0; i < timestamps.length; i++) {
        expect(Math.abs(out.yhat[i] - clean.yhat[i])).toBeLessThan(0.5);
        expect(out.yhat_lower[i]).toBeGreaterThan(80);
        expect(out.yhat_upper[i]).toBeLessThan(120);
      }
      expect(out.outlier[at]).toBe(Math.sign(gross));
      expect(out.score[at]).toBeGreaterThan(0.99);
      let flagged = 0;
      out.outlier.forEach((o) => (flagged += o !== 0 ? 1 : 0));
      // The gross value itself, and at most one more than the clean fit flags.
      expect(flagged).toBeLessThanOrEqual(clean.outlier.filter((o) => o !== 0).length + 2);
    }
  );

  it('a value 1e100 in a series that is almost always zero is left out too', () => {
    const { timestamps } = ordinary();
    const values = new Float64Array(timestamps.length);
    for (let i = 0; i < values.length; i += 97) {
      values[i] = 1 + (i % 5);
    }
    values[300] = 1e100;
    const model = fit(timestamps, values);
    expect(model.n_gross).toBe(1);
    const out = predict(model, timestamps, values);
    expect(Math.max(...out.yhat_upper)).toBeLessThan(10);
  });

  it('refuses a series whose ordinary values are too large to square, saying so', () => {
    const { timestamps, values } = ordinary();
    const huge = values.map((v) => v * 1e306);
    expect(() => fit(timestamps, huge)).toThrow(ModelInputError);
    expect(() => fit(timestamps, huge)).toThrow(/too large to model .*rescale/);
    // Values either side of ±1e308 span more than a double holds: the message said "around Infinity".
    const extreme = values.map((_, i) => (i % 2 ? 1.7e308 : -1.7e308));
    expect(() => fit(timestamps, extreme)).toThrow(
      "the series' values span more than a float holds (about ±1.8e+308), too large to model (limit 1e+150); rescale them"
    );
  });

  it('keeps ordinary extremes: a tenfold burst is learned from like any value', () => {
    const { timestamps, values } = ordinary();
    values[200] = 1000;
    expect(fit(timestamps, values).n_gross).toBe(0);
  });
});
