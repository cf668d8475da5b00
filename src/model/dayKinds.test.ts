import { fit, predict } from './index';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';
import { weekShapeExpectation, weekShapeSeries } from './testing/weekShape';
import type { ModelParams } from './types';

const dayOfWeek = (ms: number) => (Math.floor(ms / DAY_MS) + 4) % 7; // 0 = Sunday
const isWeekend = (ms: number) => dayOfWeek(ms) === 0 || dayOfWeek(ms) === 6;
const dailyParts = (params: Partial<ModelParams>, s: { timestamps: Float64Array; values: Float64Array }) =>
  fit(s.timestamps, s.values, params)
    .components.filter((c) => c.name.startsWith('daily'))
    .map((c) => c.name);

/** Next-week MAE on work days and weekends of a model fitted on `weeks` weeks of the series. */
function nextWeekErrors(weeks: number, stepMs: number, params: Partial<ModelParams> = {}) {
  const s = weekShapeSeries({ days: 7 * weeks + 7, stepMs, seed: 11 });
  const cut = Math.round((7 * weeks * DAY_MS) / stepMs);
  const model = fit(s.timestamps.subarray(0, cut), s.values.subarray(0, cut), params);
  const ahead = s.timestamps.subarray(cut);
  const p = predict(model, ahead);
  const sums = { weekday: 0, weekend: 0, nWeekday: 0, nWeekend: 0 };
  ahead.forEach((t, i) => {
    const error = Math.abs(p.yhat[i] - s.values[cut + i]);
    if (isWeekend(t)) {
      sums.weekend += error;
      sums.nWeekend++;
    } else {
      sums.weekday += error;
      sums.nWeekday++;
    }
  });
  return { model, weekday: sums.weekday / sums.nWeekday, weekend: sums.weekend / sums.nWeekend };
}

describe('daily seasonality by day kind', () => {
  it('recovers a business-hours weekday peak and an evening weekend peak with the defaults', () => {
    // Noise sd 10: a perfect forecast has MAE 8.0. With one daily shape: weekday 31.6, weekend 70.1.
    const { model, weekday, weekend } = nextWeekErrors(3, HOUR_MS);
    expect(model.components.map((c) => c.name)).toEqual(['trend', 'weekly', 'daily_weekday', 'daily_weekend']);
    expect(weekday).toBeLessThan(10);
    expect(weekend).toBeLessThan(11);
    // The weekend component carries the evening peak and the lower level, zero on work days.
    const saturday = Date.UTC(2024, 0, 27);
    const p = predict(
      model,
      Float64Array.of(saturday + 13 * HOUR_MS, saturday + 20.5 * HOUR_MS, saturday - DAY_MS + 13 * HOUR_MS)
    );
    expect(p.yhat[1] - p.yhat[0]).toBeGreaterThan(
      0.8 * (weekShapeExpectation(saturday + 20.5 * HOUR_MS) - weekShapeExpectation(saturday + 13 * HOUR_MS))
    );
    expect(p.seasonal.daily_weekend[2]).toBe(0);
  });

  it('is what false turns off, and true forces', () => {
    const off = nextWeekErrors(3, HOUR_MS, { daily_seasonality_by_day_kind: false });
    expect(off.model.components.map((c) => c.name)).toEqual(['trend', 'weekly', 'daily']);
    expect(off.weekend).toBeGreaterThan(40);
    const same = makeSeries(24 * 21, HOUR_MS, (d) => 10 * Math.sin(2 * Math.PI * d));
    expect(dailyParts({ daily_seasonality_by_day_kind: true }, same)).toEqual(['daily_weekday', 'daily_weekend']);
  });

  it('keeps one daily shape when every day has the same one, with or without a lower weekend', () => {
    for (const weekendDrop of [0, 20]) {
      const noise = seededNormal(21 + weekendDrop);
      const s = makeSeries(24 * 28, HOUR_MS, (d) => {
        const weekend = Math.floor(d) % 7 >= 5; // the series starts on a Monday
        return 100 - (weekend ? weekendDrop : 0) + 30 * Math.sin(2 * Math.PI * (d - 0.25)) + 5 * noise();
      });
      expect(dailyParts({}, s)).toEqual(['daily']);
    }
  });

  it('is not split by one odd Saturday evening, nor with fewer than two whole days of each kind', () => {
    // Nine days, two weekend days: an incident on the Saturday evening alone would pass for a weekend shape.
    const noise = seededNormal(31);
    const oneOdd = makeSeries(24 * 9, HOUR_MS, (d) => {
      const odd = Math.floor(d) === 5 && d % 1 >= 0.75; // Saturday, 18:00 to midnight
      return 100 + 30 * Math.sin(2 * Math.PI * (d - 0.25)) + (odd ? 60 : 0) + 5 * noise();
    });
    expect(dailyParts({}, oneOdd)).toEqual(['daily']);
    // Monday to Saturday noon: one whole weekend day only, however different it is.
    const short = weekShapeSeries({ days: 5.5, stepMs: HOUR_MS, seed: 3 });
    expect(dailyParts({}, short)).toEqual(['daily']);
  });
});
