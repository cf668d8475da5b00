import { ModelInputError } from '../errors';
import { fitModel, predictModel } from '../families/registry';
import { normalQuantile, normalUpperTail } from '../statistics';
import { makeSeries, seededNormal } from '../testing/synthetic';
import { breachOutlook } from './outlook';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2025, 0, 6);
const STEP = 5 * 60_000;

/** A forecast y = level + slope·hours after FROM, with a constant band of ± halfWidth, every STEP up to `hours`. */
function linearForecast(level: number, slopePerHour: number, halfWidth: number, hours: number) {
  const steps = Math.round((hours * HOUR) / STEP);
  const timestamps = new Float64Array(steps);
  const yhat = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    timestamps[i] = FROM + (i + 1) * STEP;
    yhat[i] = level + (slopePerHour * (i + 1) * STEP) / HOUR;
  }
  return {
    timestamps,
    yhat,
    yhat_lower: yhat.map((y) => y - halfWidth),
    yhat_upper: yhat.map((y) => y + halfWidth),
  };
}

describe('breachOutlook', () => {
  it('on a linear forecast gives the closed-form crossing time and probability of a fully shared error', () => {
    // 50 + 4/h meets 70 after 5 h; at the lead's end (6 h) the expectation is 74, one σ past the threshold when
    // the 80% band's half-width is 4 · z(0.9) (σ = 4). With the whole error shared (ρ = 1) the path crosses when
    // the shared shift passes the smallest margin: P(Z > −1).
    const z = normalQuantile(0.9);
    const forecast = linearForecast(50, 4, 4 * z, 6);
    const out = breachOutlook({
      fromMs: FROM,
      leadMs: 6 * HOUR,
      forecast,
      interval_width: 0.8,
      thresholds: { above: 70 },
      shared_share: 1,
    });
    expect(out.eta_ms).toBeCloseTo(5 * HOUR, -1);
    expect(out.crossing_ms).toBeCloseTo(FROM + 5 * HOUR, -1);
    expect(out.side).toBe('above');
    expect(out.probability).toBeCloseTo(normalUpperTail(-1), 6);
    expect(out.probability).toBeCloseTo(0.841345, 5);

    // A lead of 3 h ends at 62, 2 σ short: no crossing, probability P(Z > 2).
    const short = breachOutlook({
      fromMs: FROM,
      leadMs: 3 * HOUR,
      forecast,
      interval_width: 0.8,
      thresholds: { above: 70 },
      shared_share: 1,
    });
    expect(short.eta_ms).toBeNull();
    expect(short.crossing_ms).toBeNull();
    expect(short.probability).toBeCloseTo(0.0227501, 6);

    // Falling toward `below`: 100 − 3/h meets 91 after exactly 3 h.
    const falling = linearForecast(100, -3, 2 * z, 6);
    const down = breachOutlook({
      fromMs: FROM,
      leadMs: 6 * HOUR,
      forecast: falling,
      interval_width: 0.8,
      thresholds: { above: 200, below: 91 },
      shared_share: 1,
    });
    expect(down.eta_ms).toBeCloseTo(3 * HOUR, -1);
    expect(down.side).toBe('below');
    // At 6 h the expectation is 82, 9 under 91: 4.5 σ past it.
    expect(down.probability).toBeCloseTo(1 - normalUpperTail(4.5), 6);
  });

  it('with independent steps (ρ = 0) is the chance that any step crosses, and the default lies between', () => {
    const z = normalQuantile(0.9);
    // Two hourly steps at 98 and 99 under a threshold of 100, σ 1: 1 − Φ(2)·Φ(1).
    const forecast = {
      timestamps: Float64Array.of(FROM + HOUR, FROM + 2 * HOUR),
      yhat: Float64Array.of(98, 99),
      yhat_lower: Float64Array.of(98 - z, 99 - z),
      yhat_upper: Float64Array.of(98 + z, 99 + z),
    };
    const base = { fromMs: FROM, leadMs: 2 * HOUR, forecast, interval_width: 0.8, thresholds: { above: 100 } };
    const independent = breachOutlook({ ...base, shared_share: 0 }).probability;
    expect(independent).toBeCloseTo(1 - (1 - normalUpperTail(2)) * (1 - normalUpperTail(1)), 9);
    const shared = breachOutlook({ ...base, shared_share: 1 }).probability;
    expect(shared).toBeCloseTo(normalUpperTail(1), 9);
    const mixed = breachOutlook(base).probability;
    expect(mixed).toBeGreaterThan(shared);
    expect(mixed).toBeLessThan(independent);
    expect(() => breachOutlook({ ...base, shared_share: 2 })).toThrow('shared_share must be a number in [0, 1], got 2');
  });

  it('interpolates between steps and reads only the steps within the lead', () => {
    const z = normalQuantile(0.9);
    // Crossing 70.5 at 5 h 7.5 min, between two 5-minute steps.
    const forecast = linearForecast(50, 4, z, 8);
    const out = breachOutlook({
      fromMs: FROM,
      leadMs: 8 * HOUR,
      forecast,
      interval_width: 0.8,
      thresholds: { above: 70.5 },
    });
    expect(out.eta_ms).toBeCloseTo(5.125 * HOUR, -1);
    const later = breachOutlook({
      fromMs: FROM + 6 * HOUR,
      leadMs: HOUR,
      forecast,
      interval_width: 0.8,
      thresholds: { above: 70.5 },
    });
    // Already past at the first step read: the crossing is that step.
    expect(later.eta_ms).toBe(STEP);
  });

  it('counts an expectation resting on the threshold as no crossing, as a rule’s gt and lt do', () => {
    const z = normalQuantile(0.9);
    for (const thresholds of [{ above: 100 }, { below: 100 }]) {
      const flat = breachOutlook({
        fromMs: FROM,
        leadMs: 6 * HOUR,
        forecast: linearForecast(100, 0, z, 6),
        interval_width: 0.8,
        thresholds,
      });
      expect(flat.eta_ms).toBeNull();
      expect(flat.crossing_ms).toBeNull();
    }
  });

  it('counts an expectation touching an inclusive threshold as a crossing, as a rule’s gte and lte do', () => {
    // A peak at exactly 100 two hours ahead: a rule on >= 100 fires there; the outlook compared strictly, as for >.
    const z = normalQuantile(0.9);
    const forecast = linearForecast(0, 0, z, 6);
    forecast.timestamps.forEach((t, i) => {
      forecast.yhat[i] = 100 - Math.abs(t - FROM - 2 * HOUR) / (12 * STEP);
    });
    const mirrored = { ...forecast, yhat: forecast.yhat.map((y) => 200 - y) };
    for (const [thresholds, f] of [
      [{ above: 100, above_inclusive: true }, forecast],
      [{ below: 100, below_inclusive: true }, mirrored],
    ] as const) {
      const touch = breachOutlook({ fromMs: FROM, leadMs: 6 * HOUR, forecast: f, interval_width: 0.8, thresholds });
      expect(touch.eta_ms).toBe(2 * HOUR);
      expect(touch.crossing_ms).toBe(FROM + 2 * HOUR);
      const strict = breachOutlook({
        fromMs: FROM,
        leadMs: 6 * HOUR,
        forecast: f,
        interval_width: 0.8,
        thresholds: { ...thresholds, above_inclusive: false, below_inclusive: false },
      });
      expect(strict.eta_ms).toBeNull();
    }
  });

  it('moves the expectation by the anchor line and adds its variance to the band', () => {
    const z = normalQuantile(0.9);
    // Flat 100, σ 2 from the band; the anchor says the series is 2 above and rising 1 per hour, with level
    // variance 1, slope variance 0.01 per h² and no covariance: the expectation meets 106 after exactly 4 h.
    const forecast = linearForecast(100, 0, 2 * z, 6);
    const anchor = { level: 2, slope_per_ms: 1 / HOUR, level_var: 1, slope_var: 0.01 / HOUR ** 2, covariance: 0 };
    const out = breachOutlook({
      fromMs: FROM,
      leadMs: 6 * HOUR,
      forecast,
      interval_width: 0.8,
      thresholds: { above: 106 },
      anchor,
      shared_share: 1,
    });
    expect(out.eta_ms).toBeCloseTo(4 * HOUR, -1);
    // At 6 h: expectation 108, variance 4 + 1 + 0.36: P(Z > (106 − 108) / √5.36).
    expect(out.probability).toBeCloseTo(normalUpperTail(-2 / Math.sqrt(5.36)), 6);
    // An incomplete anchor is ignored.
    const plain = breachOutlook({
      fromMs: FROM,
      leadMs: 6 * HOUR,
      forecast,
      interval_width: 0.8,
      thresholds: { above: 106 },
      anchor: { ...anchor, level_var: NaN },
      shared_share: 1,
    });
    expect(plain.eta_ms).toBeNull();
    expect(plain.probability).toBeCloseTo(normalUpperTail(3), 6);
  });

  it('gives no warning on a seasonal series whose daily peaks stay under the threshold', () => {
    const noise = seededNormal(7);
    // Daily swing of ±30 around 100 with noise σ 3: peaks at about 130 + noise.
    const history = makeSeries(21 * 288, STEP, (days) => 100 + 30 * Math.sin(2 * Math.PI * days) + 3 * noise());
    const model = fitModel(history.timestamps, history.values, {});
    const end = history.timestamps[history.timestamps.length - 1];
    const z = normalQuantile(0.9);
    const outlookFrom = (from: number, margin: number) => {
      const ts = Float64Array.from({ length: 72 }, (_, i) => from + (i + 1) * STEP);
      const forecast = predictModel(model, ts, undefined);
      // The threshold sits `margin` σ (the band's) above the expectation's highest point in the lead.
      let top = 0;
      forecast.yhat.forEach((y, i) => {
        top = y > forecast.yhat[top] ? i : top;
      });
      const sigma = (forecast.yhat_upper[top] - forecast.yhat[top]) / z;
      const thresholds = { above: forecast.yhat[top] + margin * sigma, below: 40 };
      return breachOutlook({ fromMs: from, leadMs: 6 * HOUR, forecast, interval_width: 0.8, thresholds });
    };
    for (let hour = 0; hour < 24; hour += 3) {
      const from = end + hour * HOUR;
      // 2.5 σ under the threshold: no expected crossing, and well under a 0.8 rule (measured 0.01-0.06).
      const under = outlookFrom(from, 2.5);
      expect(under.eta_ms).toBeNull();
      expect(under.probability).toBeLessThan(0.1);
      // Half a σ under: the series crosses about every other day at such a peak (measured 0.49-0.84).
      expect(outlookFrom(from, 0.5).probability).toBeGreaterThan(0.45);
    }
  });

  it('refuses bad thresholds, lead times and forecasts with one-line errors', () => {
    const forecast = linearForecast(50, 4, 4, 6);
    const base = { fromMs: FROM, leadMs: 6 * HOUR, forecast, interval_width: 0.8, thresholds: { above: 70 } };
    expect(() => breachOutlook({ ...base, thresholds: { above: NaN } })).toThrow(
      new ModelInputError('threshold "above" must be a finite number, got NaN')
    );
    expect(() => breachOutlook({ ...base, thresholds: {} })).toThrow(/at least one threshold/);
    expect(() => breachOutlook({ ...base, thresholds: { above: 10, below: 10 } })).toThrow(
      'threshold "above" (10) must be greater than "below" (10)'
    );
    expect(() =>
      breachOutlook({ ...base, thresholds: { above: 70, above_inclusive: 'yes' as unknown as boolean } })
    ).toThrow(new ModelInputError('threshold "above_inclusive" must be true or false, got yes'));
    expect(() => breachOutlook({ ...base, leadMs: 0 })).toThrow(/lead time must be a positive duration/);
    expect(() => breachOutlook({ ...base, leadMs: -HOUR })).toThrow(ModelInputError);
    expect(() => breachOutlook({ ...base, interval_width: 1 })).toThrow(/interval_width/);
    expect(() => breachOutlook({ ...base, fromMs: FROM + DAY })).toThrow(/no finite expectation within the lead/);
    expect(() => breachOutlook({ ...base, forecast: { ...forecast, yhat_upper: new Float64Array(3) } })).toThrow(
      'forecast: yhat_upper has 3 values for 72 timestamps'
    );
  });
});
