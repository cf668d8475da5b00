import { DataFrame, Field, FieldType } from '@grafana/data';

import { ALERT_FRAME_FIELDS, FORESIGHT_FIELDS, WARNING_FRAME_FIELDS } from '../../shared/constants';
import { readWarning, type SeriesWarning, type WarningColumns } from './warning';

/** How the backend names a series: its labels, and its name where labels do not tell series apart. */
export interface SeriesIdentity {
  labels: Record<string, string>;
  name?: string;
}

/** Issue 11's per-point alerting fields by role; each is null when the frame does not carry that field. */
export type SeriesAlerting = Record<keyof typeof ALERT_FRAME_FIELDS, Array<number | null> | null>;

/** One series ready to draw: aligned, time-sorted arrays with null for missing values. */
export interface SeriesView {
  /**
   * Stable identity for per-series state (pick, order, colours, chart registry): refId, frame name and labels,
   * never the frame's position, so a query appearing or vanishing before it does not move state to another series.
   */
  key: string;
  name: string;
  /** The value field's labels and the frame's name: what the datasource's resource answers identify it by. */
  identity: SeriesIdentity;
  refId?: string;
  times: number[];
  value: Array<number | null>;
  /** Expectation where there is a value (history). */
  expected: Array<number | null>;
  /** Expectation beyond the last value (forecast), sharing its first point with `expected` so the lines join. */
  forecast: Array<number | null>;
  lower: Array<number | null>;
  upper: Array<number | null>;
  /** −1 below the outlier band, 0 inside, +1 above. */
  outlier: Int8Array;
  score: Array<number | null>;
  /** 1 where the point was left out of training; null when the frame has no `excluded` field. */
  excluded: Uint8Array | null;
  /** Significance, alert, direction, threshold breach and vs-past per row, where the frame carries them. */
  alerting: SeriesAlerting;
  /** Thresholds, expected crossing and drift of a query with an early warning (absent without one). */
  warning?: SeriesWarning;
  /** Time of the first forecast point, or null when the series has no forecast. */
  forecastStart: number | null;
  /** The value field (or the expectation when there is none): its config carries unit and decimals. */
  displayField: Field;
}

function numberAt(field: Field | undefined, index: number): number | null {
  const raw: unknown = field?.values[index];
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
}

function timeAt(field: Field, index: number): number {
  const raw: unknown = field.values[index];
  if (typeof raw === 'number') {
    return raw;
  }
  if (typeof raw === 'string') {
    return Date.parse(raw);
  }
  if (raw instanceof Date) {
    return raw.getTime();
  }
  return Number.NaN;
}

/** The name a person knows the series by: an explicit display name, its labels, the frame name or the query. */
export function seriesName(frame: DataFrame, field: Field, frameIndex: number): string {
  if (field.config.displayName) {
    return field.config.displayName;
  }
  const labels = Object.entries(field.labels ?? {});
  if (labels.length > 0) {
    return labels.map(([key, val]) => `${key}=${val}`).join(', ');
  }
  return frame.name || frame.refId || `series ${frameIndex + 1}`;
}

function findNumber(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name && f.type === FieldType.number);
}

/** Indexes of rows with a finite time, sorted by time (stable, so duplicates keep their order). */
function sortedRows(timeField: Field): number[] {
  const rows: number[] = [];
  let sorted = true;
  let previous = -Infinity;
  for (let i = 0; i < timeField.values.length; i++) {
    const t = timeAt(timeField, i);
    if (!Number.isFinite(t)) {
      continue;
    }
    sorted &&= t >= previous;
    previous = t;
    rows.push(i);
  }
  if (!sorted) {
    rows.sort((a, b) => timeAt(timeField, a) - timeAt(timeField, b) || a - b);
  }
  return rows;
}

/** The series' identity as a key: JSON, so no refId, name or label value can be confused with another's. */
export function seriesKey(refId: string | undefined, identity: SeriesIdentity): string {
  const labels = Object.entries(identity.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([refId ?? '', identity.name ?? '', labels]);
}

/**
 * Turns Foresight frames into drawable series, skipping those `toSeriesView` cannot read. Frames with the same
 * identity (a query returning two unlabelled series) get `#2`, `#3`… in their order; a suffix cannot equal a
 * JSON key, and frames of another identity do not count, so they never shift these keys.
 */
export function toSeriesViews(frames: readonly DataFrame[]): SeriesView[] {
  const seen = new Map<string, number>();
  const views: SeriesView[] = [];
  frames.forEach((frame, i) => {
    const view = toSeriesView(frame, i);
    if (!view) {
      return;
    }
    const count = (seen.get(view.key) ?? 0) + 1;
    seen.set(view.key, count);
    views.push(count > 1 ? { ...view, key: `${view.key}#${count}` } : view);
  });
  return views;
}

/**
 * Turns one Foresight frame into a drawable series. Returns null when the frame lacks a time field or the band
 * fields (the caller reports those). NaN, strings and missing rows become null; unsorted rows are sorted.
 */
export function toSeriesView(frame: DataFrame, frameIndex: number): SeriesView | null {
  const timeField = frame.fields.find((f) => f.type === FieldType.time);
  const expectedField = findNumber(frame, FORESIGHT_FIELDS.expected);
  const lowerField = findNumber(frame, FORESIGHT_FIELDS.lower);
  const upperField = findNumber(frame, FORESIGHT_FIELDS.upper);
  if (!timeField || !expectedField || !lowerField || !upperField) {
    return null;
  }
  const valueField = findNumber(frame, FORESIGHT_FIELDS.value);
  const outlierField = findNumber(frame, FORESIGHT_FIELDS.outlier);
  const scoreField = findNumber(frame, FORESIGHT_FIELDS.score);
  const excludedField = findNumber(frame, FORESIGHT_FIELDS.excluded);
  const alertingFields = Object.entries(ALERT_FRAME_FIELDS).map(
    ([role, name]) => [role as keyof SeriesAlerting, findNumber(frame, name)] as const
  );
  const warningFields = Object.entries(WARNING_FRAME_FIELDS).map(
    ([role, name]) => [role as keyof WarningColumns, findNumber(frame, name)] as const
  );

  const rows = sortedRows(timeField);
  const n = rows.length;
  const times = new Array<number>(n);
  const value = new Array<number | null>(n);
  const expectedAll = new Array<number | null>(n);
  const lower = new Array<number | null>(n);
  const upper = new Array<number | null>(n);
  const score = new Array<number | null>(n);
  const outlier = new Int8Array(n);
  const excluded = excludedField ? new Uint8Array(n) : null;
  const alerting = Object.fromEntries(
    alertingFields.map(([role, field]) => [role, field ? new Array<number | null>(n) : null])
  ) as SeriesAlerting;
  const warningColumns = Object.fromEntries(
    warningFields.map(([role, field]) => [role, field ? new Array<number | null>(n) : null])
  ) as WarningColumns;
  let lastValue = -1;
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    times[k] = timeAt(timeField, i);
    value[k] = numberAt(valueField, i);
    expectedAll[k] = numberAt(expectedField, i);
    lower[k] = numberAt(lowerField, i);
    upper[k] = numberAt(upperField, i);
    score[k] = numberAt(scoreField, i);
    const flag = numberAt(outlierField, i) ?? 0;
    outlier[k] = value[k] === null ? 0 : Math.sign(flag);
    if (excluded) {
      excluded[k] = numberAt(excludedField, i) ? 1 : 0;
    }
    for (const [role, field] of alertingFields) {
      const column = alerting[role];
      if (column) {
        column[k] = numberAt(field, i);
      }
    }
    for (const [role, field] of warningFields) {
      const column = warningColumns[role];
      if (column) {
        column[k] = numberAt(field, i);
      }
    }
    if (value[k] !== null) {
      lastValue = k;
    }
  }

  // Without a value field there is nothing to split: the whole expectation is history.
  const splitAt = valueField && lastValue >= 0 && lastValue < n - 1 ? lastValue : n - 1;
  const expected = expectedAll.map((y, k) => (k <= splitAt ? y : null));
  const forecast = expectedAll.map((y, k) => (k >= splitAt && splitAt < n - 1 ? y : null));

  const displayField = valueField ?? expectedField;
  const name = seriesName(frame, displayField, frameIndex);
  const warning = readWarning(frame.meta?.custom, times, expectedAll, warningColumns);
  const identity: SeriesIdentity = { labels: { ...displayField.labels }, ...(frame.name && { name: frame.name }) };
  return {
    key: seriesKey(frame.refId, identity),
    name,
    identity,
    refId: frame.refId,
    times,
    value,
    expected,
    forecast,
    lower,
    upper,
    outlier,
    score,
    excluded,
    alerting,
    ...(warning && { warning }),
    forecastStart: splitAt < n - 1 ? times[splitAt + 1] : null,
    displayField,
  };
}
