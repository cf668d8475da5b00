/** Views over a scored corpus for the report: per category, the files that lose most, event metrics. */
import { baselineScores, eventMetrics, EventMetrics, FileOutcome, totalOutcome, weightedScore } from './outcome';
import { PROFILES } from './profiles';
import { normalisedScore, ProfileResult } from './scorer';

export interface GroupScore {
  name: string;
  files: number;
  outcome: FileOutcome;
  score: number;
  normalised: number | null;
  events: EventMetrics;
}

function groupScore(name: string, outcomes: readonly FileOutcome[], result: ProfileResult): GroupScore {
  const profile = PROFILES[result.profile];
  const outcome = totalOutcome(outcomes, name);
  const score = weightedScore(outcome, profile);
  const { nullScore, perfectScore } = baselineScores(outcome, profile);
  return {
    name,
    files: outcomes.length,
    outcome,
    score,
    normalised: normalisedScore(score, nullScore, perfectScore),
    events: eventMetrics(outcome),
  };
}

/** The corpus as one group, at the profile's chosen threshold. */
export function corpusScore(result: ProfileResult): GroupScore {
  return groupScore('corpus', result.outcomes, result);
}

/** One group per category (the part of a file key before the first `/`), in first-seen order. */
export function categoryScores(result: ProfileResult): GroupScore[] {
  const groups = new Map<string, FileOutcome[]>();
  for (const outcome of result.outcomes) {
    const category = outcome.name.split('/')[0];
    const list = groups.get(category) ?? [];
    list.push(outcome);
    groups.set(category, list);
  }
  return [...groups].map(([name, outcomes]) => groupScore(name, outcomes, result));
}

export interface FileLoss {
  outcome: FileOutcome;
  score: number;
  /** Perfect score of the file minus its score: what it costs the corpus total. */
  loss: number;
  missedCost: number;
  fpCost: number;
  /** tp credit lost to late detections. */
  lateCost: number;
}

/** Files sorted by how far they fall short of their perfect score, worst first. */
export function filesByLoss(result: ProfileResult): FileLoss[] {
  const profile = PROFILES[result.profile];
  return result.outcomes
    .map((outcome) => {
      const score = weightedScore(outcome, profile);
      const { perfectScore } = baselineScores(outcome, profile);
      return {
        outcome,
        score,
        loss: perfectScore - score,
        missedCost: profile.fn * outcome.missed + profile.tp * outcome.missedCredit,
        fpCost: profile.fp * outcome.fpCost,
        lateCost: profile.tp * (outcome.bestCredit - outcome.missedCredit - outcome.tpCredit),
      };
    })
    .sort((a, b) => b.loss - a.loss);
}
