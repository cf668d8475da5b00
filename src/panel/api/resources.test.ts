/**
 * @jest-environment jsdom
 */
import { BackendSrv, setBackendSrv } from '@grafana/runtime';

import { buildResourceRequest, postResource, resourceErrorMessage } from './resources';

const target = {
  datasourceUid: 'fs 1',
  query: { refId: 'A', datasource: { uid: 'fs 1' }, source: 'demo', hide: false } as never,
  range: { from: 1000.4, to: 2000.6 },
  intervalMs: 60_000,
};

describe('resource calls', () => {
  it('send {query, from, to, intervalMs, options} without Grafana’s per-panel fields', () => {
    expect(buildResourceRequest(target, { horizon: 3_600_000 })).toEqual({
      query: { refId: 'A', source: 'demo' },
      from: 1000,
      to: 2001,
      intervalMs: 60_000,
      options: { horizon: 3_600_000 },
    });
    expect(buildResourceRequest({ ...target, intervalMs: undefined }).intervalMs).toBe(300_000);
  });

  it('POST to the datasource’s resource URL', async () => {
    const post = jest.fn().mockResolvedValue({ series: [] });
    setBackendSrv({ post } as unknown as BackendSrv);
    await expect(postResource(target, 'components')).resolves.toEqual({ series: [] });
    expect(post.mock.calls[0][0]).toBe('/api/datasources/uid/fs%201/resources/components');
    expect(post.mock.calls[0][2].headers).toEqual({});
  });

  it('name the dashboard and panel they are made from, as Grafana’s own queries do', async () => {
    const post = jest.fn().mockResolvedValue({ series: [] });
    setBackendSrv({ post } as unknown as BackendSrv);
    await postResource({ ...target, dashboardUID: 'ops', panelId: 4 }, 'components');
    expect(post.mock.calls[0][2].headers).toEqual({ 'X-Dashboard-Uid': 'ops', 'X-Panel-Id': '4' });
  });

  it('turn failures into readable messages', async () => {
    setBackendSrv({
      post: jest.fn().mockRejectedValue({ status: 400, data: { error: 'horizon must be positive' } }),
    } as unknown as BackendSrv);
    await expect(postResource(target, 'cv')).rejects.toThrow('horizon must be positive');
    expect(resourceErrorMessage({ status: 404, data: {} })).toMatch(/does not offer it/);
    expect(resourceErrorMessage({ status: 502 })).toBe('HTTP 502');
    expect(resourceErrorMessage(new Error('offline'))).toBe('offline');
  });
});
