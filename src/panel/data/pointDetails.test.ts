import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import { alertingRows, nearestIndex, pointDetails } from './pointDetails';
import { toSeriesView } from './seriesView';

describe('pointDetails(series, index, exclusions)', () => {
  const view = toSeriesView(foresightFrame({ value: [1, 2, 30, null, null], outlier: [0, 0, 1, 0, 0] }), 0)!;

  it('gives value, expectation, band, score and outlier', () => {
    expect(pointDetails(view, 2, [])).toEqual({
      time: T0 + 2 * STEP,
      value: 30,
      expected: 12,
      lower: 10,
      upper: 14,
      score: 0.9,
      outlier: 1,
      excluded: false,
      forecast: false,
    });
  });

  it('marks forecast points and points inside an exclusion', () => {
    expect(pointDetails(view, 4, [])?.forecast).toBe(true);
    expect(pointDetails(view, 4, [])?.expected).toBe(14);
    expect(pointDetails(view, 1, [{ from: T0 + STEP, to: T0 + STEP }])?.excluded).toBe(true);
  });

  it('follows the frame’s excluded field where it has one: an annotation the backend did not apply is no exclusion', () => {
    // A query with "Use exclusions" off (or an annotation outside the scope it reads): excluded stays 0.
    const withField = toSeriesView(foresightFrame({ excluded: [0, 0, 0, 1, 0] }), 0)!;
    expect(pointDetails(withField, 1, [{ from: T0 + STEP, to: T0 + STEP }])?.excluded).toBe(false);
    expect(pointDetails(withField, 3, [])?.excluded).toBe(true);
  });

  it('adds the alerting fields the frame carries, and only those', () => {
    const frame = foresightFrame({
      value: [1, 2, 30, null, null],
      extra: { significance: [0, 0.2, 0.7, null, null], alert: [0, 0, 1, 0, 0], vs_past: [1, 1.1, 2.5, null, null] },
    });
    const withAlerting = toSeriesView(frame, 0)!;
    expect(pointDetails(withAlerting, 2, [])?.alerting).toEqual({ significance: 0.7, alert: 1, vsPast: 2.5 });
    expect(pointDetails(withAlerting, 3, [])?.alerting).toEqual({ significance: null, alert: 0, vsPast: null });
    expect(pointDetails(view, 2, [])?.alerting).toBeUndefined();
  });

  it('returns null outside the series', () => {
    expect(pointDetails(view, 9, [])).toBeNull();
  });
});

describe('alertingRows(alerting)', () => {
  it('describes each field the point carries, in the contract order', () => {
    const rows = alertingRows({ vsPast: 0.42, direction: -1, significance: 0.8, alert: 1, thresholdBreach: 0 });
    expect(rows).toEqual([
      { label: 'Significance', text: '0.80' },
      { label: 'Alert', text: 'firing' },
      { label: 'Direction', text: 'below' },
      { label: 'Threshold', text: 'within' },
      { label: 'Vs past', text: '0.42× past weeks' },
    ]);
  });

  it('shows a dash for a missing value and nothing for a frame without the fields', () => {
    expect(alertingRows({ vsPast: null })).toEqual([{ label: 'Vs past', text: '–' }]);
    expect(alertingRows(undefined)).toEqual([]);
  });
});

describe('nearestIndex(times, time)', () => {
  it('finds the nearest row', () => {
    const times = [0, 10, 20, 30];
    expect(nearestIndex(times, -5)).toBe(0);
    expect(nearestIndex(times, 14)).toBe(1);
    expect(nearestIndex(times, 16)).toBe(2);
    expect(nearestIndex(times, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
    expect(nearestIndex(times, Number.NaN)).toBe(-1);
  });
});
