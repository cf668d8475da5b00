/**
 * Labels in automatic selection: a candidate that finds labelled incidents on held-out points gains, one that
 * raises alarms on labelled false alarms loses. People's labels are the one ground truth selection has, so they
 * decide first; the statistical objective orders candidates the labels leave tied (usually all of them: labels
 * rarely fall in the few held-out days).
 */
import type { LabelMetrics } from '../evaluation/labels';

/**
 * A found incident outweighs two repeated false alarms. Missing an incident is the costlier mistake (NAB's
 * standard profile charges a missed window about nine false positives), but one found incident must not buy
 * unlimited noise on ranges people already called false: at 2 : 1 a candidate may repeat at most two labelled
 * false alarms for each extra incident it finds and still win.
 */
export const INCIDENT_FOUND_GAIN = 2;
export const FALSE_ALARM_COST = 1;

/** Higher is better: gain for incidents found less the cost of alarms on false alarms. */
export function labelScore(metrics: LabelMetrics): number {
  return INCIDENT_FOUND_GAIN * metrics.incidents_found - FALSE_ALARM_COST * metrics.alarms_on_false_alarms;
}

/** `order` (candidate indices, best first) re-sorted by label score, highest first; ties keep their order. */
export function rankByLabels(order: number[], scores: ReadonlyArray<number | undefined>): number[] {
  const at = new Map(order.map((index, position) => [index, position]));
  const score = (i: number) => scores[i] ?? -Infinity;
  return [...order].sort((a, b) => score(b) - score(a) || at.get(a)! - at.get(b)!);
}
