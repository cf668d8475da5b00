/**
 * The objective automatic selection minimises, as a query writes it (`selection_objective`). Parsing only:
 * params.ts validates with it, so it imports nothing that imports the parameters.
 */
import { ModelInputError } from '../errors';
import type { SelectionObjectiveText } from '../types';

/**
 * 'violations': share of points outside the band first, distance outside breaking near-ties;
 * 'magnitude': the reverse; 'weighted': one cost, weight × share + (1 − weight) × distance.
 */
export type SelectionObjective = { kind: 'violations' } | { kind: 'magnitude' } | { kind: 'weighted'; weight: number };

export const DEFAULT_OBJECTIVE: SelectionObjectiveText = 'violations';

const WEIGHTED = /^weighted:(\d+(\.\d*)?|\.\d+)$/;

/** Reads 'violations', 'magnitude' or 'weighted:W' (W in [0, 1]); ModelInputError otherwise. */
export function parseObjective(text: unknown): SelectionObjective {
  if (text === 'violations' || text === 'magnitude') {
    return { kind: text };
  }
  const match = typeof text === 'string' ? WEIGHTED.exec(text) : null;
  const weight = match ? Number(match[1]) : NaN;
  if (!(weight >= 0 && weight <= 1)) {
    throw new ModelInputError(
      `selection_objective must be "violations", "magnitude" or "weighted:W" with W in [0, 1], got ${JSON.stringify(text)}`
    );
  }
  return { kind: 'weighted', weight };
}

export function objectiveText(objective: SelectionObjective): SelectionObjectiveText {
  return objective.kind === 'weighted' ? `weighted:${objective.weight}` : objective.kind;
}
