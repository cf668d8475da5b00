/** Automatic selection among model families and the rule for swapping the serving model. */
export {
  selectModel,
  objectiveValue,
  DEFAULT_SELECTION_MAX_FITS,
  DEFAULT_SELECTION_CUTOFFS,
  DEFAULT_SELECTION_HISTORY_DAYS,
} from './select';
export type { CandidateScores, RankedCandidate, SelectionBand, SelectionOptions, SelectionResult } from './select';
export { selectionCandidates, describeCandidate, candidateKey } from './candidates';
export type { Candidate, CandidateSpec } from './candidates';
export { parseObjective, objectiveText, DEFAULT_OBJECTIVE } from './objective';
export type { SelectionObjective } from './objective';
export { decideSwap, DEFAULT_SWAP_MARGIN } from './swap';
export { servingOverrides } from './serving';
export type { SwapDecision, SwapOptions, SwapTrailEntry, TrailModel } from './swap';
export { summarizeSelection, SUMMARY_RANKING_LIMIT } from './summary';
export type { SelectionSummary, SummaryEntry } from './summary';
