import { ModelInputError } from '../errors';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import type { FittedFamily, ModelFamily } from './family';
import type { ModelParams } from '../types';
import {
  ALARM_MARGIN,
  alarmMarks,
  alarmRaiseCap,
  HELD_SLACK,
  keepHeldRepeatsQuiet,
  MAX_ALARM_RAISE,
  MAX_HELD,
} from './falseAlarms';
import { typescriptKernels } from '../kernels';
import { resolveParams } from '../params';
import type { AlarmMark, ResidualSummary } from '../uncertainty';

const STEP = 30 * 60_000;
const DAYS = 21;
const START = Date.UTC(2024, 0, 1);

/** Three weeks of a daily cycle with unit noise; one point on day 18 at 10:00 raised by `bump`. */
function history(bump: number) {
  const noise = seededNormal(11);
  const series = makeSeries((DAYS * DAY_MS) / STEP, STEP, (days) => 50 + 10 * Math.sin(2 * Math.PI * days) + noise());
  const spike = (18 * DAY_MS + 10 * HOUR_MS) / STEP;
  series.values[spike] += bump;
  return { ...series, spike };
}

/** The day after the history, clean (the same cycle, another noise draw). */
function nextDay() {
  const noise = seededNormal(12);
  return makeSeries(
    DAY_MS / STEP,
    STEP,
    (days) => 50 + 10 * Math.sin(2 * Math.PI * (days + DAYS)) + noise(),
    START + DAYS * DAY_MS
  );
}

const SPIKE_RANGE: [number, number] = [START + 18 * DAY_MS + 9 * HOUR_MS, START + 18 * DAY_MS + 11 * HOUR_MS];
/** 10:00 on the day after the history. */
const REPEAT = 20;
/** 16:00 the same day. */
const DROP = 32;

/** The next day with `offset` added to the expectation at index `at` (the expectation does not depend on it). */
function judgedWith(fitted: FittedFamily, at: number, offset: number) {
  const day = nextDay();
  const clean = predictModel(fitted, day.timestamps, day.values);
  const values = day.values.slice();
  values[at] = clean.yhat[at] + offset;
  return predictModel(fitted, day.timestamps, values);
}

const families: Array<Partial<ModelParams>> = [
  { model: 'decomposition' },
  { model: 'past' },
  { model: 'autoregressive' },
  { model: 'holt_winters' },
];

describe.each(families)('a false-alarm label on the $model family', (base) => {
  const plain = fitModel(history(0).timestamps, history(0).values, base);
  const threshold = (plain as unknown as { residuals: { outlier_above: number } }).residuals.outlier_above;
  const series = history(1.5 * threshold);
  const unlabelled = fitModel(series.timestamps, series.values, base);
  const labelled = fitModel(series.timestamps, series.values, { ...base, false_alarms: [SPIKE_RANGE] });
  // The labelled deviation d, as the labelled model's own expectation sees it.
  const inSample = predictModel(labelled, series.timestamps, series.values);
  const d = series.values[series.spike] - inSample.yhat[series.spike];

  it('was an alarm before the label and leaves one mark above, at its time, within the cap', () => {
    expect(predictModel(unlabelled, series.timestamps, series.values).outlier[series.spike]).toBe(1);
    expect(labelled.false_alarm_raise).toBeUndefined();
    const marks = labelled.false_alarm_marks!;
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ side: 'above', from: series.timestamps[series.spike] });
    expect(marks[0].raise).toBeGreaterThan(1);
    expect(marks[0].raise).toBeLessThanOrEqual(
      alarmRaiseCap((labelled as unknown as { residuals: ResidualSummary }).residuals, 'above')
    );
  });

  it('is not flagged again at the same size, while the unlabelled model flags it', () => {
    expect(judgedWith(unlabelled, REPEAT, d).outlier[REPEAT]).toBe(1);
    expect(judgedWith(labelled, REPEAT, d).outlier[REPEAT]).toBe(0);
  });

  it('still flags a spike two and a half times as large, at its full score', () => {
    const larger = judgedWith(labelled, REPEAT, 2.5 * d);
    expect(larger.outlier[REPEAT]).toBe(1);
    expect(larger.score[REPEAT]).toBe(judgedWith(unlabelled, REPEAT, 2.5 * d).score[REPEAT]);
  });

  it('flags a spike a third larger than the labelled one at its full score, at any time of day', () => {
    for (const at of [REPEAT, DROP]) {
      const larger = judgedWith(labelled, at, 1.3 * d);
      expect(larger.outlier[at]).toBe(1);
      expect(larger.score[at]).toBe(judgedWith(unlabelled, at, 1.3 * d).score[at]);
    }
  });

  it('judges drops below exactly as the unlabelled model', () => {
    const before = judgedWith(unlabelled, DROP, -d);
    const after = judgedWith(labelled, DROP, -d);
    expect(after.outlier[DROP]).toBe(-1);
    expect(after.score[DROP]).toBeCloseTo(before.score[DROP], 12);
  });

  it('scores the quieted repeat below the learned threshold', () => {
    const r = (labelled as unknown as { residuals: { outlier_above: number } }).residuals.outlier_above;
    const atThreshold = judgedWith(unlabelled, REPEAT, r).score[REPEAT];
    expect(judgedWith(labelled, REPEAT, d).score[REPEAT]).toBeLessThan(atThreshold);
  });

  it('round-trips the marks through JSON', () => {
    const restored = deserializeModel(serializeModel(labelled));
    expect(restored.false_alarm_marks).toEqual(labelled.false_alarm_marks);
    expect(judgedWith(restored, REPEAT, d).outlier[REPEAT]).toBe(0);
  });
});

describe('false alarms', () => {
  const series = history(0);

  it('change nothing when no flag falls in them, or when there are none', () => {
    const none = fitModel(series.timestamps, series.values, { model: 'decomposition' });
    const empty = fitModel(series.timestamps, series.values, { model: 'decomposition', false_alarms: [] });
    const quiet = fitModel(series.timestamps, series.values, { model: 'decomposition', false_alarms: [SPIKE_RANGE] });
    expect(serializeModel(empty)).toBe(serializeModel(none));
    expect(quiet.false_alarm_marks).toBeUndefined();
    expect(serializeModel(none)).not.toMatch(/false_alarm_(marks|raise)/);
    const day = nextDay();
    expect(predictModel(quiet, day.timestamps, day.values)).toEqual(predictModel(none, day.timestamps, day.values));
  });

  it('raise the threshold just above the labelled deviation, never beyond the cap', () => {
    const plain = fitModel(series.timestamps, series.values, { model: 'decomposition' });
    const threshold = (plain as unknown as { residuals: { outlier_above: number } }).residuals.outlier_above;
    const huge = history(10 * threshold);
    const fitted = fitModel(huge.timestamps, huge.values, { model: 'decomposition', false_alarms: [SPIKE_RANGE] });
    const residuals = (fitted as unknown as { residuals: ResidualSummary }).residuals;
    // Gaussian noise: the deviation scoring 0.5 (three score scales) sits a little beyond the outlier threshold.
    const cap = alarmRaiseCap(residuals, 'above');
    expect(cap).toBeCloseTo((MAX_ALARM_RAISE * 3 * residuals.scale_above) / residuals.outlier_above, 12);
    expect(cap).toBeGreaterThan(MAX_ALARM_RAISE);
    expect(cap).toBeLessThan(1.5 * MAX_ALARM_RAISE);
    expect(fitted.false_alarm_marks![0].raise).toBe(cap);
    // A deviation ten times the threshold is still an alarm: a label cannot silence it.
    expect(predictModel(fitted, huge.timestamps, huge.values).outlier[huge.spike]).toBe(1);
    // A raise past the old fixed cap of 2 is stored and read back.
    expect(deserializeModel(serializeModel(fitted)).false_alarm_marks).toEqual(fitted.false_alarm_marks);
    expect(ALARM_MARGIN).toBeGreaterThan(1);
  });

  it('reach every member of an ensemble', () => {
    const plain = fitModel(series.timestamps, series.values, { model: 'decomposition' });
    const threshold = (plain as unknown as { residuals: { outlier_above: number } }).residuals.outlier_above;
    const spiked = history(1.5 * threshold);
    const params: Partial<ModelParams> = { model: 'ensemble', false_alarms: [SPIKE_RANGE] };
    const ensemble = fitModel(spiked.timestamps, spiked.values, params) as FittedFamily & {
      members: FittedFamily[];
    };
    const raised = ensemble.members.filter((m) => m.false_alarm_marks !== undefined);
    expect(raised.length).toBeGreaterThan(0);
    expect(predictModel(ensemble, spiked.timestamps, spiked.values).outlier[spiked.spike]).toBe(0);
    const restored = deserializeModel(serializeModel(ensemble)) as typeof ensemble;
    expect(restored.members.map((m) => m.false_alarm_marks)).toEqual(ensemble.members.map((m) => m.false_alarm_marks));
  });

  it('are validated like exclude ranges', () => {
    expect(() =>
      fitModel(series.timestamps, series.values, { model: 'decomposition', false_alarms: [[2, 1]] })
    ).toThrow('false_alarms range [2, 1] ends before it starts');
    expect(() =>
      fitModel(series.timestamps, series.values, {
        model: 'decomposition',
        false_alarms: 'x' as unknown as ModelParams['false_alarms'],
      })
    ).toThrow('false_alarms must be a list of [start_ms, end_ms] pairs');
  });

  it('refuse saved marks that are malformed or out of range', () => {
    const json = JSON.parse(
      serializeModel(fitModel(series.timestamps, series.values, { model: 'decomposition' }))
    ) as Record<string, unknown>;
    json.false_alarm_marks = [{ side: 'above', from: 2, to: 1, raise: 1.5 }];
    expect(() => deserializeModel(JSON.stringify(json))).toThrow('invalid false_alarm_marks: mark 0 needs finite');
    json.false_alarm_marks = [{ side: 'up', from: 1, to: 2, raise: 1.5 }];
    expect(() => deserializeModel(JSON.stringify(json))).toThrow('mark 0 needs a side');
    json.false_alarm_marks = [{ side: 'below', from: 1, to: 2, raise: 5 }];
    expect(() => deserializeModel(JSON.stringify(json))).toThrow('mark 0 needs a "raise" from 1 to');
    // JSON text can say 1e400, which reads as Infinity.
    json.false_alarm_marks = [{ side: 'below', from: 1, to: 2, raise: 1.5 }];
    const infinite = JSON.stringify(json).replace('"raise":1.5', '"raise":1e400');
    expect(infinite).toContain('1e400');
    expect(() => deserializeModel(infinite)).toThrow('mark 0 needs a "raise" from 1 to');
    json.false_alarm_marks = [{ side: 'below', from: 1, to: 2, raise: 1.5, held: MAX_HELD + 1 }];
    expect(() => deserializeModel(JSON.stringify(json))).toThrow('mark 0 has a "held" that is not above 0');
    json.false_alarm_marks = [{ side: 'below', from: 1, to: 2, raise: 1.5, held: 'x' }];
    expect(() => deserializeModel(JSON.stringify(json))).toThrow('mark 0 has a "held"');
    json.false_alarm_marks = [{ side: 'below', from: 1, to: 2, raise: 1.5, held: 2 }];
    expect(deserializeModel(JSON.stringify(json)).false_alarm_marks).toEqual(json.false_alarm_marks);
    json.false_alarm_marks = {};
    expect(() => deserializeModel(JSON.stringify(json))).toThrow(ModelInputError);
  });

  it('read an older whole-side raise and still apply it at every time of day', () => {
    const plain = fitModel(series.timestamps, series.values, { model: 'decomposition' });
    const json = JSON.parse(serializeModel(plain)) as Record<string, unknown>;
    json.false_alarm_raise = { below: 1, above: MAX_ALARM_RAISE };
    const older = deserializeModel(JSON.stringify(json));
    expect(older.false_alarm_raise).toEqual({ below: 1, above: MAX_ALARM_RAISE });
    const r = (plain as unknown as { residuals: { outlier_above: number } }).residuals.outlier_above;
    expect(judgedWith(plain, DROP, 1.5 * r).outlier[DROP]).toBe(1);
    expect(judgedWith(older, DROP, 1.5 * r).outlier[DROP]).toBe(0);
  });

  it('refuse a saved raise out of range', () => {
    const json = JSON.parse(
      serializeModel(fitModel(series.timestamps, series.values, { model: 'decomposition' }))
    ) as Record<string, unknown>;
    json.false_alarm_raise = { below: 1, above: 5 };
    expect(() => deserializeModel(JSON.stringify(json))).toThrow(ModelInputError);
    expect(() => deserializeModel(JSON.stringify(json))).toThrow('invalid false_alarm_raise');
  });
});

describe('a false-alarm label on a bursty series', () => {
  // Unit noise and a burst of 12 every 157 points (0.6% of them): past the outlier threshold, which covers 99% of
  // residuals, but about where the score reaches 0.5, which covers the rarest one in 1,000.
  const burst = (i: number) => i % 157 === 5;
  const noise = seededNormal(11);
  const series = makeSeries(
    (DAYS * DAY_MS) / STEP,
    STEP,
    (days, i) => 50 + 10 * Math.sin(2 * Math.PI * days) + noise() + (burst(i) ? 12 : 0)
  );
  const labelledBurst = 947; // day 19, 17:30
  const range: [number, number] = [
    series.timestamps[labelledBurst] - HOUR_MS,
    series.timestamps[labelledBurst] + HOUR_MS,
  ];
  const unlabelled = fitModel(series.timestamps, series.values, { model: 'decomposition' });
  const labelled = fitModel(series.timestamps, series.values, { model: 'decomposition', false_alarms: [range] });
  const residuals = (labelled as unknown as { residuals: ResidualSummary }).residuals;
  const d = series.values[labelledBurst] - predictModel(labelled, series.timestamps, series.values).yhat[labelledBurst];

  it('lets the label reach past twice the outlier threshold, up to twice the deviation scoring 0.5', () => {
    expect(burst(labelledBurst)).toBe(true);
    expect(d).toBeGreaterThan(2 * residuals.outlier_above);
    expect(alarmRaiseCap(residuals, 'above')).toBeCloseTo(
      (2 * 3 * residuals.scale_above) / residuals.outlier_above,
      12
    );
    expect(labelled.false_alarm_marks![0].raise).toBeCloseTo((ALARM_MARGIN * d) / residuals.outlier_above, 12);
  });

  it('keeps that raise through serialisation', () => {
    const restored = deserializeModel(serializeModel(labelled));
    expect(restored.false_alarm_marks).toEqual(labelled.false_alarm_marks);
    expect(judgedWith(restored, REPEAT, d).outlier[REPEAT]).toBe(0);
  });

  it('quiets a repeat of the labelled burst, which the unlabelled model flags', () => {
    expect(judgedWith(unlabelled, REPEAT, d).outlier[REPEAT]).toBe(1);
    const repeat = judgedWith(labelled, REPEAT, d);
    expect(repeat.outlier[REPEAT]).toBe(0);
    expect(repeat.score[REPEAT]).toBeLessThan(judgedWith(unlabelled, REPEAT, d).score[REPEAT]);
  });

  it('still flags a burst two and a half times as large, at its full score', () => {
    const larger = judgedWith(labelled, REPEAT, 2.5 * d);
    expect(larger.outlier[REPEAT]).toBe(1);
    expect(larger.score[REPEAT]).toBe(judgedWith(unlabelled, REPEAT, 2.5 * d).score[REPEAT]);
  });
});

describe('held deviations on marks', () => {
  // A stand-in family expecting 0 and flagging nothing, so the marks come from held deviations alone: a running
  // median of 12 residuals over a sustained scale of 1.
  const STEP_5 = 300_000;
  const n = 2 * 288;
  const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * STEP_5);
  const flat: ModelFamily = {
    predict: (_fitted: unknown, ts: Float64Array) => ({
      timestamps: ts,
      yhat: new Float64Array(ts.length),
      outlier: new Int8Array(ts.length),
      holidays: new Float64Array(ts.length),
    }),
  } as unknown as ModelFamily;
  const residuals: ResidualSummary = {
    band_below: 1,
    band_above: 1,
    scale_below: 1,
    scale_above: 1,
    z: 1.28,
    outlier_below: 10,
    outlier_above: 10,
    outlier_z: 2.8,
  };
  const label: [number, number] = [timestamps[300], timestamps[347]];
  const marksFor = (shift: number) => {
    const values = Float64Array.from({ length: n }, (_, i) => (i >= 300 && i < 348 ? shift : 0));
    const fitted = {
      family: 'decomposition',
      params: resolveParams({ false_alarms: [label], unseen_days_scale: 0 }),
      residuals,
      nonnegative: false,
      sustained: { points: 12, scale_below: 1, scale_above: 1 },
      history_start: timestamps[0],
      history_end: timestamps[n - 1],
      n_train: n,
    };
    return alarmMarks(flat, fitted as never, timestamps, values, typescriptKernels);
  };

  it('leave a mark where a held shift alone scored 0.5, recording it up to MAX_HELD, with no raise', () => {
    const marks = marksFor(4);
    expect(marks).toEqual([{ side: 'above', from: timestamps[305], to: timestamps[347], raise: 1, held: MAX_HELD }]);
    expect(MAX_HELD).toBe(3);
    expect(marksFor(-3.5)).toEqual([{ side: 'below', from: timestamps[305], to: timestamps[347], raise: 1, held: 3 }]);
  });

  it('leave none for a held shift scoring under 0.5 that flagged nothing', () => {
    expect(marksFor(2)).toEqual([]);
    expect(marksFor(0.5)).toEqual([]);
  });

  it('keep a raised held shift quiet up to 1.1 times plus one scale of what a mark held, on its side only', () => {
    const marks: AlarmMark[] = [{ side: 'above', from: 0, to: 1, raise: 1, held: 2 }];
    const bound = ALARM_MARGIN * 2 + HELD_SLACK; // 3.2
    const judge = (shift: number) => {
      const values = Float64Array.from({ length: 48 }, () => shift);
      const before = new Float64Array(48);
      const score = new Float64Array(48).fill(0.5); // as if the sustained step had raised every point
      keepHeldRepeatsQuiet(
        { false_alarm_marks: marks },
        values,
        new Float64Array(48),
        null,
        { points: 12, scale_below: 1, scale_above: 1 },
        before,
        score,
        typescriptKernels
      );
      return score;
    };
    // From the sixth point on, the median of the last 12 is the shift itself.
    expect(judge(bound - 0.01)[20]).toBe(0);
    expect(judge(bound + 0.01)[20]).toBe(0.5);
    expect(judge(-(bound - 0.01))[20]).toBe(0.5); // nothing held below
  });
});
