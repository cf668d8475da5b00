import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

import type { ModelParams } from '../model/types';
import type { QueryJson, SecureSettingsJson, SettingsJson } from './contract.gen';

export type {
  AlertDirection,
  AlertField,
  AlertingJson,
  ModelStore,
  OutputMode,
  PrometheusAuth,
  SourceKind,
  UserAccessCheck,
  WarningJson,
} from './contract.gen';

/**
 * One Foresight query: the backend's query JSON (contract.gen.ts, generated from models.Query) with the model
 * parameters typed by the model. A query never carries a URL: those live in the datasource settings.
 */
export interface ForesightQuery extends DataQuery, Omit<QueryJson, 'params'> {
  /** Model settings under Prophet's names; keys left out take the model's defaults. */
  params?: Partial<ModelParams>;
}

/** Datasource settings (jsonData), generated from models.Settings. */
export type ForesightDataSourceOptions = DataSourceJsonData & SettingsJson;

/** Secrets (secureJsonData), write-only from the browser; generated from pkg/models. */
export type ForesightSecureJsonData = SecureSettingsJson;
