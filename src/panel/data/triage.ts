import { bisectLeft } from 'd3-array';

import type { Direction } from '../types';
import { matchesDirection } from './outliers';
import type { SeriesView } from './seriesView';

export interface CurrentSignificance {
  /** In [0, 1]; null when no point with a value has a measure (no score field, or all null). */
  value: number | null;
  /**
   * What `value` was read from: the backend's `significance` (the score averaged over the persistence window,
   * comparable across series) when the frame carries it, else the instant `score` of frames from before it.
   */
  source: 'significance' | 'score';
  /** Time of the point it was read at. */
  time: number | null;
}

/**
 * How anomalous a series is now: the measure at its latest judged point, the last row with a value (forecast
 * rows have none) and a non-null measure.
 */
export function currentSignificance(series: SeriesView): CurrentSignificance {
  const significance = series.alerting.significance;
  const source = significance ? 'significance' : 'score';
  const measure = significance ?? series.score;
  for (let i = series.times.length - 1; i >= 0; i--) {
    const v = measure[i];
    if (series.value[i] !== null && v !== null) {
      return { value: v, source, time: series.times[i] };
    }
  }
  return { value: null, source, time: null };
}

/** How a series' header and the picker say it: "significance 0.82", or the score for frames without one. */
export function describeCurrent(current: CurrentSignificance): string {
  return `${current.source} ${current.value === null ? '–' : current.value.toFixed(2)}`;
}

export interface RankedSeries {
  series: SeriesView;
  current: CurrentSignificance;
}

/** Most anomalous first; series without a measure last; ties keep the query's order. */
export function rankBySignificance(all: readonly SeriesView[]): RankedSeries[] {
  const ranked = all.map((series) => ({ series, current: currentSignificance(series) }));
  const key = (r: RankedSeries) => r.current.value ?? -Infinity;
  return ranked.sort((a, b) => (key(a) > key(b) ? -1 : key(a) < key(b) ? 1 : 0));
}

export interface OutsideCounts {
  /** Every time any series has a row at, ascending, without duplicates. */
  times: number[];
  /** Per time, how many series have an outlier there (passing the direction filter). */
  counts: number[];
  /** Largest count, 0 when no series is ever outside. */
  peak: number;
}

function sameTimes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/**
 * Every time any series has a row at, ascending and distinct: the first series' own list when all share it (every
 * series of one Prometheus query), else all times sorted at once. Merging series by series copied the growing
 * union once per series, quadratic over many misaligned series.
 */
function unionOfTimes(all: readonly SeriesView[]): number[] {
  if (all.length === 0) {
    return [];
  }
  const first = all[0].times;
  if (all.every((s) => sameTimes(first, s.times))) {
    return first;
  }
  let total = 0;
  for (const s of all) {
    total += s.times.length;
  }
  const gathered = new Float64Array(total);
  let at = 0;
  for (const s of all) {
    gathered.set(s.times, at);
    at += s.times.length;
  }
  gathered.sort();
  const times: number[] = [];
  for (let i = 0; i < gathered.length; i++) {
    if (i === 0 || gathered[i] !== gathered[i - 1]) {
      times.push(gathered[i]);
    }
  }
  return times;
}

/**
 * How many series are outside the outlier band at each time, over every series given (not only those drawn).
 * Series need not share timestamps: the times are the union of theirs. A series counts once per time even with
 * duplicate rows; rows without a value never count (their `outlier` is 0 in the series view).
 */
export function outsideBandCounts(all: readonly SeriesView[], direction: Direction = 'both'): OutsideCounts {
  const times = unionOfTimes(all);

  const counts = new Array<number>(times.length).fill(0);
  for (const s of all) {
    const outlier = s.outlier;
    if (sameTimes(times, s.times)) {
      // Series sampled on the shared timestamps (every series of one Prometheus query): row i is slot i.
      for (let i = 0; i < outlier.length; i++) {
        counts[i] += matchesDirection(outlier[i], direction) ? 1 : 0;
      }
      continue;
    }
    // Only rows outside the band need their slot, found by binary search: walking the whole union for every
    // series would cost series × union.
    let lastCounted = -1;
    for (let i = 0; i < s.times.length; i++) {
      if (!matchesDirection(outlier[i], direction)) {
        continue;
      }
      const slot = bisectLeft(times, s.times[i]); // the union holds every series' times
      if (slot !== lastCounted) {
        counts[slot]++;
        lastCounted = slot;
      }
    }
  }
  let peak = 0;
  for (const c of counts) {
    peak = Math.max(peak, c);
  }
  return { times, counts, peak };
}
