/**
 * @jest-environment jsdom
 */
import { CoreApp, DataSourceInstanceSettings } from '@grafana/data';
import { DataSourceWithBackend, setTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { of } from 'rxjs';

import { ForesightDataSource } from './datasource';
import type { ForesightDataSourceOptions } from '../shared/types';

function makeSettings(jsonData: ForesightDataSourceOptions = {}) {
  return {
    id: 1,
    uid: 'foresight',
    type: 'foresight-anomaly-datasource',
    name: 'Foresight',
    jsonData,
    meta: {},
    readOnly: false,
    access: 'proxy',
  } as unknown as DataSourceInstanceSettings<ForesightDataSourceOptions>;
}

describe('ForesightDataSource', () => {
  it('defaults new queries to the demo series in full mode', () => {
    const ds = new ForesightDataSource(makeSettings());
    expect(ds.getDefaultQuery(CoreApp.Dashboard)).toMatchObject({
      source: 'demo',
      demoSeries: 'messaging',
      mode: 'full',
    });
  });

  it('starts an alert rule’s new query in alert mode', () => {
    const ds = new ForesightDataSource(makeSettings({ defaultSource: 'prometheus' }));
    for (const app of [CoreApp.UnifiedAlerting, CoreApp.CloudAlerting]) {
      expect(ds.getDefaultQuery(app)).toMatchObject({ source: 'prometheus', mode: 'alert' });
    }
    expect(ds.getDefaultQuery(CoreApp.Explore).mode).toBe('full');
  });

  it('starts new queries on the datasource’s default source', () => {
    const ds = new ForesightDataSource(makeSettings({ defaultSource: 'prometheus' }));
    const query = ds.getDefaultQuery(CoreApp.Dashboard);
    expect(query.source).toBe('prometheus');
    expect(query.demoSeries).toBeUndefined();
  });

  it('sends only visible queries that can run', () => {
    const ds = new ForesightDataSource(makeSettings());
    expect(ds.filterQuery({ refId: 'A' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', source: 'demo', hide: true })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', source: 'prometheus', expr: 'up' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', source: 'prometheus', expr: '  ' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', source: 'grafana' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', source: 'grafana', sourceDatasource: { uid: 'prom' } })).toBe(true);
  });

  it('judges a query without a source by the datasource default', () => {
    const ds = new ForesightDataSource(makeSettings({ defaultSource: 'prometheus' }));
    expect(ds.filterQuery({ refId: 'A' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', expr: 'up' })).toBe(true);
  });

  it('applies dashboard variables to the expression and the source query', () => {
    const replace = jest.fn((text: string) => text.replace('$job', 'api'));
    setTemplateSrv({ replace } as unknown as TemplateSrv);
    const ds = new ForesightDataSource(makeSettings());
    const out = ds.applyTemplateVariables(
      {
        refId: 'A',
        source: 'grafana',
        expr: 'rate(x{job="$job"}[5m])',
        sourceDatasource: { uid: 'prom' },
        sourceQuery: { expr: 'up{job="$job"}', nested: { list: ['$job', 3] } },
        params: { interval_width: 0.9 },
      },
      {}
    );
    expect(out.expr).toBe('rate(x{job="api"}[5m])');
    expect(out.sourceQuery).toEqual({ expr: 'up{job="api"}', nested: { list: ['api', 3] } });
    expect(out.params).toEqual({ interval_width: 0.9 });
  });

  it('applies dashboard variables to the warning, whose threshold the backend reads from the text', () => {
    const replace = jest.fn((text: string) => text.replace('$ceiling', '92.5').replace('$rule', 'disk-high'));
    setTemplateSrv({ replace } as unknown as TemplateSrv);
    const ds = new ForesightDataSource(makeSettings());
    const out = ds.applyTemplateVariables(
      { refId: 'A', warning: { above: '$ceiling', below: 3, leadTime: '6h', rule: { uid: '$rule' } } },
      {}
    );
    expect(out.warning).toEqual({ above: '92.5', below: 3, leadTime: '6h', rule: { uid: 'disk-high' } });
  });

  it('stamps each query with the dashboard and panel it runs for, over what a copied query names', () => {
    const sent = jest.spyOn(DataSourceWithBackend.prototype, 'query').mockImplementation(() => of({ data: [] }));
    const ds = new ForesightDataSource(makeSettings());
    const request = {
      dashboardUID: 'dash-1',
      panelId: 7,
      targets: [{ refId: 'A' }, { refId: 'B', dashboardUID: 'other', panelId: 2 }],
    } as unknown as Parameters<ForesightDataSource['query']>[0];
    ds.query(request);
    expect(sent.mock.calls[0][0].targets).toEqual([
      { refId: 'A', dashboardUID: 'dash-1', panelId: 7 },
      { refId: 'B', dashboardUID: 'dash-1', panelId: 7 },
    ]);
    ds.query({ ...request, dashboardUID: undefined });
    expect(sent.mock.calls[1][0].targets).toEqual([{ refId: 'A' }, { refId: 'B', dashboardUID: 'other', panelId: 2 }]);
    sent.mockRestore();
  });
});
