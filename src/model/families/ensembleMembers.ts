/** The families an ensemble may hold and the fitted ensemble's shape, shared by its fit and its update. */
import { ModelInputError } from '../errors';
import type { ModelParams } from '../types';
import type { FamilyName, FittedFamily, ModelFamily } from './family';
import { autoregressiveFamily } from './autoregressive';
import { decompositionFamily } from './decomposition';
import { holtWintersFamily } from './holtWinters';
import { neuralFamily } from './neural';
import { pastFamily } from './past';

export const ENSEMBLE_VERSION = 1;

export type MemberName = Exclude<FamilyName, 'ensemble'>;

/** Every family but the ensemble (imported here, not through the registry, which holds the ensemble). */
const MEMBERS: { [K in MemberName]: ModelFamily } = {
  decomposition: decompositionFamily as unknown as ModelFamily,
  past: pastFamily as unknown as ModelFamily,
  autoregressive: autoregressiveFamily as unknown as ModelFamily,
  holt_winters: holtWintersFamily as unknown as ModelFamily,
  neural: neuralFamily as unknown as ModelFamily,
};

export const ENSEMBLE_MEMBER_FAMILIES = Object.keys(MEMBERS) as readonly MemberName[];

export function memberFamily(name: FamilyName): ModelFamily {
  const family = (MEMBERS as Record<string, ModelFamily | undefined>)[name];
  if (family === undefined) {
    throw new ModelInputError(`an ensemble cannot hold a ${name} model`);
  }
  return family;
}

export interface FittedEnsemble extends FittedFamily {
  family: 'ensemble';
  members: FittedFamily[];
  /** Members whose fit the data refused (too short a history for a period, ...), and why. */
  left_out: Array<{ family: FamilyName; reason: string }>;
}

/** The ensemble of fitted members: its history spans theirs, and it trained on as many points as the most. */
export function ensembleOf(
  params: ModelParams,
  members: FittedFamily[],
  leftOut: FittedEnsemble['left_out']
): FittedEnsemble {
  return {
    family: 'ensemble',
    version: ENSEMBLE_VERSION,
    params,
    history_start: Math.min(...members.map((m) => m.history_start)),
    history_end: Math.max(...members.map((m) => m.history_end)),
    n_train: Math.max(...members.map((m) => m.n_train)),
    members,
    left_out: leftOut,
  };
}
