/**
 * Several families judging together. Each member fits the series with the same parameters; a point is as
 * unusual as at least half the members say (its score is the k-th largest member score, or when all must agree
 * the harmonic mean of their scores; see agreementOf and combineVerdicts), and is an outlier only where that many
 * flag it on the same side. The expectation and band drawn are the decomposition's when it is a member (it
 * forecasts: trend, holidays, short-term memory; the members' mean forecast the next hour of yosemite 4.2 times
 * and of pedestrians 1.8 times worse), else the members' medians.
 * Measured on NAB: the vote of the decomposition, past and autoregressive families beat each of them alone, and
 * the decomposition with past both agreeing beat the decomposition (see bench/results/family-ensemble.md):
 * families fail on different series, and a majority rarely fails together.
 */
import { ModelInputError, ModelSettingsError } from '../errors';
import { handOn, resolveParams } from '../params';
import { SharedTraining } from '../sharedTraining';
import type { Kernels, ModelParams, Prediction } from '../types';
import { decompositionAloneDays } from './decompositionDays';
import type { FamilyName, FittedFamily, ModelFamily } from './family';
import {
  ENSEMBLE_MEMBER_FAMILIES,
  ENSEMBLE_VERSION,
  ensembleOf,
  memberFamily as familyOf,
  type FittedEnsemble,
} from './ensembleMembers';
import { updatableMembers, updateEnsemble } from './ensembleUpdate';

export { ENSEMBLE_MEMBER_FAMILIES, ENSEMBLE_VERSION, type FittedEnsemble };

/**
 * How many of `members` must call a point unusual: at least half, and both of two. On NAB (dumped runs of the
 * four families, bench/nab/combine.ts) 2 of 4 scored 62.0 standard against 57.5 for 3 of 4, and 2 of 3 61.9.
 */
export function agreementOf(members: number): number {
  return members === 2 ? 2 : Math.ceil(members / 2);
}

function fitEnsemble(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels
): FittedEnsemble {
  const resolved = resolveParams(params);
  const members: FittedFamily[] = [];
  const leftOut: FittedEnsemble['left_out'] = [];
  // Members keep the statistics an update reads only when every member can be updated (ensembleUpdate.ts).
  const updatable = updatableMembers(resolved.ensemble_members);
  // Members fit the same points with the same exclusions: their common training preparation is done once.
  const shared = new SharedTraining(timestamps, values, resolved.exclude, kernels);
  for (const name of resolved.ensemble_members) {
    try {
      members.push(familyOf(name).fit(timestamps, values, handOn(resolved, name), kernels, { updatable, shared }));
    } catch (error) {
      // A member the data refuses is left out; bad settings (a parameter, a size limit) fail the fit, not quietly
      // leave the other members to judge.
      if (!(error instanceof ModelInputError) || error instanceof ModelSettingsError) {
        throw error;
      }
      leftOut.push({ family: name, reason: error.message });
    }
  }
  if (members.length === 0) {
    // The input's own fault (too few points, ...) is every member's: said once, as a single model says it.
    const reasons = new Set(leftOut.map((l) => l.reason));
    throw new ModelInputError(
      reasons.size === 1 && leftOut.length > 1
        ? leftOut[0].reason
        : `no member of the ensemble could be fitted: ${leftOut.map((l) => `${l.family}: ${l.reason}`).join('; ')}`
    );
  }
  return ensembleOf(resolved, members, leftOut);
}

/** The members' arrays one after another, as combineVerdicts takes them. */
function stacked(parts: Array<ArrayLike<number>>, n: number): Float64Array {
  const out = new Float64Array(parts.length * n);
  parts.forEach((p, j) => out.set(p, j * n));
  return out;
}

function predictEnsemble(
  fitted: FittedEnsemble,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  kernels: Kernels
): Prediction {
  const predictions = fitted.members.map((m) => familyOf(m.family).predict(m, timestamps, values, kernels));
  const first = predictions[0];
  const m = predictions.length;
  const n = first.timestamps.length;
  const stack = (parts: Array<ArrayLike<number>>) => stacked(parts, n);
  const outlier = new Int8Array(m * n);
  predictions.forEach((p, j) => outlier.set(p.outlier, j * n));
  // The decomposition leads: its expectation and band are drawn. On a holiday the families that model no
  // holidays would judge it against ordinary days, and on a first weekend against work days: the
  // decomposition's verdict (with its learned effect, or the wider band of a day it has not learned) stands
  // there alone.
  const decomposition = fitted.members.findIndex((member) => member.family === 'decomposition');
  const alone =
    decomposition >= 0 ? decompositionAloneDays(fitted.members[decomposition], predictions[decomposition]) : null;
  const combined = {
    yhat: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
    outlier: new Int8Array(n),
    score: new Float64Array(n),
  };
  kernels.combineVerdicts(
    {
      yhat: stack(predictions.map((p) => p.yhat)),
      lower: stack(predictions.map((p) => p.yhat_lower)),
      upper: stack(predictions.map((p) => p.yhat_upper)),
      outlier,
      score: stack(predictions.map((p) => p.score)),
    },
    m,
    agreementOf(m),
    alone,
    decomposition,
    combined
  );
  const components = decomposition >= 0 ? predictions[decomposition] : first;
  const out: Prediction = {
    timestamps: first.timestamps,
    yhat: combined.yhat,
    yhat_lower: combined.lower,
    yhat_upper: combined.upper,
    outlier: combined.outlier,
    score: combined.score,
    // Components are the lead's (the decomposition's, which draws the expectation), else the first member's.
    trend: components.trend,
    seasonal: components.seasonal,
    holidays: components.holidays,
  };
  return out;
}

/**
 * Members' update statistics (the decomposition's `incremental`) are lifted to the ensemble's own `incremental`,
 * by family, so the host stores them apart from the model text (registry.ts serializeModelParts).
 */
function toJson(fitted: FittedEnsemble, kernels: Kernels): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  const members = fitted.members.map((m) => {
    const { incremental, ...json } = familyOf(m.family).toJson(m, kernels);
    if (incremental !== undefined) {
      state[m.family] = incremental;
    }
    return json;
  });
  return { ...fitted, members, ...(Object.keys(state).length > 0 ? { incremental: state } : {}) };
}

function fromJson(data: Record<string, unknown>, kernels: Kernels): FittedEnsemble {
  if (data.version !== ENSEMBLE_VERSION) {
    throw new ModelInputError(
      `serialized ensemble version ${String(data.version)} is not supported (this Foresight reads version ${ENSEMBLE_VERSION}); fit the model again`
    );
  }
  const { incremental: rawState, ...rest } = data;
  const members = rest.members;
  if (!Array.isArray(members) || members.length === 0 || !rest.params || !Array.isArray(rest.left_out)) {
    throw new ModelInputError('serialized ensemble is incomplete');
  }
  // Distinct families, as the params allow: the vote's work grows with the square of the member count.
  const names = members.map((m: unknown) =>
    m !== null && typeof m === 'object' ? (m as { family?: unknown }).family : m
  );
  if (members.length > ENSEMBLE_MEMBER_FAMILIES.length || new Set(names).size !== names.length) {
    throw new ModelInputError('serialized ensemble must hold distinct member families');
  }
  if (rawState !== undefined && (rawState === null || typeof rawState !== 'object' || Array.isArray(rawState))) {
    throw new ModelInputError("serialized ensemble's update statistics are not an object");
  }
  const state = (rawState ?? {}) as Record<string, unknown>;
  const restored = members.map((member: unknown) => {
    if (member === null || typeof member !== 'object') {
      throw new ModelInputError('serialized ensemble has a member that is not an object');
    }
    const o = member as Record<string, unknown>;
    const name = (o.family ?? 'decomposition') as FamilyName;
    if (!(ENSEMBLE_MEMBER_FAMILIES as readonly string[]).includes(name)) {
      throw new ModelInputError(`serialized ensemble has a member of unknown family ${JSON.stringify(o.family)}`);
    }
    const memberState = Object.prototype.hasOwnProperty.call(state, name) ? state[name] : undefined;
    return familyOf(name).fromJson(memberState === undefined ? o : { ...o, incremental: memberState }, kernels);
  });
  return { ...(rest as unknown as FittedEnsemble), family: 'ensemble', members: restored };
}

export const ensembleFamily: ModelFamily<FittedEnsemble> = {
  name: 'ensemble',
  version: ENSEMBLE_VERSION,
  fit: fitEnsemble,
  predict: predictEnsemble,
  update: updateEnsemble,
  toJson,
  fromJson,
};
