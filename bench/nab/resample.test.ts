import type { NabSeries } from './corpus';
import { bucketLabel, resampleSeries } from './resample';
import { parseArgs } from './run';

const MIN = 60_000;
const at = (minutes: number) => Date.UTC(2024, 0, 1, 0, minutes);

function series(values: number[]): NabSeries {
  const timestamps = Float64Array.from(values, (_v, i) => at(5 * i));
  return {
    key: 'realTest/a.csv',
    category: 'realTest',
    timestamps,
    repairedRows: 0,
    values: Float64Array.from(values),
    labelled: { name: 'realTest/a.csv', rows: values.length, windows: [] },
  };
}

describe('resampleSeries', () => {
  it('averages each bucket, leaves missing values out, and keys the copy by its bucket', () => {
    const s = series([1, 2, 3, 4, 5, 6, NaN, NaN, NaN]); // 5-minute rows: buckets of 15 minutes hold three each
    const out = resampleSeries(s, {}, 15 * MIN);
    expect(Array.from(out.timestamps)).toEqual([at(0), at(15), at(30)]);
    expect(Array.from(out.values)).toEqual([2, 5, NaN]);
    expect(out.key).toBe('15m:realTest/a.csv');
    expect(out.category).toBe('15m:realTest');
    expect(out.labelled.rows).toBe(3);
  });

  it('maps a window onto the rows whose buckets start inside it', () => {
    const s = series(Array.from({ length: 24 }, (_v, i) => i)); // two hours of 5-minute rows
    const labels = { 'realTest/a.csv': [['2024-01-01 00:20:00', '2024-01-01 01:10:00'] as [string, string]] };
    const out = resampleSeries(s, labels, 30 * MIN); // buckets at 0:00, 0:30, 1:00, 1:30
    expect(out.labelled.windows).toEqual([[1, 2]]);
  });

  it('keeps the series as read at a bucket of 0, and refuses a bucket that is no whole positive ms', () => {
    const s = series([1, 2, 3]);
    expect(resampleSeries(s, {}, 0)).toBe(s);
    expect(() => resampleSeries(s, {}, -5)).toThrow('whole number of ms > 0');
    expect(() => resampleSeries(s, {}, 1.5)).toThrow('whole number of ms > 0');
  });

  it('names buckets in hours, minutes or seconds', () => {
    expect([bucketLabel(3_600_000), bucketLabel(15 * MIN), bucketLabel(90_000)]).toEqual(['1h', '15m', '90s']);
  });
});

describe('run.ts --resample', () => {
  it('reads seconds into bucket lengths, 0 for the corpus as recorded', () => {
    expect(parseArgs(['--resample', '0,3600']).resampleMs).toEqual([0, 3_600_000]);
  });
  it('refuses what is no whole number of seconds', () => {
    expect(() => parseArgs(['--resample', '0,1.5'])).toThrow('--resample takes whole numbers of seconds');
  });
});
