import { formatSeriesCsv, parseSeriesCsv } from './series-csv';

describe('parseSeriesCsv', () => {
  it('reads quoted ISO dates as UTC and sorts rows by time', () => {
    const s = parseSeriesCsv('"ds","y"\n"2020-01-02",2\n"2020-01-01",1\n', 'test');
    expect(Array.from(s.timestamps)).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 2)]);
    expect(Array.from(s.values)).toEqual([1, 2]);
  });

  it('reads CR-only line ends, date-times and NaN or empty values as missing', () => {
    const s = parseSeriesCsv('ds,y\r2020-01-01 00:05:00,NaN\r2020-01-01 00:10:00,\r2020-01-01 00:15:00,3', 'test');
    expect(s.timestamps[0]).toBe(Date.UTC(2020, 0, 1, 0, 5));
    expect(Number.isNaN(s.values[0]) && Number.isNaN(s.values[1])).toBe(true);
    expect(s.values[2]).toBe(3);
  });

  it('picks a named value column', () => {
    const s = parseSeriesCsv('ds,a,b\n2020-01-01,1,10\n', 'test', 'b');
    expect(s.values[0]).toBe(10);
  });

  it('rejects duplicate timestamps, unreadable values and a missing column', () => {
    expect(() => parseSeriesCsv('ds,y\n2020-01-01,1\n2020-01-01,2\n', 'f')).toThrow(/duplicate timestamp/);
    expect(() => parseSeriesCsv('ds,y\n2020-01-01,abc\n', 'f')).toThrow(/cannot read value "abc"/);
    expect(() => parseSeriesCsv('ds,y\n2020-01-01,1\n', 'f', 'z')).toThrow(/value column z not found/);
    expect(() => parseSeriesCsv('ds,y\n', 'f')).toThrow(/at least one data row/);
  });

  it('round-trips through the ds_ms exchange format without losing digits', () => {
    const original = {
      timestamps: Float64Array.from([1000, 2000, 3000]),
      values: Float64Array.from([0.1 + 0.2, NaN, -1e-9]),
    };
    const back = parseSeriesCsv(formatSeriesCsv(original), 'roundtrip');
    expect(Array.from(back.timestamps)).toEqual([1000, 2000, 3000]);
    expect(back.values[0]).toBe(0.1 + 0.2);
    expect(Number.isNaN(back.values[1])).toBe(true);
    expect(back.values[2]).toBe(-1e-9);
  });
});
