import { TimeZone } from '@grafana/data';
import { KeyboardEvent, RefObject, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';

import { initialCursor, keyBounds, type KeySelection, LARGE_STEP, pressKey } from '../chart/keyboardSelection';
import { formatTooltipTime } from '../chart/timeAxis';

export interface KeyboardSelection {
  onKeyDown: (event: KeyboardEvent) => void;
  onBlur: () => void;
  /** What the last key did, for a polite live region. */
  status: string;
  /** Draws the keyboard cursor and range on a plot just made, which starts without them. */
  redraw: (plot: uPlot) => void;
}

/** What the keys do, for the chart's description. */
export function keyboardHint(marking: boolean): string {
  return (
    `Left and right arrows move the cursor one data interval, with Shift ${LARGE_STEP}; Home and End go to the ` +
    `edges. Enter or Space starts a range, and again ends it to ${marking ? 'mark it' : 'zoom to it'}. ` +
    'Escape cancels the range.'
  );
}

function draw(plot: uPlot, state: KeySelection | null): void {
  const height = plot.bbox.height / devicePixelRatio;
  if (!state) {
    plot.setCursor({ left: -10, top: -10 });
    plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    return;
  }
  const x = plot.valToPos(state.cursor, 'x');
  // The hook fires, so the tooltip and the other charts' crosshairs follow the keys as they follow the mouse.
  plot.setCursor({ left: x, top: height / 2 });
  // Drawn without firing: the drag's hook would take this box as a finished selection.
  const a = state.anchor === null ? x : plot.valToPos(state.anchor, 'x');
  plot.setSelect({ left: Math.min(a, x), top: 0, width: Math.abs(x - a), height }, false);
}

/**
 * The keyboard path to what a drag over the chart does: keys move a cursor and close a range, which goes to the
 * same `onSelectRange` as a drag. Inactive (nothing drawn) until a selection key is pressed, so a mouse click
 * that focuses the chart changes nothing; leaving the chart drops a started range.
 */
export function useKeyboardSelection(
  plotRef: RefObject<uPlot | undefined>,
  times: readonly number[],
  axis: { from: number; to: number },
  timeZone: TimeZone,
  onSelectRange: (from: number, to: number) => void
): KeyboardSelection {
  const bounds = useMemo(() => keyBounds(times, axis.from, axis.to), [times, axis.from, axis.to]);
  const stateRef = useRef<KeySelection | null>(null);
  const [status, setStatus] = useState('');
  const callback = useRef(onSelectRange);
  useLayoutEffect(() => {
    callback.current = onSelectRange;
  });

  const apply = useCallback(
    (next: KeySelection | null) => {
      const was = stateRef.current;
      stateRef.current = next;
      const plot = plotRef.current;
      if (plot && (next || was)) {
        draw(plot, next);
      }
    },
    [plotRef]
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return; // the browser's and Grafana's shortcuts (Alt+← is Back), never a step of the selection
      }
      const state = stateRef.current ?? { cursor: initialCursor(times, bounds), anchor: null };
      const outcome = pressKey(state, { key: event.key, shiftKey: event.shiftKey }, bounds);
      if (outcome.kind === 'ignored') {
        return;
      }
      // Consumed: Space must not scroll the dashboard, nor Escape leave Grafana's panel view mid-range.
      event.preventDefault();
      event.stopPropagation();
      apply(outcome.state);
      const time = (t: number) => formatTooltipTime(t, timeZone);
      const { cursor, anchor } = outcome.state;
      if (outcome.kind === 'selected') {
        setStatus(`Selected ${time(outcome.range.from)} to ${time(outcome.range.to)}`);
        callback.current(outcome.range.from, outcome.range.to);
      } else if (anchor !== null) {
        setStatus(`Range from ${time(anchor)} to ${time(cursor)}`);
      } else {
        setStatus(state.anchor !== null && event.key === 'Escape' ? 'Range cancelled' : time(cursor));
      }
    },
    [times, bounds, timeZone, apply]
  );

  const onBlur = useCallback(() => {
    apply(null);
    setStatus('');
  }, [apply]);

  const redraw = useCallback((plot: uPlot) => {
    if (stateRef.current) {
      draw(plot, stateRef.current);
    }
  }, []);

  return { onKeyDown, onBlur, status, redraw };
}
