import { parseCsv } from './csv';
import { CliError } from './errors';
import { readSeries } from './series-input';

const read = (text: string) => readSeries(parseCsv(text, 'in.csv'), 'in.csv');

describe('readSeries', () => {
  it.each([
    ['timestamp,value', 'timestamp', 'value'],
    ['TimeStamp,Value', 'TimeStamp', 'Value'],
    ['ds,y', 'ds', 'y'],
    ['host,TIME,cpu, Y ', 'TIME', 'Y'],
  ])('finds the columns in header %j', (header, timeColumn, valueColumn) => {
    const columns = header.split(',').length;
    const row = (t: string, v: string) =>
      header
        .split(',')
        .map((h) => (/time|ds/i.test(h) ? t : /^\s*(value|y)\s*$/i.test(h) ? v : 'x'))
        .join(',');
    const series = read(`${header}\n${row('2024-01-01', '1')}\n${row('2024-01-02', '2')}\n`);
    expect(columns).toBeGreaterThan(1);
    expect(series.timeColumn).toBe(timeColumn);
    expect(series.valueColumn).toBe(valueColumn);
    expect(Array.from(series.values)).toEqual([1, 2]);
    expect(Array.from(series.timestamps)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
  });

  it('uses the columns the user names, in any case', () => {
    const series = readSeries(parseCsv('when,a,b\n2024-01-01,1,10\n2024-01-02,2,20\n', 'in.csv'), 'in.csv', {
      time: 'WHEN',
      value: 'b',
    });
    expect(Array.from(series.values)).toEqual([10, 20]);
    expect(() => readSeries(parseCsv('ds,a\n2024-01-01,1\n', 'in.csv'), 'in.csv', { value: 'c' })).toThrow(
      'in.csv row 1: no column "c" as given by --value-column (found "ds", "a")'
    );
    expect(() => readSeries(parseCsv('1,2\n2024-01-01,1\n', 'in.csv'), 'in.csv', { time: 'when' })).toThrow(
      'in.csv row 1: no column "when" as given by --time-column (found "1", "2")'
    );
  });

  it('keeps timestamp texts exactly as written, quotes removed', () => {
    const series = read('timestamp,value\n"2024-01-01 00:00:00",1\n2024-01-01T01:00:00+09:00 ,2\n');
    expect(series.timestampText).toEqual(['2024-01-01 00:00:00', '2024-01-01T01:00:00+09:00 ']);
    expect(series.timestamps[1]).toBe(Date.UTC(2023, 11, 31, 16));
  });

  it('reads epoch seconds and epoch milliseconds by the column magnitude', () => {
    const seconds = read('time,value\n1700000000,1\n1700000300,2\n');
    const millis = read('time,value\n1700000000000,1\n1700000300000,2\n');
    expect(Array.from(seconds.timestamps)).toEqual([1700000000000, 1700000300000]);
    expect(Array.from(millis.timestamps)).toEqual([1700000000000, 1700000300000]);
    expect(seconds.notes).toContain('read 2 numeric timestamp(s) as epoch seconds');
    expect(millis.notes).toContain('read 2 numeric timestamp(s) as epoch milliseconds');
  });

  it('warns when epoch numbers land near 1970', () => {
    const series = read('time,value\n0,1\n1,2\n');
    expect(series.warnings.join(' ')).toMatch(/start at 1970-01-01T00:00:00.000Z/);
  });

  it('treats empty, NaN and null values as missing', () => {
    const series = read('ds,y\n2024-01-01,\n2024-01-02,NaN\n2024-01-03,null\n2024-01-04, 4.5e1 \n');
    expect(Array.from(series.values).map((v) => (Number.isNaN(v) ? 'missing' : v))).toEqual([
      'missing',
      'missing',
      'missing',
      45,
    ]);
  });

  it('reads infinities as missing and warns once with the first row', () => {
    const series = read('ds,y\n2024-01-01,1\n2024-01-02,inf\n2024-01-03,-Infinity\n2024-01-04,+INF\n2024-01-05,2\n');
    expect(Array.from(series.values)).toEqual([1, NaN, NaN, NaN, 2]);
    expect(series.valueText[1]).toBe('inf');
    expect(series.warnings).toEqual(['in.csv: 3 infinite value(s) read as missing (first: row 3, "inf")']);
  });

  it('notes unsorted input and warns about duplicate timestamps, keeping every row', () => {
    const series = read('ds,y\n2024-01-02,1\n2024-01-01,2\n2024-01-02,3\n');
    expect(series.values.length).toBe(3);
    expect(series.notes.join(' ')).toMatch(/not in time order/);
    expect(series.warnings).toEqual([
      'in.csv: 1 row(s) repeat an earlier timestamp (first: row 4 repeats the time of row 2); all rows are kept and judged',
    ]);
  });

  it.each([
    ['', 'in.csv: file is empty (expected a header row and data rows)'],
    ['timestamp,value\n', 'in.csv: no data rows after the header'],
    [
      '2024-01-01,1\n2024-01-02,2\n',
      'in.csv row 1: no header row (the first row looks like data); expected a header naming a time column "timestamp", "ds", "time" (any case)',
    ],
    [
      'when,value\n2024-01-01,1\n',
      'in.csv row 1: no time column (found "when", "value"); name one "timestamp", "ds", "time" (any case) or pick one with --time-column NAME',
    ],
    [
      'timestamp,count\n2024-01-01,1\n',
      'in.csv row 1: no value column (found "timestamp", "count"); name one "value", "y" (any case) or pick one with --value-column NAME',
    ],
    ['ds,value,y\n2024-01-01,1,2\n', 'in.csv row 1: two value columns ("value" and "y"); keep only one'],
    [
      'timestamp,value\n2024-01-01,1\nabc,2\n',
      'in.csv row 3, column "timestamp": timestamp "abc" is not ISO 8601 or epoch',
    ],
    ['timestamp,value\n2024-01-01,1\n,2\n', 'in.csv row 3, column "timestamp": timestamp is empty'],
    [
      'timestamp,value\n2024-01-01,1\n2024-01-02,12abc\n',
      'in.csv row 3, column "value": value "12abc" is not a number',
    ],
    ['timestamp,value\n2024-01-01,1\n2024-01-02,1e999\n', 'in.csv row 3, column "value": value "1e999" is too large'],
    [
      'timestamp,value\n2024-01-01,1\n2024-01-02,infinite\n',
      'in.csv row 3, column "value": value "infinite" is not a number',
    ],
    [
      'timestamp,value\n2024-01-01,1\n2024-01-02\n',
      'in.csv row 3: has 1 field(s), needs at least 2 to reach columns "timestamp" and "value"',
    ],
    ['timestamp,value\n2024-01-01,\n2024-01-02,nan\n', 'in.csv: all 2 values in column "value" are missing'],
    [
      'time,value\n1e20,1\n',
      'in.csv, column "time": epoch timestamps up to 100000000000000000000 are too large for seconds or milliseconds',
    ],
  ])('rejects %j with a one-line message', (text, message) => {
    expect(() => read(text)).toThrow(new CliError(message));
  });
});
