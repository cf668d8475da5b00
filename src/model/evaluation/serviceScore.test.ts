import { rankByService, serviceCost, ViolationStats } from './serviceScore';

const stats = (violationRate: number, violationMagnitudeBand: number | null): ViolationStats => ({
  violationRate,
  violationMagnitudeBand,
});

// A: few but large violations; B: many small ones; C: as few as A (within 5%) but smaller; D: no usable magnitude.
const A = stats(0.1, 2);
const B = stats(0.3, 0.2);
const C = stats(0.104, 1);
const D = stats(0.05, null);

describe('rankByService', () => {
  it("'count' ranks by violation rate and breaks near-ties by magnitude", () => {
    // D has the lowest rate; A and C tie within 5% of A's rate, C's magnitude is smaller; B last.
    expect(rankByService([A, B, C, D], { priority: 'count' })).toEqual([3, 2, 0, 1]);
  });

  it('tolerance 0 makes the order strictly lexicographic', () => {
    expect(rankByService([A, B, C, D], { priority: 'count', tolerance: 0 })).toEqual([3, 0, 2, 1]);
  });

  it("'magnitude' ranks by magnitude first, an unknown magnitude last", () => {
    expect(rankByService([A, B, C, D], { priority: 'magnitude' })).toEqual([1, 2, 0, 3]);
  });

  it('a weight trades rate against magnitude in one cost', () => {
    expect(serviceCost(A, 0.5)).toBeCloseTo(0.5 * 0.1 + 0.5 * 2, 12);
    // weight 1 = rate only (D first, its unknown magnitude does not matter); weight 0 = magnitude only.
    expect(rankByService([A, B, C, D], { weight: 1 })).toEqual([3, 0, 2, 1]);
    expect(rankByService([A, B, C], { weight: 0 })).toEqual([1, 2, 0]);
    // weight 0.9: costs A 0.29, B 0.29, C 0.1936 → C, then the A/B tie broken by rate (count priority).
    expect(rankByService([A, B, C], { weight: 0.9 })).toEqual([2, 0, 1]);
  });

  it('keeps input order for identical candidates and never depends on sort internals', () => {
    const same = [stats(0.2, 1), stats(0.2, 1), stats(0.2, 1)];
    expect(rankByService(same)).toEqual([0, 1, 2]);
    // A chain of near-ties (each within 5% of the next) still groups from the best value down.
    const chain = [stats(0.1, 5), stats(0.104, 4), stats(0.108, 3), stats(0.112, 2)];
    expect(rankByService(chain)).toEqual([1, 0, 3, 2]);
  });

  it('rejects bad options', () => {
    expect(() => rankByService([A], { weight: 2 })).toThrow(/weight/);
    expect(() => rankByService([A], { tolerance: -1 })).toThrow(/tolerance/);
    expect(() => rankByService([A], { priority: 'speed' as never })).toThrow(/priority/);
  });
});
