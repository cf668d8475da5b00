import { predictLinear } from './predictLinear';

describe('predictLinear', () => {
  it('extrapolates the least-squares line of the window to the lead, as Prometheus does', () => {
    const ts = Float64Array.from({ length: 20 }, (_, i) => i * 1000);
    // y = 3 + 2 per second, with ±1 alternating noise that cancels in pairs.
    const ys = ts.map((t, i) => 3 + (2 * t) / 1000 + (i % 2 === 0 ? 1 : -1));
    const out = predictLinear(ts, ys, 4000, 10_000);
    // At t = 7 s the window (3 s, 7 s] holds samples 4..7; the least-squares line through them, by hand.
    const i = 7;
    const xs = [4, 5, 6, 7];
    const yv = xs.map((x) => ys[x]);
    const mx = 5.5;
    const my = yv.reduce((a, b) => a + b) / 4;
    const slope = xs.reduce((a, x, k) => a + (x - mx) * (yv[k] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(out[i]).toBeCloseTo(my + slope * (7 + 10 - mx), 9);
    expect(out[0]).toBeNaN();
  });

  it('skips missing values and needs two samples', () => {
    const ts = Float64Array.of(0, 1000, 2000, 3000);
    const ys = Float64Array.of(1, NaN, 3, 4);
    const out = predictLinear(ts, ys, 10_000, 1000);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(4, 9);
  });
});
