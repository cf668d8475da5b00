import { ModelInputError } from '../errors';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import type { ModelParams, Prediction } from '../types';
import {
  capRecentRepeats,
  labelsTraining,
  MAX_SIDE_PEAKS,
  readRecentPeaks,
  RECENT_WINDOW_MS,
  recentPeaks,
  type RecentPeaks,
} from './recentRepeats';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

/** A prediction expecting 0 at the given hours, each point flagged above with score `score`. */
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

const at = (hours: number): number => hours * HOUR_MS;
const above = (peaks: Array<[number, number]>): RecentPeaks => ({ below: [], above: peaks });

describe('capRecentRepeats', () => {
  it('quiets a deviation no larger than a training peak of the last day, and spares a larger one', () => {
    const p = flagged([1, 2, 3], 0.8);
    capRecentRepeats(p, [10, 20, 25], above([[at(-1), 20]]), 0, 1);
    expect(p.score[0]).toBeCloseTo(10 / 30, 12);
    expect(p.score[1]).toBe(0.5); // as large as the peak: at most 0.5
    expect(Array.from(p.outlier)).toEqual([0, 0, 1]);
    expect(p.score[2]).toBe(0.8); // 25 is larger than every ordinary residual before it
  });

  it('quiets up to the margin over the peak', () => {
    const p = flagged([1, 2], 0.8);
    capRecentRepeats(p, [21, 24], above([[at(-1), 20]]), 0, 1.1);
    expect(p.score[0]).toBeCloseTo(21 / (21 + 22), 12);
    expect(Array.from(p.outlier)).toEqual([0, 1]); // 24 > 1.1 × 21, the largest before it
    expect(p.score[1]).toBe(0.8);
  });

  it('lets each training peak count for a day after its own time, the smaller later ones after it', () => {
    // 50 at −20 h and 10 at −2 h: until 4 h the largest is 50, then 10 (the quieted 5 of hour 3 does not count).
    const p = flagged([3, 5, 6], 0.8);
    const peaks: Array<[number, number]> = [
      [at(-20), 50],
      [at(-2), 10],
    ];
    capRecentRepeats(p, [5, 9, 40], above(peaks), 0, 1);
    expect(p.score[0]).toBeCloseTo(5 / 55, 12);
    expect(p.score[1]).toBeCloseTo(9 / 19, 12);
    expect(p.score[2]).toBe(0.8); // 40 > the 10, the 5 and the 9 of the last day
  });

  it('keeps the sides apart: bursts above do not quiet a drop below', () => {
    const p = flagged([1, 2, 3], 0.8);
    capRecentRepeats(p, [-15, -5, 15], { below: [[at(-1), 8]], above: [[at(-1), 20]] }, 0, 1);
    expect(Array.from(p.outlier)).toEqual([1, 0, 0]);
    expect(p.score[0]).toBe(0.8); // 15 below > the 8 seen below, whatever was seen above
    expect(p.score[1]).toBeCloseTo(5 / 13, 12);
    expect(p.score[2]).toBeCloseTo(15 / 35, 12);
  });

  it('does not apply training peaks to points judged in training (an in-sample judgement)', () => {
    const p = flagged([-30, -5], 0.8);
    capRecentRepeats(p, [5, 5], above([[at(-1), 20]]), 0, 1);
    expect(Array.from(p.score)).toEqual([0.8, 0.8]);
    expect(Array.from(p.outlier)).toEqual([1, 1]);
  });

  it('reads ordinary points judged earlier in the same prediction, for one day only', () => {
    // Hour 0: 30, not an outlier. Hour 20: 24 ≤ 30, capped. Hour 25: 26, hour 0 has left the window and 26 is
    // larger than hour 20's 24, so it keeps its score.
    const p = flagged([0, 20, 25], 0.9);
    p.outlier[0] = 0;
    capRecentRepeats(p, [30, 24, 26], above([]), -Infinity, 1);
    expect(p.score[0]).toBe(0.9);
    expect(p.score[1]).toBeCloseTo(24 / 54, 12);
    expect(p.score[2]).toBe(0.9);
    expect(Array.from(p.outlier)).toEqual([0, 0, 1]);
  });

  it('keeps every point of an incident flagged: an outlier still standing does not quiet the next', () => {
    const p = flagged([1, 2, 3, 4], 0.9);
    capRecentRepeats(p, [100, 95, 100, 90], above([[at(-1), 20]]), 0, 1.1);
    expect(Array.from(p.outlier)).toEqual([1, 1, 1, 1]);
    expect(Array.from(p.score)).toEqual([0.9, 0.9, 0.9, 0.9]);
  });

  it('starts the window again when time steps back, so no point is quieted by a later one', () => {
    const p = flagged([10, 5], 0.8);
    p.outlier[0] = 0;
    capRecentRepeats(p, [30, 20], above([]), -Infinity, 1);
    expect(p.score[1]).toBe(0.8);
    expect(p.outlier[1]).toBe(1);
  });

  it('never raises a score, and leaves points without a value alone without losing the window', () => {
    const p = flagged([1, 2, 3], 0.8);
    p.score[2] = 0.1;
    p.outlier[0] = 0;
    capRecentRepeats(p, [NaN, 10, 10], above([[at(-1), 50]]), 0, 1);
    expect(p.score[0]).toBe(0.8);
    expect(p.score[1]).toBeCloseTo(10 / 60, 12); // the NaN before it left the training peak in force
    expect(p.score[2]).toBe(0.1); // the cap, 10 / 60, is above it
  });

  it('does not widen the window with points it quieted, so a deviation growing a tenth per point is flagged', () => {
    const ramp = [10, 11, 12.1, 13.3, 14.6, 16.1];
    const p = flagged([1, 2, 3, 4, 5, 6], 0.8);
    capRecentRepeats(p, ramp, above([[at(-1), 10]]), 0, 1.1);
    expect(Array.from(p.outlier)).toEqual([0, 0, 1, 1, 1, 1]); // past 1.1 × the ordinary 10
  });

  it('counts a point exactly a day before, not one a millisecond earlier', () => {
    const peak = flagged([24, 24], 0.8);
    peak.timestamps[1] += 1;
    capRecentRepeats(peak, [10, 10], above([[0, 20]]), -1, 1);
    expect(peak.score[0]).toBeCloseTo(10 / 30, 12); // the training peak at 0 h is exactly a day before
    expect(peak.score[1]).toBe(0.8); // 24 h + 1 ms: out (hour 24's 10 was quieted, so it does not count)
    const judgedBefore = flagged([0, 24, 24], 0.8);
    judgedBefore.outlier[0] = 0;
    judgedBefore.timestamps[2] += 1;
    capRecentRepeats(judgedBefore, [20, 10, 10], above([]), Infinity, 1);
    expect(judgedBefore.score[1]).toBeCloseTo(10 / 30, 12);
    expect(judgedBefore.score[2]).toBe(0.8);
  });

  it('starts the training peaks again too when time steps back', () => {
    const p = flagged([20, 1], 0.8);
    p.outlier[0] = 0;
    capRecentRepeats(p, [1, 40], above([[at(-10), 50]]), 0, 1);
    expect(p.outlier[1]).toBe(0); // hour 1 sees the peak of −10 h again
    expect(p.score[1]).toBeCloseTo(40 / 90, 12);
  });

  it('keeps infinite values and missing expectations out of the window', () => {
    const p = flagged([1, 2, 3], 0.8);
    p.outlier[0] = p.outlier[1] = 0;
    p.yhat[1] = NaN;
    capRecentRepeats(p, [Infinity, 5, 10], above([[at(-1), 50]]), 0, 1);
    expect(p.score[2]).toBeCloseTo(10 / 60, 12);
    expect(p.outlier[2]).toBe(0);
  });

  it('caps nothing where the largest is zero', () => {
    const p = flagged([1, 2], 0.8);
    capRecentRepeats(p, [0, 0], above([[at(-1), 0]]), 0, 1.1);
    expect(Array.from(p.score)).toEqual([0.8, 0.8]);
    expect(Array.from(p.outlier)).toEqual([1, 1]);
  });
});

describe('recentPeaks', () => {
  const ts = [0, 10, 12, 20, 30, 31].map(at);
  const zeros = new Float64Array(6);

  it('keeps the last day of training per side, each peak larger than every later one, skipping non-finite residuals', () => {
    const values = [100, 7, -9, Infinity, 3, -2];
    expect(recentPeaks(ts, values, zeros, new Int8Array(6), [], at(31))).toEqual({
      below: [
        [at(12), 9],
        [at(31), 2],
      ],
      above: [
        [at(10), 7],
        [at(30), 3],
      ],
    });
    expect(recentPeaks([], [], [], [], [], 0)).toEqual({ below: [], above: [] });
    // A day of residuals shrinking point after point keeps its largest MAX_SIDE_PEAKS.
    const minutes = Float64Array.from({ length: 1440 }, (_, i) => i * 60_000);
    const shrinking = recentPeaks(
      minutes,
      Float64Array.from(minutes, (_, i) => 1440 - i),
      new Float64Array(1440),
      new Int8Array(1440),
      [],
      minutes[1439]
    );
    expect(shrinking.above).toHaveLength(MAX_SIDE_PEAKS);
    expect(shrinking.above[0]).toEqual([0, 1440]);
    expect(RECENT_WINDOW_MS).toBe(DAY_MS);
  });

  it('leaves out points the fit flagged, unless a false-alarm label covers them', () => {
    const values = [0, 7, 9, 40, 3, 2];
    const outlier = Int8Array.of(0, 0, 1, 1, 0, 0);
    expect(recentPeaks(ts, values, zeros, outlier, [], at(31)).above).toEqual([
      [at(10), 7],
      [at(30), 3],
      [at(31), 2],
    ]);
    expect(recentPeaks(ts, values, zeros, outlier, [[at(19), at(21)]], at(31)).above).toEqual([
      [at(20), 40],
      [at(30), 3],
      [at(31), 2],
    ]);
  });

  it('count a point exactly a day before the end, keep one of equal residuals, and read back what they write', () => {
    const times = [at(7), at(8), at(20), at(31)];
    const peaks = recentPeaks(times, [6, 5, 5, 1], new Float64Array(4), new Int8Array(4), [], at(31));
    expect(peaks.above).toEqual([
      [at(7), 6],
      [at(20), 5],
      [at(31), 1],
    ]);
    expect(readRecentPeaks(peaks, at(31), 'f')).toEqual(peaks);
  });

  it('stop at the history end the fit reports, leaving later points out', () => {
    const peaks = recentPeaks(ts, [0, 7, 9, 4, 3, 50], zeros, new Int8Array(6), [], at(30));
    expect(peaks.above).toEqual([
      [at(12), 9],
      [at(20), 4],
      [at(30), 3],
    ]);
  });

  it('belong only to fits with a label on one of their points', () => {
    const times = [at(0), at(10), at(20)];
    expect(labelsTraining([[at(9), at(11)]], times, at(20))).toBe(true);
    expect(labelsTraining([[at(11), at(19)]], times, at(20))).toBe(false); // in a gap
    expect(labelsTraining([[at(19), at(21)]], times, at(10))).toBe(false); // past the history end
    expect(labelsTraining([], times, at(20))).toBe(false);
    // Both ends of a range count; adjacent ranges between points hold none.
    expect(labelsTraining([[at(10), at(10)]], times, at(20))).toBe(true);
    expect(labelsTraining([[at(1), at(9)]], times, at(20))).toBe(false);
    expect(labelsTraining([[at(20), at(30)]], times, at(20))).toBe(true);
    expect(
      labelsTraining(
        [
          [at(1), at(5)],
          [at(6), at(9)],
        ],
        times,
        at(20)
      )
    ).toBe(false);
  });

  it('are refused when stored malformed, naming the field', () => {
    const good = {
      below: [],
      above: [
        [1, 5],
        [1, 2],
        [3, 1],
      ],
    };
    expect(readRecentPeaks(good, 3, 'f')).toEqual(good);
    const lists = [
      [[1]],
      [[1, -1]],
      [[1, NaN]],
      [
        [1, 2],
        [0, 1],
      ],
      [
        [1, 2],
        [2, 3],
      ],
      [[9, 1]],
      'x',
    ];
    const tooMany = Array.from({ length: MAX_SIDE_PEAKS + 1 }, (_, i) => [i, 100 - i]);
    const bad = [null, [], { below: [] }, ...[...lists, tooMany].map((above) => ({ below: [], above }))];
    for (const value of bad) {
      expect(() => readRecentPeaks(value, 3, 'false_alarm_recent_peaks')).toThrow(ModelInputError);
      expect(() => readRecentPeaks(value, 3, 'false_alarm_recent_peaks')).toThrow(/false_alarm_recent_peaks/);
    }
  });
});

describe('after a false-alarm label on a bursty series', () => {
  // Three weeks of a daily cycle with unit noise: a burst of 15 on day 5 nobody labels, a labelled burst of 12 on
  // day 19 and a burst of 20 on the last day.
  const STEP = 30 * 60_000;
  const DAYS = 21;
  const noise = seededNormal(5);
  const incidentAt = (5 * DAY_MS + 11 * HOUR_MS) / STEP;
  const labelledAt = (19 * DAY_MS + 9 * HOUR_MS) / STEP;
  const lastDayAt = (20 * DAY_MS + 15 * HOUR_MS) / STEP;
  const bursts = new Map([
    [incidentAt, 15],
    [labelledAt, 12],
    [lastDayAt, 20],
  ]);
  const series = makeSeries(
    (DAYS * DAY_MS) / STEP,
    STEP,
    (days, i) => 50 + 10 * Math.sin(2 * Math.PI * days) + noise() + (bursts.get(i) ?? 0)
  );
  const start = series.timestamps[0];
  const end = series.timestamps[series.timestamps.length - 1];
  const around = (i: number): [number, number] => [series.timestamps[i] - HOUR_MS, series.timestamps[i] + HOUR_MS];
  const label = around(labelledAt);
  const bothLabels = [label, around(lastDayAt)];
  const fit = (params: Partial<ModelParams>) => fitModel(series.timestamps, series.values, params);
  const plain = fit({ model: 'decomposition' });
  const labelled = fit({ model: 'decomposition', false_alarms: [label] });
  const bothLabelled = fit({ model: 'decomposition', false_alarms: bothLabels });
  const pairBothLabelled = fit({ false_alarms: bothLabels });
  // The next day, clean but for a burst of `size` at 02:00 (or `shape` added at every point).
  const next = makeSeries(
    DAY_MS / STEP,
    STEP,
    (days) => 50 + 10 * Math.sin(2 * Math.PI * (days + DAYS)),
    start + DAYS * DAY_MS
  );
  const burstAt = 4;
  const judged = (fitted: typeof plain, shape: (i: number) => number) => {
    const clean = predictModel(fitted, next.timestamps, next.values);
    return predictModel(
      fitted,
      next.timestamps,
      Float64Array.from(clean.yhat, (y, i) => y + shape(i))
    );
  };
  const burst = (size: number) => (i: number) => (i === burstAt ? size : 0);

  it('keeps the last day’s peaks with a label among the training points, and only then', () => {
    expect(labelled.false_alarm_marks).toHaveLength(1);
    // The last day's burst was flagged: with its own label it is a peak, without one it may be an incident.
    const peaks = bothLabelled.false_alarm_recent_peaks!;
    expect(peaks.above[0][1]).toBeGreaterThan(18);
    expect(peaks.above[peaks.above.length - 1][0]).toBeLessThanOrEqual(end);
    expect(peaks.below[0][1]).toBeLessThan(5); // noise
    expect(labelled.false_alarm_recent_peaks!.above[0][1]).toBeLessThan(5);
    expect(plain.false_alarm_recent_peaks).toBeUndefined();
    // A label where nothing was flagged leaves no mark, but the user still called this series' alarms false.
    const unflagged = fit({ model: 'decomposition', false_alarms: [[start + HOUR_MS, start + 2 * HOUR_MS]] });
    expect(unflagged.false_alarm_marks).toBeUndefined();
    expect(unflagged.false_alarm_recent_peaks).toEqual(labelled.false_alarm_recent_peaks);
    // A label outside the training (a later fold's, or an old one) says nothing about this fit.
    for (const outside of [
      [end + DAY_MS, end + 2 * DAY_MS],
      [0, 1],
    ] as Array<[number, number]>) {
      expect(fit({ model: 'decomposition', false_alarms: [outside] }).false_alarm_recent_peaks).toBeUndefined();
    }
    expect(deserializeModel(serializeModel(bothLabelled)).false_alarm_recent_peaks).toEqual(peaks);
  });

  it("quiets a burst within 1.1 times yesterday's labelled one, past what the marks' capped raise reaches", () => {
    expect(judged(plain, burst(16)).outlier[burstAt]).toBe(1);
    for (const fitted of [bothLabelled, pairBothLabelled]) {
      const repeat = judged(fitted, burst(16));
      expect(repeat.outlier[burstAt]).toBe(0);
      expect(repeat.score[burstAt]).toBeLessThan(0.5);
    }
    // With only the older burst labelled, yesterday's flagged one may have been an incident: 16 still alarms.
    expect(judged(labelled, burst(16)).outlier[burstAt]).toBe(1);
  });

  it('flags a drop of the same size: the peaks above say nothing below', () => {
    expect(judged(bothLabelled, burst(-16)).outlier[burstAt]).toBe(-1);
    expect(judged(bothLabelled, burst(-16)).score[burstAt]).toBe(judged(plain, burst(-16)).score[burstAt]);
  });

  it('flags a burst larger than any of the last day at its full score', () => {
    const larger = judged(bothLabelled, burst(30));
    expect(larger.outlier[burstAt]).toBe(1);
    expect(larger.score[burstAt]).toBe(judged(plain, burst(30)).score[burstAt]);
  });

  it('still raises the score of a held shift within the last day’s peak (the sustained step runs after the cap)', () => {
    const shifted = judged(bothLabelled, (i) => (i >= burstAt && i < burstAt + 16 ? 8 : 0));
    expect(shifted.outlier[burstAt]).toBe(0); // each point alone is no larger than the last day's burst
    expect(Math.max(...Array.from(shifted.score.subarray(burstAt, burstAt + 16)))).toBeGreaterThanOrEqual(0.5);
  });

  it('judges its own history as the unlabelled model does, away from the label', () => {
    const inSample = predictModel(bothLabelled, series.timestamps, series.values);
    const unlabelled = predictModel(plain, series.timestamps, series.values);
    expect(unlabelled.outlier[incidentAt]).toBe(1);
    expect(inSample.outlier[incidentAt]).toBe(1);
    expect(inSample.score[incidentAt]).toBe(unlabelled.score[incidentAt]);
  });

  it('keeps flagging an incident that began before the fit ended', () => {
    // The same history with a shift of 25 over its last hour, fitted with the label: the shift goes on.
    const shiftFrom = series.values.length - 2;
    const values = Float64Array.from(series.values, (v, i) => (i >= shiftFrom ? v + 25 : v));
    const models = [
      fitModel(series.timestamps, values, { model: 'decomposition', false_alarms: [label] }),
      fitModel(series.timestamps, values, { model: 'decomposition' }),
    ];
    const [withLabel, without] = models.map((m) => judged(m, (i) => (i < 4 ? 25 : 0)).outlier.subarray(0, 4));
    expect(Array.from(without)).toEqual([1, 1, 1, 1]);
    expect(Array.from(withLabel)).toEqual(Array.from(without));
  });

  it('flags a ramp that keeps growing past the last day’s peaks, as the unlabelled model does', () => {
    const ramp = (i: number) => 0.5 * i;
    const grown = (fitted: typeof plain) => judged(fitted, ramp).outlier.subarray(38);
    expect(Array.from(grown(plain)).every((o) => o === 1)).toBe(true); // 19 and more over the expectation
    for (const fitted of [labelled, pairBothLabelled]) {
      expect(Array.from(grown(fitted))).toEqual(Array.from(grown(plain)));
    }
  });

  it('reads back a model whose history stops before a first weekend in progress', () => {
    // Wednesday to Saturday 10:00, labelled on Thursday: the decomposition leaves Saturday out of its history.
    const wednesday = Date.UTC(2024, 0, 3);
    const short = makeSeries(
      (3.4 * DAY_MS) / STEP,
      STEP,
      (days) => 50 + 10 * Math.sin(2 * Math.PI * days) + noise(),
      wednesday
    );
    const thursday: [number, number] = [wednesday + DAY_MS + 9 * HOUR_MS, wednesday + DAY_MS + 10 * HOUR_MS];
    for (const params of [{ model: 'decomposition' }, {}] as Array<Partial<ModelParams>>) {
      const m = fitModel(short.timestamps, short.values, { ...params, false_alarms: [thursday] });
      const member = m.family === 'ensemble' ? (m as unknown as { members: Array<typeof m> }).members[0] : m;
      const peaks = member.false_alarm_recent_peaks!;
      expect(peaks).toBeDefined();
      for (const [t] of [...peaks.below, ...peaks.above]) {
        expect(t).toBeLessThanOrEqual(member.history_end);
      }
      expect(deserializeModel(serializeModel(m)).history_end).toBe(m.history_end);
    }
  });

  it('caps nothing in an ensemble without a decomposition, whose median expectation no member’s peaks describe', () => {
    const members = { ensemble_members: ['past', 'autoregressive'] } as Partial<ModelParams>;
    const withLabel = fit({ ...members, false_alarms: bothLabels });
    const without = fit(members);
    // Its members keep yesterday's labelled burst as a peak, which would quiet the burst of 16 if it were read.
    const [first] = (withLabel as unknown as { members: Array<typeof withLabel> }).members;
    expect(first.false_alarm_recent_peaks!.above[0][1]).toBeGreaterThan(16 / 1.1);
    const a = judged(withLabel, burst(16));
    const b = judged(without, burst(16));
    expect(a.score[burstAt]).toBe(b.score[burstAt]);
    expect(a.outlier[burstAt]).toBe(b.outlier[burstAt]);
  });

  it('refuses a saved model whose peaks are malformed', () => {
    const raw = JSON.parse(serializeModel(labelled));
    const model = raw.model ?? raw;
    model.false_alarm_recent_peaks = { below: [], above: [[0, -3]] };
    expect(() => deserializeModel(JSON.stringify(raw))).toThrow(/false_alarm_recent_peaks/);
  });
});
