/** The models automatic selection compares: each registered family times its own small parameter grid. */
import { expandGrid, type ParamGrid } from '../evaluation/tune';
import { withContext } from '../evaluation/withContext';
import type { FamilyName } from '../families/family';
import { familyOf } from '../families/registry';
import { resolveParams } from '../params';
import type { ModelParams } from '../types';

/** One family with some of its parameters set. */
export interface CandidateSpec {
  family: FamilyName;
  /** The grid values this candidate sets (only the varied keys). */
  combination: Partial<ModelParams>;
}

export interface Candidate extends CandidateSpec {
  /** The caller's parameters with the combination and family applied: what a fit of this candidate takes. */
  params: Partial<ModelParams>;
}

/**
 * Every family in `families` once per combination of its `selectionGrid` (in registry, then grid order, so
 * each family's defaults come first and win exact ties), then any `extra` candidate not already listed (an
 * incumbent from an earlier grid). A grid key the caller set in `base` is not varied: the caller's value holds.
 * Every candidate's parameters are validated before any fit.
 */
export function selectionCandidates(
  base: Partial<ModelParams>,
  families: readonly FamilyName[],
  extra: readonly CandidateSpec[] = []
): Candidate[] {
  const specs: CandidateSpec[] = [];
  for (const family of families) {
    const grid = unsetKeys(familyOf(family).selectionGrid ?? {}, base);
    const combinations = Object.keys(grid).length > 0 ? expandGrid(grid) : [{}];
    specs.push(...combinations.map((combination) => ({ family, combination })));
  }
  const seen = new Set(specs.map(candidateKey));
  for (const spec of extra) {
    if (!seen.has(candidateKey(spec))) {
      seen.add(candidateKey(spec));
      specs.push({ family: spec.family, combination: { ...spec.combination } });
    }
  }
  return specs.map((spec) => {
    const params: Partial<ModelParams> = { ...base, ...spec.combination, model: spec.family };
    withContext(`candidate ${describeCandidate(spec)}`, () => resolveParams(params));
    return { ...spec, params };
  });
}

/** Identity of a candidate: its family and combination, keys in sorted order. */
export function candidateKey(spec: CandidateSpec): string {
  const keys = Object.keys(spec.combination).sort();
  return JSON.stringify([spec.family, keys.map((k) => [k, (spec.combination as Record<string, unknown>)[k]])]);
}

/** "decomposition {changepoint_prior_scale: 0.5}" for messages and tables. */
export function describeCandidate(spec: CandidateSpec): string {
  const parts = Object.entries(spec.combination).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return parts.length > 0 ? `${spec.family} {${parts.join(', ')}}` : spec.family;
}

function unsetKeys(grid: ParamGrid, base: Partial<ModelParams>): ParamGrid {
  return Object.fromEntries(
    Object.entries(grid).filter(([key]) => (base as Record<string, unknown>)[key] === undefined)
  ) as ParamGrid;
}
