import { bisectCenter } from 'd3-array';
import type { SeriesAlerting, SeriesView } from './seriesView';

/** The alerting fields of one point: only those the frame carries (absent keys), each null where missing. */
export type PointAlerting = Partial<Record<keyof SeriesAlerting, number | null>>;

export interface PointDetails {
  time: number;
  value: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  score: number | null;
  outlier: number;
  /**
   * Left out of training: by the frame's `excluded` field where it has one (the backend's word, which a query with
   * exclusions off or an annotation outside its scope leaves 0), else inside an exclusion region.
   */
  excluded: boolean;
  forecast: boolean;
  /** Significance, alert, direction, threshold breach, vs past: undefined when the frame carries none of them. */
  alerting?: PointAlerting;
}

function alertingAt(columns: SeriesAlerting, index: number): PointAlerting | undefined {
  const present = Object.entries(columns).filter(([, column]) => column !== null);
  if (present.length === 0) {
    return undefined;
  }
  return Object.fromEntries(present.map(([role, column]) => [role, column?.[index] ?? null])) as PointAlerting;
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
    excluded: series.excluded ? series.excluded[index] === 1 : exclusions.some((r) => time >= r.from && time <= r.to),
    forecast,
    alerting: alertingAt(series.alerting, index),
  };
}

const ALERTING_LABELS: Record<keyof SeriesAlerting, string> = {
  significance: 'Significance',
  alert: 'Alert',
  direction: 'Direction',
  thresholdBreach: 'Threshold',
  vsPast: 'Vs past',
};

function signed(flag: number, above: string, below: string, neither: string): string {
  return flag > 0 ? above : flag < 0 ? below : neither;
}

function describeAlerting(role: keyof SeriesAlerting, v: number): string {
  switch (role) {
    case 'significance':
      return v.toFixed(2);
    case 'alert':
      return v ? 'firing' : 'no';
    case 'direction':
      return signed(v, 'above', 'below', 'none');
    case 'thresholdBreach':
      return signed(v, 'above the threshold', 'below the threshold', 'within');
    case 'vsPast':
      return `${v.toFixed(2)}× past weeks`;
  }
}

/** Tooltip rows for the alerting fields a point carries, in the contract's order; '–' where a value is missing. */
export function alertingRows(alerting: PointAlerting | undefined): Array<{ label: string; text: string }> {
  if (!alerting) {
    return [];
  }
  return (Object.keys(ALERTING_LABELS) as Array<keyof SeriesAlerting>)
    .filter((role) => role in alerting)
    .map((role) => {
      const v = alerting[role];
      return { label: ALERTING_LABELS[role], text: v === null || v === undefined ? '–' : describeAlerting(role, v) };
    });
}

/** The row nearest to a time (binary search over sorted times); -1 for an empty series. */
export function nearestIndex(times: readonly number[], time: number): number {
  if (times.length === 0 || !Number.isFinite(time)) {
    return -1;
  }
  // A time halfway between two rows picks the later one.
  return bisectCenter(times, time);
}
