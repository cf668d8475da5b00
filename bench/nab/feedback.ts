/**
 * Simulated user feedback on NAB: labels replayed as a user would give them while the online detector
 * runs, each only from the moment it would have been given.
 * - Every labelled window becomes an incident when it ends (its last row's time).
 * - Every alarm outside the windows becomes a false alarm one hour of series time after it was raised.
 *   An alarm is a run of consecutive rows scoring at or above the replay threshold outside every
 *   window; it is raised at its first row, and the label covers the run's rows before the moment the
 *   label is given (what the user had seen by then).
 * detectOnline asks the feed at each refit, with the verdicts given so far, and at each block's last point, to
 * refit where a label became known. The feed answers from its arguments alone, and a false alarm known at k is
 * built from verdicts before k only, as detectOnline requires (LabelFeed).
 */
import type { LabelFeed, PastVerdicts, TimedLabel } from '../../src/model';
import type { LabelledFile } from './rules';

export const FALSE_ALARM_DELAY_MS = 3_600_000;

export const FEEDBACK_KINDS = ['incident', 'false_alarm'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export function isFeedbackKind(kind: string): kind is FeedbackKind {
  return (FEEDBACK_KINDS as readonly string[]).includes(kind);
}

export interface ReplaySettings {
  /** Rows scoring at or above it are alarms (the plain run's threshold for the standard profile). */
  threshold: number;
  kinds: readonly FeedbackKind[];
  falseAlarmDelayMs: number;
}

/** Each window as an incident, known at its last row's time. */
export function incidentLabels(file: LabelledFile, timestamps: Float64Array): TimedLabel[] {
  return file.windows.map(([first, last]) => ({
    from: timestamps[first],
    to: timestamps[last],
    kind: 'incident',
    knownAt: timestamps[last],
  }));
}

/** A false alarm as the user marked it: the range they had seen, and when they marked it. */
export interface FalseAlarm {
  from: number;
  to: number;
  knownAt: number;
}

/** 1 on rows inside a labelled window. */
export function windowMask(file: LabelledFile): Uint8Array {
  const mask = new Uint8Array(file.rows);
  for (const [first, last] of file.windows) {
    mask.fill(1, first, last + 1);
  }
  return mask;
}

/**
 * The false alarms marked by time `t`, from the verdicts given before it (rows in time order, aligned
 * with `inWindow`). Deterministic in `t`: a label's range uses only rows before its known-at time, all
 * of which were judged before `t`.
 */
export function falseAlarmsBy(
  t: number,
  past: Pick<PastVerdicts, 'timestamps' | 'score'>,
  inWindow: Uint8Array,
  threshold: number,
  delayMs: number
): FalseAlarm[] {
  const { timestamps, score } = past;
  const alarms: FalseAlarm[] = [];
  let i = 0;
  while (i < timestamps.length) {
    if (inWindow[i] || !(score[i] >= threshold)) {
      i++;
      continue;
    }
    const raised = timestamps[i];
    const knownAt = raised + delayMs;
    let last = i;
    for (i++; i < timestamps.length && !inWindow[i] && score[i] >= threshold; i++) {
      if (timestamps[i] < knownAt) {
        last = i;
      }
    }
    if (knownAt <= t) {
      alarms.push({ from: raised, to: timestamps[last], knownAt });
    }
  }
  return alarms;
}

/** The feed detectOnline asks at each refit and at each block's last point, for one file. */
export function replayFeed(file: LabelledFile, timestamps: Float64Array, settings: ReplaySettings): LabelFeed {
  const incidents = settings.kinds.includes('incident') ? incidentLabels(file, timestamps) : [];
  if (!settings.kinds.includes('false_alarm')) {
    return () => incidents;
  }
  const inWindow = windowMask(file);
  return (t, past) => [
    ...incidents,
    ...falseAlarmsBy(t, past, inWindow, settings.threshold, settings.falseAlarmDelayMs).map((alarm): TimedLabel => ({
      ...alarm,
      kind: 'false_alarm',
    })),
  ];
}
