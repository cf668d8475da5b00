import { fit, predict, resolveParams, DEFAULT_PARAMS, MODEL_LIMITS } from './index';
import { planFeatures, widestDesign } from './features';
import { layoutWidth } from './kernels';
import { handOn } from './params';
import type { CustomSeasonality, ModelParams } from './types';

const START = Date.UTC(2024, 0, 1);

function hourly(days: number): Float64Array {
  return Float64Array.from({ length: days * 24 }, (_, i) => START + i * 3_600_000);
}

function seasonalities(count: number, order: number): CustomSeasonality[] {
  return Array.from({ length: count }, (_, i) => ({ name: `s${i}`, period_days: i + 2, fourier_order: order }));
}

describe('model size limits', () => {
  it("refuses the issue's hostile parameters (15 seasonalities of order 100) by the list limit", () => {
    expect(() => resolveParams({ seasonalities: seasonalities(15, 100) })).toThrow(
      /^seasonalities has 15 entries; the limit is 10$/
    );
  });

  it('refuses parameters whose widest design passes the column limit, naming where the columns come from', () => {
    expect(() => resolveParams({ seasonalities: seasonalities(10, 100) })).toThrow(
      'the parameters allow up to 2061 columns (trend 27, seasonalities 2034, holidays 0); the limit is 200'
    );
    // Custom holidays count every window day; a name repeated replaces the earlier one, as planning does.
    const wide = { name: 'launch', dates: ['2024-05-01'], lower_window: -14, upper_window: 14 };
    expect(widestDesign(resolveParams({ holidays: [wide, wide] })).holidays).toBe(29);
    expect(() =>
      resolveParams({ holidays: Array.from({ length: 7 }, (_, i) => ({ ...wide, name: `h${i}` })) })
    ).toThrow('holidays 203); the limit is 200');
  });

  it("counts Prophet's defaults as 61 columns, far inside the limit", () => {
    expect(widestDesign(resolveParams())).toEqual({ trend: 27, seasonalities: 34, holidays: 0 });
    expect(widestDesign(resolveParams({ growth: 'flat', daily_seasonality: false }))).toEqual({
      trend: 1,
      seasonalities: 26,
      holidays: 0,
    });
  });

  it.each<[string, Partial<ModelParams>, string]>([
    ['n_changepoints above 100', { n_changepoints: 101 }, 'n_changepoints must be an integer in 0..100, got 101'],
    [
      'a list of 101 changepoints',
      { changepoints: Array.from({ length: 101 }, (_, i) => i) },
      'changepoints has 101 entries; the limit is 100',
    ],
    [
      'a Fourier order above 100',
      { weekly_seasonality: 101 },
      'weekly_seasonality must be "auto", true, false or a Fourier order (0-100), got 101',
    ],
    [
      '101 custom holidays',
      { holidays: Array.from({ length: 101 }, (_, i) => ({ name: `h${i}`, dates: ['2024-01-01'] })) },
      'holidays has 101 entries; the limit is 100',
    ],
    [
      'a holiday of 1,001 dates',
      { holidays: [{ name: 'daily', dates: Array.from({ length: 1001 }, () => '2024-01-01') }] },
      'holiday "daily" dates has 1001 entries; the limit is 1000',
    ],
    [
      'a custom holiday window of 15 days',
      { holidays: [{ name: 'x', dates: ['2024-01-01'], upper_window: 15 }] },
      'holiday "x" lower_window must be whole days in -14..0 and upper_window in 0..14',
    ],
    [
      'a calendar window of 15 days',
      { holidays_lower_window: -15 },
      'holidays_lower_window must be whole days in -14..0 and holidays_upper_window in 0..14',
    ],
    [
      '10,001 excluded ranges',
      { exclude: Array.from({ length: 10_001 }, (_, i) => [i, i + 1] as [number, number]) },
      'exclude (excluded ranges and incident labels together) has 10001 ranges; the limit is 10000',
    ],
    [
      '10,001 false alarms',
      { false_alarms: Array.from({ length: 10_001 }, (_, i) => [i, i + 1] as [number, number]) },
      'false_alarms has 10001 ranges; the limit is 10000',
    ],
  ])('refuses %s with a one-line message naming the limit', (_, params, message) => {
    expect(() => resolveParams(params)).toThrow(message);
  });

  it('refuses a country calendar once the training window would give it too many columns', () => {
    const params = resolveParams({
      country_holidays: ['KR', 'US'],
      holidays_lower_window: -3,
      holidays_upper_window: 3,
    });
    // Four weeks see a few holidays; three years see every one, each with seven window days.
    expect(layoutWidth(planFeatures(hourly(28), params).layout)).toBeLessThan(MODEL_LIMITS.designWidth);
    expect(() => planFeatures(hourly(3 * 365), params)).toThrow(
      /^for this training window the model would have \d+ columns \(trend 27, seasonalities 34, holidays \d+\); the limit is 200/
    );
  });

  it('refuses a design matrix of more points × columns than it takes, before building it', () => {
    const n = 400_000;
    const ts = Float64Array.from({ length: n }, (_, i) => START + i * 300_000);
    const wide: Partial<ModelParams> = { seasonalities: [{ name: 'wide', period_days: 3, fourier_order: 65 }] };
    // 27 + 20 + 6 + 8 + 130 = 191 columns over 400,000 points: 76.4 million values.
    expect(() => fit(ts, new Float64Array(n).fill(1), wide)).toThrow(
      `400000 points × 191 columns is more than the ${MODEL_LIMITS.designValues} design values one model takes`
    );
    const small = fit(
      ts.subarray(0, 2 * 288),
      Float64Array.from({ length: 2 * 288 }, (_, i) => Math.sin(i)),
      {
        seasonalities: [{ name: 'wide', period_days: 3, fourier_order: 69 }],
      }
    );
    // Two days of data plan 27 + 8 (daily) + 138 = 173 columns; 400,000 points of them are 69.2 million values.
    expect(() => predict(small, ts)).toThrow('400000 points × 173 columns is more than');
  });

  it('takes the defaults and a tuned model: calendars with windows, a launch day, a monthly cycle', () => {
    expect(resolveParams({ ...DEFAULT_PARAMS })).toEqual(DEFAULT_PARAMS);
    const tuned = resolveParams({
      country_holidays: ['kr'],
      holidays_lower_window: -1,
      holidays_upper_window: 1,
      holidays: [{ name: 'launch', dates: ['2024-05-01', '2025-05-01'], lower_window: -2, upper_window: 7 }],
      seasonalities: [{ name: 'monthly', period_days: 30.5, fourier_order: 5 }],
    });
    expect(widestDesign(tuned)).toEqual({ trend: 27, seasonalities: 44, holidays: 10 });
  });

  it.each<[string, Partial<ModelParams>, string]>([
    ['an interval width given in percent', { interval_width: 99 }, 'interval_width must be a number in (0, 1), got 99'],
    ['a misspelt name', { intervalwidth: 0.9 } as never, 'unknown model parameter "intervalwidth"'],
    [
      'a country without a calendar',
      { country_holidays: ['JP'] },
      'country_holidays[0] "JP" is not a supported holiday country (supported: KR, US)',
    ],
    [
      'a date that does not exist',
      { holidays: [{ name: 'x', dates: ['2024-02-30'] }] },
      'holiday "x" date "2024-02-30" is not a real date',
    ],
    ['a list that is not one', { seasonalities: {} as never }, 'seasonalities must be a list'],
    [
      'a width given as text',
      { interval_width: '0.8' as never },
      'interval_width must be a number in (0, 1), got "0.8"',
    ],
    [
      'a width given as a list',
      { outlier_width: [0.99] as never },
      'outlier_width must be a number in (0, 1), got [0.99]',
    ],
    ['a changepoint range given as text', { changepoint_range: '0.8' as never }, 'changepoint_range must be a number'],
    ['robust given as text', { robust: 'no' as never }, 'robust must be true or false, got "no"'],
    ['a width that is not a number', { interval_width: NaN }, 'interval_width must be a number in (0, 1), got NaN'],
    // 1 − 1e-16: the band's quantile rounded to infinity, so nothing was ever an outlier.
    [
      'an outlier width a rounding away from 1',
      { outlier_width: 0.9999999999999999 },
      'outlier_width must be at most 0.999999999, got 0.9999999999999999',
    ],
    [
      'an interval width a rounding away from 1',
      { interval_width: 0.9999999999999999 },
      'interval_width must be at most 0.999999999, got 0.9999999999999999',
    ],
    ['a prior scale given as a list', { changepoint_prior_scale: [0.05] as never }, 'got [0.05]'],
    [
      'a seasonality mode that is not one',
      { seasonalities: [{ name: 'm', period_days: 30, fourier_order: 3, mode: 'bogus' as never }] },
      'seasonality "m" mode must be "additive" or "multiplicative", got "bogus"',
    ],
  ])('refuses %s before any fit', (_, params, message) => {
    expect(() => resolveParams(params)).toThrow(message);
  });
});

describe('parameter sets validated once', () => {
  it('checks a set again once it was changed, however it was checked before', () => {
    const params: Partial<ModelParams> = { interval_width: 0.9, exclude: [[1, 2]] };
    expect(resolveParams(params).interval_width).toBe(0.9);
    expect(resolveParams({ interval_width: 0.9, exclude: [[1, 2]] }).exclude).toEqual([[1, 2]]);
    params.interval_width = 1.5;
    expect(() => resolveParams(params)).toThrow('interval_width must be a number in (0, 1), got 1.5');
    params.interval_width = 0.9;
    (params.exclude as Array<[number, number]>)[0] = [2, 1];
    expect(() => resolveParams(params)).toThrow('exclude');
  });

  it('tells NaN and infinities from the null JSON writes for them: such a set is checked every time', () => {
    // A holiday's window may be null (no window), and JSON writes NaN as null too.
    const holiday = (lower: number | null) => ({
      holidays: [{ name: 'x', dates: ['2024-01-01'], lower_window: lower as number }],
    });
    expect(resolveParams(holiday(null)).holidays).toHaveLength(1);
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => resolveParams(holiday(bad))).toThrow('holiday "x" lower_window must be whole days');
      expect(() => resolveParams({ changepoints: [bad] })).toThrow('changepoints must be finite');
    }
  });

  const window = (extra: object) => ({ holidays: [{ name: 'x', dates: ['2024-01-01'], ...extra }] });
  const inherited = Object.assign(Object.create({ toJSON: () => ({}) }) as object, { interval_width: 7 });
  it.each<[string, object, object, string]>([
    ['a function', { growth: 'linear' }, { growth: () => 'linear' }, 'growth must be "linear" or "flat"'],
    ['a nested function', window({}), window({ lower_window: () => 0 }), 'holiday "x" lower_window must be whole days'],
    [
      'a nested symbol',
      window({}),
      window({ upper_window: Symbol('w') }),
      'holiday "x" lower_window must be whole days',
    ],
    ['a toJSON value', { interval_width: 0.9 }, { interval_width: { toJSON: () => 0.9 } }, 'interval_width must be'],
    ['a nested toJSON', { exclude: [[1, 2]] }, { exclude: [{ toJSON: () => [1, 2] }] }, 'exclude ranges must be'],
    ['a boxed number', { sustained_points: 3 }, { sustained_points: Object(3) as number }, 'sustained_points must'],
    ['a boxed string', { growth: 'flat' }, { growth: Object('flat') as string }, 'growth must be "linear" or "flat"'],
    ['an inherited toJSON', {}, inherited, 'interval_width must be a number in (0, 1), got 7'],
  ])('checks a set holding %s, whose JSON equals that of a set checked before', (_, checked, bad, message) => {
    resolveParams(checked as Partial<ModelParams>);
    expect(() => resolveParams(bad as Partial<ModelParams>)).toThrow(message);
  });

  it('refuses a value nested thousands deep in one line: its message wrote it as JSON, past the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) {
      deep = i % 2 ? [deep] : { a: deep };
    }
    for (const params of [{ growth: deep }, { interval_width: [deep] }, { holidays: [{ name: 'x', dates: deep }] }]) {
      expect(() => resolveParams(params as Partial<ModelParams>)).toThrow(
        /^model parameter "\w+" nests deeper than 32 levels$/
      );
    }
  });

  it('returns the values it checked, even where a value reads otherwise than its JSON', () => {
    // An array whose own toJSON hides its elements, a property JSON does not see, a Proxy counting its reads.
    const members = Object.assign(['bogus'], { toJSON: () => ['past', 'decomposition'] });
    expect(resolveParams({ ensemble_members: members as ModelParams['ensemble_members'] }).ensemble_members).toEqual([
      'past',
      'decomposition',
    ]);
    const holiday = { name: 'x', dates: ['2024-01-01'] };
    Object.defineProperty(holiday, 'lower_window', { value: 5000, enumerable: false });
    expect(resolveParams({ holidays: [holiday] }).holidays[0]).toEqual({ name: 'x', dates: ['2024-01-01'] });
    let reads = 0;
    const range = [1, 2];
    const shifting = new Proxy([range], {
      get: (target, key) => (key === '0' && ++reads > 2 ? 'bogus' : target[key as never]),
    });
    expect(resolveParams({ exclude: shifting as Array<[number, number]> }).exclude).toEqual([[1, 2]]);
  });

  it("freezes the defaults' lists, which every resolved set shares", () => {
    expect(() => (resolveParams({}).ensemble_members as string[]).push('past')).toThrow(TypeError);
    expect(() => resolveParams({}).exclude.push([1, 2])).toThrow(TypeError);
    expect(resolveParams({}).ensemble_members).toEqual(['decomposition', 'past']);
  });

  it('returns a fresh set each time, so a caller changing one cannot change the next', () => {
    const first = resolveParams({ interval_width: 0.8 });
    first.interval_width = 0.5;
    expect(resolveParams({ interval_width: 0.8 }).interval_width).toBe(0.8);
  });

  it('takes a set handed on to a fit as it is, once, and only a set it made and a model it takes', () => {
    const resolved = resolveParams({ interval_width: 0.9, exclude: [[1, 2]] });
    const member = handOn(resolved, 'past');
    expect(member).toEqual({ ...resolved, model: 'past' });
    expect(resolved.model).toBe('ensemble');
    expect(resolveParams(member)).toBe(member);
    expect(resolveParams(member)).not.toBe(member);
    const copy = { ...resolved };
    expect(resolveParams(handOn(copy))).not.toBe(copy);
    expect(() => resolveParams(handOn(resolved, 'bogus' as ModelParams['model']))).toThrow('model must be');
  });
});
