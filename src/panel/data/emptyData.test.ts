import { toDataFrame } from '@grafana/data';

import { foresightFrame } from '../test-utils/factory';
import { hasDrawablePoint, noRows } from './emptyData';
import { toSeriesViews } from './seriesView';

describe('noRows', () => {
  it('holds for no frames and for field-less or row-less frames only', () => {
    expect(noRows([])).toBe(true);
    expect(noRows([toDataFrame({ refId: 'B', fields: [] }), foresightFrame({ times: [] })])).toBe(true);
    expect(noRows([toDataFrame({ refId: 'B', fields: [] }), foresightFrame()])).toBe(false);
  });
});

describe('hasDrawablePoint', () => {
  it('counts a forecast or band as drawable, and a series of nulls or no rows as not', () => {
    const forecastOnly = foresightFrame({ value: [null, null, null, null, null] });
    expect(hasDrawablePoint(toSeriesViews([forecastOnly]))).toBe(true);
    expect(hasDrawablePoint(toSeriesViews([foresightFrame({ times: [] })]))).toBe(false);
    const nulls = foresightFrame({
      value: [null, null],
      yhat: [NaN, NaN],
      lower: [NaN, NaN],
      upper: [NaN, NaN],
      times: [1, 2],
    });
    expect(hasDrawablePoint(toSeriesViews([nulls]))).toBe(false);
  });
});
