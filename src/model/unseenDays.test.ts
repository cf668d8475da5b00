import { fit, predict } from './index';
import { deserializeModel, fitModel, predictModel, serializeModel, withLearnedDaysOnly } from './families/registry';
import { DAY_MS, makeSeries, seededNormal } from './testing/synthetic';
import { resolveParams } from './params';
import type { CustomHoliday } from './types';
import { unlearnedDays } from './unseenDays';

const STEP = 5 * 60_000;
const START = Date.UTC(2025, 1, 3); // a Monday
const DAY_INDEX = 21; // the holiday the model is asked about, the day after 21 days of training
const HOLIDAY = new Date(START + DAY_INDEX * DAY_MS).toISOString().slice(0, 10);

/** 5-minute traffic: a daily cycle around 1,000 with noise sd 10; `scale(day)` multiplies a whole day. */
function traffic(days: number, scale: (day: number) => number, seed = 3) {
  const noise = seededNormal(seed);
  return makeSeries(
    days * 288,
    STEP,
    (d) => 1000 * (1 + 0.5 * Math.sin(2 * Math.PI * (d - 0.5))) * scale(Math.floor(d)) + 10 * noise(),
    START
  );
}

function holidayDay(): Float64Array {
  return Float64Array.from({ length: 288 }, (_, i) => START + DAY_INDEX * DAY_MS + i * STEP);
}

function bandWidth(p: { yhat_lower: Float64Array; yhat_upper: Float64Array }, i: number): number {
  return p.yhat_upper[i] - p.yhat_lower[i];
}

describe('days of a kind the model has not learned', () => {
  const holidays: CustomHoliday[] = [{ name: 'launch', dates: [HOLIDAY] }];
  const train = traffic(DAY_INDEX, () => 1);

  it('widen the band on their days by unseen_days_scale of the expectation, and only there', () => {
    const model = fit(train.timestamps, train.values, { holidays });
    expect(model.components.some((c) => c.kind === 'holiday')).toBe(false);
    const day = holidayDay();
    const next = Float64Array.from({ length: 288 }, (_, i) => day[i] + DAY_MS);
    const onHoliday = predict(model, day);
    const ordinary = predict(model, next);
    const plain = predict(fit(train.timestamps, train.values, { holidays, unseen_days_scale: 0 }), day);
    const z = model.residuals.z;
    for (const i of [0, 100, 200]) {
      // sqrt(w² + (2 z · 0.15 · yhat)²): the drawn band's half-widths combine with the holiday's spread.
      const expected = Math.sqrt(bandWidth(plain, i) ** 2 + (2 * z * 0.15 * plain.yhat[i]) ** 2);
      expect(bandWidth(onHoliday, i)).toBeCloseTo(expected, 0);
      expect(onHoliday.yhat[i]).toBeCloseTo(plain.yhat[i], 6);
      expect(bandWidth(ordinary, i)).toBeLessThan(bandWidth(onHoliday, i) / 2);
    }
  });

  it('a first holiday 30% below the ordinary day is not an outlier; an outage on it still is', () => {
    const model = fit(train.timestamps, train.values, { holidays });
    const day = holidayDay();
    const quiet = traffic(DAY_INDEX + 1, (d) => (d === DAY_INDEX ? 0.7 : 1), 9).values.subarray(DAY_INDEX * 288);
    const outage = quiet.map((v, i) => (i >= 120 && i < 132 ? v * 0.1 : v));
    const judgedQuiet = predict(model, day, quiet);
    expect(judgedQuiet.outlier.filter((o) => o !== 0).length).toBe(0);
    const judgedOutage = predict(model, day, outage);
    for (let i = 120; i < 132; i++) {
      expect(judgedOutage.outlier[i]).toBe(-1);
    }
    // The same quiet day without the allowance: most of it is flagged.
    const strict = predict(fit(train.timestamps, train.values, { holidays, unseen_days_scale: 0 }), day, quiet);
    expect(strict.outlier.filter((o) => o === -1).length).toBeGreaterThan(200);
  });

  it('a holiday learned from a whole earlier occurrence keeps the ordinary band width', () => {
    const earlier = new Date(START + 7 * DAY_MS).toISOString().slice(0, 10);
    const twice: CustomHoliday[] = [{ name: 'launch', dates: [earlier, HOLIDAY] }];
    const seen = traffic(DAY_INDEX, (d) => (d === 7 ? 0.7 : 1));
    const model = fit(seen.timestamps, seen.values, { holidays: twice });
    expect(model.components.some((c) => c.kind === 'holiday' && c.name === 'launch')).toBe(true);
    const day = holidayDay();
    const onHoliday = predict(model, day);
    const plain = predict(fit(seen.timestamps, seen.values, { holidays: twice, unseen_days_scale: 0 }), day);
    for (const i of [0, 100, 200]) {
      expect(bandWidth(onHoliday, i)).toBeCloseTo(bandWidth(plain, i), 6);
    }
    // And the learned effect carries the holiday's level over: 0.7 of an ordinary day.
    const ordinaryNext = predict(
      model,
      day.map((t) => t + DAY_MS)
    );
    expect(onHoliday.yhat[150] / ordinaryNext.yhat[150]).toBeCloseTo(0.7, 1);
  });

  it('in an ensemble the decomposition judges a holiday alone, so the members without holidays cannot outvote it', () => {
    const params = { model: 'ensemble' as const, holidays };
    const model = fitModel(train.timestamps, train.values, params);
    const day = holidayDay();
    const quiet = traffic(DAY_INDEX + 1, (d) => (d === DAY_INDEX ? 0.7 : 1), 9).values.subarray(DAY_INDEX * 288);
    const judged = predictModel(model, day, quiet);
    expect(judged.outlier.filter((o) => o !== 0).length).toBe(0);
  });

  it('widen the band on weekends until training holds a whole weekend day', () => {
    // START is a Monday: four days of training (Monday to Thursday), then Saturday at 0.7 of a work day.
    const weekendLow = (d: number) => (d % 7 === 5 || d % 7 === 6 ? 0.7 : 1);
    const s = traffic(14, weekendLow, 5);
    const saturday = s.timestamps.subarray(5 * 288, 6 * 288);
    const saturdayValues = s.values.subarray(5 * 288, 6 * 288);
    const flagged = (p: { outlier: Int8Array }) => p.outlier.filter((o) => o !== 0).length;
    const weekdaysOnly = fit(s.timestamps.subarray(0, 4 * 288), s.values.subarray(0, 4 * 288));
    expect(flagged(predict(weekdaysOnly, saturday, saturdayValues))).toBe(0);
    const strict = fit(s.timestamps.subarray(0, 4 * 288), s.values.subarray(0, 4 * 288), { unseen_days_scale: 0 });
    expect(flagged(predict(strict, saturday, saturdayValues))).toBeGreaterThan(200);
    // Friday is a work day: no wider there.
    const friday = s.timestamps.subarray(4 * 288, 5 * 288);
    expect(bandWidth(predict(weekdaysOnly, friday), 150)).toBeCloseTo(bandWidth(predict(strict, friday), 150), 6);
    // Training that ends at Saturday 09:00 has seen a few hours of it, not the day: still wider that evening.
    const partial = fit(s.timestamps.subarray(0, 5 * 288 + 108), s.values.subarray(0, 5 * 288 + 108));
    const partialStrict = fit(s.timestamps.subarray(0, 5 * 288 + 108), s.values.subarray(0, 5 * 288 + 108), {
      unseen_days_scale: 0,
    });
    expect(bandWidth(predict(partial, saturday), 250)).toBeGreaterThan(
      1.5 * bandWidth(predict(partialStrict, saturday), 250)
    );
    // Ten days hold a whole weekend: the next Saturday is judged in the ordinary band.
    const tenDays = fit(s.timestamps.subarray(0, 10 * 288), s.values.subarray(0, 10 * 288));
    const tenDaysStrict = fit(s.timestamps.subarray(0, 10 * 288), s.values.subarray(0, 10 * 288), {
      unseen_days_scale: 0,
    });
    const nextSaturday = s.timestamps.subarray(12 * 288, 13 * 288);
    expect(bandWidth(predict(tenDays, nextSaturday), 150)).toBeCloseTo(
      bandWidth(predict(tenDaysStrict, nextSaturday), 150),
      6
    );
  });

  it('an outlook reads the learned shape: withLearnedDaysOnly drops the allowance, members included', () => {
    const s = traffic(7, () => 1, 5);
    const saturday = s.timestamps.subarray(5 * 288, 6 * 288);
    const train = { ts: s.timestamps.subarray(0, 4 * 288), vs: s.values.subarray(0, 4 * 288) };
    const widened = fitModel(train.ts, train.vs, {});
    const strict = fitModel(train.ts, train.vs, { unseen_days_scale: 0 });
    const outlook = predictModel(withLearnedDaysOnly(widened), saturday);
    expect(bandWidth(predictModel(widened, saturday), 150)).toBeGreaterThan(1.5 * bandWidth(outlook, 150));
    expect(bandWidth(outlook, 150)).toBeCloseTo(bandWidth(predictModel(strict, saturday), 150), 6);
    const ensemble = fitModel(train.ts, train.vs, {
      model: 'ensemble',
      ensemble_members: ['decomposition', 'past', 'autoregressive'],
    });
    const members = (
      withLearnedDaysOnly(ensemble) as unknown as { members: Array<{ params: { unseen_days_scale: number } }> }
    ).members;
    expect(members.map((m) => m.params.unseen_days_scale)).toEqual([0, 0, 0]);
  });

  it("weekends are the calendar zone's: Friday 16:00 UTC is Saturday in Korea", () => {
    const s = traffic(5, () => 1, 6);
    // Monday 00:00 to Friday 12:00 UTC: no whole weekend day in either zone.
    const train = { ts: s.timestamps.subarray(0, 4 * 288 + 144), vs: s.values.subarray(0, 4 * 288 + 144) };
    const fridayLate = Float64Array.of(START + 4 * DAY_MS + 16 * 3_600_000);
    const width = (params: Record<string, unknown>) =>
      bandWidth(predict(fit(train.ts, train.vs, params), fridayLate), 0);
    expect(width({ holidays_tz_offset_minutes: 540 })).toBeGreaterThan(
      1.5 * width({ holidays_tz_offset_minutes: 540, unseen_days_scale: 0 })
    );
    expect(width({})).toBeCloseTo(width({ unseen_days_scale: 0 }), 6);
  });

  it('a model saved before the parameter existed predicts with its default', () => {
    const model = fitModel(train.timestamps, train.values, { holidays });
    const data = JSON.parse(serializeModel(model)) as { params: Record<string, unknown> };
    delete data.params.unseen_days_scale;
    const old = deserializeModel(JSON.stringify(data));
    const day = holidayDay();
    expect(Array.from(predictModel(old, day).yhat_upper)).toEqual(Array.from(predictModel(model, day).yhat_upper));
  });

  it('an ensemble finds its decomposition wherever it sits among the members', () => {
    const model = fitModel(train.timestamps, train.values, {
      model: 'ensemble',
      ensemble_members: ['past', 'autoregressive', 'decomposition'],
      holidays,
    });
    const quiet = traffic(DAY_INDEX + 1, (d) => (d === DAY_INDEX ? 0.7 : 1), 9).values.subarray(DAY_INDEX * 288);
    expect(predictModel(model, holidayDay(), quiet).outlier.filter((o) => o !== 0).length).toBe(0);
  });

  it('a first weekend in progress is not learned from its first hours: its evening is not expected far below it', () => {
    // Hourly traffic peaking at noon, weekends at 0.7 of a work day; training ends on Saturday at 16:00.
    const noise = seededNormal(1);
    const s = makeSeries(
      6 * 24,
      3_600_000,
      (d) => 100 * (1 + 0.5 * Math.sin(2 * Math.PI * d - 1.5)) * (Math.floor(d) % 7 >= 5 ? 0.7 : 1) + 5 * noise(),
      START
    );
    const end = 5 * 24 + 16;
    const evening = { timestamps: s.timestamps.subarray(end), values: s.values.subarray(end) };
    const model = fit(s.timestamps.subarray(0, end), s.values.subarray(0, end));
    expect(model.n_train).toBe(5 * 24);
    expect(model.history_end).toBe(s.timestamps[5 * 24 - 1]);
    expect(model.incremental).toBeUndefined();
    // Judged against the work days' shape in the band widened for unseen days: above the evening, not an alarm.
    const judged = predict(model, evening.timestamps, evening.values);
    for (let i = 0; i < evening.values.length; i++) {
      expect(judged.yhat[i]).toBeGreaterThan(evening.values[i]);
      expect(judged.score[i]).toBeLessThan(0.5);
    }
    // Learned from its first 16 hours, the trend follows Saturday down and on: by midnight the expectation is a
    // fifth of the value, which scores as an anomaly.
    const learned = fit(s.timestamps.subarray(0, end), s.values.subarray(0, end), { unseen_days_scale: 0 });
    expect(learned.n_train).toBe(end);
    const dived = predict(learned, evening.timestamps, evening.values);
    const last = evening.values.length - 1;
    expect(dived.yhat[last]).toBeLessThan(0.25 * evening.values[last]);
    expect(dived.score[last]).toBeGreaterThan(0.5);
    // A whole Saturday in training is learned from: nothing is left out on Sunday.
    const sunday = makeSeries(6 * 24 + 6, 3_600_000, (d) => 100 + 30 * Math.sin(2 * Math.PI * d), START);
    expect(fit(sunday.timestamps, sunday.values).n_train).toBe(6 * 24 + 6);
  });

  it('a weekend day counts as seen within one step of its edges', () => {
    const params = resolveParams({});
    const saturday = START + 5 * DAY_MS;
    const sundayNoon = Float64Array.of(saturday + DAY_MS + DAY_MS / 2);
    // Daily points Monday to Saturday: the Saturday point is the day.
    expect(unlearnedDays(params, new Set(), { start: START, end: saturday, points: 6 }, sundayNoon)).toBeNull();
    expect(unlearnedDays(params, new Set(), { start: START, end: saturday - DAY_MS, points: 5 }, sundayNoon)).toEqual(
      Uint8Array.of(1)
    );
    // 5-minute points from Saturday 00:05 to 23:55, and 2-hour points from Saturday 00:00 to 22:00.
    const fiveMinutes = { start: saturday + STEP, end: saturday + DAY_MS - STEP, points: 286 };
    expect(unlearnedDays(params, new Set(), fiveMinutes, sundayNoon)).toBeNull();
    const twoHours = { start: saturday, end: saturday + 22 * 3_600_000, points: 12 };
    expect(unlearnedDays(params, new Set(), twoHours, sundayNoon)).toBeNull();
    // Its first nine hours are not the day.
    const morning = { start: saturday, end: saturday + 9 * 3_600_000, points: 109 };
    expect(unlearnedDays(params, new Set(), morning, sundayNoon)).toEqual(Uint8Array.of(1));
  });

  it('a bad scale is refused in one line', () => {
    expect(() => fit(train.timestamps, train.values, { unseen_days_scale: -0.1 })).toThrow(
      'unseen_days_scale must be in [0, 1], got -0.1'
    );
    expect(() => fit(train.timestamps, train.values, { unseen_days_scale: NaN })).toThrow(/unseen_days_scale/);
  });
});
