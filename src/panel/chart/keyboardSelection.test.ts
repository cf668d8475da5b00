import { dataInterval, initialCursor, keyBounds, type KeySelection, LARGE_STEP, pressKey } from './keyboardSelection';

const STEP = 60_000;
const bounds = { step: STEP, from: 0, to: 100 * STEP };
const at = (cursor: number, anchor: number | null = null): KeySelection => ({ cursor, anchor });

describe('dataInterval', () => {
  it('is the median gap, ignoring duplicates and a missing stretch', () => {
    expect(dataInterval([0, STEP, STEP, 2 * STEP, 3 * STEP, 50 * STEP])).toBe(STEP);
  });

  it('is null without two distinct times', () => {
    expect(dataInterval([])).toBeNull();
    expect(dataInterval([5, 5])).toBeNull();
  });
});

describe('keyBounds and initialCursor', () => {
  it('step a chart of one point by a hundredth of its axis, and start on the latest point inside it', () => {
    expect(keyBounds([50], 0, 1000).step).toBe(10);
    expect(keyBounds([], 7, 7).step).toBe(1);
    expect(initialCursor([0, STEP, 200 * STEP], bounds)).toBe(STEP);
    expect(initialCursor([], bounds)).toBe(bounds.to);
  });
});

describe('pressKey', () => {
  it('steps by one data interval, by LARGE_STEP with Shift, and stops at the axis', () => {
    expect(pressKey(at(10 * STEP), { key: 'ArrowLeft' }, bounds)).toEqual({ kind: 'moved', state: at(9 * STEP) });
    expect(pressKey(at(10 * STEP), { key: 'ArrowRight', shiftKey: true }, bounds)).toEqual({
      kind: 'moved',
      state: at((10 + LARGE_STEP) * STEP),
    });
    expect(pressKey(at(STEP), { key: 'ArrowLeft', shiftKey: true }, bounds)).toEqual({ kind: 'moved', state: at(0) });
    expect(pressKey(at(STEP, 3), { key: 'End' }, bounds)).toEqual({ kind: 'moved', state: at(bounds.to, 3) });
  });

  it('starts a range with Enter and selects it, in time order, with Space', () => {
    const started = pressKey(at(20 * STEP), { key: 'Enter' }, bounds);
    expect(started).toEqual({ kind: 'moved', state: at(20 * STEP, 20 * STEP) });
    expect(pressKey(at(5 * STEP, 20 * STEP), { key: ' ' }, bounds)).toEqual({
      kind: 'selected',
      state: at(5 * STEP),
      range: { from: 5 * STEP, to: 20 * STEP },
    });
  });

  it('selects nothing when the range would end where it began', () => {
    expect(pressKey(at(STEP, STEP), { key: 'Enter' }, bounds)).toEqual({ kind: 'moved', state: at(STEP, STEP) });
  });

  it('cancels a started range with Escape, and leaves Escape and other keys alone otherwise', () => {
    expect(pressKey(at(STEP, 0), { key: 'Escape' }, bounds)).toEqual({ kind: 'moved', state: at(STEP) });
    expect(pressKey(at(STEP), { key: 'Escape' }, bounds)).toEqual({ kind: 'ignored' });
    expect(pressKey(at(STEP), { key: 'Tab' }, bounds)).toEqual({ kind: 'ignored' });
  });
});
