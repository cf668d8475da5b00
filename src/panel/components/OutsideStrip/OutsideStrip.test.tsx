/**
 * @jest-environment jsdom
 */
import { createTheme } from '@grafana/data';
import { act, render, screen } from '@testing-library/react';
import type uPlot from 'uplot';

import { chartColors } from '../../chart/colors';
import { TEST_IDS } from '../../constants';
import type { OutsideCounts } from '../../data/triage';
import { OutsideStrip } from './OutsideStrip';

// uPlot needs a real canvas: here each plot's options stand in for it, and a test moves its cursor by hand.
const made: uPlot.Options[] = [];
jest.mock('uplot', () =>
  jest.fn().mockImplementation((opts: uPlot.Options) => {
    made.push(opts);
    return { destroy: jest.fn(), setSize: jest.fn() };
  })
);

const T0 = Date.UTC(2025, 9, 1);
const MIN = 60_000;
const colors = chartColors(createTheme(), 0.25);

function counts(n: number, at: number): OutsideCounts {
  const times = Array.from({ length: n }, (_, i) => T0 + i * MIN);
  const c = times.map((_, i) => (i === at ? 3 : 0));
  return { times, counts: c, peak: 3 };
}

function strip(c: OutsideCounts) {
  return (
    <OutsideStrip
      counts={c}
      seriesCount={4}
      xRange={[T0, T0 + 10 * MIN]}
      colors={colors}
      width={600}
      height={40}
      timeZone="utc"
      onSelectRange={jest.fn()}
    />
  );
}

describe('OutsideStrip', () => {
  it('drops a hover over the previous data when new counts arrive, instead of reading a row they lack', () => {
    const view = render(strip(counts(10, 8)));
    const hover = made[made.length - 1].hooks!.setCursor![0]!;
    act(() => hover({ cursor: { idx: 8, left: 500 } } as unknown as uPlot));
    expect(screen.getByTestId(TEST_IDS.outsideStripCaption)).toHaveTextContent('3 of 4 outside at 2025-10-01 00:08:00');
    // A refresh brings fewer times while the pointer rests where it was.
    act(() => view.rerender(strip(counts(3, 1))));
    expect(screen.getByTestId(TEST_IDS.outsideStripCaption)).toHaveTextContent(
      'Series outside the band: at most 3 of 4 at once'
    );
  });
});
