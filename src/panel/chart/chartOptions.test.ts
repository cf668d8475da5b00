import { createTheme } from '@grafana/data';

import { foresightFrame, T0 } from '../test-utils/factory';
import { toSeriesView } from '../data/seriesView';
import { DEFAULT_LAYERS } from '../types';
import { buildChartOptions, chartData, SERIES_INDEX, yRange } from './chartOptions';
import { chartColors } from './colors';

const series = toSeriesView(foresightFrame({ value: [1, 2, 3, null, null] }), 0)!;

function build(layers = DEFAULT_LAYERS) {
  return buildChartOptions({
    width: 400,
    height: 200,
    series,
    layers,
    colors: chartColors(createTheme(), 0.3),
    regions: [],
    markers: {
      times: series.times,
      values: series.value,
      outlier: series.outlier,
      indexes: new Int32Array(),
      radius: 4,
    },
    timeRange: { from: T0, to: T0 + 1000 },
    timeZone: 'utc',
    formatValue: String,
    font: '11px sans-serif',
    hooks: { onCursor: jest.fn(), onSelect: jest.fn() },
  });
}

describe('buildChartOptions(config)', () => {
  it('aligns data as time, value, expected, forecast, lower, upper', () => {
    const data = chartData(series);
    expect(data[SERIES_INDEX.value]).toBe(series.value);
    expect(data[SERIES_INDEX.forecast]).toBe(series.forecast);
    expect(data[SERIES_INDEX.upper]).toBe(series.upper);
  });

  it('fills the band from upper to lower with the themed blue at the chosen opacity, and dashes the forecast', () => {
    const opts = build();
    expect(opts.bands).toEqual([{ series: [5, 4], fill: '#5794F24d' }]);
    expect(opts.series[SERIES_INDEX.forecast].dash).toEqual([6, 4]);
    expect(opts.series[SERIES_INDEX.expected].dash).toBeUndefined();
  });

  it('turns layers off', () => {
    const opts = build({ ...DEFAULT_LAYERS, band: false, value: false });
    expect(opts.bands).toEqual([]);
    expect(opts.series[SERIES_INDEX.value].show).toBe(false);
  });

  it('extends the x range to the end of the forecast', () => {
    const opts = build();
    const range = opts.scales!.x.range as () => [number, number];
    expect(range()).toEqual([T0, series.times[4]]);
  });

  it('drags select a range instead of zooming the chart itself', () => {
    expect(build().cursor!.drag).toEqual({ x: true, y: false, setScale: false });
  });
});

describe('yRange(min, max)', () => {
  it('pads, survives a constant series and missing data', () => {
    expect(yRange(0, 100)).toEqual([-5, 105]);
    expect(yRange(7, 7)).toEqual([6.65, 7.35]);
    expect(yRange(0, 0)).toEqual([-1, 1]);
    expect(yRange(null, null)).toEqual([0, 1]);
  });
});
