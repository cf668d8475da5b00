import { seasonalNaive, shiftBack } from './seasonal-naive';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('shiftBack', () => {
  it('steps fixed seasons in ms and month seasons on the UTC calendar', () => {
    expect(shiftBack(10 * DAY, { ms: DAY }, 3)).toBe(7 * DAY);
    expect(shiftBack(Date.UTC(2021, 2, 1), { months: 12 }, 1)).toBe(Date.UTC(2020, 2, 1));
    expect(shiftBack(Date.UTC(2021, 0, 1), { months: 12 }, 2)).toBe(Date.UTC(2019, 0, 1));
  });
});

describe('seasonalNaive', () => {
  // Hourly history over two days: value = hour of day.
  const timestamps = Array.from({ length: 48 }, (_, i) => i * HOUR);
  const values = timestamps.map((t) => (t / HOUR) % 24);
  const cutoff = 47 * HOUR;

  it('repeats the value one season earlier, also beyond one season ahead', () => {
    const targets = [48 * HOUR, 53 * HOUR, 48 * HOUR + DAY + 2 * HOUR];
    expect(Array.from(seasonalNaive(timestamps, values, cutoff, targets, { ms: DAY }))).toEqual([0, 5, 2]);
  });

  it('steps back further seasons over a missing value, then falls back to the last value', () => {
    const gappy = values.slice();
    gappy[29] = NaN; // hour 5 of day 2 is missing; day 1 has it
    expect(seasonalNaive(timestamps, gappy, cutoff, [53 * HOUR], { ms: DAY })[0]).toBe(5);
    // A 5-minute offset target matches nothing: the last observed value is used.
    expect(seasonalNaive(timestamps, values, cutoff, [48 * HOUR + 300_000], { ms: DAY })[0]).toBe(23);
  });

  it('ignores history after the cutoff', () => {
    expect(seasonalNaive(timestamps, values, 40 * HOUR, [41 * HOUR], { ms: DAY })[0]).toBe(17);
  });

  it('throws when no value precedes the cutoff', () => {
    expect(() => seasonalNaive([0, HOUR], [NaN, NaN], HOUR, [2 * HOUR], { ms: DAY })).toThrow(/no value/);
  });
});
