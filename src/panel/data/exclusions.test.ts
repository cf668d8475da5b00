import { annotationFrame, foresightFrame, STEP, T0 } from '../test-utils/factory';
import { mergeRegions, regionsFromAnnotations, regionsFromExcludedField } from './exclusions';
import { pointDetails } from './pointDetails';
import { toSeriesView } from './seriesView';

describe('regionsFromAnnotations(frames, location)', () => {
  const location = { dashboardUID: 'd1', panelId: 2 };

  it('reads an end of 0 as a point annotation, as the panel’s own listing does, not as a range from 1970', () => {
    const frame = annotationFrame([
      { id: 9, time: T0 + STEP, timeEnd: 0, tags: ['foresight:exclude'], dashboardUID: '' },
    ]);
    expect(regionsFromAnnotations([frame], location)).toEqual([
      expect.objectContaining({ from: T0 + STEP, to: T0 + STEP, id: 9 }),
    ]);
  });

  it('keeps Foresight-tagged annotations with their kind, id and scope', () => {
    const frame = annotationFrame([
      { id: 1, time: T0, timeEnd: T0 + STEP, tags: ['foresight:exclude'], text: 'deploy', dashboardUID: 'd1' },
      { id: 2, time: T0 + 5 * STEP, tags: ['foresight:false-alarm'] },
      { id: 3, time: T0, tags: ['deploy'] },
      { id: 4, time: T0 + 9 * STEP, timeEnd: T0 + 8 * STEP, tags: ['x', 'foresight:incident'] },
    ]);
    expect(regionsFromAnnotations([frame], location)).toEqual([
      { from: T0, to: T0 + STEP, kind: 'exclude', id: 1, text: 'deploy', orgWide: false },
      { from: T0 + 5 * STEP, to: T0 + 5 * STEP, kind: 'falseAlarm', id: 2, text: '', orgWide: true },
      { from: T0 + 8 * STEP, to: T0 + 9 * STEP, kind: 'incident', id: 4, text: '', orgWide: true },
    ]);
  });

  it('drops rows of another dashboard or panel, as the backend does, so the tooltip does not claim them', () => {
    const frame = annotationFrame([
      { id: 1, time: T0, timeEnd: T0 + 4 * STEP, tags: ['foresight:exclude'], dashboardUID: 'another-dashboard' },
      { id: 2, time: T0, timeEnd: T0 + 4 * STEP, tags: ['foresight:exclude'], dashboardUID: 'd1', panelId: 3 },
      { id: 3, time: T0 + STEP, tags: ['foresight:incident'], dashboardUID: 'd1', panelId: 2 },
      { id: 4, time: T0 + 2 * STEP, tags: ['foresight:incident'], dashboardUID: 'd1' },
    ]);
    const regions = regionsFromAnnotations([frame], location);
    expect(regions.map((r) => r.id)).toEqual([3, 4]);
    const series = toSeriesView(foresightFrame(), 0)!;
    expect(pointDetails(series, 0, regions)!.excluded).toBe(false);
    expect(regionsFromAnnotations([frame], { panelId: 2 }).map((r) => r.id)).toEqual([]);
  });

  it('takes a row with a dashboard id but no dashboard UID for that dashboard’s, applied nowhere, as the backend does', () => {
    const frame = annotationFrame([
      { id: 1, time: T0, tags: ['foresight:exclude'], dashboardUID: '', dashboardId: 7 },
      { id: 2, time: T0, tags: ['foresight:exclude'], dashboardUID: '', dashboardId: 0 },
    ]);
    expect(regionsFromAnnotations([frame], location).map((r) => [r.id, r.orgWide])).toEqual([[2, true]]);
    expect(regionsFromAnnotations([frame], {}).map((r) => r.id)).toEqual([2]);
  });

  it('ignores missing and malformed frames', () => {
    expect(regionsFromAnnotations(undefined, location)).toEqual([]);
    expect(regionsFromAnnotations([annotationFrame([])], location)).toEqual([]);
  });
});

describe('regionsFromExcludedField(times, excluded)', () => {
  it('turns runs of 1 into regions, including one at the end', () => {
    const times = [0, 1, 2, 3, 4, 5];
    expect(regionsFromExcludedField(times, Uint8Array.from([0, 1, 1, 0, 1, 1]))).toEqual([
      { from: 1, to: 2, kind: 'exclude' },
      { from: 4, to: 5, kind: 'exclude' },
    ]);
    expect(regionsFromExcludedField(times, null)).toEqual([]);
  });
});

describe('mergeRegions(regions)', () => {
  it('merges overlaps of one kind only', () => {
    expect(
      mergeRegions([
        { from: 5, to: 9, kind: 'exclude' },
        { from: 0, to: 6, kind: 'exclude', id: 7 },
        { from: 1, to: 2, kind: 'incident' },
      ])
    ).toEqual([
      { from: 0, to: 9, kind: 'exclude', id: 7 },
      { from: 1, to: 2, kind: 'incident' },
    ]);
  });
});
