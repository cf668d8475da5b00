import { holidayIntervals } from './holidayIntervals';

const utc = (iso: string) => Date.parse(iso);

describe('holidayIntervals', () => {
  it('maps a KST calendar day to its UTC interval', () => {
    expect(holidayIntervals(['2024-02-10'], 0, 0, 540)).toEqual([
      { offset: 0, intervals: [utc('2024-02-09T15:00Z'), utc('2024-02-10T15:00Z')] },
    ]);
  });

  it('shifts by each window offset and handles zones west of UTC', () => {
    const result = holidayIntervals(['2024-07-04'], -1, 1, -300);
    expect(result.map((r) => r.offset)).toEqual([-1, 0, 1]);
    expect(result[0].intervals).toEqual([utc('2024-07-03T05:00Z'), utc('2024-07-04T05:00Z')]);
    expect(result[2].intervals).toEqual([utc('2024-07-05T05:00Z'), utc('2024-07-06T05:00Z')]);
  });

  it('sorts, de-duplicates and merges consecutive days', () => {
    const seollal = ['2024-02-11', '2024-02-09', '2024-02-10', '2024-02-10', '2024-09-17'];
    expect(holidayIntervals(seollal, 0, 0, 0)[0].intervals).toEqual([
      utc('2024-02-09T00:00Z'),
      utc('2024-02-12T00:00Z'),
      utc('2024-09-17T00:00Z'),
      utc('2024-09-18T00:00Z'),
    ]);
  });

  it('supports half-hour zones and windows not containing zero', () => {
    const [only] = holidayIntervals(['2024-01-26'], 2, 2, 330);
    expect(only).toEqual({ offset: 2, intervals: [utc('2024-01-27T18:30Z'), utc('2024-01-28T18:30Z')] });
  });

  it('returns empty interval lists for no dates', () => {
    expect(holidayIntervals([], -1, 0, 0)).toEqual([
      { offset: -1, intervals: [] },
      { offset: 0, intervals: [] },
    ]);
  });

  it('rejects malformed dates, bad windows and impossible offsets with one-line messages', () => {
    const bad: Array<[string[], number, number, number]> = [
      [['2024-02-30'], 0, 0, 0],
      [['2024-2-1'], 0, 0, 0],
      [['20240201'], 0, 0, 0],
      [['2024-02-01'], 1, 0, 0],
      [['2024-02-01'], -0.5, 0, 0],
      [['2024-02-01'], 0, NaN, 0],
      [['2024-02-01'], -1000, 0, 0],
      [['2024-02-01'], 0, 0, NaN],
      [['2024-02-01'], 0, 0, 24 * 60],
    ];
    for (const args of bad) {
      expect(() => holidayIntervals(...args)).toThrow(/^Holiday [^\n]+$/);
    }
  });
});
