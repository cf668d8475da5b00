/**
 * Labels given while the online detector runs (a user marking incidents and false alarms as they
 * happen). Each label carries the moment, in series time, it became known; a refit may use it only
 * from that moment on, so replaying labels never lets the future leak into a verdict.
 */
import { ModelInputError } from './errors';
import type { ModelParams, TimeRange } from './types';

export type LabelKind = 'incident' | 'false_alarm';

export interface TimedLabel {
  /** The labelled range, epoch ms, inclusive. */
  from: number;
  to: number;
  /** incident: left out of training, like `exclude`; false_alarm: joins `false_alarms`. */
  kind: LabelKind;
  /** Series time at which the label was given. */
  knownAt: number;
}

/** The verdicts already given, sorted by time, every one of them before the time the feed is asked at. */
export interface PastVerdicts {
  timestamps: Float64Array;
  score: Float64Array;
  outlier: Int8Array;
}

/**
 * Asked at each refit, with the time `t` of the first point that refit will judge and the verdicts
 * given so far, for the labels known at that time; and at the last point of each block spanning more
 * than one instant, with the verdicts before it, so that a label known inside the block starts a refit
 * where it became known. The verdicts from that point on are then judged again, so the feed must answer
 * from its arguments alone, and a label known at k may depend only on verdicts before k (the replay in
 * bench/nab/feedback.ts does both); a feed that remembered labels it derived from verdicts later judged
 * again would keep them. Labels known only later are ignored by the detector whatever the feed returns.
 */
export type LabelFeed = (t: number, past: PastVerdicts) => readonly TimedLabel[];

/**
 * The params of a refit at `t` that trains on [windowStart, t): `base` plus the labels known by `t`
 * that touch that window (a label wholly outside it cannot change the fit). `base` itself when none
 * applies, so a feed that has nothing to say leaves the detector exactly as without one.
 */
export function labelParamsAt(
  base: Partial<ModelParams>,
  labels: readonly TimedLabel[],
  t: number,
  windowStart: number
): Partial<ModelParams> {
  const known: Record<LabelKind, TimeRange[]> = { incident: [], false_alarm: [] };
  labels.forEach((label, index) => {
    checkLabel(label, index);
    if (labelApplies(label, t, windowStart)) {
      known[label.kind].push([label.from, label.to]);
    }
  });
  const { incident, false_alarm } = known;
  if (incident.length === 0 && false_alarm.length === 0) {
    return base;
  }
  return {
    ...base,
    ...(incident.length > 0 && { exclude: [...(base.exclude ?? []), ...incident] }),
    ...(false_alarm.length > 0 && { false_alarms: [...(base.false_alarms ?? []), ...false_alarm] }),
  };
}

/** Whether `label` is known by `t` and its range touches a training window [windowStart, t). */
export function labelApplies(label: TimedLabel, t: number, windowStart: number): boolean {
  return label.knownAt <= t && label.to >= windowStart && label.from < t;
}

function checkLabel(label: TimedLabel, index: number): void {
  const { from, to, kind, knownAt } = label;
  if (![from, to, knownAt].every(Number.isFinite)) {
    throw new ModelInputError(`label ${index}: from, to and knownAt must be finite numbers`);
  }
  if (to < from) {
    throw new ModelInputError(`label ${index}: range [${from}, ${to}] ends before it starts`);
  }
  if (kind !== 'incident' && kind !== 'false_alarm') {
    throw new ModelInputError(`label ${index}: kind must be "incident" or "false_alarm", got ${JSON.stringify(kind)}`);
  }
}
