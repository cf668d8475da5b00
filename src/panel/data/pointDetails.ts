import type { SeriesView } from './seriesView';

export interface PointDetails {
  time: number;
  value: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  score: number | null;
  outlier: number;
  /** Left out of training: by the frame's `excluded` field or inside an exclusion region. */
  excluded: boolean;
  forecast: boolean;
}

/** Everything the tooltip shows for row `index` of a series. */
export function pointDetails(
  series: SeriesView,
  index: number,
  exclusions: ReadonlyArray<{ from: number; to: number }>
): PointDetails | null {
  if (index < 0 || index >= series.times.length) {
    return null;
  }
  const time = series.times[index];
  const forecast = series.forecastStart !== null && time >= series.forecastStart;
  return {
    time,
    value: series.value[index],
    expected: series.expected[index] ?? series.forecast[index],
    lower: series.lower[index],
    upper: series.upper[index],
    score: series.score[index],
    outlier: series.outlier[index],
    excluded: series.excluded?.[index] === 1 || exclusions.some((r) => time >= r.from && time <= r.to),
    forecast,
  };
}

/** The row nearest to a time (binary search over sorted times); -1 for an empty series. */
export function nearestIndex(times: readonly number[], time: number): number {
  if (times.length === 0 || !Number.isFinite(time)) {
    return -1;
  }
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < time) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 && time - times[lo - 1] < times[lo] - time ? lo - 1 : lo;
}
