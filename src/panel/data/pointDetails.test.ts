import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import { nearestIndex, pointDetails } from './pointDetails';
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

  it('returns null outside the series', () => {
    expect(pointDetails(view, 9, [])).toBeNull();
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
