/**
 * @jest-environment jsdom
 */
import type uPlot from 'uplot';

import type { SeriesWarning } from '../data/warning';
import type { ChartColors } from './colors';
import { drawWarning, withThresholds } from './drawWarning';

const colors = { above: 'red', below: 'blue' } as ChartColors;

/** A plot whose positions are the values themselves, recording what its canvas strokes and fills. */
function recordingPlot() {
  const drawn: Array<{ op: 'stroke' | 'fill'; color: string; path: number[][] }> = [];
  let path: number[][] = [];
  const ctx = {
    save: () => undefined,
    restore: () => undefined,
    rect: () => undefined,
    clip: () => undefined,
    setLineDash: () => undefined,
    closePath: () => undefined,
    beginPath: () => (path = []),
    moveTo: (x: number, y: number) => path.push([x, y]),
    lineTo: (x: number, y: number) => path.push([x, y]),
    stroke() {
      drawn.push({ op: 'stroke', color: this.strokeStyle, path });
    },
    fill() {
      drawn.push({ op: 'fill', color: this.fillStyle, path });
    },
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
  };
  const u = { ctx, bbox: { left: 0, top: 0, width: 100, height: 50 }, valToPos: (v: number) => v } as unknown as uPlot;
  return { u, drawn };
}

const warning: SeriesWarning = {
  above: 40,
  below: 10,
  from: 60,
  etaSeconds: 0.02,
  probability: 0.9,
  crossing: { time: 80, value: 40 },
  drift: { start: 30, side: 1 },
};

describe('drawWarning', () => {
  it('draws both thresholds across the plot, a diamond at the crossing and the drift start', () => {
    const { u, drawn } = recordingPlot();
    drawWarning(u, warning, colors);
    expect(drawn.map((d) => [d.op, d.color])).toEqual([
      ['stroke', 'red'],
      ['stroke', 'blue'],
      ['fill', 'red'],
      ['stroke', 'red'],
      ['fill', 'red'],
    ]);
    expect(drawn[0].path).toEqual([
      [0, 40],
      [100, 40],
    ]);
    expect(drawn[2].path[0]).toEqual([80, 40 - 6 * devicePixelRatio]); // the diamond's top, over the crossing
    expect(drawn[3].path).toEqual([
      [30, 0],
      [30, 50],
    ]);
  });

  it('draws nothing without a warning', () => {
    const { u, drawn } = recordingPlot();
    drawWarning(u, undefined, colors);
    expect(drawn).toEqual([]);
  });
});

describe('withThresholds', () => {
  it('widens the y span to the thresholds, and leaves it alone without them', () => {
    expect(withThresholds(20, 30, warning)).toEqual([10, 40]);
    expect(withThresholds(0, 50, warning)).toEqual([0, 50]);
    expect(withThresholds(20, 30, undefined)).toEqual([20, 30]);
    expect(withThresholds(null, null, warning)).toEqual([null, null]);
  });
});
