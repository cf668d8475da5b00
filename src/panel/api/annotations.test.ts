/**
 * @jest-environment jsdom
 */
import { setBackendSrv, BackendSrv } from '@grafana/runtime';

import {
  buildAnnotationRequest,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  LIST_LIMIT,
  parseAnnotationList,
} from './annotations';

const location = { dashboardUID: 'dash-1', panelId: 3 };

describe('buildAnnotationRequest(draft, location)', () => {
  it('scopes an exclusion to the dashboard and panel, ordered and rounded', () => {
    const request = buildAnnotationRequest(
      { kind: 'exclude', from: 2000.6, to: 1000.2, note: ' deploy ', scope: 'panel' },
      location
    );
    expect(request).toEqual({
      time: 1000,
      timeEnd: 2001,
      tags: ['foresight:exclude'],
      text: 'deploy',
      dashboardUID: 'dash-1',
      panelId: 3,
    });
  });

  it('omits dashboard and panel for an organisation-wide exclusion, and fills an empty note', () => {
    const request = buildAnnotationRequest(
      { kind: 'exclude', from: 1, to: 2, note: '', scope: 'organization' },
      location
    );
    expect(request).toEqual({
      time: 1,
      timeEnd: 2,
      tags: ['foresight:exclude'],
      text: 'Excluded from Foresight training',
    });
  });

  it('tags feedback', () => {
    expect(
      buildAnnotationRequest({ kind: 'incident', from: 1, to: 2, note: '', scope: 'panel' }, location).tags
    ).toEqual(['foresight:incident']);
    expect(
      buildAnnotationRequest({ kind: 'falseAlarm', from: 1, to: 2, note: '', scope: 'panel' }, location).tags
    ).toEqual(['foresight:false-alarm']);
  });

  it('refuses a range without valid ends', () => {
    expect(() =>
      buildAnnotationRequest({ kind: 'exclude', from: Number.NaN, to: 2, note: '', scope: 'panel' }, location)
    ).toThrow(/valid start/);
  });
});

describe('parseAnnotationList(rows, location)', () => {
  it('keeps Foresight annotations of this panel and organisation-wide ones, newest first', () => {
    const rows = [
      { id: 1, time: 10, timeEnd: 20, tags: ['foresight:exclude'], text: 'a', dashboardUID: 'dash-1', panelId: 3 },
      { id: 2, time: 30, timeEnd: 0, tags: ['foresight:incident'], text: 'b', dashboardUID: '' },
      { id: 3, time: 40, tags: ['foresight:exclude'], dashboardUID: 'other' },
      { id: 4, time: 50, tags: ['foresight:exclude'], dashboardUID: 'dash-1', panelId: 9 },
      { id: 5, time: 60, tags: ['unrelated'] },
      { time: 70, tags: ['foresight:exclude'] },
    ];
    expect(parseAnnotationList(rows, location)).toEqual([
      { id: 2, kind: 'incident', from: 30, to: 30, text: 'b', orgWide: true },
      { id: 1, kind: 'exclude', from: 10, to: 20, text: 'a', orgWide: false },
    ]);
    expect(parseAnnotationList({ message: 'denied' }, location)).toEqual([]);
  });

  it('lists a row with a dashboard id but no dashboard UID nowhere, not as organisation-wide, as the backend reads it', () => {
    // Grafana leaves dashboardUID null when it cannot find the dashboard of dashboardId (a deleted one).
    const rows = [
      { id: 1, time: 10, tags: ['foresight:exclude'], dashboardUID: null, dashboardId: 7 },
      { id: 2, time: 20, tags: ['foresight:exclude'], dashboardUID: '', dashboardId: 0 },
    ];
    expect(parseAnnotationList(rows, location).map((a) => [a.id, a.orgWide])).toEqual([[2, true]]);
    expect(parseAnnotationList(rows, {}).map((a) => a.id)).toEqual([2]);
  });
});

describe('annotation requests', () => {
  const post = jest.fn().mockResolvedValue({ id: 11 });
  const get = jest.fn().mockResolvedValue([]);
  const del = jest.fn().mockResolvedValue({});
  beforeAll(() => setBackendSrv({ post, get, delete: del } as unknown as BackendSrv));

  it('POSTs to /api/annotations', async () => {
    const request = { time: 1, timeEnd: 2, tags: ['foresight:exclude'], text: 'x' };
    await expect(createAnnotation(request)).resolves.toEqual({ id: 11 });
    expect(post).toHaveBeenCalledWith('/api/annotations', request);
  });

  it('DELETEs by id and refuses a bad id', async () => {
    await deleteAnnotation(11);
    expect(del).toHaveBeenCalledWith('/api/annotations/11');
    await expect(deleteAnnotation(0)).rejects.toThrow(/Not an annotation id/);
  });

  it('asks for this dashboard’s annotations apart, so the organisation’s others cannot crowd them out of the limit', async () => {
    // The first page of the whole organisation holds only other dashboards' annotations.
    const others = Array.from({ length: LIST_LIMIT }, (_, i) => ({
      id: 1000 + i,
      time: 1500,
      tags: ['foresight:exclude'],
      dashboardUID: 'elsewhere',
    }));
    const mine = { id: 7, time: 1200, tags: ['foresight:exclude'], dashboardUID: 'dash', panelId: 4 };
    get.mockImplementation((url: string) => Promise.resolve(url.includes('dashboardUID=dash') ? [mine] : others));
    const listed = await listAnnotations({ from: 1000, to: 2000 }, { dashboardUID: 'dash', panelId: 4 });
    expect(listed.map((a) => a.id)).toEqual([7]);
    get.mockReset();
    get.mockResolvedValue([]);
  });

  it('lists by the three tags with matchAny', async () => {
    await listAnnotations({ from: 1000.5, to: 2000.5 }, location);
    const url: string = get.mock.calls[0][0];
    expect(url).toContain('/api/annotations?from=1000&to=2001');
    expect(url).toContain('matchAny=true');
    expect(url).toContain('tags=foresight%3Aexclude&tags=foresight%3Aincident&tags=foresight%3Afalse-alarm');
  });
});
