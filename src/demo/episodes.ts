/**
 * From per-point band crossings to incidents a person would be paged for: consecutive crossings in
 * the same direction form an episode, and an episode becomes an alert when it lasts long enough,
 * like a Grafana alert rule with a pending period. A calibrated 99% band is crossed by about 1% of
 * normal points, so single crossings alone would page all day.
 */
import type { InjectedIncident } from './messagingMetric';

export interface Episode {
  /** Epoch ms of the first and last flagged point. */
  start: number;
  end: number;
  direction: 1 | -1;
  /** Flagged points in the episode. */
  points: number;
  peakScore: number;
}

export interface EpisodeOptions {
  /** Flags at most this far apart (ms) join one episode. */
  maxGapMs: number;
  /** An episode alerts when it holds at least this many flagged points. */
  minPoints: number;
}

/** Episodes of flagged points (timestamps sorted ascending), in time order. */
export function findEpisodes(
  timestamps: ArrayLike<number>,
  outlier: ArrayLike<number>,
  score: ArrayLike<number>,
  maxGapMs: number
): Episode[] {
  const episodes: Episode[] = [];
  let open: Episode | null = null;
  for (let i = 0; i < timestamps.length; i++) {
    const d = outlier[i];
    if (d !== 1 && d !== -1) {
      continue;
    }
    const t = timestamps[i];
    if (open !== null && open.direction === d && t - open.end <= maxGapMs) {
      open.end = t;
      open.points++;
      open.peakScore = Math.max(open.peakScore, score[i]);
      continue;
    }
    open = { start: t, end: t, direction: d, points: 1, peakScore: score[i] };
    episodes.push(open);
  }
  return episodes;
}

export interface IncidentReport {
  /** Per injected incident: the first alert overlapping it in its direction, if any. */
  incidents: Array<{ incident: InjectedIncident; alert: Episode | null }>;
  /** Alerts that overlap no injected incident. */
  falseAlarms: Episode[];
  alerts: Episode[];
}

/** Which injected incidents raised an alert, and which alerts had no incident behind them. */
export function matchIncidents(
  incidents: InjectedIncident[],
  episodes: Episode[],
  options: EpisodeOptions
): IncidentReport {
  const alerts = episodes.filter((e) => e.points >= options.minPoints);
  const overlaps = (e: Episode, incident: InjectedIncident): boolean =>
    e.start < incident.end + options.maxGapMs && e.end >= incident.start;
  return {
    incidents: incidents.map((incident) => ({
      incident,
      alert: alerts.find((e) => e.direction === incident.direction && overlaps(e, incident)) ?? null,
    })),
    falseAlarms: alerts.filter((e) => !incidents.some((incident) => overlaps(e, incident))),
    alerts,
  };
}
