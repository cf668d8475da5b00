/**
 * @jest-environment jsdom
 */
import { act, render, screen } from '@testing-library/react';
import type uPlot from 'uplot';

import { TEST_IDS } from '../../constants';
import { toSeriesView } from '../../data/seriesView';
import { foresightFrame, STEP, T0 } from '../../test-utils/factory';
import { DEFAULT_PANEL_OPTIONS } from '../../types';
import { ForesightChart } from './ForesightChart';

// uPlot needs a real canvas: here each plot's options stand in for it, and a test moves its cursor by hand.
const made: uPlot.Options[] = [];
jest.mock('uplot', () =>
  jest.fn().mockImplementation((opts: uPlot.Options) => {
    made.push(opts);
    return { destroy: jest.fn(), setSize: jest.fn() };
  })
);

function chart(times: number[]) {
  const series = toSeriesView(foresightFrame({ times }), 0)!;
  return (
    <ForesightChart
      series={series}
      regions={[]}
      options={DEFAULT_PANEL_OPTIONS}
      width={600}
      height={200}
      timeRange={{ from: times[0], to: times[times.length - 1] }}
      timeZone="utc"
      marking={false}
      onSelectRange={jest.fn()}
    />
  );
}

describe('ForesightChart', () => {
  it('drops the tooltip of the previous data when new data arrives, instead of showing another row', () => {
    const times = [0, 1, 2, 3, 4].map((i) => T0 + i * STEP);
    const view = render(chart(times));
    const hover = made[made.length - 1].hooks!.setCursor![0]!;
    act(() => hover({ cursor: { idx: 2, left: 100, top: 20 }, bbox: { left: 0 } } as unknown as uPlot));
    expect(screen.getByTestId(TEST_IDS.tooltip)).toHaveTextContent('2025-10-01 00:10:00');
    // A refresh moves the range on by a step while the pointer rests where it was.
    act(() => view.rerender(chart(times.map((t) => t + STEP))));
    expect(screen.queryByTestId(TEST_IDS.tooltip)).not.toBeInTheDocument();
  });
});
