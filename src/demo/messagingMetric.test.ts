import { DEFAULT_DEMO_END, generateDemoSeries } from './messagingMetric';

const DAY = 86_400_000;

describe('generateDemoSeries', () => {
  const series = generateDemoSeries();

  it('makes 8 weeks of 5-minute points ending at the default date', () => {
    expect(series.timestamps.length).toBe(56 * 288);
    expect(series.timestamps[0]).toBe(DEFAULT_DEMO_END - 56 * DAY);
    expect(series.timestamps[1] - series.timestamps[0]).toBe(300_000);
    expect(series.values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(Array.from(generateDemoSeries().values)).toEqual(Array.from(series.values));
    const other = generateDemoSeries({ seed: 7 });
    expect(Array.from(other.values)).not.toEqual(Array.from(series.values));
    expect(other.incidents).toEqual(series.incidents);
  });

  it('spans Chuseok 2025 and lowers traffic on it', () => {
    expect(series.holidays.map((h) => h.date)).toEqual(
      expect.arrayContaining(['2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'])
    );
    // Korea-time day totals: Chuseok (Mon 10-06) against the ordinary Mondays before and after.
    const dayTotal = (date: string) => {
      const start = Date.parse(`${date}T00:00:00+09:00`);
      let sum = 0;
      series.timestamps.forEach((t, i) => {
        if (t >= start && t < start + DAY) {
          sum += series.values[i];
        }
      });
      return sum;
    };
    const chuseok = dayTotal('2025-10-06');
    expect(chuseok / dayTotal('2025-09-29')).toBeLessThan(0.8);
    expect(chuseok / dayTotal('2025-10-13')).toBeLessThan(0.8);
  });

  it('has a night trough, an evening peak and quieter weekends (Korea time)', () => {
    const mean = (pick: (local: Date) => boolean) => {
      let sum = 0;
      let count = 0;
      series.timestamps.forEach((t, i) => {
        if (pick(new Date(t + 9 * 3_600_000))) {
          sum += series.values[i];
          count++;
        }
      });
      return sum / count;
    };
    const weekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    const night = mean((d) => weekday(d) && d.getUTCHours() === 4);
    const evening = mean((d) => weekday(d) && d.getUTCHours() === 21);
    expect(evening / night).toBeGreaterThan(4);
    const weekdays = mean(weekday);
    const weekends = mean((d) => !weekday(d));
    expect(weekends / weekdays).toBeGreaterThan(0.8);
    expect(weekends / weekdays).toBeLessThan(0.95);
  });

  it('injects a spike, an outage and a slow degradation that move the metric', () => {
    expect(series.incidents.map((i) => i.kind)).toEqual(['spike', 'outage', 'degradation']);
    for (const incident of series.incidents) {
      const inside = series.timestamps.findIndex((t) => t >= incident.start);
      const lastInside = series.timestamps.findIndex((t) => t >= incident.end) - 1;
      // Same time of day two weeks earlier (one week before the degradation was a Chuseok holiday).
      const normal = series.values[lastInside - 14 * 288];
      const ratio = series.values[lastInside] / normal;
      if (incident.kind === 'spike') {
        expect(ratio).toBeGreaterThan(1.5);
      } else if (incident.kind === 'outage') {
        expect(ratio).toBeLessThan(0.2);
      } else {
        expect(ratio).toBeLessThan(0.8);
        expect(series.values[inside] / series.values[inside - 14 * 288]).toBeGreaterThan(0.9);
      }
    }
  });

  it('keeps only incidents inside a custom range and rejects a bad one', () => {
    const short = generateDemoSeries({ start: DEFAULT_DEMO_END - 10 * DAY, stepMs: 3_600_000 });
    expect(short.timestamps.length).toBe(240);
    short.incidents.forEach((incident) => {
      expect(incident.start).toBeGreaterThanOrEqual(short.timestamps[0]);
      expect(incident.end).toBeLessThanOrEqual(DEFAULT_DEMO_END);
    });
    expect(() => generateDemoSeries({ start: 10, end: 5 })).toThrow('start < end');
    expect(() => generateDemoSeries({ stepMs: 1, start: 0, end: 1e12 })).toThrow('the limit is');
  });
});
