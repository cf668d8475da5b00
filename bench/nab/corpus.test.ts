import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_NAB_DIR,
  globToRegExp,
  listSeriesKeys,
  loadSeries,
  parseSeriesCsv,
  parseUtcTimestamp,
  readWindowLabels,
  selectKeys,
  strictlyIncreasing,
  windowRows,
} from './corpus';

describe('parseUtcTimestamp(text)', () => {
  it('reads NAB timestamps and label timestamps as UTC', () => {
    expect(parseUtcTimestamp('2014-07-01 00:30:00')).toBe(Date.UTC(2014, 6, 1, 0, 30));
    expect(parseUtcTimestamp('2014-10-30 15:30:00.000000')).toBe(Date.UTC(2014, 9, 30, 15, 30));
    expect(parseUtcTimestamp('2014-10-30 15:30:00.250')).toBe(Date.UTC(2014, 9, 30, 15, 30) + 250);
  });

  it('is NaN for text that is not a timestamp', () => {
    expect(parseUtcTimestamp('yesterday')).toBeNaN();
    expect(parseUtcTimestamp('')).toBeNaN();
  });
});

describe('parseSeriesCsv(text)', () => {
  it('keeps rows in file order, missing values as NaN', () => {
    const { timestamps, values } = parseSeriesCsv(
      'timestamp,value\n2014-01-01 00:05:00,2\n2014-01-01 00:00:00,\n2014-01-01 00:10:00,x\n',
      't.csv'
    );
    expect(Array.from(timestamps)).toEqual([
      Date.UTC(2014, 0, 1, 0, 5),
      Date.UTC(2014, 0, 1),
      Date.UTC(2014, 0, 1, 0, 10),
    ]);
    expect(Array.from(values)).toEqual([2, NaN, NaN]);
  });

  it('names the line of an unreadable timestamp', () => {
    expect(() => parseSeriesCsv('timestamp,value\n2014-01-01 00:00:00,1\nnoon,2\n', 't.csv')).toThrow(/t.csv line 3/);
  });
});

describe('strictlyIncreasing(timestamps)', () => {
  it('nudges repeated and backward times to the previous time + 1 ms and counts them', () => {
    const { timestamps, repaired } = strictlyIncreasing(Float64Array.from([0, 100, 100, 100, 50, 200]));
    expect(Array.from(timestamps)).toEqual([0, 100, 101, 102, 103, 200]);
    expect(repaired).toBe(3);
  });
});

describe('windowRows(timestamps, start, end)', () => {
  const ts = Float64Array.from([0, 10, 20, 30, 40]);

  it('covers the rows whose time lies in [start, end]', () => {
    expect(windowRows(ts, 10, 30)).toEqual([1, 3]);
    expect(windowRows(ts, 5, 35)).toEqual([1, 3]);
    expect(windowRows(ts, -100, 100)).toEqual([0, 4]);
  });

  it('is null when no row falls inside', () => {
    expect(windowRows(ts, 11, 19)).toBeNull();
    expect(windowRows(ts, 50, 60)).toBeNull();
  });
});

describe('file selection', () => {
  const keys = [
    'realKnownCause/nyc_taxi.csv',
    'realTweets/Twitter_volume_AAPL.csv',
    'artificialNoAnomaly/art_noisy.csv',
  ];

  it('matches * within a path segment, ** across, and comma-separated patterns', () => {
    expect(globToRegExp('real*/*.csv').test('realKnownCause/nyc_taxi.csv')).toBe(true);
    expect(globToRegExp('*.csv').test('realKnownCause/nyc_taxi.csv')).toBe(false);
    expect(globToRegExp('**.csv').test('realKnownCause/nyc_taxi.csv')).toBe(true);
    expect(selectKeys(keys, 'realTweets/*,*/art_?oisy.csv')).toEqual([keys[1], keys[2]]);
    expect(selectKeys(keys, undefined)).toEqual(keys);
  });
});

// The corpus itself lives in shared/ beside the repository; these checks pin the facts the scorer relies on.
const haveCorpus = fs.existsSync(path.join(DEFAULT_NAB_DIR, 'labels', 'combined_windows.json'));
(haveCorpus ? describe : describe.skip)('the NAB corpus in shared/data/nab', () => {
  it('has 58 files, 365,558 rows and 116 windows whose edges are rows of their file', () => {
    const labels = readWindowLabels(DEFAULT_NAB_DIR);
    const keys = listSeriesKeys(DEFAULT_NAB_DIR);
    expect(keys).toHaveLength(58);
    let rows = 0;
    let windows = 0;
    for (const key of keys) {
      const series = loadSeries(DEFAULT_NAB_DIR, key, labels);
      rows += series.labelled.rows;
      windows += series.labelled.windows.length;
      series.labelled.windows.forEach(([first, last], k) => {
        const [start, end] = labels[key][k];
        expect(series.timestamps[first]).toBe(parseUtcTimestamp(start));
        expect(series.timestamps[last]).toBe(parseUtcTimestamp(end));
      });
    }
    expect(rows).toBe(365558);
    expect(windows).toBe(116);
  });
});
