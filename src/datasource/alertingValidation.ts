import { CoreApp } from '@grafana/data';

import { ALERT_DIRECTIONS, ALERT_FIELDS, ALERTING_LIMITS } from '../shared/contract.gen';
import type { AlertingJson, ForesightQuery } from '../shared/types';
import type { NumberBounds } from './components/NumberField/parseBoundedNumber';

/** Whether a query editor or new query belongs to an alert rule (Grafana names the app it runs in). */
export function isAlertRuleApp(app: CoreApp | string | undefined): boolean {
  return app === CoreApp.UnifiedAlerting || app === CoreApp.CloudAlerting;
}

/** The bounds pkg/models sets on each number of a query's `alerting` object; the editor's boxes use them too. */
export const ALERTING_BOUNDS = {
  minAbsolute: { min: 0 },
  minRelative: { min: 0 },
  window: { min: 1, max: ALERTING_LIMITS.maxPersistenceWindow, integer: true },
  required: { min: 1, integer: true },
  pastWeeks: { min: ALERTING_LIMITS.minPastWeeks, max: ALERTING_LIMITS.maxPastWeeks, integer: true },
} as const satisfies Record<string, NumberBounds>;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const whole = (v: unknown, min: number, max: number) => finite(v) && Number.isInteger(v) && v >= min && v <= max;

// Each check and its wording follow models.Query's validateAlerting, so the editor says what the backend would.
function settingsProblem(a: AlertingJson): string | undefined {
  if (a.direction !== undefined && !ALERT_DIRECTIONS.includes(a.direction)) {
    return `alerting.direction "${String(a.direction)}" is not one of ${ALERT_DIRECTIONS.join(', ')}`;
  }
  for (const name of ['minAbsolute', 'minRelative'] as const) {
    const v = a[name];
    if (v !== undefined && !(finite(v) && v >= 0)) {
      return `alerting.${name} must be a finite number >= 0, got ${String(v)}`;
    }
  }
  for (const name of ['thresholdAbove', 'thresholdBelow'] as const) {
    const v = a[name];
    if (v !== undefined && !finite(v)) {
      return `alerting.${name} must be a finite number, got ${String(v)}`;
    }
  }
  if (a.thresholdAbove !== undefined && a.thresholdBelow !== undefined && a.thresholdBelow > a.thresholdAbove) {
    return `alerting.thresholdBelow (${a.thresholdBelow}) must not exceed alerting.thresholdAbove (${a.thresholdAbove})`;
  }
  const { minPastWeeks, maxPastWeeks, maxPersistenceWindow } = ALERTING_LIMITS;
  // 0 is the default, as absent is (models.Alerting.Resolved); the explicit weeks are minPastWeeks..maxPastWeeks.
  if (a.pastWeeks !== undefined && a.pastWeeks !== 0 && !whole(a.pastWeeks, minPastWeeks, maxPastWeeks)) {
    return `alerting.pastWeeks must be a whole number between ${minPastWeeks} and ${maxPastWeeks} (vs_past is the median of at least ${minPastWeeks}), got ${String(a.pastWeeks)}`;
  }
  const p = a.persistence;
  if (p && !whole(p.window, 1, maxPersistenceWindow)) {
    return `alerting.persistence.window must be between 1 and ${maxPersistenceWindow} points, got ${String(p.window)}`;
  }
  if (p && !whole(p.required, 1, p.window)) {
    return `alerting.persistence.required must be between 1 and window (${p.window}), got ${String(p.required)}`;
  }
  return undefined;
}

/**
 * Why a query's alert field or alerting settings cannot run, worded as the backend refuses them, or undefined.
 * An alert on threshold_breach without a threshold would never fire, so it is refused rather than left silent.
 */
export function alertingProblem(query: ForesightQuery): string | undefined {
  if (query.alertField !== undefined && !ALERT_FIELDS.includes(query.alertField)) {
    return `alertField "${String(query.alertField)}" is not one of ${ALERT_FIELDS.join(', ')}`;
  }
  const a = query.alerting;
  if (query.alertField === 'threshold_breach' && a?.thresholdAbove === undefined && a?.thresholdBelow === undefined) {
    return 'alertField threshold_breach needs alerting.thresholdAbove or alerting.thresholdBelow: without one the rule could never fire';
  }
  return a ? settingsProblem(a) : undefined;
}
