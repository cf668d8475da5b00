/** What a model chosen by `model: 'auto'` keeps of its selection: small, plain JSON, saved with the model. */
import { ModelInputError } from '../errors';
import type { FamilyName } from '../families/family';
import type { ModelParams, SelectionObjectiveText } from '../types';
import type { SelectionResult } from './select';

/** Candidates a summary keeps, best first (a model's size stays bounded whatever the grid). */
export const SUMMARY_RANKING_LIMIT = 10;

export interface SummaryEntry {
  family: FamilyName;
  combination: Partial<ModelParams>;
  /** The objective (lower is better); null when the candidate failed or its score is not finite. */
  score: number | null;
  violationRate: number | null;
  error?: string;
}

export interface SelectionSummary {
  /** The family was chosen by selection, not named by the query. */
  automatic: true;
  objective: SelectionObjectiveText;
  candidates: number;
  fits: number;
  cutoffs: number;
  winner: SummaryEntry;
  ranking: SummaryEntry[];
  /** Why no comparison was made; the winner then served untested. */
  fallback?: string;
}

export function summarizeSelection(result: SelectionResult): SelectionSummary {
  const entry = (c: SelectionResult['winner']): SummaryEntry => ({
    family: c.family,
    combination: c.combination,
    score: c.scores !== null && Number.isFinite(c.scores.objective) ? c.scores.objective : null,
    violationRate: c.scores?.violationRate ?? null,
    ...(c.error !== undefined ? { error: c.error } : {}),
  });
  return {
    automatic: true,
    objective: result.objective,
    candidates: result.ranking.length,
    fits: result.fits,
    cutoffs: result.cutoffs.length,
    winner: entry(result.winner),
    ranking: result.ranking.slice(0, SUMMARY_RANKING_LIMIT).map(entry),
    ...(result.fallback !== undefined ? { fallback: result.fallback } : {}),
  };
}

/** Checks a saved summary's shape; undefined stays undefined. */
export function readSelectionSummary(raw: unknown): SelectionSummary | undefined {
  if (raw === undefined || raw === null) {
    return undefined;
  }
  const s = raw as Partial<SelectionSummary>;
  const entryOk = (e: unknown) => e !== null && typeof e === 'object' && typeof (e as SummaryEntry).family === 'string';
  if (
    typeof raw !== 'object' ||
    s.automatic !== true ||
    typeof s.objective !== 'string' ||
    !entryOk(s.winner) ||
    !Array.isArray(s.ranking) ||
    s.ranking.length > SUMMARY_RANKING_LIMIT ||
    !s.ranking.every(entryOk)
  ) {
    throw new ModelInputError('serialized model has a malformed selection summary');
  }
  return s as SelectionSummary;
}
