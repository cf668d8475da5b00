import type { TimeRange } from '../index';

/** Ranges people labelled on a chart: real problems and alarms that were not. */
export interface FeedbackLabels {
  incidents: TimeRange[];
  falseAlarms: TimeRange[];
}

export interface FeedbackCounts {
  incidents: number;
  /** Incidents with at least one flagged point inside. */
  incidentsCaught: number;
  falseAlarms: number;
  /** False-alarm ranges the detector still flags (at least one flagged point inside). */
  falseAlarmsStillFlagged: number;
  flaggedPoints: number;
  flaggedInIncidents: number;
  flaggedInFalseAlarms: number;
}

function inside(ms: number, range: TimeRange): boolean {
  return ms >= range[0] && ms <= range[1];
}

/**
 * How the detector's flags (`outlier` ≠ 0) meet people's labels: which incidents it caught and which
 * labelled false alarms it still raises. Points may come in any order.
 */
export function feedbackCounts(
  timestamps: ArrayLike<number>,
  outlier: ArrayLike<number>,
  labels: FeedbackLabels
): FeedbackCounts {
  const caught = new Uint8Array(labels.incidents.length);
  const stillFlagged = new Uint8Array(labels.falseAlarms.length);
  let flaggedPoints = 0;
  let flaggedInIncidents = 0;
  let flaggedInFalseAlarms = 0;
  for (let i = 0; i < timestamps.length; i++) {
    if (!outlier[i]) {
      continue;
    }
    flaggedPoints++;
    const ms = timestamps[i];
    let inIncident = false;
    labels.incidents.forEach((range, k) => {
      if (inside(ms, range)) {
        caught[k] = 1;
        inIncident = true;
      }
    });
    let inFalseAlarm = false;
    labels.falseAlarms.forEach((range, k) => {
      if (inside(ms, range)) {
        stillFlagged[k] = 1;
        inFalseAlarm = true;
      }
    });
    flaggedInIncidents += inIncident ? 1 : 0;
    flaggedInFalseAlarms += inFalseAlarm ? 1 : 0;
  }
  const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
  return {
    incidents: labels.incidents.length,
    incidentsCaught: sum(caught),
    falseAlarms: labels.falseAlarms.length,
    falseAlarmsStillFlagged: sum(stillFlagged),
    flaggedPoints,
    flaggedInIncidents,
    flaggedInFalseAlarms,
  };
}
