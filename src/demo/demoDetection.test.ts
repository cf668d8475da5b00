import { detectBatch } from '../model/online';
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
    expect(report.falseAlarms.length).toBeLessThanOrEqual(4);
    const flagged = Array.from(detection.outlier).filter((o) => o !== 0).length;
    expect(flagged / series.values.length).toBeLessThan(0.01);
  });
});
