import type uPlot from 'uplot';

/** Drags narrower than this are clicks, not ranges. */
const MIN_DRAG_PX = 3;

/** The time range a finished drag selected, clearing the selection box; null for a click. */
export function takeSelection(u: uPlot): { from: number; to: number } | null {
  const { left, width } = u.select;
  if (width < MIN_DRAG_PX) {
    return null;
  }
  const from = u.posToVal(left, 'x');
  const to = u.posToVal(left + width, 'x');
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  return { from, to };
}
