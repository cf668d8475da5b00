import { formatValue, timeTicks, valueTicks } from './ticks';

const DAY = 86_400_000;

describe('timeTicks', () => {
  it('puts daily ticks on UTC midnights labelled with the date', () => {
    const from = Date.UTC(2025, 8, 1, 5);
    const ticks = timeTicks(from, from + 5 * DAY, 8);
    expect(ticks.map((t) => t.label)).toEqual(['2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05', '2025-09-06']);
    expect(ticks.every((t) => t.value % DAY === 0)).toBe(true);
  });

  it('uses clock times within a day and the date at midnight', () => {
    const from = Date.UTC(2025, 8, 1, 20);
    const labels = timeTicks(from, from + 12 * 3_600_000, 6).map((t) => t.label);
    expect(labels).toEqual(['21:00', '2025-09-02', '03:00', '06:00']);
  });

  it('starts weekly ticks on Mondays', () => {
    const ticks = timeTicks(Date.UTC(2025, 7, 25), Date.UTC(2025, 9, 20), 10);
    expect(ticks[0].label).toBe('2025-08-25');
    expect(ticks.every((t) => new Date(t.value).getUTCDay() === 1)).toBe(true);
  });

  it('steps by calendar months over long spans', () => {
    const labels = timeTicks(Date.UTC(2014, 6, 1), Date.UTC(2015, 0, 31), 12).map((t) => t.label);
    expect(labels).toEqual(['2014-07', '2014-08', '2014-09', '2014-10', '2014-11', '2014-12', '2015-01']);
  });

  it('stays finite for a zero span', () => {
    expect(timeTicks(0, 0, 5)).toEqual([{ value: 0, label: '1970-01-01' }]);
  });
});

describe('valueTicks', () => {
  it('picks 1-2-5 steps inside the range', () => {
    expect(valueTicks(-3, 47, 5).map((t) => t.value)).toEqual([0, 10, 20, 30, 40]);
    expect(valueTicks(0.01, 0.07, 6).map((t) => t.label)).toEqual([
      '0.01',
      '0.02',
      '0.03',
      '0.04',
      '0.05',
      '0.06',
      '0.07',
    ]);
  });

  it('abbreviates thousands and millions', () => {
    expect(valueTicks(0, 50_000, 5).map((t) => t.label)).toEqual(['0', '10k', '20k', '30k', '40k', '50k']);
    expect(formatValue(2_500_000, 500_000)).toBe('2.5M');
  });

  it('returns one tick for an empty range', () => {
    expect(valueTicks(5, 5, 4)).toEqual([{ value: 5, label: '5' }]);
  });
});
