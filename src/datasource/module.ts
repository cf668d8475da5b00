import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { ForesightDataSource } from './datasource';
import type { ForesightDataSourceOptions, ForesightQuery, ForesightSecureJsonData } from '../shared/types';

export const plugin = new DataSourcePlugin<
  ForesightDataSource,
  ForesightQuery,
  ForesightDataSourceOptions,
  ForesightSecureJsonData
>(ForesightDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
