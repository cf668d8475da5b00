import { planFeatures } from './features';
import { fit, predict, resolveParams } from './index';
import { DAY_MS, makeSeries, seededNormal } from './testing/synthetic';
import type { CustomHoliday } from './types';

const STEP = 5 * 60_000;
const START = Date.UTC(2025, 8, 1);

/** A messaging-like day: night trough ~400, evening peak ~1,600. */
function ordinaryDay(days: number): number {
  return 1000 * (1 + 0.6 * Math.sin(2 * Math.PI * (days - 0.5)));
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 5-minute series over `days` days; dates in `offDays` run at `factor` of an ordinary day. */
function series(days: number, offDays: Set<string>, factor = 0.7, seed = 1) {
  const noise = seededNormal(seed);
  return makeSeries(
    days * 288,
    STEP,
    (d) => ordinaryDay(d) * (offDays.has(dateOf(START + d * DAY_MS)) ? factor : 1) + 10 * noise(),
    START
  );
}

function dayAfter(dayIndex: number): Float64Array {
  return Float64Array.from({ length: 288 }, (_, i) => START + dayIndex * DAY_MS + i * STEP);
}

describe('holiday effects', () => {
  it('a run of holidays at the end of training does not bend the trend past them', () => {
    // The last four days are four different holidays (like Chuseok's eve, day, day after and substitute).
    const names = ['eve', 'day', 'after', 'substitute'];
    const holidays: CustomHoliday[] = names.map((name, k) => ({ name, dates: [dateOf(START + (24 + k) * DAY_MS)] }));
    const { timestamps, values } = series(28, new Set(holidays.map((h) => h.dates[0])));
    const model = fit(timestamps, values, { holidays });
    const next = dayAfter(28);
    const out = predict(model, next);
    for (let i = 0; i < next.length; i++) {
      const truth = ordinaryDay((next[i] - START) / DAY_MS);
      expect(Math.abs(out.yhat[i] - truth)).toBeLessThan(0.06 * truth);
    }
  });

  it('scales the whole day for a non-negative series, night and peak alike', () => {
    const off = [dateOf(START + 10 * DAY_MS), dateOf(START + 38 * DAY_MS)];
    const { timestamps, values } = series(56, new Set(off));
    const model = fit(timestamps, values, { holidays: [{ name: 'off', dates: off }] });
    const day = dayAfter(38);
    const out = predict(model, day);
    const night = 6 * 12; // 06:00, the trough
    const peak = 18 * 12; // 18:00, the peak
    for (const i of [night, peak]) {
      const truth = 0.7 * ordinaryDay((day[i] - START) / DAY_MS);
      expect(Math.abs(out.yhat[i] - truth)).toBeLessThan(0.04 * truth);
    }
    expect(model.components.find((c) => c.name === 'off')?.multiplicative).toBe(true);
  });

  it('adds a constant when asked to (holidays_mode additive)', () => {
    const off = [dateOf(START + 10 * DAY_MS), dateOf(START + 38 * DAY_MS)];
    const noise = seededNormal(3);
    const { timestamps, values } = makeSeries(
      56 * 288,
      STEP,
      (d) => ordinaryDay(d) + (off.includes(dateOf(START + d * DAY_MS)) ? -200 : 0) + 10 * noise(),
      START
    );
    const model = fit(timestamps, values, { holidays: [{ name: 'off', dates: off }], holidays_mode: 'additive' });
    const out = predict(model, dayAfter(38));
    for (const effect of out.holidays) {
      expect(effect).toBeGreaterThan(-215);
      expect(effect).toBeLessThan(-185);
    }
  });

  it('a holiday not yet seen whole takes the effect the calendar’s other holidays showed', () => {
    // Korea, 2025: National Foundation Day (10-03) is in training; Chuseok (10-05..10-08) comes after it.
    const kst = 9 * 3_600_000;
    const start = Date.UTC(2025, 8, 6) - kst;
    const end = Date.UTC(2025, 9, 5) - kst; // training stops as Chuseok's eve begins, in Korea time
    const off = new Set(['2025-10-03']);
    const noise = seededNormal(7);
    const n = (end - start) / STEP;
    const data = makeSeries(
      n,
      STEP,
      (d) => ordinaryDay(d) * (off.has(dateOf(start + d * DAY_MS + kst)) ? 0.7 : 1) + 10 * noise(),
      start
    );
    const params = { country_holidays: ['KR'], holidays_tz_offset_minutes: 540 };
    const model = fit(data.timestamps, data.values, params);
    const chuseok = Float64Array.from({ length: 288 }, (_, i) => Date.UTC(2025, 9, 6) - kst + i * STEP);
    const ordinary = Float64Array.from({ length: 288 }, (_, i) => Date.UTC(2025, 9, 14) - kst + i * STEP);
    const onChuseok = predict(model, chuseok);
    const onTuesday = predict(model, ordinary);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    const ratio = sum(onChuseok.yhat) / sum(onTuesday.yhat);
    // Some of the 30% drop seen on one other holiday, not none of it and not more than all of it.
    expect(ratio).toBeLessThan(0.9);
    expect(ratio).toBeGreaterThan(0.68);
    expect(model.components.some((c) => c.name === 'KR:Chuseok')).toBe(false);
  });
});

describe('planFeatures: holiday columns', () => {
  const date = dateOf(START + 20 * DAY_MS);
  const params = resolveParams({ holidays: [{ name: 'h', dates: [date] }] });
  const hasColumn = (from: number, to: number) => {
    const ts = Float64Array.from({ length: (to - from) / STEP }, (_, i) => from + i * STEP);
    return planFeatures(ts, params).components.some((c) => c.name === 'h');
  };
  const holidayStart = START + 20 * DAY_MS;

  it('only for a holiday training holds whole', () => {
    expect(hasColumn(START, holidayStart + DAY_MS)).toBe(true);
    expect(hasColumn(START, holidayStart + 6 * 3_600_000)).toBe(false);
    expect(hasColumn(holidayStart + 6 * 3_600_000, holidayStart + 10 * DAY_MS)).toBe(false);
    expect(hasColumn(holidayStart, holidayStart + 10 * DAY_MS)).toBe(true);
  });

  it('daily data holds a holiday with its one point', () => {
    const ts = Float64Array.from({ length: 40 }, (_, i) => START + i * DAY_MS);
    expect(planFeatures(ts, params).components.some((c) => c.name === 'h')).toBe(true);
  });
});
