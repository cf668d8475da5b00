import { CoreApp, DataSourceInstanceSettings } from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';

import { DEFAULT_QUERY } from '../shared/constants';
import type { ForesightDataSourceOptions, ForesightQuery } from '../shared/types';

/** Thin frontend half of the Foresight datasource: queries run in the Go backend. */
export class ForesightDataSource extends DataSourceWithBackend<ForesightQuery, ForesightDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<ForesightDataSourceOptions>) {
    super(instanceSettings);
  }

  override getDefaultQuery(_app: CoreApp): Partial<ForesightQuery> {
    return DEFAULT_QUERY;
  }

  /** Hidden queries and queries with no series are not sent to the backend. */
  override filterQuery(query: ForesightQuery): boolean {
    return !query.hide && Boolean(query.series?.trim());
  }
}
