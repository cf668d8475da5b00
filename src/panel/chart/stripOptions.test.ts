import { createTheme } from '@grafana/data';
import type uPlot from 'uplot';

import { Y_AXIS_SIZE } from './chartOptions';
import { chartColors } from './colors';
import { buildStripOptions, stripData } from './stripOptions';

type Fixed = () => number[];
const rangeOf = (opts: uPlot.Options, scale: 'x' | 'y') => (opts.scales![scale]!.range as unknown as Fixed)();

const counts = { times: [10, 20, 30], counts: [0, 7, 1], peak: 7 };

function build(c = counts) {
  return buildStripOptions({
    width: 400,
    height: 40,
    counts: c,
    xRange: [0, 50],
    colors: chartColors(createTheme(), 0.25),
    font: '11px sans-serif',
    hooks: { onCursor: jest.fn(), onSelect: jest.fn() },
  });
}

describe('buildStripOptions(config)', () => {
  it('spans the charts’ x range with a value axis as wide as theirs, from zero to the peak', () => {
    const opts = build();
    const u = {} as uPlot;
    expect(rangeOf(opts, 'x')).toEqual([0, 50]);
    expect(rangeOf(opts, 'y')).toEqual([0, 7]);
    expect(opts.axes![1].size).toBe(Y_AXIS_SIZE);
    expect(opts.axes![0].show).toBe(false);
    const splits = opts.axes![1].splits as (u: uPlot) => number[];
    expect(splits(u)).toEqual([0, 7]);
    expect(stripData(counts)).toEqual([counts.times, counts.counts]);
  });

  it('keeps a usable scale when no series is ever outside', () => {
    const opts = build({ times: [10], counts: [0], peak: 0 });
    expect(rangeOf(opts, 'y')).toEqual([0, 1]);
    expect((opts.axes![1].splits as (u: uPlot) => number[])({} as uPlot)).toEqual([0]);
  });
});
