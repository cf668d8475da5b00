import type { ForesightQuery } from './types';

/** Plugin ids, as declared in the plugin.json files. */
export const APP_ID = 'foresight-anomaly-app';
export const DATASOURCE_ID = 'foresight-anomaly-datasource';
export const PANEL_ID = 'foresight-anomaly-panel';

/** Field names of a Foresight frame; the panel needs the expectation and both band edges. */
export const FORESIGHT_FIELDS = {
  expected: 'yhat',
  lower: 'yhat_lower',
  upper: 'yhat_upper',
  outlier: 'outlier',
  score: 'score',
} as const;

export const REQUIRED_PANEL_FIELDS: readonly string[] = [
  FORESIGHT_FIELDS.expected,
  FORESIGHT_FIELDS.lower,
  FORESIGHT_FIELDS.upper,
];

/** Name of the built-in synthetic source, used when a datasource has no upstream configured. */
export const DEMO_SOURCE = 'demo';

export const DEFAULT_QUERY: Partial<ForesightQuery> = {
  series: 'demo',
};
