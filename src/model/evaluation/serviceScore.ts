import { ModelInputError } from '../index';

/** Which violation criterion decides first when ranking models for a service. */
export type ServicePriority = 'count' | 'magnitude';

/** The violation figures a ranking needs (a `MetricSummary` has them). */
export interface ViolationStats {
  /** Share of scored rows outside the band (a count normalised by rows, so runs of any length compare). */
  violationRate: number;
  /** Mean distance outside the band in band widths; null (no usable width) ranks last. */
  violationMagnitudeBand: number | null;
}

export interface ServiceScoreOptions {
  /** Decide by violation rate first ('count', default) or by magnitude first; the other breaks near-ties. */
  priority?: ServicePriority;
  /**
   * Relative near-tie on the first criterion: values within `tolerance × best` of the best remaining
   * value are tied and ordered by the second. Default 0.05; 0 means exact ties only.
   */
  tolerance?: number;
  /**
   * Instead of lexicographic order, rank by the single cost weight × rate + (1 − weight) × magnitude,
   * weight in [0, 1] (1 = count only, 0 = magnitude only). Near-ties of the cost (same `tolerance`)
   * are ordered by the priority's first criterion.
   */
  weight?: number;
}

export const DEFAULT_SERVICE_TOLERANCE = 0.05;

/** Single-number cost of the weighted mode (lower is better). */
export function serviceCost(stats: ViolationStats, weight: number): number {
  const magnitudePart = weight === 1 ? 0 : (1 - weight) * magnitudeOf(stats);
  return weight * stats.violationRate + magnitudePart;
}

/**
 * Orders candidates best first by the service's priority; returns their indices. Deterministic: equal
 * candidates keep input order. Near-ties are grouped from the best value down (each group spans
 * [p, p × (1 + tolerance)] from its best member p), so the order is well defined even though
 * "within tolerance" is not transitive.
 */
export function rankByService(candidates: ViolationStats[], options: ServiceScoreOptions = {}): number[] {
  const priority = options.priority ?? 'count';
  const tolerance = options.tolerance ?? DEFAULT_SERVICE_TOLERANCE;
  if (priority !== 'count' && priority !== 'magnitude') {
    throw new ModelInputError(`priority must be "count" or "magnitude", got ${JSON.stringify(priority)}`);
  }
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new ModelInputError(`tolerance must be a number ≥ 0, got ${String(tolerance)}`);
  }
  const [first, second] = priority === 'count' ? [rateOf, magnitudeOf] : [magnitudeOf, rateOf];
  const { weight } = options;
  let primary = first;
  let secondary = second;
  if (weight !== undefined) {
    if (!(Number.isFinite(weight) && weight >= 0 && weight <= 1)) {
      throw new ModelInputError(`weight must be in [0, 1], got ${String(weight)}`);
    }
    primary = (s) => serviceCost(s, weight);
    secondary = first;
  }
  const byPrimary = candidates
    .map((_, i) => i)
    .sort((a, b) => compareNumbers(primary(candidates[a]), primary(candidates[b])) || a - b);
  const ranked: number[] = [];
  let start = 0;
  while (start < byPrimary.length) {
    const best = primary(candidates[byPrimary[start]]);
    const limit = Number.isFinite(best) ? best + Math.abs(best) * tolerance : best;
    let end = start + 1;
    while (end < byPrimary.length && primary(candidates[byPrimary[end]]) <= limit) {
      end++;
    }
    const group = byPrimary.slice(start, end);
    group.sort(
      (a, b) =>
        compareNumbers(secondary(candidates[a]), secondary(candidates[b])) ||
        compareNumbers(primary(candidates[a]), primary(candidates[b])) ||
        a - b
    );
    ranked.push(...group);
    start = end;
  }
  return ranked;
}

function rateOf(s: ViolationStats): number {
  return s.violationRate;
}

function magnitudeOf(s: ViolationStats): number {
  return s.violationMagnitudeBand ?? Infinity;
}

/** Ascending, Infinity last, no NaN arithmetic. */
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
