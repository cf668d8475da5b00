import { activeCondition, conditionHolds } from './conditions';
import { deserialize, fit, predict, resolveParams, serialize } from './index';
import { layoutWidth, typescriptKernels as kernels } from './kernels';
import { MODEL_LIMITS } from './limits';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';
import type { DesignLayout, ModelParams } from './types';

const KST = 540;
/** Noon in Korea on a date. */
const kstNoon = (date: string) => Date.parse(`${date}T12:00:00+09:00`);

describe('conditions', () => {
  const kr = resolveParams({ country_holidays: ['KR'], holidays_tz_offset_minutes: KST });
  const span = [Date.UTC(2025, 8, 1), Date.UTC(2025, 9, 20)] as const;

  it('make Saturdays, Sundays and Korean holidays (substitute days too) weekend, in the calendar’s zone', () => {
    const weekend = activeCondition('weekend', kr, ...span);
    const weekday = activeCondition('weekday', kr, ...span);
    // 2025-10-03 (Fri) National Foundation Day, 10-06 (Mon) Chuseok, 10-08 (Wed) its substitute day,
    // 10-10 (Fri) an ordinary work day, 10-11 (Sat).
    const expected: Array<[string, boolean]> = [
      ['2025-10-02', false],
      ['2025-10-03', true],
      ['2025-10-06', true],
      ['2025-10-08', true],
      ['2025-10-10', false],
      ['2025-10-11', true],
    ];
    for (const [date, off] of expected) {
      expect([date, conditionHolds(weekend, kstNoon(date))]).toEqual([date, off]);
      expect([date, conditionHolds(weekday, kstNoon(date))]).toEqual([date, !off]);
    }
    // Friday 23:30 in Korea is Friday 14:30 UTC; Saturday 00:30 in Korea is still Friday in UTC.
    expect(conditionHolds(weekend, Date.parse('2025-10-10T23:30:00+09:00'))).toBe(false);
    expect(conditionHolds(weekend, Date.parse('2025-10-11T00:30:00+09:00'))).toBe(true);
  });

  it('give custom weekday lists and half-open ranges', () => {
    const params = resolveParams({
      conditions: [
        { name: 'midweek', weekdays: ['tue', 'wed'] },
        { name: 'sale', ranges: [[Date.UTC(2025, 10, 28), Date.UTC(2025, 11, 1)]] },
      ],
    });
    const midweek = activeCondition('midweek', params, ...span);
    const sale = activeCondition('sale', params, ...span);
    expect(conditionHolds(midweek, Date.UTC(2025, 9, 7, 23, 59))).toBe(true); // a Tuesday, UTC
    expect(conditionHolds(midweek, Date.UTC(2025, 9, 9))).toBe(false); // a Thursday
    expect(conditionHolds(sale, Date.UTC(2025, 10, 28))).toBe(true);
    expect(conditionHolds(sale, Date.UTC(2025, 11, 1) - 1)).toBe(true);
    expect(conditionHolds(sale, Date.UTC(2025, 11, 1))).toBe(false);
  });

  it.each<[string, Partial<ModelParams>, string]>([
    [
      'a bad switch',
      { daily_seasonality_by_day_kind: 'yes' as never },
      'daily_seasonality_by_day_kind must be "auto", true or false, got "yes"',
    ],
    ['conditions that are no list', { conditions: {} as never }, 'conditions must be a list'],
    ['a nameless condition', { conditions: [{ weekdays: ['mon'] } as never] }, 'every condition needs a name'],
    [
      'a built-in name',
      { conditions: [{ name: 'weekend', weekdays: ['sat'] }] },
      'condition "weekend" is defined twice (weekday and weekend are built in)',
    ],
    [
      'both kinds',
      { conditions: [{ name: 'x', weekdays: ['mon'], ranges: [[0, 1]] }] },
      'condition "x" needs exactly one of weekdays and ranges',
    ],
    ['neither kind', { conditions: [{ name: 'x' }] }, 'condition "x" needs exactly one of weekdays and ranges'],
    [
      'a bad day',
      { conditions: [{ name: 'x', weekdays: ['monday' as never] }] },
      'condition "x" weekday "monday" is not one of mon, tue, wed, thu, fri, sat, sun',
    ],
    [
      'no days',
      { conditions: [{ name: 'x', weekdays: [] }] },
      'condition "x" weekdays must list 1 to 7 days, e.g. ["sat", "sun"]',
    ],
    [
      'a reversed range',
      { conditions: [{ name: 'x', ranges: [[5, 5]] }] },
      'condition "x" ranges must be [start_ms, end_ms] pairs of numbers with end after start, got [5,5]',
    ],
    [
      'too many ranges',
      {
        conditions: [
          { name: 'x', ranges: Array.from({ length: 1001 }, (_, i): [number, number] => [2 * i, 2 * i + 1]) },
        ],
      },
      `condition "x" ranges has 1001 entries; the limit is ${MODEL_LIMITS.conditionRanges}`,
    ],
    [
      'too many conditions',
      { conditions: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, weekdays: ['mon' as const] })) },
      `conditions has 11 entries; the limit is ${MODEL_LIMITS.conditions}`,
    ],
    [
      'an unknown condition_name',
      { seasonalities: [{ name: 's', period_days: 1, fourier_order: 3, condition_name: 'holiday' }] },
      'seasonality "s" condition_name "holiday" is not weekday, weekend or one of conditions',
    ],
  ])('refuse %s with one line', (_, params, message) => {
    expect(() => resolveParams(params)).toThrow(message);
    try {
      resolveParams(params);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('\n');
    }
  });
});

describe('a conditional seasonality (condition_name)', () => {
  // Hourly, four weeks: a daily cycle only on Tuesdays and Wednesdays (UTC).
  const noise = seededNormal(5);
  const start = Date.UTC(2024, 0, 1); // a Monday
  const { timestamps, values } = makeSeries(
    24 * 28,
    HOUR_MS,
    (d) => {
      const dow = Math.floor(d) % 7; // 0 = Monday
      return 100 + (dow === 1 || dow === 2 ? 30 * Math.sin(2 * Math.PI * d) : 0) + noise();
    },
    start
  );
  const params: Partial<ModelParams> = {
    daily_seasonality: false,
    conditions: [{ name: 'midweek', weekdays: ['tue', 'wed'] }],
    seasonalities: [{ name: 'midweek_daily', period_days: 1, fourier_order: 2, condition_name: 'midweek' }],
  };

  it('is zero outside its condition and recovers the cycle inside it', () => {
    const model = fit(timestamps, values, params);
    const p = predict(model, timestamps, values);
    const part = p.seasonal.midweek_daily;
    for (let i = 0; i < timestamps.length; i++) {
      const dow = Math.floor((timestamps[i] - start) / DAY_MS) % 7;
      if (dow !== 1 && dow !== 2) {
        expect(part[i]).toBe(0);
      }
    }
    const tuesday6am = 24 + 6;
    expect(part[tuesday6am]).toBeGreaterThan(25);
    let error = 0;
    for (let i = 0; i < timestamps.length; i++) {
      error += Math.abs(p.yhat[i] - values[i]) / timestamps.length;
    }
    expect(error).toBeLessThan(1.5); // noise sd 1: MAE 0.8 at best
  });

  it('round-trips through serialize, condition included', () => {
    const model = fit(timestamps, values, params);
    expect(model.layout.fourier.some((f) => f.active !== undefined)).toBe(true);
    const restored = deserialize(serialize(model));
    const later = Float64Array.from(timestamps, (t) => t + 7 * DAY_MS);
    expect(Array.from(predict(restored, later).yhat)).toEqual(Array.from(predict(model, later).yhat));
  });
});

describe('designMatrix with conditional blocks', () => {
  it('zeroes a block outside its condition and gives a level column 1 inside it', () => {
    const layout: DesignLayout = {
      t0: 0,
      t_scale: DAY_MS,
      linear: false,
      changepoints_t: [],
      fourier: [
        {
          period_ms: DAY_MS,
          order: 1,
          active: { week_offset_ms: 0, week: [], flip: [DAY_MS, 2 * DAY_MS] },
          level: true,
        },
      ],
      indicators: [],
    };
    const p = layoutWidth(layout);
    expect(p).toBe(1 + 1 + 2);
    const X = kernels.designMatrix(Float64Array.of(DAY_MS / 2, DAY_MS * 1.25, 2 * DAY_MS), layout);
    expect(Array.from(X.subarray(0, p))).toEqual([1, 0, 0, 0]);
    expect(X[p + 1]).toBe(1);
    expect(X[p + 2]).toBeCloseTo(1, 12); // sin at a quarter day
    expect(Array.from(X.subarray(2 * p, 3 * p))).toEqual([1, 0, 0, 0]);
  });
});
