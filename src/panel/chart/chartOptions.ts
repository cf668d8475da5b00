import { TimeZone } from '@grafana/data';
import type uPlot from 'uplot';

import type { Region } from '../data/exclusions';
import type { SeriesView } from '../data/seriesView';
import type { LayerOptions } from '../types';
import type { ChartColors } from './colors';
import { drawMarkers, drawRegions, MarkerLayer } from './drawLayers';
import { drawWarning, withThresholds } from './drawWarning';
import { formatTicks } from './timeAxis';

/** Positions of the series in the uPlot data array (0 is time). */
export const SERIES_INDEX = { value: 1, expected: 2, forecast: 3, lower: 4, upper: 5 } as const;

export function chartData(series: SeriesView): uPlot.AlignedData {
  return [series.times, series.value, series.expected, series.forecast, series.lower, series.upper];
}

export interface ChartConfig {
  width: number;
  height: number;
  series: SeriesView;
  layers: LayerOptions;
  colors: ChartColors;
  regions: readonly Region[];
  markers: MarkerLayer;
  timeRange: { from: number; to: number };
  timeZone: TimeZone;
  formatValue: (value: number) => string;
  font: string;
  hooks: {
    onCursor: (u: uPlot) => void;
    onSelect: (u: uPlot) => void;
  };
}

const PAD_SHARE = 0.05;

/** y range over what is drawn, padded, and never empty (a constant series gets ±1 around its level). */
export function yRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) {
    return [0, 1];
  }
  if (max - min < 1e-12) {
    const pad = Math.abs(min) * PAD_SHARE || 1;
    return [min - pad, max + pad];
  }
  const pad = (max - min) * PAD_SHARE;
  return [min - pad, max + pad];
}

/** Right edge of a series' chart: the range's end, or the end of its forecast when that lies beyond. */
export function chartXMax(series: SeriesView, timeRange: { to: number }): number {
  const forecastEnd = series.forecastStart !== null ? series.times[series.times.length - 1] : -Infinity;
  return Math.max(timeRange.to, forecastEnd);
}

/** Width of the value axis; the outside-band strip uses it too, so its plot lines up with the charts below. */
export const Y_AXIS_SIZE = 64;

/**
 * Space right of the plot, for the last time label: set rather than left to uPlot, which pads only plots with
 * a time axis, so the strip (without one) spans the same pixels as the charts.
 */
export const PLOT_RIGHT_PADDING = 25;

/**
 * uPlot options for one series: value, expectation, dashed forecast, band between edges, regions, markers and the
 * early warning (thresholds, expected crossing, drift start) with the forecast layer.
 */
export function buildChartOptions(config: ChartConfig): uPlot.Options {
  const { colors, layers } = config;
  const axisFont = config.font;
  const hidden = { stroke: 'transparent', width: 0, points: { show: false } };
  const xMax = chartXMax(config.series, config.timeRange);

  return {
    width: config.width,
    height: config.height,
    ms: 1,
    pxAlign: 0,
    legend: { show: false },
    padding: [null, PLOT_RIGHT_PADDING, null, null],
    cursor: {
      y: false,
      points: { show: false },
      drag: { x: true, y: false, setScale: false },
    },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, range: () => [config.timeRange.from, xMax] },
      y: { range: (_u, min, max) => yRange(...withThresholds(min, max, config.series.warning)) },
    },
    axes: [
      {
        stroke: colors.axis,
        font: axisFont,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { stroke: colors.grid, width: 1 },
        space: 80,
        values: (u, splits) => formatTicks(splits, (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0), config.timeZone),
      },
      {
        stroke: colors.axis,
        font: axisFont,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { stroke: colors.grid, width: 1 },
        size: Y_AXIS_SIZE,
        values: (_u, splits) => splits.map(config.formatValue),
      },
    ],
    series: [
      {},
      { label: 'value', show: layers.value, stroke: colors.value, width: 1.25, points: { show: false } },
      { label: 'expected', show: layers.expected, stroke: colors.expected, width: 1.5, points: { show: false } },
      {
        label: 'forecast',
        show: layers.forecast,
        stroke: colors.expected,
        width: 1.5,
        dash: [6, 4],
        points: { show: false },
      },
      { label: 'lower', ...hidden },
      { label: 'upper', ...hidden },
    ],
    bands: layers.band ? [{ series: [SERIES_INDEX.upper, SERIES_INDEX.lower], fill: colors.band }] : [],
    hooks: {
      drawClear: [(u) => layers.exclusions && drawRegions(u, config.regions, colors)],
      draw: [
        (u) => layers.outliers && drawMarkers(u, config.markers, colors),
        (u) => layers.forecast && drawWarning(u, config.series.warning, colors),
      ],
      setCursor: [config.hooks.onCursor],
      setSelect: [config.hooks.onSelect],
    },
  };
}
