import { ALERTING_ALERT_FIELDS, ALERTING_DIRECTIONS, ALERTING_LIMITS } from '../shared/alerting';
import type { AlertingJson, ForesightQuery } from '../shared/types';
import { NumberBounds, parseBoundedNumber } from './components/NumberField/parseBoundedNumber';

/** The bounds the contract sets on each number of a query's `alerting` object; the editor's boxes use them too. */
export const ALERTING_BOUNDS = {
  minAbsolute: { min: 0 },
  minRelative: { min: 0 },
  window: { min: 1, integer: true },
  required: { min: 1, integer: true },
  pastWeeks: { min: ALERTING_LIMITS.minPastWeeks, max: ALERTING_LIMITS.maxPastWeeks, integer: true },
} as const satisfies Record<string, NumberBounds>;

function numberProblem(name: string, value: unknown, bounds: NumberBounds = {}): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = typeof value === 'number' ? parseBoundedNumber(String(value), bounds) : undefined;
  return parsed?.ok ? undefined : `alerting.${name}: ${parsed?.error ?? 'Enter a number'}`;
}

function settingsProblem(alerting: AlertingJson): string | undefined {
  if (alerting.direction !== undefined && !ALERTING_DIRECTIONS.includes(alerting.direction)) {
    return `alerting.direction: "${String(alerting.direction)}" is not one of ${ALERTING_DIRECTIONS.join(', ')}`;
  }
  const { persistence } = alerting;
  const problem =
    numberProblem('minAbsolute', alerting.minAbsolute, ALERTING_BOUNDS.minAbsolute) ??
    numberProblem('minRelative', alerting.minRelative, ALERTING_BOUNDS.minRelative) ??
    numberProblem('persistence.window', persistence?.window, ALERTING_BOUNDS.window) ??
    numberProblem('persistence.required', persistence?.required, ALERTING_BOUNDS.required) ??
    numberProblem('thresholdAbove', alerting.thresholdAbove) ??
    numberProblem('thresholdBelow', alerting.thresholdBelow) ??
    numberProblem('pastWeeks', alerting.pastWeeks, ALERTING_BOUNDS.pastWeeks);
  if (problem) {
    return problem;
  }
  if (persistence && persistence.required > persistence.window) {
    return `Persistence: ${persistence.required} required points cannot exceed the window of ${persistence.window}`;
  }
  return undefined;
}

/**
 * Why a query's alerting settings cannot run, worded like the backend's refusal, or undefined. An alert on
 * threshold_breach without a threshold would never fire, so it is refused rather than left silent.
 */
export function alertingProblem(query: ForesightQuery): string | undefined {
  const settings = query.alerting ? settingsProblem(query.alerting) : undefined;
  if (settings || query.mode !== 'alert' || query.alertField === undefined) {
    return settings;
  }
  if (!ALERTING_ALERT_FIELDS.includes(query.alertField)) {
    return `Alert field "${String(query.alertField)}" is not one of ${ALERTING_ALERT_FIELDS.join(', ')}`;
  }
  const hasThreshold = query.alerting?.thresholdAbove !== undefined || query.alerting?.thresholdBelow !== undefined;
  if (query.alertField === 'threshold_breach' && !hasThreshold) {
    return 'Alert field threshold_breach needs a threshold above or below (Alerting section)';
  }
  return undefined;
}
