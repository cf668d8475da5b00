import { ModelInputError } from '../errors';
import { fitModel, predictModel } from '../families/registry';
import { normalQuantile } from '../statistics';
import { makeSeries, seededNormal } from '../testing/synthetic';
import { DEFAULT_DRIFT_OPTIONS, detectDrift } from './drift';

const HOUR = 3_600_000;
const STEP = 5 * 60_000;
const PER_DAY = 288;

/** Independent N(0, 1) residuals around 0 with a band of ±z (σ = 1 exactly). */
function whiteNoise(n: number, seed: number) {
  const noise = seededNormal(seed);
  const z = normalQuantile(0.9);
  const timestamps = Float64Array.from({ length: n }, (_, i) => i * STEP);
  return {
    timestamps,
    values: Float64Array.from({ length: n }, () => noise()),
    yhat: new Float64Array(n),
    yhat_lower: new Float64Array(n).fill(-z),
    yhat_upper: new Float64Array(n).fill(z),
    interval_width: 0.8,
  };
}

function onsets(drift: Int8Array): number {
  let count = 0;
  for (let i = 0; i < drift.length; i++) {
    count += drift[i] !== 0 && (i === 0 || drift[i - 1] !== drift[i]) ? 1 : 0;
  }
  return count;
}

describe('detectDrift', () => {
  it('flags a slow fall that no single point makes an outlier, dated near its start', () => {
    const noise = seededNormal(11);
    const days = 15;
    const fallStart = 14 * PER_DAY + 96; // day 14, 08:00
    // Daily cycle around 1000, noise σ 10; from 08:00 on day 14 a fall of 1 % over 3 h (10, one σ), then it stays.
    const series = makeSeries(days * PER_DAY, STEP, (d, i) => {
      const fall = i < fallStart ? 0 : Math.min(1, (i - fallStart) / 36) * 10;
      return 1000 + 200 * Math.sin(2 * Math.PI * d) + 10 * noise() - fall;
    });
    const train = 14 * PER_DAY;
    const model = fitModel(series.timestamps.subarray(0, train), series.values.subarray(0, train), {});
    const ts = series.timestamps.subarray(train);
    const ys = series.values.subarray(train);
    const predicted = predictModel(model, ts, ys);
    const out = detectDrift({ ...predicted, values: ys, interval_width: model.params.interval_width });

    const fallAt = 96;
    const outliers = Array.from(predicted.outlier.subarray(fallAt)).filter((o) => o !== 0).length;
    // The outlier band (0.995) flags a few percent of the fallen points, scattered: nothing a rule would act on.
    expect(outliers / (ys.length - fallAt)).toBeLessThan(0.05);
    expect(Array.from(out.drift.subarray(0, fallAt)).every((d) => d === 0)).toBe(true);
    const first = out.drift.indexOf(-1);
    expect(first).toBeGreaterThan(fallAt);
    // Declared within 6 hours of the start.
    expect(first - fallAt).toBeLessThan(72);
    expect(Array.from(out.drift.subarray(first)).every((d) => d === -1)).toBe(true);
    expect(out.drift_start_ms).not.toBeNull();
    expect(Math.abs((out.drift_start_ms as number) - ts[fallAt])).toBeLessThan(3 * HOUR);
  });

  it('does not flag clean data: at most one drift in 400,000 independent normal residuals', () => {
    const n = 400_000;
    const out = detectDrift(whiteNoise(n, 5));
    expect(onsets(out.drift)).toBeLessThanOrEqual(1);
    // The allowance sets the rate: k 0.5 raises about one drift per 67,000 points.
    expect(onsets(detectDrift(whiteNoise(n, 5), { allowance: 0.5, reference_days: 0 }).drift)).toBeGreaterThan(2);
    // A single clean week of 5-minute points is quiet.
    expect(onsets(detectDrift(whiteNoise(2016, 9)).drift)).toBe(0);
  });

  it('ends a drift once the departure stops, within the decision level over the allowance', () => {
    const data = whiteNoise(600, 3);
    for (let i = 100; i < 200; i++) {
      data.values[i] += 2;
    }
    const out = detectDrift(data);
    const flagged = Array.from(out.drift.keys()).filter((i) => out.drift[i] === 1);
    expect(flagged[0]).toBeGreaterThan(100);
    expect(flagged[0]).toBeLessThan(120);
    // Once the departure stops, the sum drains by at least the allowance per point.
    const { allowance, decision } = DEFAULT_DRIFT_OPTIONS;
    expect(flagged[flagged.length - 1]).toBeLessThan(200 + decision / allowance + 5);
    expect(out.drift_start_ms).toBeNull();
  });

  it('ignores one spike and missing values', () => {
    const data = whiteNoise(300, 4);
    data.values[50] = 1e6;
    data.values[60] = NaN;
    data.yhat[61] = NaN;
    const out = detectDrift(data);
    expect(Array.from(out.drift).every((d) => d === 0)).toBe(true);
  });

  it('refuses bad options and arrays with one-line errors', () => {
    const data = whiteNoise(10, 1);
    expect(() => detectDrift(data, { decision: 0 })).toThrow(
      new ModelInputError('drift option decision must be a positive number, got 0')
    );
    expect(() => detectDrift(data, { allowance: NaN })).toThrow(/allowance/);
    expect(() => detectDrift(data, { clip: 0.2, allowance: 0.5 })).toThrow(/clip \(0.2\) must exceed allowance/);
    expect(() => detectDrift({ ...data, values: new Float64Array(3) })).toThrow(
      'drift: values has 3 values for 10 timestamps'
    );
    expect(() => detectDrift({ ...data, interval_width: 0 })).toThrow(/interval_width/);
  });
});

describe('detectDrift against the same time on previous days', () => {
  it('does not call a misfit the model repeats every evening a drift, unless told to ignore the past days', () => {
    const data = whiteNoise(10 * PER_DAY, 8);
    // Every evening 18:00-23:00 the series runs 1.5 σ above the expectation.
    for (let i = 0; i < data.values.length; i++) {
      const hour = (i % PER_DAY) / 12;
      data.values[i] += hour >= 18 && hour < 23 ? 1.5 : 0;
    }
    const withReference = detectDrift(data);
    // The first evening has no earlier day to compare with; the other nine are quiet.
    expect(onsets(withReference.drift.subarray(PER_DAY))).toBe(0);
    expect(onsets(detectDrift(data, { reference_days: 0 }).drift)).toBeGreaterThanOrEqual(9);
  });
});
