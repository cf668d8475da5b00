import type { DataQueryRequest } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { findModelTarget } from './modelTarget';

const request = (targets: DataQuery[]) => ({ targets }) as unknown as DataQueryRequest<DataQuery>;

describe('findModelTarget(request, refId)', () => {
  const a = {
    refId: 'A',
    datasource: { uid: 'fs', type: 'foresight-anomaly-datasource' },
    params: { interval_width: 0.9 },
  };
  const b = { refId: 'B', datasource: { uid: 'fs', type: 'foresight-anomaly-datasource' } };
  const prom = { refId: 'C', datasource: { uid: 'prom', type: 'prometheus' } };

  it('finds the query by refId, else the first Foresight query', () => {
    expect(findModelTarget(request([a, b]), 'B')?.query).toBe(b);
    expect(findModelTarget(request([prom, a]), 'Z')?.query).toBe(a);
    expect(findModelTarget(request([a]), 'A')?.datasourceUid).toBe('fs');
  });

  it('keeps the dashboard and panel the query ran in, for the resource calls', () => {
    const inDashboard = { targets: [a], dashboardUID: 'ops', panelId: 4 } as unknown as DataQueryRequest<DataQuery>;
    expect(findModelTarget(inDashboard, 'A')).toMatchObject({ dashboardUID: 'ops', panelId: 4 });
  });

  it('is undefined without Foresight queries', () => {
    expect(findModelTarget(request([prom]), 'C')).toBeUndefined();
    expect(findModelTarget(undefined)).toBeUndefined();
  });
});
