import { seededRandom } from './testing/synthetic';
import {
  coarsestBinaryStep,
  decodeValueSteps,
  encodeValueSteps,
  MAX_GRID_STEPS,
  powerOfTwoAtMost,
  VALUE_GRID_ERROR,
  VALUE_STEPS_ERROR,
} from './valueSteps';

describe('values on a power-of-two grid as text', () => {
  it('gives back values on the grid bit for bit, near and far from 0', () => {
    const random = seededRandom(11);
    const steps = Float64Array.from({ length: 5000 }, (_, i) => {
      const k = Math.floor((random() - 0.5) * 2 ** (1 + (i % 52)));
      return Math.max(-(MAX_GRID_STEPS - 1), Math.min(MAX_GRID_STEPS - 1, k));
    });
    for (const step of [1, 2 ** -20, 2 ** 30, 2 ** -1022]) {
      const values = steps.map((k) => k * step);
      const back = decodeValueSteps(encodeValueSteps(values, step), step);
      expect(Array.from(back)).toEqual(Array.from(values));
    }
  });

  it('rounds values to the nearest step, ties up, and writes a small difference in one character', () => {
    const text = encodeValueSteps(Float64Array.of(0.5, -0.5, 1.5, -1.5, 0.49, 2.26), 1);
    expect(Array.from(decodeValueSteps(text, 1))).toEqual([1, 0, 2, -1, 0, 2]);
    // k = 1, 0, 2, −1, 0, 2: differences 1, −1, 2, −3, 1, 2 zigzag to 2, 1, 4, 5, 2, 4.
    expect(text).toBe('CBEFCE');
    // 16 (zigzag 32) needs a second character: 'g' (continue, 0) then 'B' (1).
    expect(encodeValueSteps(Float64Array.of(16), 1)).toBe('gB');
  });

  it('takes 2-3 characters a value for noise on a grid of a thousandth of it', () => {
    const random = seededRandom(12);
    const noisy = Float64Array.from({ length: 8064 }, () => 100 + 2 * (random() + random() + random() - 1.5));
    expect(encodeValueSteps(noisy, 2 ** -9).length / noisy.length).toBeLessThan(3);
  });

  it('refuses a step that is not a power of two and values off the grid, in one line', () => {
    for (const [values, step] of [
      [[1], 3],
      [[1], 0],
      [[1], -2],
      [[1], 5e-324],
      [[1], NaN],
      [[MAX_GRID_STEPS], 1],
      [[-MAX_GRID_STEPS], 1],
      [[NaN], 1],
      [[Infinity], 2 ** 1023],
      [[Number.MAX_VALUE], 2 ** 1023],
    ] as Array<[number[], number]>) {
      expect(() => encodeValueSteps(Float64Array.from(values), step)).toThrow(VALUE_GRID_ERROR);
    }
  });

  it('refuses text it did not write', () => {
    const text = encodeValueSteps(Float64Array.of(3, -7, 12), 1);
    for (const [bad, step] of [
      [text, 3],
      [`${text}=`, 1],
      [`${text} `, 1],
      [`${text}é`, 1],
      [`${text}g`, 1],
      ['gA', 1],
      [`${'g'.repeat(11)}B`, 1],
      [`${'g'.repeat(10)}I`, 1],
      [`${'/'.repeat(10)}D${'/'.repeat(10)}D`, 1],
      ['E', 2 ** 1023],
    ] as Array<[string, number]>) {
      expect(() => decodeValueSteps(bad, step)).toThrow(VALUE_STEPS_ERROR);
    }
  });

  it('finds the coarsest power of two the values are whole multiples of', () => {
    expect(coarsestBinaryStep(Float64Array.of(3, -7, 0, 1e6))).toBe(1);
    expect(coarsestBinaryStep(Float64Array.of(4, 12, -8))).toBe(4);
    expect(coarsestBinaryStep(Float64Array.of(0.5, 1.25))).toBe(0.25);
    // 0.1 is 0x1999999999999a × 2⁻⁵⁶: its lowest bit is 2⁻⁵⁵.
    expect(coarsestBinaryStep(Float64Array.of(0.1))).toBe(2 ** -55);
    expect(coarsestBinaryStep(Float64Array.of(5e-324, 1))).toBe(5e-324);
    expect(coarsestBinaryStep(Float64Array.of(0, -0))).toBe(Infinity);
    expect(coarsestBinaryStep(Float64Array.of(1, NaN))).toBe(0);
  });

  it('finds the largest power of two at most a number', () => {
    expect(powerOfTwoAtMost(1)).toBe(1);
    expect(powerOfTwoAtMost(1023.9)).toBe(512);
    expect(powerOfTwoAtMost(2 ** -30 * 1.999)).toBe(2 ** -30);
    expect(powerOfTwoAtMost(0)).toBe(0);
    expect(powerOfTwoAtMost(-4)).toBe(0);
    expect(powerOfTwoAtMost(Infinity)).toBe(0);
  });
});
