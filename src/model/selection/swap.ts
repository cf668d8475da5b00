/** When a challenger replaces the serving model, and the record each decision leaves. */
import { ModelInputError } from '../errors';
import type { FamilyName } from '../families/family';
import type { ModelParams } from '../types';
import type { RankedCandidate } from './select';

/**
 * A challenger must beat the incumbent's objective by this share of it: three cutoffs of a day of autocorrelated
 * points rank candidates noisily, and a swap on noise costs detection. On NAB online (`auto`, daily selections,
 * the decomposition serving inside the ensemble) the margin decided most of the score: 56.2 at 5%, 60.1 at 15%,
 * 60.5 at 30% (bench/results/family-ensemble.md, *The swap margin*).
 */
export const DEFAULT_SWAP_MARGIN = 0.3;

export interface TrailModel {
  family: FamilyName;
  combination: Partial<ModelParams>;
  /** Its objective on the compared cutoffs (null: not finite, e.g. no usable band). */
  score: number | null;
}

/** One decision: which models, both scores, when (series time, epoch ms), and whether the serving model changed. */
export interface SwapTrailEntry {
  at: number;
  incumbent: TrailModel;
  challenger: TrailModel;
  margin: number;
  swapped: boolean;
  /** With labels, both label scores (higher is better): unequal ones decide before the objective. */
  label_scores?: { incumbent: number; challenger: number };
}

export interface SwapDecision {
  /** The model that serves after the decision. */
  serving: RankedCandidate;
  swapped: boolean;
  trail: SwapTrailEntry;
}

export interface SwapOptions {
  /** When the decision is made, in series time (epoch ms). */
  at: number;
  /** Default DEFAULT_SWAP_MARGIN (30%). */
  margin?: number;
}

/**
 * The challenger replaces the incumbent only when both were scored on the same cutoffs (in one selection run),
 * the challenger's objective is below (1 − margin) × the incumbent's, and it is lower on every cutoff scored
 * for both: a win carried by some cutoffs is noise. On NAB's nyc_taxi (11 candidates, 167 daily selections) the
 * 5% margin alone swapped 64 times, with this rule 45 (41 at a 20% margin): the serving model still changes
 * often on short evaluation windows. Ties, a failed challenger and a non-finite challenger score keep the
 * incumbent; a failed or non-finite incumbent loses to any finite score. With labels, unequal label scores decide
 * first (the higher serves, see labelObjective.ts); equal ones leave the decision to the objective.
 */
export function decideSwap(
  incumbent: RankedCandidate,
  challenger: RankedCandidate,
  options: SwapOptions
): SwapDecision {
  const margin = checkedMargin(options.margin);
  if (!Number.isFinite(options.at)) {
    throw new ModelInputError(`a swap decision needs a finite time, got ${String(options.at)}`);
  }
  const a = incumbent.scores;
  const b = challenger.scores;
  if (a !== null && b !== null && !sameCutoffs(a.cutoffs, b.cutoffs)) {
    throw new ModelInputError(
      'incumbent and challenger were scored on different cutoffs; compare them in one selection'
    );
  }
  const incumbentScore = a !== null && Number.isFinite(a.objective) ? a.objective : null;
  const challengerScore = b !== null && Number.isFinite(b.objective) ? b.objective : null;
  const labelScores =
    a?.label_score !== undefined && b?.label_score !== undefined
      ? { incumbent: a.label_score, challenger: b.label_score }
      : undefined;
  const swapped =
    labelScores !== undefined && labelScores.incumbent !== labelScores.challenger
      ? labelScores.challenger > labelScores.incumbent
      : challengerScore !== null &&
        (incumbentScore === null ||
          (challengerScore < incumbentScore * (1 - margin) && winsEveryCutoff(a?.perCutoff, b?.perCutoff)));
  return {
    serving: swapped ? challenger : incumbent,
    swapped,
    trail: {
      at: options.at,
      incumbent: { family: incumbent.family, combination: incumbent.combination, score: incumbentScore },
      challenger: { family: challenger.family, combination: challenger.combination, score: challengerScore },
      margin,
      swapped,
      ...(labelScores !== undefined ? { label_scores: labelScores } : {}),
    },
  };
}

/** The margin, DEFAULT_SWAP_MARGIN when absent; ModelInputError unless in [0, 1). */
export function checkedMargin(margin: number = DEFAULT_SWAP_MARGIN): number {
  if (!(Number.isFinite(margin) && margin >= 0 && margin < 1)) {
    throw new ModelInputError(`the swap margin must be in [0, 1), got ${String(margin)}`);
  }
  return margin;
}

/** Whether the challenger's objective is lower on every cutoff scored for both (true without per-cutoff scores). */
function winsEveryCutoff(
  incumbent: ReadonlyArray<number | null> | undefined,
  challenger: ReadonlyArray<number | null> | undefined
): boolean {
  if (incumbent === undefined || challenger === undefined) {
    return true;
  }
  let both = 0;
  let wins = 0;
  incumbent.forEach((a, i) => {
    const b = challenger[i];
    if (a !== null && b !== null && b !== undefined) {
      both++;
      wins += b < a ? 1 : 0;
    }
  });
  return both === 0 || wins === both;
}

function sameCutoffs(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
