import { parseBoundedNumber } from './parseBoundedNumber';

describe('parseBoundedNumber(text, bounds)', () => {
  it('reads blank as "use the default"', () => {
    expect(parseBoundedNumber('  ')).toEqual({ ok: true, value: undefined });
  });

  it('accepts a number inside strict bounds and rejects the bounds themselves', () => {
    const width = { min: 0, exclusiveMin: true, max: 1, exclusiveMax: true };
    expect(parseBoundedNumber('0.95', width)).toEqual({ ok: true, value: 0.95 });
    expect(parseBoundedNumber('1', width)).toEqual({ ok: false, error: 'Enter a number above 0 and below 1' });
    expect(parseBoundedNumber('0', width).ok).toBe(false);
  });

  it('rejects text, NaN and infinity', () => {
    expect(parseBoundedNumber('abc').ok).toBe(false);
    expect(parseBoundedNumber('NaN').ok).toBe(false);
    expect(parseBoundedNumber('Infinity').ok).toBe(false);
  });

  it('enforces whole numbers and inclusive bounds', () => {
    const days = { min: 1, max: 90, integer: true };
    expect(parseBoundedNumber('28', days)).toEqual({ ok: true, value: 28 });
    expect(parseBoundedNumber('90', days)).toEqual({ ok: true, value: 90 });
    expect(parseBoundedNumber('2.5', days)).toEqual({
      ok: false,
      error: 'Enter a whole number at least 1 and at most 90',
    });
    expect(parseBoundedNumber('91', days).ok).toBe(false);
  });
});
