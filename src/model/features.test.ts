import { placeChangepoints, planFeatures, planSeasonalities } from './features';
import { resolveParams } from './params';
import { DAY_MS, HOUR_MS, makeSeries } from './testing/synthetic';

describe('placeChangepoints', () => {
  it("uses Prophet's rule: evenly by row over the first changepoint_range of history", () => {
    // 100 rows, range 0.8: hist = 80 rows; 4 changepoints at round(79 * j / 4) = 20, 40, 59, 79.
    const ts = Float64Array.from({ length: 100 }, (_, i) => i * 1000);
    const cps = placeChangepoints(ts, resolveParams({ n_changepoints: 4 }));
    expect(cps).toEqual([20_000, 40_000, 59_000, 79_000]);
  });

  it('uses fewer changepoints on short series and none for flat growth', () => {
    const ts = Float64Array.from({ length: 5 }, (_, i) => i);
    expect(placeChangepoints(ts, resolveParams({}))).toEqual([1, 2, 3]);
    expect(placeChangepoints(ts, resolveParams({ growth: 'flat' }))).toEqual([]);
  });

  it('keeps only explicit changepoints inside the history', () => {
    const ts = Float64Array.from({ length: 10 }, (_, i) => i * 10);
    expect(placeChangepoints(ts, resolveParams({ changepoints: [55, -5, 25, 500] }))).toEqual([25, 55]);
  });
});

describe('planSeasonalities', () => {
  const names = (days: number, step: number, extra = {}) =>
    planSeasonalities(
      makeSeries(Math.floor((days * DAY_MS) / step) + 1, step, () => 0).timestamps,
      resolveParams(extra)
    ).map((s) => `${s.name}:${s.order}`);

  it('switches seasonalities on by span and spacing as Prophet does', () => {
    expect(names(1.9, HOUR_MS)).toEqual([]);
    expect(names(2, HOUR_MS)).toEqual(['daily:4']);
    expect(names(14, HOUR_MS)).toEqual(['weekly:3', 'daily:4']);
    expect(names(800, DAY_MS)).toEqual(['yearly:10', 'weekly:3']);
  });

  it('counts the last step in the span: two weeks of 5-minute data (4,032 points) has a weekly cycle', () => {
    const fiveMinutes = 300_000;
    const twoWeeks = makeSeries(4032, fiveMinutes, () => 0).timestamps;
    const short = makeSeries(4031, fiveMinutes, () => 0).timestamps;
    expect(planSeasonalities(twoWeeks, resolveParams({})).map((s) => s.name)).toEqual(['weekly', 'daily']);
    expect(planSeasonalities(short, resolveParams({})).map((s) => s.name)).toEqual(['daily']);
  });

  it('honours explicit switches, orders and custom seasonalities', () => {
    expect(names(30, HOUR_MS, { daily_seasonality: 8, weekly_seasonality: false })).toEqual(['daily:8']);
    expect(
      names(30, HOUR_MS, {
        seasonalities: [{ name: 'hourly', period_days: 1 / 24, fourier_order: 2 }],
        weekly_seasonality: false,
      })
    ).toEqual(['daily:4', 'hourly:2']);
  });
});

describe('planFeatures', () => {
  it('adds holiday columns only for holidays inside the training span', () => {
    const { timestamps } = makeSeries(24 * 40, HOUR_MS, () => 0, Date.UTC(2024, 0, 20));
    const plan = planFeatures(timestamps, resolveParams({ country_holidays: ['KR'], holidays_tz_offset_minutes: 540 }));
    const holidayNames = plan.components.filter((c) => c.kind === 'holiday').map((c) => c.name);
    expect(holidayNames).toEqual(
      expect.arrayContaining(['KR:Seollal', 'KR:Seollal (day before)', 'KR:Seollal (day after)'])
    );
    expect(holidayNames).not.toContain("KR:Children's Day");
  });

  it('names an unknown country in the error', () => {
    const { timestamps } = makeSeries(10, HOUR_MS, () => 0);
    expect(() => planFeatures(timestamps, resolveParams({ country_holidays: ['XX'] }))).toThrow(/XX/);
  });
});
