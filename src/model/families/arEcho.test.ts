import { typescriptKernels } from '../kernels';

describe('arRecursion with seasonal_from', () => {
  // y_t = y_{t−288} (a day back, coefficient 1): every value is predicted by the one a season before.
  const n = 1400;
  const values = Float64Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * t) / 288));
  for (const from of [700, 988, 1276]) {
    for (let t = from; t < from + 4; t++) {
      values[t] += 10; // a short level change that comes back every day
    }
  }
  const run = (seasonalFrom: number) => {
    const out = {
      cleaned: new Float64Array(n),
      predicted: new Float64Array(n),
      extra_variance: new Float64Array(n),
      kept: new Float64Array(n),
    };
    typescriptKernels.arRecursion(
      values,
      {
        lags: Int32Array.of(288),
        coefficients: Float64Array.of(1),
        constant: 0,
        start: 288,
        seasonal_from: seasonalFrom,
        limit_below: 3,
        limit_above: 3,
        max_run: 5,
        horizon_variance: Float64Array.of(1),
        lowest: -100,
        highest: 100,
      },
      out
    );
    return out;
  };

  it('replaces a short change the first day and keeps it when it repeats a day later', () => {
    const out = run(288);
    for (let t = 700; t < 704; t++) {
      expect(out.kept[t]).toBe(0);
      expect(out.cleaned[t]).toBeCloseTo(values[t] - 10, 9);
    }
    for (let t = 988; t < 992; t++) {
      expect(out.kept[t]).toBe(1);
      expect(out.predicted[t]).toBeCloseTo(values[t], 9); // the second prediction, from the value replaced
    }
    for (let t = 1276; t < 1280; t++) {
      expect(out.kept[t]).toBe(1);
    }
  });

  it('without it, replaces the change every day (the echo)', () => {
    const out = run(0);
    for (const from of [700, 988, 1276]) {
      for (let t = from; t < from + 4; t++) {
        expect(out.kept[t]).toBe(0);
      }
    }
  });
});
