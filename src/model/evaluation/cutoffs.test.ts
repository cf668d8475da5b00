import { ModelInputError } from '../index';
import { crossValidationCutoffs, planCutoffs } from './cutoffs';

const DAY = 86_400_000;
const days = (list: number[]) => list.map((d) => d * DAY);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('crossValidationCutoffs', () => {
  it('follows Prophet’s rule, including the nudge across a gap', () => {
    // Daily points on days 0..7 and 13..20 (days 8..12 missing); horizon 2d, period 3d, initial 4d.
    //   first cutoff = max − horizon = 20 − 2 = 18            (18 ≥ 0 + 4: keep)
    //   18 − 3 = 15: (15, 17] holds 16, 17                     (keep)
    //   15 − 3 = 12: (12, 14] holds 13, 14                     (keep)
    //   12 − 3 = 9:  (9, 11] is empty → last point ≤ 9 is 7 → 7 − 2 = 5   (5 ≥ 4: keep)
    //   5 − 3 = 2:   (2, 4] holds 3, 4, but 2 < 4 → stop
    const ts = days([...range(0, 7), ...range(13, 20)]);
    expect(crossValidationCutoffs(ts, { horizon: 2 * DAY, period: 3 * DAY, initial: 4 * DAY })).toEqual(
      days([5, 12, 15, 18])
    );
  });

  it('defaults period to horizon / 2 and initial to 3 × horizon', () => {
    // Days 0..10, horizon 2d → period 1d, initial 6d: cutoffs 8, 7, 6 (5 < 0 + 6 stops).
    expect(crossValidationCutoffs(days(range(0, 10)), { horizon: 2 * DAY })).toEqual(days([6, 7, 8]));
  });

  it('accepts unsorted and duplicate timestamps', () => {
    const ts = days([10, 3, 3, 0, 7, 1, 2, 4, 5, 6, 8, 9, 9]);
    expect(crossValidationCutoffs(ts, { horizon: 2 * DAY })).toEqual(days([6, 7, 8]));
  });

  it('says how much data it needs when the span is too short', () => {
    const ts = days(range(0, 5));
    expect(() => crossValidationCutoffs(ts, { horizon: 2 * DAY })).toThrow(ModelInputError);
    expect(() => crossValidationCutoffs(ts, { horizon: 2 * DAY })).toThrow(
      /at least initial \+ horizon = 8d .* have 5d/
    );
    expect(() => crossValidationCutoffs(ts, { horizon: 6 * DAY, initial: 0 })).toThrow(/have 5d/);
  });

  it('rejects bad windows and inputs with clear errors', () => {
    const ts = days(range(0, 10));
    expect(() => crossValidationCutoffs(ts, { horizon: 0 })).toThrow(/horizon must be a positive/);
    expect(() => crossValidationCutoffs(ts, { horizon: DAY, period: 0 })).toThrow(/period must be a positive/);
    expect(() => crossValidationCutoffs(ts, { horizon: DAY, period: NaN })).toThrow(/period must be a positive/);
    expect(() => crossValidationCutoffs(ts, { horizon: DAY, initial: -1 })).toThrow(/initial must be/);
    expect(() => crossValidationCutoffs([], { horizon: DAY })).toThrow(/empty series/);
    expect(() => crossValidationCutoffs([0, NaN, DAY], { horizon: DAY })).toThrow(/index 1/);
  });

  it('keeps the most recent maxCutoffs and counts every one the rule gives', () => {
    const ts = days(range(0, 100));
    // Cutoffs are days 0..99 (last = 100 − 1); the most recent three are 97, 98, 99.
    expect(planCutoffs(ts, { horizon: DAY, period: DAY, initial: 0, maxCutoffs: 3 })).toEqual({
      cutoffs: days([97, 98, 99]),
      available: 100,
    });
    expect(crossValidationCutoffs(ts, { horizon: DAY, period: DAY, initial: 0 })).toHaveLength(100);
    expect(() => planCutoffs(ts, { horizon: DAY, maxCutoffs: 0 })).toThrow(/at least 1/);
  });

  it('refuses a request that would make an absurd number of cutoffs', () => {
    const ts = days(range(0, 100));
    expect(() => crossValidationCutoffs(ts, { horizon: DAY, period: 1, initial: 0 })).toThrow(
      /up to 8553600001 cutoffs; lengthen period/
    );
  });
});
