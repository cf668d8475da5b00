import { findEpisodes, matchIncidents } from './episodes';
import type { InjectedIncident } from './messagingMetric';

const MIN = 60_000;
const ts = Array.from({ length: 20 }, (_, i) => i * 5 * MIN);

describe('findEpisodes', () => {
  it('joins same-direction flags up to the gap and splits on direction', () => {
    const outlier = [0, 1, 1, 0, 1, 0, 0, 0, 1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const score = outlier.map((o, i) => (o === 0 ? 0 : i / 100));
    const episodes = findEpisodes(ts, outlier, score, 10 * MIN);
    expect(episodes).toEqual([
      { start: 5 * MIN, end: 20 * MIN, direction: 1, points: 3, peakScore: 0.04 },
      { start: 40 * MIN, end: 40 * MIN, direction: 1, points: 1, peakScore: 0.08 },
      { start: 45 * MIN, end: 50 * MIN, direction: -1, points: 2, peakScore: 0.1 },
      { start: 95 * MIN, end: 95 * MIN, direction: 1, points: 1, peakScore: 0.19 },
    ]);
  });
});

describe('matchIncidents', () => {
  const incidents: InjectedIncident[] = [
    { kind: 'spike', start: 0, end: 25 * MIN, direction: 1, description: '' },
    { kind: 'outage', start: 60 * MIN, end: 70 * MIN, direction: -1, description: '' },
  ];

  it('matches alerts to incidents by overlap and direction and counts the rest as false alarms', () => {
    const episodes = [
      { start: 5 * MIN, end: 20 * MIN, direction: 1 as const, points: 4, peakScore: 0.9 },
      { start: 62 * MIN, end: 65 * MIN, direction: 1 as const, points: 3, peakScore: 0.9 },
      { start: 80 * MIN, end: 80 * MIN, direction: -1 as const, points: 1, peakScore: 0.9 },
      { start: 90 * MIN, end: 100 * MIN, direction: -1 as const, points: 3, peakScore: 0.9 },
    ];
    const report = matchIncidents(incidents, episodes, { maxGapMs: 10 * MIN, minPoints: 3 });
    expect(report.alerts).toHaveLength(3);
    expect(report.incidents.map((x) => x.alert?.start ?? null)).toEqual([5 * MIN, null]);
    expect(report.falseAlarms.map((e) => e.start)).toEqual([90 * MIN]);
  });
});
