import type uPlot from 'uplot';

import type { OutsideCounts } from '../data/triage';
import { PLOT_RIGHT_PADDING, Y_AXIS_SIZE } from './chartOptions';
import type { ChartColors } from './colors';

export interface StripConfig {
  width: number;
  height: number;
  counts: OutsideCounts;
  /** The charts' x range, so a spike sits above the same moment in every chart. */
  xRange: [number, number];
  colors: ChartColors;
  font: string;
  hooks: {
    onCursor: (u: uPlot) => void;
    onSelect: (u: uPlot) => void;
  };
}

export function stripData(counts: OutsideCounts): uPlot.AlignedData {
  return [counts.times, counts.counts];
}

/**
 * uPlot options for the outside-band strip: one filled area from zero, the charts' x range without its axis,
 * and a value axis as wide as the charts' that labels only zero and the peak, so the strip stays a few pixels
 * high and a fleet-wide incident reads as one spike.
 */
export function buildStripOptions(config: StripConfig): uPlot.Options {
  const { colors, counts } = config;
  const top = Math.max(1, counts.peak);
  return {
    width: config.width,
    height: config.height,
    ms: 1,
    pxAlign: 0,
    legend: { show: false },
    padding: [8, PLOT_RIGHT_PADDING, 2, null],
    cursor: {
      y: false,
      points: { show: false },
      drag: { x: true, y: false, setScale: false },
    },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, range: () => config.xRange },
      y: { range: () => [0, top] },
    },
    axes: [
      { show: false },
      {
        stroke: colors.axis,
        font: config.font,
        size: Y_AXIS_SIZE,
        grid: { show: false },
        ticks: { show: false },
        splits: () => (counts.peak > 0 ? [0, counts.peak] : [0]),
        values: (_u, splits) => splits.map((v) => String(v)),
      },
    ],
    series: [
      {},
      { label: 'outside', stroke: colors.outside, fill: colors.outsideFill, width: 1, points: { show: false } },
    ],
    hooks: {
      setCursor: [config.hooks.onCursor],
      setSelect: [config.hooks.onSelect],
    },
  };
}
