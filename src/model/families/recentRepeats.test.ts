import { ModelInputError } from '../errors';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import type { Prediction } from '../types';
import { capRecentRepeats, readRecentPeak, RECENT_WINDOW_MS, recentPeak } from './recentRepeats';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

/** A prediction expecting 0 at hourly times, each point flagged above with score `score`. */
function flagged(hours: number[], score: number): Prediction {
  const n = hours.length;
  return {
    timestamps: Float64Array.from(hours, (h) => h * HOUR_MS),
    yhat: new Float64Array(n),
    yhat_lower: new Float64Array(n).fill(-1),
    yhat_upper: new Float64Array(n).fill(1),
    outlier: new Int8Array(n).fill(1),
    score: new Float64Array(n).fill(score),
    trend: new Float64Array(n),
    seasonal: {},
    holidays: new Float64Array(n),
  };
}

describe('capRecentRepeats', () => {
  it('quiets a deviation no larger than the training peak of the last day, and spares a larger one', () => {
    const p = flagged([1, 2, 3], 0.8);
    capRecentRepeats(p, [10, 20, 25], { peak: 20, to: 0 }, 1);
    expect(p.score[0]).toBeCloseTo(10 / 30, 12);
    expect(p.score[1]).toBe(0.5); // as large as the peak: at most 0.5
    expect(Array.from(p.outlier)).toEqual([0, 0, 1]);
    expect(p.score[2]).toBe(0.8); // 25 is larger than every earlier residual (20, 10, 20)
  });

  it('quiets up to the margin over the peak, scoring at most 0.5', () => {
    const p = flagged([1, 2], 0.8);
    capRecentRepeats(p, [21, 24], { peak: 20, to: 0 }, 1.1);
    expect(p.score[0]).toBeCloseTo(21 / (21 + 22), 12);
    expect(Array.from(p.outlier)).toEqual([0, 1]); // 24 > 1.1 × 21, the largest before it
    expect(p.score[1]).toBe(0.8);
  });

  it('reads points judged earlier in the same prediction that are not outliers, for one day only', () => {
    // Hour 0: 30, not an outlier. Hour 20: 24 ≤ 30, capped. Hour 25: 26, hour 0 has left the window and 26 is
    // larger than hour 20's 24, so it keeps its score.
    const p = flagged([0, 20, 25], 0.9);
    p.outlier[0] = 0;
    capRecentRepeats(p, [30, 24, 26], { peak: 0, to: -1e12 }, 1);
    expect(p.score[0]).toBe(0.9);
    expect(p.score[1]).toBeCloseTo(24 / 54, 12);
    expect(p.score[2]).toBe(0.9);
    expect(Array.from(p.outlier)).toEqual([0, 0, 1]);
  });

  it('keeps every point of an incident flagged: an outlier still standing does not quiet the next', () => {
    const p = flagged([1, 2, 3, 4], 0.9);
    capRecentRepeats(p, [100, 95, 100, 90], { peak: 20, to: 0 }, 1.1);
    expect(Array.from(p.outlier)).toEqual([1, 1, 1, 1]);
    expect(Array.from(p.score)).toEqual([0.9, 0.9, 0.9, 0.9]);
  });

  it('forgets the training peak a day after training ends, and never raises a score', () => {
    const p = flagged([23, 23.5, 25], 0.3);
    p.score[1] = 0.1;
    capRecentRepeats(p, [10, 10, 40], { peak: 50, to: 0 }, 1);
    expect(p.score[0]).toBeCloseTo(10 / 60, 12);
    expect(p.score[1]).toBe(0.1); // the cap, 10 / 60, is above it
    expect(p.score[2]).toBe(0.3); // hour 25: the training peak is a day old; 40 is larger than hour 23's 10
    expect(Array.from(p.outlier)).toEqual([0, 0, 1]);
  });

  it('leaves points without a value alone and keeps them out of the window; a zero peak caps nothing', () => {
    const p = flagged([1, 2], 0.8);
    capRecentRepeats(p, [NaN, 0], { peak: 0, to: 0 }, 1);
    expect(Array.from(p.score)).toEqual([0.8, 0.8]);
    expect(Array.from(p.outlier)).toEqual([1, 1]);
  });
});

describe('recentPeak', () => {
  it('is the largest |residual| of the last day of training', () => {
    const ts = [0, 10, 12, 30].map((h) => h * HOUR_MS);
    expect(recentPeak(ts, [100, 0, -9, 3], [0, 0, 0, 0])).toEqual({ peak: 9, to: 30 * HOUR_MS });
    expect(recentPeak([], [], [])).toBeNull();
    expect(RECENT_WINDOW_MS).toBe(DAY_MS);
  });

  it('refuses a stored peak that is not finite and non-negative, naming the field', () => {
    expect(readRecentPeak({ peak: 2, to: 5 }, 'f')).toEqual({ peak: 2, to: 5 });
    for (const bad of [null, { peak: -1, to: 0 }, { peak: NaN, to: 0 }, { peak: 1 }, 'x']) {
      expect(() => readRecentPeak(bad, 'false_alarm_recent_peak')).toThrow(ModelInputError);
      expect(() => readRecentPeak(bad, 'false_alarm_recent_peak')).toThrow(/false_alarm_recent_peak/);
    }
  });
});

describe('after a false-alarm label on a bursty series', () => {
  // Three weeks of a daily cycle with unit noise; a labelled burst of 12 on day 19 and one of 20 on the last day.
  const STEP = 30 * 60_000;
  const DAYS = 21;
  const noise = seededNormal(5);
  const labelledAt = (19 * DAY_MS + 9 * HOUR_MS) / STEP;
  const lastDayAt = (20 * DAY_MS + 15 * HOUR_MS) / STEP;
  const series = makeSeries(
    (DAYS * DAY_MS) / STEP,
    STEP,
    (days, i) => 50 + 10 * Math.sin(2 * Math.PI * days) + noise() + (i === labelledAt ? 12 : i === lastDayAt ? 20 : 0)
  );
  const label: [number, number] = [series.timestamps[labelledAt] - HOUR_MS, series.timestamps[labelledAt] + HOUR_MS];
  const plain = fitModel(series.timestamps, series.values, { model: 'decomposition' });
  const labelled = fitModel(series.timestamps, series.values, { model: 'decomposition', false_alarms: [label] });
  const pairLabelled = fitModel(series.timestamps, series.values, { false_alarms: [label] });
  // The next morning, 02:00: a burst of `size` over the expectation.
  const next = makeSeries(
    DAY_MS / STEP,
    STEP,
    (days) => 50 + 10 * Math.sin(2 * Math.PI * (days + DAYS)),
    series.timestamps[0] + DAYS * DAY_MS
  );
  const at = 4;
  const judged = (fitted: typeof plain, size: number) => {
    const clean = predictModel(fitted, next.timestamps, next.values);
    const values = Float64Array.from(clean.yhat);
    values[at] += size;
    return predictModel(fitted, next.timestamps, values);
  };

  it('keeps the peak of the last training day with any false-alarm label, and only then', () => {
    expect(labelled.false_alarm_marks).toHaveLength(1);
    // A label where nothing was flagged leaves no mark, but the user still called this series' alarms false.
    const quietRange: [number, number] = [series.timestamps[100], series.timestamps[101]];
    const unflagged = fitModel(series.timestamps, series.values, {
      model: 'decomposition',
      false_alarms: [quietRange],
    });
    expect(unflagged.false_alarm_marks).toBeUndefined();
    expect(unflagged.false_alarm_recent_peak).toEqual(labelled.false_alarm_recent_peak);
    expect(labelled.false_alarm_recent_peak!.peak).toBeGreaterThan(18);
    expect(labelled.false_alarm_recent_peak!.to).toBe(series.timestamps[series.timestamps.length - 1]);
    expect(plain.false_alarm_recent_peak).toBeUndefined();
    const restored = deserializeModel(serializeModel(labelled));
    expect(restored.false_alarm_recent_peak).toEqual(labelled.false_alarm_recent_peak);
  });

  it("quiets a burst larger than the labelled one but within the last day's peak, which the unlabelled model flags", () => {
    for (const fitted of [labelled, pairLabelled]) {
      expect(judged(plain, 16).outlier[at]).toBe(1);
      const repeat = judged(fitted, 16);
      expect(repeat.outlier[at]).toBe(0);
      expect(repeat.score[at]).toBeLessThan(0.5);
    }
  });

  it('flags a burst larger than any of the last day at its full score', () => {
    const larger = judged(labelled, 30);
    expect(larger.outlier[at]).toBe(1);
    expect(larger.score[at]).toBe(judged(plain, 30).score[at]);
  });

  it("still raises a held shift within the last day's peak (the sustained step reads it after the cap)", () => {
    const clean = predictModel(labelled, next.timestamps, next.values);
    const values = Float64Array.from(clean.yhat, (y, i) => (i >= at && i < at + 16 ? y + 8 : y));
    const shifted = predictModel(labelled, next.timestamps, values);
    const scores = Array.from(shifted.score.subarray(at, at + 16));
    expect(shifted.outlier[at]).toBe(0); // each point alone is no larger than the last day's burst
    expect(Math.max(...scores)).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses a saved model whose peak is malformed', () => {
    const raw = JSON.parse(serializeModel(labelled));
    const model = raw.model ?? raw;
    model.false_alarm_recent_peak = { peak: -3, to: 0 };
    expect(() => deserializeModel(JSON.stringify(raw))).toThrow(/false_alarm_recent_peak/);
  });
});
