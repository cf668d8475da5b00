/** `model: 'auto'`: select (or take a selection made earlier) and fit the winner on the whole series. */
import type { FamilyName, FittedFamily } from '../families/family';
import { familyOf } from '../families/registry';
import { resolveParams } from '../params';
import type { Kernels, ModelParams } from '../types';
import { selectModel, type SelectionResult } from './select';
import { servingOverrides } from './serving';
import { summarizeSelection } from './summary';

/**
 * Fits the winner of `selection` (run now when absent) with the caller's parameters plus the winner's combination,
 * as what it serves as (serving.ts: a decomposition inside the ensemble); the fitted model carries the selection's
 * summary.
 */
export function fitAuto(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels,
  selection?: SelectionResult
): FittedFamily {
  // Labelled false alarms in the parameters also steer the choice (labelObjective.ts).
  const falseAlarms = params.false_alarms ?? [];
  const labels = falseAlarms.length > 0 ? { incidents: [], false_alarms: falseAlarms } : undefined;
  const result = selection ?? selectModel(timestamps, values, params, { kernels, labels });
  const resolved = resolveParams({ ...params, ...servingOverrides(result.winner, params) });
  const fitted = familyOf(resolved.model as FamilyName).fit(timestamps, values, resolved, kernels);
  return { ...fitted, selection: summarizeSelection(result) };
}
