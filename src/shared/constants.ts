import {
  EXCLUDE_ANNOTATION_TAG,
  FALSE_ALARM_ANNOTATION_TAG,
  FRAME_FIELDS,
  INCIDENT_ANNOTATION_TAG,
  QUERY_DEFAULTS,
} from './contract.gen';
import type { ForesightQuery } from './types';

// Values the backend owns (defaults, limits, enums, resource paths, frame field names) are generated from Go
// into contract.gen.ts; this file keeps what only the frontend decides.
export {
  DEFAULT_SETTINGS,
  FRAME_FIELDS,
  HARD_LIMITS,
  QUERY_DEFAULTS,
  QUERY_LIMITS,
  RESOURCE_PATHS,
} from './contract.gen';

/** Plugin ids, as declared in the plugin.json files. */
export const APP_ID = 'foresight-anomaly-app';
export const DATASOURCE_ID = 'foresight-anomaly-datasource';
export const PANEL_ID = 'foresight-anomaly-panel';

/** The alert fields of a full-mode frame by role: the panel's tooltip shows them and ranks series by significance. */
export const ALERT_FRAME_FIELDS = {
  significance: FRAME_FIELDS.significance,
  alert: FRAME_FIELDS.alert,
  direction: FRAME_FIELDS.direction,
  thresholdBreach: FRAME_FIELDS.thresholdBreach,
  vsPast: FRAME_FIELDS.vsPast,
} as const;

/** The early-warning fields of a full-mode frame by role: the panel marks the crossing and the drift from them. */
export const WARNING_FRAME_FIELDS = {
  breachEta: FRAME_FIELDS.breachETA,
  breachProbability: FRAME_FIELDS.breachProbability,
  drift: FRAME_FIELDS.drift,
} as const;

/** The backend's frame fields by the role the panel gives them. */
export const FORESIGHT_FIELDS = {
  time: FRAME_FIELDS.time,
  value: FRAME_FIELDS.value,
  expected: FRAME_FIELDS.yhat,
  lower: FRAME_FIELDS.lower,
  upper: FRAME_FIELDS.upper,
  outlier: FRAME_FIELDS.outlier,
  score: FRAME_FIELDS.score,
  excluded: FRAME_FIELDS.excluded,
  ...ALERT_FRAME_FIELDS,
  ...WARNING_FRAME_FIELDS,
} as const;

/**
 * Frame fields the panel does not read: `anomaly` (the value where it leaves the band) serves Grafana's Time
 * series panel, while this panel marks outliers from `outlier`. Every other field has a role above.
 */
export const UNREAD_FRAME_FIELDS: readonly string[] = [FRAME_FIELDS.anomaly];

/** The panel needs the expectation and both band edges; value, outlier, score and excluded are optional. */
export const REQUIRED_PANEL_FIELDS: readonly string[] = [
  FORESIGHT_FIELDS.expected,
  FORESIGHT_FIELDS.lower,
  FORESIGHT_FIELDS.upper,
];

/**
 * Annotation tags, exactly those the backend reads (pkg/annotations): exclusions and incidents leave a range out of
 * training; false alarms raise the model's threshold over theirs; incidents and false alarms also score evaluation.
 */
export const ANNOTATION_TAGS = {
  exclude: EXCLUDE_ANNOTATION_TAG,
  incident: INCIDENT_ANNOTATION_TAG,
  falseAlarm: FALSE_ALARM_ANNOTATION_TAG,
} as const;

export type AnnotationKind = keyof typeof ANNOTATION_TAGS;

/**
 * What a new query starts with: the backend's defaults written out, so the editor shows them, and no
 * forecast. Model settings are left out so the model's defaults apply.
 */
export const DEFAULT_QUERY: Partial<ForesightQuery> = { ...QUERY_DEFAULTS, forecastHours: 0 };
