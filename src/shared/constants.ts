import type { ForesightDataSourceOptions, ForesightQuery } from './types';

/** Plugin ids, as declared in the plugin.json files. */
export const APP_ID = 'foresight-anomaly-app';
export const DATASOURCE_ID = 'foresight-anomaly-datasource';
export const PANEL_ID = 'foresight-anomaly-panel';

/** Field names of a full-mode Foresight frame (one frame per series). */
export const FORESIGHT_FIELDS = {
  time: 'time',
  value: 'value',
  expected: 'yhat',
  lower: 'yhat_lower',
  upper: 'yhat_upper',
  outlier: 'outlier',
  score: 'score',
  excluded: 'excluded',
} as const;

/** The panel needs the expectation and both band edges; value, outlier, score and excluded are optional. */
export const REQUIRED_PANEL_FIELDS: readonly string[] = [
  FORESIGHT_FIELDS.expected,
  FORESIGHT_FIELDS.lower,
  FORESIGHT_FIELDS.upper,
];

/** Annotation tags: exclusions leave a range out of training; the other two label detections for evaluation. */
export const ANNOTATION_TAGS = {
  exclude: 'foresight:exclude',
  incident: 'foresight:incident',
  falseAlarm: 'foresight:false-alarm',
} as const;

export type AnnotationKind = keyof typeof ANNOTATION_TAGS;

/** Resource paths served by the datasource backend (`CallResource`). */
export const RESOURCES = {
  components: 'components',
  crossValidation: 'cv',
  tune: 'tune',
} as const;

/** Name of the built-in synthetic source, used when a datasource has no upstream configured. */
export const DEMO_SOURCE = 'demo';
export const DEFAULT_DEMO_SERIES = 'messaging';

/** What a new query starts with; model settings are left out so the model's defaults apply. */
export const DEFAULT_QUERY: Partial<ForesightQuery> = {
  source: DEMO_SOURCE,
  demoSeries: DEFAULT_DEMO_SERIES,
  mode: 'full',
  trainingDays: 28,
  forecastHours: 0,
  useExclusionAnnotations: true,
};

type LimitKey =
  | 'defaultTrainingDays'
  | 'maxTrainingDays'
  | 'maxSeries'
  | 'maxPointsPerSeries'
  | 'queryTimeoutSeconds'
  | 'cacheMegabytes';

/** Defaults the backend applies when a setting is unset (pkg/models/settings.go), shown in the editors. */
export const DEFAULT_SETTINGS: Required<Pick<ForesightDataSourceOptions, LimitKey>> = {
  defaultTrainingDays: 28,
  maxTrainingDays: 56,
  maxSeries: 1000,
  maxPointsPerSeries: 20_000,
  queryTimeoutSeconds: 60,
  cacheMegabytes: 256,
};

/** Caps no setting can exceed (pkg/models/settings.go); the backend clamps to them too. */
export const HARD_LIMITS: Required<Pick<ForesightDataSourceOptions, LimitKey>> = {
  defaultTrainingDays: 366,
  maxTrainingDays: 366,
  maxSeries: 10_000,
  maxPointsPerSeries: 200_000,
  queryTimeoutSeconds: 600,
  cacheMegabytes: 8192,
};
