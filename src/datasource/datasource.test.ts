/**
 * @jest-environment jsdom
 */
import { CoreApp, DataSourceInstanceSettings } from '@grafana/data';

import { ForesightDataSource } from './datasource';
import type { ForesightDataSourceOptions } from '../shared/types';

const settings = {
  id: 1,
  uid: 'foresight',
  type: 'foresight-anomaly-datasource',
  name: 'Foresight',
  jsonData: {},
  meta: {},
  readOnly: false,
  access: 'proxy',
} as unknown as DataSourceInstanceSettings<ForesightDataSourceOptions>;

describe('ForesightDataSource', () => {
  const ds = new ForesightDataSource(settings);

  it('defaults new queries to the demo series', () => {
    expect(ds.getDefaultQuery(CoreApp.Dashboard)).toEqual({ series: 'demo' });
  });

  it('sends only visible queries that name a series', () => {
    expect(ds.filterQuery({ refId: 'A', series: 'cpu' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', series: 'cpu', hide: true })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', series: '  ' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A' })).toBe(false);
  });
});
