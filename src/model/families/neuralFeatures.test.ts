import { seededRandom } from '../testing/synthetic';
import { FEATURES, observed, originState, trainingRows, writeFeatures } from './neuralFeatures';
import { networkOutputs, trainNetwork } from './neuralKernels';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hourly values: a daily shape whose level steps up by 10 each day, plus small seeded noise. */
function dailySeries(days: number): { ts: Float64Array; ys: Float64Array } {
  const rand = seededRandom(9);
  const ts: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < days * 24; i++) {
    ts.push(Date.UTC(2024, 0, 1) + i * HOUR);
    ys.push(100 + 10 * Math.floor(i / 24) + 30 * Math.sin((2 * Math.PI * (i % 24)) / 24) + (rand() - 0.5));
  }
  return { ts: Float64Array.from(ts), ys: Float64Array.from(ys) };
}

describe('neural forecaster features', () => {
  it('scale values by the last day and read the same slot a day back', () => {
    const { ts, ys } = dailySeries(10);
    const o = observed(ts, ys);
    expect(o.step).toBe(HOUR);
    const origin = ts[ts.length - 1];
    const s = originState(o, origin)!;
    const row = new Float64Array(FEATURES);
    const target = origin + 5 * HOUR;
    writeFeatures(o, s, target, row);
    // Feature 0 is the value one day before the target, scaled; 3 is the last value.
    const yesterday = ys[ts.indexOf(target - DAY)];
    expect(s.centre + s.scale * row[0]).toBeCloseTo(yesterday, 9);
    expect(s.centre + s.scale * row[3]).toBeCloseTo(ys[ys.length - 1], 9);
    expect(row[7]).toBeCloseTo(5 / 24, 12);
    // A target a day and an hour out takes the slot two days back from it, an hour after the origin's day before.
    writeFeatures(o, s, origin + DAY + HOUR, row);
    expect(s.centre + s.scale * row[0]).toBeCloseTo(ys[ts.indexOf(origin + HOUR - DAY)], 9);
  });

  it('never read a value after the origin, even where the series goes on', () => {
    const { ts, ys } = dailySeries(10);
    const o = observed(ts, ys);
    const sample = 5 * 24;
    const row = new Float64Array(FEATURES);
    // A whole day ahead of an origin on a sample reads the origin's own value.
    const onSample = originState(o, ts[sample])!;
    writeFeatures(o, onSample, ts[sample] + DAY, row);
    expect(onSample.centre + onSample.scale * row[0]).toBeCloseTo(ys[sample], 9);
    // 40 minutes after a sample, the last value is that sample's, not the next one's ...
    const origin = ts[sample] + 40 * 60_000;
    const s = originState(o, origin)!;
    expect(s.centre + s.scale * s.now).toBeCloseTo(ys[sample], 9);
    // ... and a slot nearest the next sample (25 minutes after it, 35 before the origin's sample) is not read:
    // the feature falls back to the last value.
    writeFeatures(o, s, origin + DAY - 5 * 60_000, row);
    expect(row[0]).toBe(s.now);
    expect(s.centre + s.scale * row[0]).not.toBeCloseTo(ys[sample + 1], 3);
  });

  it('learn a daily shape whose level climbs, beating same-time-yesterday', () => {
    const { ts, ys } = dailySeries(21);
    const cut = 20 * 24;
    const o = observed(ts.slice(0, cut), ys.slice(0, cut));
    const { X, y } = trainingRows(o, DAY, HOUR, 8, 20_000, seededRandom(1));
    expect(y.length).toBeGreaterThan(1000);
    const weights = trainNetwork(X, y, {
      inputs: FEATURES,
      hidden: 16,
      steps: 2000,
      batch: 64,
      learning_rate: 0.003,
      seed: 3,
    });
    const s = originState(o, ts[cut - 1])!;
    const row = new Float64Array(FEATURES);
    let neural = 0;
    let naive = 0;
    for (let i = cut; i < ts.length; i++) {
      writeFeatures(o, s, ts[i], row);
      neural += Math.abs(s.centre + s.scale * networkOutputs(weights, row, FEATURES, 16)[0] - ys[i]);
      naive += Math.abs(ys[i - 24] - ys[i]);
    }
    // Yesterday is 10 too low everywhere; the network learns the daily climb from the history.
    expect(naive / 24).toBeGreaterThan(9);
    expect(neural / 24).toBeLessThan(0.5 * (naive / 24));
  });

  it('compute the calendar and horizon inputs as sine, cosine and e^(−h / 3 h) would, to 1e-9', () => {
    const { ts, ys } = dailySeries(10);
    const o = observed(ts, ys);
    const s = originState(o, ts[ts.length - 1])!;
    const row = new Float64Array(FEATURES);
    for (let minutes = 7; minutes < 8 * 24 * 60; minutes += 97) {
      const target = s.origin + minutes * 60_000;
      writeFeatures(o, s, target, row);
      const dayPhase = (2 * Math.PI * (target % DAY)) / DAY;
      const weekPhase = (2 * Math.PI * ((Math.floor(target / DAY) + 4) % 7)) / 7;
      const seen = Math.min(target - s.origin, DAY);
      expect(Math.abs(row[8] - Math.exp(-seen / (3 * HOUR)))).toBeLessThan(1e-9);
      expect(Math.abs(row[9] - Math.sin(dayPhase))).toBeLessThan(1e-9);
      expect(Math.abs(row[10] - Math.cos(dayPhase))).toBeLessThan(1e-9);
      expect(Math.abs(row[11] - Math.sin(weekPhase))).toBeLessThan(1e-9);
      expect(Math.abs(row[12] - Math.cos(weekPhase))).toBeLessThan(1e-9);
    }
  });
});
