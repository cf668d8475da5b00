/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type uPlot from 'uplot';

import { TEST_IDS } from '../../constants';
import { toSeriesView } from '../../data/seriesView';
import { foresightFrame, STEP, T0 } from '../../test-utils/factory';
import { DEFAULT_PANEL_OPTIONS } from '../../types';
import { ForesightChart } from './ForesightChart';

// uPlot needs a real canvas: here each plot's options stand in for it, and a test moves its cursor by hand.
// Positions are a second of time per pixel, so a test can say where a drag or key lands.
const made: uPlot.Options[] = [];
const mockPlots: Array<{ setCursor: jest.Mock; setSelect: jest.Mock }> = [];
jest.mock('uplot', () =>
  jest.fn().mockImplementation((opts: uPlot.Options) => {
    made.push(opts);
    const plot = {
      destroy: jest.fn(),
      setSize: jest.fn(),
      setCursor: jest.fn(),
      setSelect: jest.fn(),
      valToPos: (t: number) => t / 1000,
      bbox: { left: 0, top: 0, width: 600, height: 200 },
    };
    mockPlots.push(plot);
    return plot;
  })
);

function chart(times: number[], onSelectRange = jest.fn(), marking = false) {
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
      marking={marking}
      onSelectRange={onSelectRange}
    />
  );
}

/** What uPlot's drag hands the chart: a box from `left` to `right` pixels, read back through posToVal. */
function drag(left: number, right: number) {
  const hook = made[made.length - 1].hooks!.setSelect![0]!;
  hook({ select: { left, width: right - left }, posToVal: (px: number) => px * 1000, setSelect: jest.fn() } as never);
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

  describe('keyboard selection', () => {
    const times = [0, 1, 2, 3, 4].map((i) => T0 + i * STEP);
    const keys = (...pressed: Array<string | [string, { shiftKey: boolean }]>) => {
      const target = screen.getByRole('application');
      return pressed.map((k) =>
        typeof k === 'string'
          ? fireEvent.keyDown(target, { key: k })
          : fireEvent.keyDown(target, { key: k[0], ...k[1] })
      );
    };

    it('selects with the keys the range a drag over the same points selects', () => {
      const onSelectRange = jest.fn();
      render(chart(times, onSelectRange, true));
      drag((T0 + STEP) / 1000, (T0 + 3 * STEP) / 1000);
      // The cursor starts on the latest point: three steps back, start, two steps on, finish.
      keys('ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'Enter', 'ArrowRight', 'ArrowRight', ' ');
      expect(onSelectRange).toHaveBeenCalledTimes(2);
      expect(onSelectRange.mock.calls[1]).toEqual(onSelectRange.mock.calls[0]);
      expect(onSelectRange.mock.calls[1]).toEqual([T0 + STEP, T0 + 3 * STEP]);
      expect(screen.getByTestId(TEST_IDS.chartKeyStatus)).toHaveTextContent(
        'Selected 2025-10-01 00:05:00 to 2025-10-01 00:15:00'
      );
    });

    it('leaves keys held with Alt, Ctrl or Meta to the browser and Grafana (Alt+← is Back)', () => {
      const onSelectRange = jest.fn();
      render(chart(times, onSelectRange));
      const target = screen.getByRole('application');
      const left = [
        fireEvent.keyDown(target, { key: 'ArrowLeft', altKey: true }),
        fireEvent.keyDown(target, { key: 'Home', ctrlKey: true }),
        fireEvent.keyDown(target, { key: 'Enter', ctrlKey: true }),
        fireEvent.keyDown(target, { key: 'ArrowLeft', metaKey: true }),
      ];
      expect(left).toEqual([true, true, true, true]); // not prevented
      keys('Enter', 'ArrowLeft', 'Enter');
      expect(onSelectRange).toHaveBeenCalledWith(T0 + 3 * STEP, T0 + 4 * STEP); // no range was started before
    });

    it('shows the started range as uPlot’s selection box without firing the drag’s hook', () => {
      render(chart(times));
      keys('Home', 'Enter', 'ArrowRight');
      const plot = mockPlots[mockPlots.length - 1];
      expect(plot.setSelect).toHaveBeenLastCalledWith(
        { left: T0 / 1000, top: 0, width: STEP / 1000, height: 200 / devicePixelRatio },
        false
      );
      expect(plot.setCursor).toHaveBeenLastCalledWith({ left: (T0 + STEP) / 1000, top: 100 / devicePixelRatio });
    });

    it('moves ten data intervals with Shift, no further than the axis', () => {
      const onSelectRange = jest.fn();
      render(chart(times, onSelectRange));
      keys('Enter', ['ArrowLeft', { shiftKey: true }], 'Enter');
      expect(onSelectRange).toHaveBeenCalledWith(T0, T0 + 4 * STEP);
    });

    it('cancels a started range with Escape, and leaves Escape to the page when none is started', () => {
      const onSelectRange = jest.fn();
      render(chart(times, onSelectRange));
      const [, , cancelled] = keys('Enter', 'ArrowLeft', 'Escape');
      expect(cancelled).toBe(false); // consumed: default prevented
      expect(screen.getByTestId(TEST_IDS.chartKeyStatus)).toHaveTextContent('Range cancelled');
      const [passed, tab] = keys('Escape', 'Tab');
      expect([passed, tab]).toEqual([true, true]);
      keys('Enter');
      expect(onSelectRange).not.toHaveBeenCalled();
    });

    it('drops a started range when focus leaves the chart', () => {
      const onSelectRange = jest.fn();
      render(chart(times, onSelectRange));
      keys('Enter', 'ArrowLeft');
      fireEvent.blur(screen.getByRole('application'));
      keys('Enter');
      expect(onSelectRange).not.toHaveBeenCalled();
    });

    it('is focusable and says what the keys do', () => {
      render(chart(times, jest.fn(), true));
      const target = screen.getByRole('application');
      expect(target).toHaveAttribute('tabindex', '0');
      expect(target).toHaveAccessibleName('A: select a time range to mark');
      expect(target).toHaveAccessibleDescription(/Enter or Space starts a range, and again ends it to mark it/);
    });
  });
});
