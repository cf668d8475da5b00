import { fit, predict } from './forecaster';
import { growthVariance, nonDecreasing } from './horizonGrowth';
import { deserialize, serialize } from './serialize';
import { HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';

const TRAIN_HOURS = 40 * 24;
const AHEAD_HOURS = 10 * 24;
const NOISE_SD = 1;

/** Hourly: a daily cycle, noise of sd 1 and a level that walks `walkSd` per hour; training and the 10 days after. */
function series(seed: number, walkSd: number) {
  const normal = seededNormal(seed);
  let level = 50;
  const all = makeSeries(TRAIN_HOURS + AHEAD_HOURS, HOUR_MS, (days) => {
    level += walkSd * normal();
    return level + 5 * Math.sin(2 * Math.PI * days) + NOISE_SD * normal();
  });
  return {
    train: { timestamps: all.timestamps.subarray(0, TRAIN_HOURS), values: all.values.subarray(0, TRAIN_HOURS) },
    ahead: { timestamps: all.timestamps.subarray(TRAIN_HOURS), values: all.values.subarray(TRAIN_HOURS) },
  };
}

/** Share of the last 5 days ahead inside the 80% band, over many series; and the bands' mean half-widths. */
function farCoverage(walkSd: number, seeds: number) {
  let inside = 0;
  let count = 0;
  let nearWidth = 0;
  let farWidth = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const { train, ahead } = series(seed, walkSd);
    const p = predict(fit(train.timestamps, train.values, { interval_width: 0.8 }), ahead.timestamps);
    nearWidth += (p.yhat_upper[0] - p.yhat_lower[0]) / 2 / seeds;
    farWidth += (p.yhat_upper[AHEAD_HOURS - 1] - p.yhat_lower[AHEAD_HOURS - 1]) / 2 / seeds;
    for (let i = AHEAD_HOURS / 2; i < AHEAD_HOURS; i++) {
      inside += ahead.values[i] >= p.yhat_lower[i] && ahead.values[i] <= p.yhat_upper[i] ? 1 : 0;
      count++;
    }
  }
  return { coverage: inside / count, nearWidth, farWidth };
}

describe('horizonGrowth', () => {
  it('widens the band with the horizon so that a wandering level is covered near the nominal rate', () => {
    // The level's sd 5-10 days ahead (0.4 × √(120..240) ≈ 4.4..6.2) dwarfs the noise (sd 1).
    const { coverage, nearWidth, farWidth } = farCoverage(0.4, 24);
    expect(coverage).toBeGreaterThan(0.75);
    expect(coverage).toBeLessThan(0.9);
    expect(farWidth).toBeGreaterThan(2.5 * nearWidth);
  });

  it('keeps the band of a stationary series as it is at every horizon', () => {
    const { coverage, nearWidth, farWidth } = farCoverage(0, 12);
    expect(farWidth).toBeLessThan(1.1 * nearWidth);
    // 80% of normal noise of sd 1: ±1.28.
    expect(nearWidth).toBeLessThan(1.6);
    expect(coverage).toBeGreaterThan(0.75);
  });

  it('does not widen the band for spikes in the history, which the fit rejects', () => {
    const { train, ahead } = series(6, 0);
    const values = train.values.slice();
    for (const at of [0.62, 0.75, 0.86, 0.93]) {
      values[Math.floor(TRAIN_HOURS * at)] += 40;
    }
    const p = predict(fit(train.timestamps, values, { interval_width: 0.99 }), ahead.timestamps);
    const near = p.yhat_upper[0] - p.yhat_lower[0];
    const far = p.yhat_upper[AHEAD_HOURS - 1] - p.yhat_lower[AHEAD_HOURS - 1];
    expect(far).toBeLessThan(1.1 * near);
  });

  it('is stored with the model and read back', () => {
    const { train, ahead } = series(3, 0.4);
    const fitted = fit(train.timestamps, train.values);
    expect(fitted.horizon_growth).not.toBeNull();
    const restored = deserialize(serialize(fitted));
    expect(restored.horizon_growth).toEqual(fitted.horizon_growth);
    expect(predict(restored, ahead.timestamps).yhat_upper).toEqual(predict(fitted, ahead.timestamps).yhat_upper);
  });

  it('leaves points within the training range as they were', () => {
    const { train } = series(4, 0.4);
    const fitted = fit(train.timestamps, train.values);
    const without = predict({ ...fitted, horizon_growth: null }, train.timestamps, train.values);
    const withGrowth = predict(fitted, train.timestamps, train.values);
    expect(withGrowth.yhat_upper).toEqual(without.yhat_upper);
    expect(withGrowth.score).toEqual(without.score);
  });

  it('has no growth to read from a series too short to spare forecast origins', () => {
    const { train } = series(5, 0.4);
    expect(fit(train.timestamps.subarray(0, 30), train.values.subarray(0, 30)).horizon_growth).toBeNull();
  });
});

describe('nonDecreasing', () => {
  it('pools a dip into its neighbours and leaves a rising sequence alone', () => {
    expect(nonDecreasing([1, 3, 2, 4])).toEqual([1, 2.5, 2.5, 4]);
    expect(nonDecreasing([1, 2, 3])).toEqual([1, 2, 3]);
    expect(nonDecreasing([3, 1])).toEqual([2, 2]);
  });
});

describe('growthVariance', () => {
  const growth = { horizon_ms: [10, 20, 40], variance: [1, 3, 5] };
  it('holds the first bin before it, interpolates between bins and grows on past the last', () => {
    expect(growthVariance(growth, 5)).toBe(1);
    expect(growthVariance(growth, 15)).toBe(2);
    expect(growthVariance(growth, 30)).toBe(4);
    // Average rate (5 − 1) / (40 − 10) per ms past 40.
    expect(growthVariance(growth, 70)).toBeCloseTo(9, 10);
  });
});
