import type { DataFrame } from '@grafana/data';

import type { SeriesView } from './seriesView';

/**
 * True when no frame holds a row: no frames at all, or only frames like the backend's field-less frame for a
 * query without series. Such frames lack the band because nothing came back, not because the query is wrong.
 */
export function noRows(frames: readonly DataFrame[]): boolean {
  return frames.every((frame) => frame.length === 0 || frame.fields.length === 0);
}

const hasNumber = (values: ReadonlyArray<number | null>) => values.some((v) => v !== null);

/** True when some series has a point to draw: a value, an expectation, a forecast or a band edge. */
export function hasDrawablePoint(series: readonly SeriesView[]): boolean {
  return series.some(
    (s) =>
      hasNumber(s.value) || hasNumber(s.expected) || hasNumber(s.forecast) || hasNumber(s.lower) || hasNumber(s.upper)
  );
}
