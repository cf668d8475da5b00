import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { ModelParams } from '../model/types';

/** One Foresight query: which series to model and how. Mirrors pkg/models. */
export interface ForesightQuery extends DataQuery {
  /** Series to model; with the demo source, the name of a synthetic series. */
  series?: string;
  /** Model settings under Prophet's names; keys left out take the model's defaults. */
  params?: Partial<ModelParams>;
}

/** Datasource settings (jsonData). Mirrors models.Settings in pkg/models/settings.go. */
export interface ForesightDataSourceOptions extends DataSourceJsonData {
  /** UID of the datasource whose series Foresight reads; empty means the built-in demo source. */
  upstreamUid?: string;
}

/** Secrets (secureJsonData), write-only from the browser. */
export interface ForesightSecureJsonData {
  /** Grafana service-account token used to query the upstream datasource. */
  serviceAccountToken?: string;
}
