import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { ModelParams } from '../model/types';

/** Where a query's series come from. A query never carries a URL: those live in the datasource settings. */
export type SourceKind = 'grafana' | 'prometheus' | 'demo';

/** `full` returns value, expectation, band, outlier and score per series; `alert` one numeric field per series. */
export type OutputMode = 'full' | 'alert';

/** One Foresight query. Mirrors models.Query in pkg/models/query.go. */
export interface ForesightQuery extends DataQuery {
  /** Defaults to the datasource's `defaultSource`, else `demo`. */
  source?: SourceKind;
  /** source = grafana: the datasource to read and its own query model (as that datasource's editor saves it). */
  sourceDatasource?: { uid: string; type?: string };
  sourceQuery?: Record<string, unknown>;
  /** source = prometheus: a PromQL expression, run as query_range at the query's step. */
  expr?: string;
  /** Legend format for Prometheus series, e.g. `{{instance}}`. */
  legendFormat?: string;
  /** source = demo: which generated series ('messaging' by default). */
  demoSeries?: string;
  /** Model settings under Prophet's names; keys left out take the model's defaults. */
  params?: Partial<ModelParams>;
  /** Days of history fetched before the dashboard range for training (default 28, at most `maxTrainingDays`). */
  trainingDays?: number;
  /** Output shape; `alert` is what alert rules use. */
  mode?: OutputMode;
  /** The numeric field an alert-mode frame carries first (default `outlier`). */
  alertField?: 'outlier' | 'score';
  /** Hours of forecast beyond the end of the range (default 0). */
  forecastHours?: number;
  /** Extra ranges left out of training, epoch ms, on top of `foresight:exclude` annotations. */
  exclude?: Array<{ from: number; to: number }>;
  /** Read `foresight:exclude` annotations from Grafana (default true). */
  useExclusionAnnotations?: boolean;
  /**
   * The dashboard and panel the query runs for, whose scoped exclusions apply. The datasource stamps
   * them on every query it sends from a dashboard; an alert rule's query may carry them.
   */
  dashboardUID?: string;
  panelId?: number;
}

/** Datasource settings (jsonData). Mirrors models.Settings in pkg/models/settings.go. */
export interface ForesightDataSourceOptions extends DataSourceJsonData {
  /** Source used when a query names none (default `demo`). */
  defaultSource?: SourceKind;
  /** Prometheus-compatible API (Prometheus, Mimir, Thanos, VictoriaMetrics) for source = prometheus. */
  prometheusUrl?: string;
  prometheusAuth?: 'none' | 'basic' | 'bearer';
  prometheusUser?: string;
  tlsSkipVerify?: boolean;
  /** Grafana's URL for the service-account-token fallback when the managed service account is off. */
  grafanaUrl?: string;
  /** Defaults and limits. */
  defaultTrainingDays?: number;
  maxTrainingDays?: number;
  maxSeries?: number;
  maxPointsPerSeries?: number;
  queryTimeoutSeconds?: number;
  cacheMegabytes?: number;
}

/** Secrets (secureJsonData), write-only from the browser. */
export interface ForesightSecureJsonData {
  /** Grafana service-account token, used when the plugin's managed service account is unavailable. */
  serviceAccountToken?: string;
  prometheusPassword?: string;
  prometheusBearerToken?: string;
}
