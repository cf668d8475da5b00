/**
 * The corpus at other sampling intervals: each series' rows averaged into fixed buckets, its labelled windows
 * mapped onto the new rows. A run over several intervals at once (`run.ts --resample 0,3600`) shows whether one
 * threshold means the same on minute and hourly data, as the service's metrics mix them.
 */
import { NabSeries, parseUtcTimestamp, windowRows, type WindowLabels } from './corpus';

/** A bucket's name in keys and reports: `1h`, `15m`, `90s`. */
export function bucketLabel(bucketMs: number): string {
  if (bucketMs % 3_600_000 === 0) {
    return `${bucketMs / 3_600_000}h`;
  }
  return bucketMs % 60_000 === 0 ? `${bucketMs / 60_000}m` : `${bucketMs / 1000}s`;
}

/**
 * The series averaged into buckets of bucketMs aligned to the epoch (a bucket's row is at its start; missing values
 * are left out of the mean, and a bucket without a value is NaN), keyed `<label>:<key>`. Windows cover the rows
 * whose buckets start inside them, as NAB maps its windows onto rows. A bucket of 0 keeps the series as read.
 */
export function resampleSeries(series: NabSeries, labels: WindowLabels, bucketMs: number): NabSeries {
  if (bucketMs === 0) {
    return series;
  }
  if (!(Number.isInteger(bucketMs) && bucketMs > 0)) {
    throw new Error(`a resampling bucket must be a whole number of ms > 0, got ${bucketMs}`);
  }
  const times: number[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < series.timestamps.length; i++) {
    const start = Math.floor(series.timestamps[i] / bucketMs) * bucketMs;
    if (times.length === 0 || times[times.length - 1] !== start) {
      times.push(start);
      sums.push(0);
      counts.push(0);
    }
    const v = series.values[i];
    if (Number.isFinite(v)) {
      sums[sums.length - 1] += v;
      counts[counts.length - 1]++;
    }
  }
  const timestamps = Float64Array.from(times);
  const values = Float64Array.from(sums, (s, k) => (counts[k] > 0 ? s / counts[k] : NaN));
  const windows: Array<[number, number]> = [];
  for (const [from, to] of labels[series.key] ?? []) {
    const rows = windowRows(timestamps, parseUtcTimestamp(from), parseUtcTimestamp(to));
    if (rows) {
      windows.push(rows);
    }
  }
  const key = `${bucketLabel(bucketMs)}:${series.key}`;
  return {
    key,
    category: `${bucketLabel(bucketMs)}:${series.category}`,
    timestamps,
    repairedRows: 0,
    values,
    labelled: { name: key, rows: timestamps.length, windows },
  };
}
