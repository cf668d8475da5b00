import type { SelectableValue } from '@grafana/data';

import type { AlertDirection, AlertField, OutputMode, PrometheusAuth, SourceKind } from '../shared/types';
import { FAMILY_NAMES, type FamilyName } from '../model/families/family';
import type { ModelParams } from '../model/types';
import type { ObjectiveChoice, SeasonalityChoice } from './components/QueryEditor/queryParams';

export const TEST_IDS = {
  querySource: 'foresight-query-source',
  queryExpr: 'foresight-query-expr',
  queryLegend: 'foresight-query-legend',
  queryDemoSeries: 'foresight-query-demo-series',
  querySourceJson: 'foresight-query-source-json',
  queryProblem: 'foresight-query-problem',
  queryAlertOutput: 'foresight-query-alert-output',
  queryIntervalWidth: 'foresight-query-interval-width',
  queryOutlierWidth: 'foresight-query-outlier-width',
  queryChangepointScale: 'foresight-query-changepoint-scale',
  querySeasonalityScale: 'foresight-query-seasonality-scale',
  queryTrainingDays: 'foresight-query-training-days',
  queryForecastHours: 'foresight-query-forecast-hours',
  queryExclusionDashboard: 'foresight-query-exclusion-dashboard',
  queryObjectiveWeight: 'foresight-query-objective-weight',
  queryAlertField: 'foresight-query-alert-field',
  queryAlerting: 'foresight-query-alerting',
  queryMinAbsolute: 'foresight-query-min-absolute',
  queryMinRelative: 'foresight-query-min-relative',
  queryPersistenceWindow: 'foresight-query-persistence-window',
  queryPersistenceRequired: 'foresight-query-persistence-required',
  queryThresholdAbove: 'foresight-query-threshold-above',
  queryThresholdBelow: 'foresight-query-threshold-below',
  queryPastWeeks: 'foresight-query-past-weeks',
  queryWarning: 'foresight-query-warning',
  queryWarningAbove: 'foresight-query-warning-above',
  queryWarningBelow: 'foresight-query-warning-below',
  queryWarningLead: 'foresight-query-warning-lead',
  queryWarningRule: 'foresight-query-warning-rule',
  queryWarningNotice: 'foresight-query-warning-notice',
  configPrometheusUrl: 'foresight-config-prometheus-url',
  configPrometheusUser: 'foresight-config-prometheus-user',
  configGrafanaUrl: 'foresight-config-grafana-url',
  configModelStoreDir: 'foresight-config-model-store-dir',
  configRedisAddress: 'foresight-config-redis-address',
} as const;

/** How the backend's notices about the early warning begin (pkg/plugin/warning.go). */
export const WARNING_NOTICE_PREFIX = 'no early warning';

export const SOURCE_OPTIONS: Array<SelectableValue<SourceKind>> = [
  { label: 'Demo', value: 'demo', description: 'Built-in synthetic messaging metric' },
  { label: 'Grafana datasource', value: 'grafana', description: 'Any datasource, with its own query' },
  { label: 'Prometheus', value: 'prometheus', description: 'PromQL against the Prometheus URL in the settings' },
];

export const DEMO_SERIES_OPTIONS: Array<SelectableValue<string>> = [
  { label: 'Messaging (messages per 5 minutes, Korea)', value: 'messaging' },
];

export const SEASONALITY_OPTIONS: Array<SelectableValue<SeasonalityChoice>> = [
  { label: 'Auto', value: 'auto' },
  { label: 'On', value: 'on' },
  { label: 'Off', value: 'off' },
];

export const MODE_OPTIONS: Array<SelectableValue<OutputMode>> = [
  { label: 'Full', value: 'full', description: 'Value, expectation, band, outlier and score per series' },
  { label: 'Alert', value: 'alert', description: 'One numeric field per series for alert rules' },
];

export const ALERT_FIELD_OPTIONS: Array<SelectableValue<AlertField>> = [
  {
    label: 'outlier',
    value: 'outlier',
    description: '1 when the alerting rule holds (persistence, direction, minimum size), else 0: “IS ABOVE 0” rules',
  },
  { label: 'direction', value: 'direction', description: '+1 alerting above, −1 below, 0 not alerting' },
  { label: 'score', value: 'score', description: 'Deviation score in [0, 1] where the side and size allow, else 0' },
  {
    label: 'significance',
    value: 'significance',
    description: 'The score averaged over the persistence window, in [0, 1]: grows with how long and how far',
  },
  {
    label: 'threshold_breach',
    value: 'threshold_breach',
    description: '+1 above the static threshold, −1 below it, else 0 (needs a threshold)',
  },
  {
    label: 'vs_past',
    value: 'vs_past',
    description: 'Value ÷ median of the same time in the past weeks; empty without two clean weeks',
  },
  {
    label: 'breach_eta',
    value: 'breach_eta',
    description:
      'Seconds until the forecast crosses the warning threshold; empty when it does not within the lead time',
  },
  {
    label: 'breach_probability',
    value: 'breach_probability',
    description: 'Chance (0 to 1) the series crosses the warning threshold within the lead time: “IS ABOVE 0.8” rules',
  },
  { label: 'drift', value: 'drift', description: '−1 or +1 while the series drifts slowly below or above, else 0' },
];

export const ALERTING_DIRECTION_OPTIONS: Array<SelectableValue<AlertDirection>> = [
  { label: 'Both', value: 'both' },
  { label: 'Above', value: 'above' },
  { label: 'Below', value: 'below' },
];

export const AUTH_OPTIONS: Array<SelectableValue<PrometheusAuth>> = [
  { label: 'None', value: 'none' },
  { label: 'Basic', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

export const SEASONALITY_MODE_OPTIONS: Array<SelectableValue<'additive' | 'multiplicative'>> = [
  { label: 'Additive', value: 'additive' },
  { label: 'Multiplicative', value: 'multiplicative' },
];

/** Each family's name in the editor and what an operator should know before choosing it (its hover text). */
const FAMILY_CHOICES: Record<FamilyName, { label: string; description: string }> = {
  decomposition: {
    label: 'Decomposition',
    description: 'Trend with changepoints, daily and weekly seasonality, holidays (Prophet-like)',
  },
  past: {
    label: 'Past',
    description: 'The same slot over recent clean weeks or days, skipping holidays and incidents',
  },
  autoregressive: {
    label: 'Autoregressive',
    description: 'Differencing (by a day or week where the history shows it) with AR terms fitted by least squares',
  },
  holt_winters: { label: 'Holt-Winters', description: 'Damped-trend exponential smoothing: follows level shifts fast' },
  neural: {
    label: 'Neural',
    description:
      'A small network forecasting a day ahead; needs 3 days of at least 4 points a day, and a fit costs some 66 ' +
      'decomposition fits',
  },
  ensemble: {
    label: 'Ensemble',
    description: 'Several families judge together: a point is unusual where at least half of them (both of two) say so',
  },
};

export const MODEL_OPTIONS: Array<SelectableValue<ModelParams['model']>> = [
  { label: 'Auto', value: 'auto', description: 'Chooses a family and its variant per series by cross-validation' },
  ...FAMILY_NAMES.map((name) => ({ ...FAMILY_CHOICES[name], value: name })),
];

export const OBJECTIVE_OPTIONS: Array<SelectableValue<ObjectiveChoice>> = [
  { label: 'Violations', value: 'violations', description: 'Fewest points outside the band first' },
  { label: 'Magnitude', value: 'magnitude', description: 'Smallest distance outside the band first' },
  { label: 'Weighted', value: 'weighted', description: 'One cost: W × share outside + (1 − W) × distance' },
];
