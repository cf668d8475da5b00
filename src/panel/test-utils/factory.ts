import { DataFrame, FieldType, toDataFrame } from '@grafana/data';

export const T0 = Date.UTC(2025, 9, 1);
export const STEP = 5 * 60_000;

export interface FrameOverrides {
  refId?: string;
  name?: string;
  labels?: Record<string, string>;
  times?: number[];
  value?: Array<number | null>;
  yhat?: number[];
  lower?: number[];
  upper?: number[];
  outlier?: number[];
  score?: number[];
  excluded?: number[];
  /** Further numeric fields by name (significance, alert, vs_past…), appended after the standard ones. */
  extra?: Record<string, Array<number | null>>;
  omit?: string[];
}

/** A small Foresight frame (5 points, one outlier above at index 2) with fixed times; override any field. */
export function foresightFrame(overrides: FrameOverrides = {}): DataFrame {
  const times = overrides.times ?? [0, 1, 2, 3, 4].map((i) => T0 + i * STEP);
  const n = times.length;
  const pick = <T>(given: T[] | undefined, make: (i: number) => T) =>
    given ?? Array.from({ length: n }, (_, i) => make(i));
  const fields = [
    { name: 'time', type: FieldType.time, values: times },
    {
      name: 'value',
      type: FieldType.number,
      values: pick(overrides.value, (i) => (i === 2 ? 30 : 10 + i)),
      labels: overrides.labels,
    },
    { name: 'yhat', type: FieldType.number, values: pick(overrides.yhat, (i) => 10 + i), labels: overrides.labels },
    {
      name: 'yhat_lower',
      type: FieldType.number,
      values: pick(overrides.lower, (i) => 8 + i),
      labels: overrides.labels,
    },
    {
      name: 'yhat_upper',
      type: FieldType.number,
      values: pick(overrides.upper, (i) => 12 + i),
      labels: overrides.labels,
    },
    {
      name: 'outlier',
      type: FieldType.number,
      values: pick(overrides.outlier, (i) => (i === 2 ? 1 : 0)),
      labels: overrides.labels,
    },
    {
      name: 'score',
      type: FieldType.number,
      values: pick(overrides.score, (i) => (i === 2 ? 0.9 : 0.1)),
      labels: overrides.labels,
    },
    ...(overrides.excluded ? [{ name: 'excluded', type: FieldType.number, values: overrides.excluded }] : []),
    ...Object.entries(overrides.extra ?? {}).map(([name, values]) => ({
      name,
      type: FieldType.number,
      values,
      labels: overrides.labels,
    })),
  ].filter((f) => !(overrides.omit ?? []).includes(f.name));
  return toDataFrame({ refId: overrides.refId ?? 'A', name: overrides.name, fields });
}

/** An annotation frame as Grafana puts it in `data.annotations`. */
export function annotationFrame(
  rows: Array<{
    id: number;
    time: number;
    timeEnd?: number;
    tags: string[];
    text?: string;
    dashboardUID?: string;
    dashboardId?: number;
    panelId?: number;
  }>
): DataFrame {
  return toDataFrame({
    fields: [
      { name: 'id', type: FieldType.number, values: rows.map((r) => r.id) },
      { name: 'time', type: FieldType.time, values: rows.map((r) => r.time) },
      { name: 'timeEnd', type: FieldType.time, values: rows.map((r) => r.timeEnd ?? r.time) },
      { name: 'tags', type: FieldType.other, values: rows.map((r) => r.tags) },
      { name: 'text', type: FieldType.string, values: rows.map((r) => r.text ?? '') },
      { name: 'dashboardUID', type: FieldType.string, values: rows.map((r) => r.dashboardUID ?? '') },
      { name: 'dashboardId', type: FieldType.number, values: rows.map((r) => r.dashboardId ?? 0) },
      { name: 'panelId', type: FieldType.number, values: rows.map((r) => r.panelId ?? 0) },
    ],
  });
}
