import { DEFAULT_PANEL_OPTIONS, type Direction } from '../types';
import type { SeriesView } from './seriesView';

export interface OutlierCounts {
  above: number;
  below: number;
}

/** Whether an outlier flag passes the direction filter. */
export function matchesDirection(flag: number, direction: Direction): boolean {
  if (flag === 0) {
    return false;
  }
  return direction === 'both' || (direction === 'above' ? flag > 0 : flag < 0);
}

/** Outliers above and below the band inside [from, to]. */
export function countOutliers(series: SeriesView, from = -Infinity, to = Infinity): OutlierCounts {
  const counts = { above: 0, below: 0 };
  for (let i = 0; i < series.outlier.length; i++) {
    const t = series.times[i];
    if (t < from || t > to) {
      continue;
    }
    if (series.outlier[i] > 0) {
      counts.above++;
    } else if (series.outlier[i] < 0) {
      counts.below++;
    }
  }
  return counts;
}

/** Indexes of the outliers to mark, after the direction filter. */
export function outlierIndexes(series: SeriesView, direction: Direction): Int32Array {
  const picked: number[] = [];
  for (let i = 0; i < series.outlier.length; i++) {
    if (matchesDirection(series.outlier[i], direction)) {
      picked.push(i);
    }
  }
  return Int32Array.from(picked);
}

export interface SeriesSelection {
  /** Show only this series (by key); undefined shows all. */
  picked?: string;
  onlyWithOutliers: boolean;
  direction: Direction;
  /** Most charts drawn; not a finite number (the option emptied) means the default. */
  maxCharts?: number;
  /** Only the first N of those passing the filter (the N most anomalous when `all` is ranked); 0 for all. */
  topN?: number;
  range: { from: number; to: number };
}

export interface SelectedSeries {
  shown: SeriesView[];
  /** Series left out by the pick, the filter or the chart limit. */
  hiddenCount: number;
  /** Of those, the ones that passed the pick and the filter but exceeded top N or max charts. */
  overLimit: number;
  /**
   * Why series are missing: a limit (top N, the user's choice; max charts, the drawing budget) when one cut the
   * list short, else the pick or the "only with outliers" filter; null when every series is shown.
   */
  cutBy: 'topN' | 'maxCharts' | 'picked' | 'filter' | null;
}

/** Grafana's number input gives undefined when emptied: that means the default limit, not no charts at all. */
function chartLimit(maxCharts: number | undefined): number {
  return maxCharts !== undefined && Number.isFinite(maxCharts)
    ? Math.max(1, Math.floor(maxCharts))
    : DEFAULT_PANEL_OPTIONS.maxCharts;
}

/** Top N as a whole count; anything below 1 or not a number charts all. */
function topLimit(topN: number | undefined): number {
  return topN !== undefined && Number.isFinite(topN) && topN >= 1 ? Math.floor(topN) : Infinity;
}

/**
 * Which series get a chart: the picked one, or, in the order given, those that pass the outlier filter, up to
 * `topN` and `maxCharts`.
 */
export function selectSeries(all: readonly SeriesView[], selection: SeriesSelection): SelectedSeries {
  let candidates = selection.picked ? all.filter((s) => s.key === selection.picked) : [...all];
  const picked = candidates.length > 0 && candidates.length < all.length;
  if (candidates.length === 0) {
    candidates = [...all];
  }
  if (selection.onlyWithOutliers) {
    candidates = candidates.filter((s) => {
      const counts = countOutliers(s, selection.range.from, selection.range.to);
      const n =
        selection.direction === 'above'
          ? counts.above
          : selection.direction === 'below'
            ? counts.below
            : counts.above + counts.below;
      return n > 0;
    });
  }
  const maxCharts = chartLimit(selection.maxCharts);
  const topN = selection.picked ? Infinity : topLimit(selection.topN);
  const shown = candidates.slice(0, Math.min(topN, maxCharts));
  const hiddenCount = all.length - shown.length;
  const overLimit = candidates.length - shown.length;
  let cutBy: SelectedSeries['cutBy'] = null;
  if (overLimit > 0) {
    cutBy = topN <= maxCharts ? 'topN' : 'maxCharts';
  } else if (hiddenCount > 0) {
    cutBy = picked ? 'picked' : 'filter';
  }
  return { shown, hiddenCount, overLimit, cutBy };
}
