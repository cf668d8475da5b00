// Issue 11's alert-quality controls, written out by hand from the shared contract until the backend's half is
// generated into contract.gen.ts (the alert-controls branch adds `alerting` to models.Query and the new frame
// fields). This is the one place that spells them; on that merge, these names come from contract.gen.ts instead.

/** Which side of the expectation may alert. */
export const ALERTING_DIRECTIONS = ['both', 'above', 'below'] as const;
export type AlertingDirection = (typeof ALERTING_DIRECTIONS)[number];

/** A query's `alerting` object: what counts as an outlier and which alert-mode fields the backend derives. */
export interface AlertingJson {
  /** Which deviations are outliers. Default both. */
  direction?: AlertingDirection;
  /** |value − yhat| below it is never an outlier. Default 0. */
  minAbsolute?: number;
  /** Fraction of |yhat| below which a deviation is never an outlier. Default 0. */
  minRelative?: number;
  /** `alert` is 1 when at least `required` of the last `window` points are outliers. Default 1 of 1. */
  persistence?: { window: number; required: number };
  /** Static threshold on the value: `threshold_breach` is +1 above it. */
  thresholdAbove?: number;
  /** Static threshold on the value: `threshold_breach` is −1 below it. */
  thresholdBelow?: number;
  /** Weeks the `vs_past` comparison looks back, 1..8. Default 4. */
  pastWeeks?: number;
}

export const ALERTING_DEFAULTS = {
  direction: 'both',
  minAbsolute: 0,
  minRelative: 0,
  persistence: { window: 1, required: 1 },
  pastWeeks: 4,
} as const satisfies AlertingJson;

export const ALERTING_LIMITS = { minPastWeeks: 1, maxPastWeeks: 8 } as const;

/** Every numeric field an alert-mode frame may carry. */
export const ALERTING_ALERT_FIELDS = [
  'outlier',
  'direction',
  'score',
  'significance',
  'threshold_breach',
  'vs_past',
] as const;
export type AlertingAlertField = (typeof ALERTING_ALERT_FIELDS)[number];

/** Per-point fields a full-mode frame adds for the tooltip (hidden from Grafana's own visualisations). */
export const ALERTING_FRAME_FIELDS = {
  significance: 'significance',
  alert: 'alert',
  direction: 'direction',
  thresholdBreach: 'threshold_breach',
  vsPast: 'vs_past',
} as const;

/** The query fields the contract adds beside models.Query's generated ones. */
export interface AlertingQueryJson {
  alertField?: AlertingAlertField;
  alerting?: AlertingJson;
}
