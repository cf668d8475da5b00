/**
 * What a selection's winner serves as. A decomposition that wins serves inside the ensemble when the ensemble's
 * members include it: the ensemble's expectation and band are its decomposition's, which is all the error
 * objective compares, so that ranking would not change (it scores the decomposition alone, one fit per cutoff
 * instead of one per member), while its verdicts are the better detector's (NAB online 61.4 against 54.8 for the
 * decomposition alone; bench/results/family-ensemble.md). With labels the label score is still the decomposition's
 * own held-out alarms, not the ensemble's.
 */
import { resolveParams } from '../params';
import type { ModelParams } from '../types';
import type { CandidateSpec } from './candidates';

/** The `model` and combination to set over the caller's parameters for the winner to serve. */
export function servingOverrides(winner: CandidateSpec, params: Partial<ModelParams>): Partial<ModelParams> {
  const { ensemble_members } = resolveParams({ ...params, ...winner.combination, model: 'ensemble' });
  const model =
    winner.family === 'decomposition' && ensemble_members.includes('decomposition') ? 'ensemble' : winner.family;
  return { ...winner.combination, model };
}
