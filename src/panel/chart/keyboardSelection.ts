/**
 * Selecting a time range with the keyboard, the path for those who cannot drag: a cursor stepped along the time
 * axis, a key to drop the range's start and the same key to close it. Pure, so the chart only wires it up.
 */

/** Where the keyboard cursor is and, once a range is started, where it began (epoch ms). */
export interface KeySelection {
  cursor: number;
  anchor: number | null;
}

export interface KeyBounds {
  /** One data interval: what an arrow key moves. */
  step: number;
  /** The chart's time axis. */
  from: number;
  to: number;
}

export type KeyOutcome =
  /** Not a selection key, or Escape with nothing to cancel: the key is left to the page (Tab, Grafana's Escape). */
  | { kind: 'ignored' }
  | { kind: 'moved'; state: KeySelection }
  | { kind: 'selected'; state: KeySelection; range: { from: number; to: number } };

/** Shift+arrow moves this many data intervals. */
export const LARGE_STEP = 10;

/** Steps across a chart whose data cannot tell its interval (fewer than two points). */
const FALLBACK_STEPS = 100;

/** The series' data interval: the median gap between distinct times; null with fewer than two of them. */
export function dataInterval(times: readonly number[]): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = times[i] - times[i - 1];
    if (gap > 0 && Number.isFinite(gap)) {
      gaps.push(gap);
    }
  }
  if (gaps.length === 0) {
    return null;
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)];
}

/** The bounds of a chart: its axis, stepped by its data interval or a hundredth of the axis. */
export function keyBounds(times: readonly number[], from: number, to: number): KeyBounds {
  const span = Math.max(to - from, 0);
  return { step: dataInterval(times) ?? (span / FALLBACK_STEPS || 1), from, to };
}

/** Where the cursor starts: on the latest point inside the axis, so a recent incident is a few steps away. */
export function initialCursor(times: readonly number[], bounds: KeyBounds): number {
  for (let i = times.length - 1; i >= 0; i--) {
    if (times[i] >= bounds.from && times[i] <= bounds.to) {
      return times[i];
    }
  }
  return bounds.to;
}

const clamp = (t: number, bounds: KeyBounds) => Math.min(bounds.to, Math.max(bounds.from, t));

/**
 * One key press. Arrows step by one data interval (with Shift by `LARGE_STEP`), Home and End go to the axis'
 * edges, Enter or Space starts a range at the cursor and, pressed again elsewhere, selects it; Escape drops a
 * started range. Closing a range where it began does nothing: an empty range is a slip, not a choice.
 */
export function pressKey(state: KeySelection, key: { key: string; shiftKey?: boolean }, bounds: KeyBounds): KeyOutcome {
  const move = (cursor: number): KeyOutcome => ({ kind: 'moved', state: { ...state, cursor: clamp(cursor, bounds) } });
  const stride = bounds.step * (key.shiftKey ? LARGE_STEP : 1);
  switch (key.key) {
    case 'ArrowLeft':
      return move(state.cursor - stride);
    case 'ArrowRight':
      return move(state.cursor + stride);
    case 'Home':
      return move(bounds.from);
    case 'End':
      return move(bounds.to);
    case 'Enter':
    case ' ':
      if (state.anchor === null) {
        return { kind: 'moved', state: { ...state, anchor: state.cursor } };
      }
      if (state.anchor === state.cursor) {
        return { kind: 'moved', state };
      }
      return {
        kind: 'selected',
        state: { ...state, anchor: null },
        range: { from: Math.min(state.anchor, state.cursor), to: Math.max(state.anchor, state.cursor) },
      };
    case 'Escape':
      return state.anchor === null ? { kind: 'ignored' } : { kind: 'moved', state: { ...state, anchor: null } };
    default:
      return { kind: 'ignored' };
  }
}
