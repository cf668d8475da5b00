import { detectBatch, detectOnline } from '../model/online';
import { findEpisodes, matchIncidents } from './episodes';
import { generateDemoSeries } from './messagingMetric';
import { DEMO_ALERT_RULE, demoModelParams } from './scenario';

describe('the demo scenario', () => {
  it.each([20251020, 1, 2])('alerts on every injected incident with few false alarms (seed %i)', (seed) => {
    const series = generateDemoSeries({ seed });
    const detection = detectBatch(series.timestamps, series.values, demoModelParams(series));
    const episodes = findEpisodes(series.timestamps, detection.outlier, detection.score, DEMO_ALERT_RULE.maxGapMs);
    const report = matchIncidents(series.incidents, episodes, DEMO_ALERT_RULE);
    for (const { incident, alert } of report.incidents) {
      expect(alert).not.toBeNull();
      expect(alert!.direction).toBe(incident.direction);
    }
    // With one daily shape the weekend's later peak raised 2, 2 and 3 false alarms on Sunday evenings; the daily
    // seasonality split by day kind (chosen from the data) raises none.
    expect(report.falseAlarms).toEqual([]);
    const flagged = Array.from(detection.outlier).filter((o) => o !== 0).length;
    expect(flagged / series.values.length).toBeLessThan(0.01);
  });
});

describe('the demo streamed, as the backend judges it', () => {
  // Every point judged by a model of the 28 days before it, with Korean holidays: Chuseok 2025 is never
  // whole in a window before it comes, so its days are first-seen holidays.
  it.each([20251020, 1, 2])('keeps expectations positive and alerts on every incident (seed %i)', (seed) => {
    const series = generateDemoSeries({ seed });
    const detection = detectOnline(series.timestamps, series.values, demoModelParams(series));
    let lowest = Infinity;
    let lowestBand = Infinity;
    let onHolidays = 0;
    const holidayDates = new Set(series.holidays.map((h) => h.date));
    for (let i = 0; i < series.values.length; i++) {
      if (Number.isFinite(detection.yhat[i])) {
        lowest = Math.min(lowest, detection.yhat[i]);
        lowestBand = Math.min(lowestBand, detection.yhat_lower[i]);
      }
      const kstDate = new Date(series.timestamps[i] + 9 * 3_600_000).toISOString().slice(0, 10);
      onHolidays += detection.outlier[i] !== 0 && holidayDates.has(kstDate) ? 1 : 0;
    }
    // The demo's night trough is about 4,000 messages; before the holiday fix it fell to −32,303.
    expect(lowest).toBeGreaterThan(1000);
    expect(lowestBand).toBeGreaterThanOrEqual(0);
    const episodes = findEpisodes(series.timestamps, detection.outlier, detection.score, DEMO_ALERT_RULE.maxGapMs);
    const report = matchIncidents(series.incidents, episodes, DEMO_ALERT_RULE);
    for (const { incident, alert } of report.incidents) {
      expect(alert).not.toBeNull();
      expect(alert!.direction).toBe(incident.direction);
    }
    // Measured 164, 200 and 176 flagged points over the six holiday days (of 1,728): first-seen Chuseok's eve
    // and Hangeul Day, whose levels the pooled holiday effect cannot know, judged in the narrower band a daily
    // shape per day kind leaves (29, 31 and 35 with one daily shape). Before the holiday fix the whole Chuseok
    // week was flagged (282 points). Flagged share 2.7-3.0% (1.0-1.2% with one daily shape).
    expect(onHolidays).toBeLessThan(250);
    expect(flaggedShare(detection.outlier)).toBeLessThan(0.035);
  });
});

function flaggedShare(outlier: Int8Array): number {
  return outlier.reduce((n, o) => n + (o !== 0 ? 1 : 0), 0) / outlier.length;
}
