import { DurationError, parseDuration } from '../shared/duration';
import { WARNING_LIMITS } from '../shared/contract.gen';
import type { ForesightQuery } from '../shared/types';

const HOUR_MS = 3_600_000;

/** A threshold the backend would read: a finite number, a numeric string, or a dashboard variable still to fill. */
function levelProblem(name: string, value: unknown): string | undefined {
  const ok =
    typeof value === 'number'
      ? Number.isFinite(value)
      : typeof value === 'string' && (value.includes('$') || (value.trim() !== '' && Number.isFinite(Number(value))));
  return ok
    ? undefined
    : `warning.${name} must be a number or a dashboard variable holding one, got ${JSON.stringify(value)}`;
}

/**
 * Why a query's warning object cannot run, worded as pkg/models refuses it, or undefined. A variable ($name) in a
 * threshold is left for the backend, which sees it filled in.
 */
export function warningProblem(query: ForesightQuery): string | undefined {
  const w = query.warning;
  if (w === undefined) {
    if (query.alertField === 'breach_eta' || query.alertField === 'breach_probability') {
      return `alertField ${query.alertField} needs a warning object (warning.above, warning.below or warning.rule)`;
    }
    return undefined;
  }
  for (const name of ['above', 'below'] as const) {
    const problem = w[name] === undefined ? undefined : levelProblem(name, w[name]);
    if (problem) {
      return problem;
    }
  }
  const [above, below] = [Number(w.above), Number(w.below)];
  if (w.above !== undefined && w.below !== undefined && below >= above) {
    return `warning.below (${below}) must be less than warning.above (${above})`;
  }
  if (w.leadTime !== undefined) {
    const problem = leadTimeProblem(w.leadTime);
    if (problem) {
      return problem;
    }
  }
  const hasThreshold = w.above !== undefined || w.below !== undefined;
  if (w.rule !== undefined && hasThreshold) {
    return "warning.rule and warning.above/below are exclusive: the rule's threshold is the one warned about";
  }
  if (!hasThreshold && !w.rule?.uid) {
    return 'warning needs above, below or rule.uid: without a threshold nothing can be warned about';
  }
  return undefined;
}

/** Why a lead time would be refused: not in the product's duration grammar (6h, 90m, 2d, 1d12h), or too long. */
function leadTimeProblem(text: string): string | undefined {
  let lead: number;
  try {
    lead = parseDuration(text);
  } catch (e) {
    if (e instanceof DurationError) {
      return `warning.leadTime ${e.message}`;
    }
    throw e;
  }
  return lead > WARNING_LIMITS.maxLeadHours * HOUR_MS
    ? `warning.leadTime must be at most ${WARNING_LIMITS.maxLeadHours}h`
    : undefined;
}
