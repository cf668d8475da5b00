/**
 * What a detector did on one file at one threshold, as profile-free counts, so that the NAB score of
 * any profile is a weighted sum of them. Also event-level precision and recall:
 * - a window counts as detected when any row of it after the probationary period is a detection;
 * - a false-positive event is a run of consecutive detections outside every window (after the
 *   probationary period), however long; a run interrupted by a window is two events.
 */
import { CostProfile } from './profiles';
import { isScorableWindow, PreparedFile } from './rules';

export interface FileOutcome {
  name: string;
  /** Windows with at least one row after the probationary period. */
  windows: number;
  detected: number;
  missed: number;
  /** Sum over detected windows of their earliest detection's share of tp, each in (0, 1]. */
  tpCredit: number;
  /** The most tpCredit could be: each window flagged at its first row after the probationary period. */
  bestCredit: number;
  /** The part of bestCredit that belongs to missed windows. */
  missedCredit: number;
  fpRows: number;
  /** Sum over false-positive rows of their cost as a positive multiple of fp, each in (0, 1]. */
  fpCost: number;
  fpEvents: number;
  /** Sum over detected windows of (earliest detection − window start) / window width; 0 = at the start. */
  delaySum: number;
}

function emptyOutcome(name: string): FileOutcome {
  return {
    name,
    windows: 0,
    detected: 0,
    missed: 0,
    tpCredit: 0,
    bestCredit: 0,
    missedCredit: 0,
    fpRows: 0,
    fpCost: 0,
    fpEvents: 0,
    delaySum: 0,
  };
}

export function classifyAtThreshold({ file, scores, values }: PreparedFile, threshold: number): FileOutcome {
  const outcome = emptyOutcome(file.name);
  const earliest = new Int32Array(file.windows.length).fill(-1);
  let inFalseRun = false;
  for (let i = values.probation; i < file.rows; i++) {
    const w = values.windowOf[i];
    const detection = scores[i] >= threshold;
    if (w >= 0) {
      inFalseRun = false;
      if (detection && earliest[w] < 0) {
        earliest[w] = i;
      }
    } else if (detection) {
      outcome.fpRows++;
      outcome.fpCost -= values.value[i];
      if (!inFalseRun) {
        outcome.fpEvents++;
      }
      inFalseRun = true;
    } else {
      inFalseRun = false;
    }
  }
  file.windows.forEach((window, w) => {
    if (!isScorableWindow(window, values.probation)) {
      return;
    }
    outcome.windows++;
    const best = values.value[Math.max(window[0], values.probation)];
    outcome.bestCredit += best;
    if (earliest[w] < 0) {
      outcome.missed++;
      outcome.missedCredit += best;
      return;
    }
    outcome.detected++;
    outcome.tpCredit += values.value[earliest[w]];
    outcome.delaySum += (earliest[w] - window[0]) / (window[1] - window[0] + 1);
  });
  return outcome;
}

export function totalOutcome(outcomes: readonly FileOutcome[], name = 'total'): FileOutcome {
  const total = emptyOutcome(name);
  for (const o of outcomes) {
    total.windows += o.windows;
    total.detected += o.detected;
    total.missed += o.missed;
    total.tpCredit += o.tpCredit;
    total.bestCredit += o.bestCredit;
    total.missedCredit += o.missedCredit;
    total.fpRows += o.fpRows;
    total.fpCost += o.fpCost;
    total.fpEvents += o.fpEvents;
    total.delaySum += o.delaySum;
  }
  return total;
}

/** The raw NAB score of an outcome under a profile: tp·credit − fn·missed − fp·cost. */
export function weightedScore(outcome: FileOutcome, profile: CostProfile): number {
  return profile.tp * outcome.tpCredit - profile.fn * outcome.missed - profile.fp * outcome.fpCost;
}

/** Scores of the detector that flags nothing and of the one that flags each window's first scorable row. */
export function baselineScores(
  outcome: FileOutcome,
  profile: CostProfile
): { nullScore: number; perfectScore: number } {
  return { nullScore: 0 - profile.fn * outcome.windows, perfectScore: profile.tp * outcome.bestCredit };
}

export interface EventMetrics {
  /** detected / (detected + false-positive events); null when nothing was flagged. */
  precision: number | null;
  /** detected / windows; null when there is no window. */
  recall: number | null;
  f1: number | null;
  /** Mean of (earliest detection − window start) / width over detected windows; null when none. */
  meanDelay: number | null;
}

export function eventMetrics(outcome: FileOutcome): EventMetrics {
  const flagged = outcome.detected + outcome.fpEvents;
  const precision = flagged > 0 ? outcome.detected / flagged : null;
  const recall = outcome.windows > 0 ? outcome.detected / outcome.windows : null;
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : null;
  const meanDelay = outcome.detected > 0 ? outcome.delaySum / outcome.detected : null;
  return { precision, recall, f1, meanDelay };
}
