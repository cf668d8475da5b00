/**
 * One real series where a threshold is crossed: NAB's machine_temperature_system_failure (5-minute temperatures of
 * an industrial machine, MIT licence, read from ../shared/data/nab), whose known failures take it below 30 twice.
 * Warnings below the threshold, judged online as the family is; false warnings are episodes that start neither in
 * one of NAB's labelled windows nor in the day before a crossing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectOnlineWithOutlook } from '../../src/model/earlyWarning/detect';
import {
  DEFAULT_NAB_DIR,
  parseSeriesCsv,
  parseUtcTimestamp,
  readWindowLabels,
  strictlyIncreasing,
} from '../nab/corpus';
import { predictLinear } from './predictLinear';
import { episodes, leadTime } from './warnings';

const KEY = 'realKnownCause/machine_temperature_system_failure.csv';
const THRESHOLD = 30;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LEAD_MS = 6 * HOUR;

export interface RealResult {
  crossings: number[];
  weeks: number;
  rows: Array<{ name: string; leads: number[]; falsePerWeek: number }>;
}

export function realSeriesWarnings(): RealResult {
  const parsed = parseSeriesCsv(readFileSync(join(DEFAULT_NAB_DIR, 'data', KEY), 'utf8'), KEY);
  const { timestamps } = strictlyIncreasing(parsed.timestamps);
  const values = parsed.values;
  const windows = (readWindowLabels(DEFAULT_NAB_DIR)[KEY] ?? []).map(([a, b]) => [
    parseUtcTimestamp(a),
    parseUtcTimestamp(b),
  ]);
  const { outlooks } = detectOnlineWithOutlook(
    timestamps,
    values,
    {},
    {},
    { leadMs: LEAD_MS, stepMs: 5 * 60_000, thresholds: { below: THRESHOLD } }
  );
  const crossings = crossingsBelow(timestamps, values);
  const from = timestamps[0] + 2 * DAY;
  const to = timestamps[timestamps.length - 1] + 1;
  const excused = (t: number) =>
    windows.some(([a, b]) => t >= a && t <= b) || crossings.some((c) => t >= c - DAY && t <= c);
  const methods: Array<{ name: string; flags: (i: number) => boolean }> = [
    { name: 'Foresight breach_probability > 0.8 (6h lead)', flags: (i) => outlooks.probability[i] > 0.8 },
    ...[
      [HOUR, LEAD_MS],
      [6 * HOUR, LEAD_MS],
      [6 * HOUR, 2 * HOUR],
    ].map(([windowMs, aheadMs]) => {
      const line = predictLinear(timestamps, values, windowMs, aheadMs);
      return {
        name: `predict_linear(${windowMs / HOUR}h) < T, ${aheadMs / HOUR}h ahead`,
        flags: (i: number) => line[i] < THRESHOLD,
      };
    }),
    { name: 'static rule: value < T', flags: (i) => values[i] < THRESHOLD },
  ];
  const weeks = (to - from) / (7 * DAY);
  return {
    crossings,
    weeks,
    rows: methods.map(({ name, flags }) => {
      const spans = episodes(timestamps, flags, from, to);
      return {
        name,
        leads: crossings.map((c) => leadTime(spans, c)),
        falsePerWeek: spans.filter((s) => !excused(s.start)).length / weeks,
      };
    }),
  };
}

/** Crossings: the first of 3 consecutive values below the threshold, at least a day after the previous one. */
function crossingsBelow(timestamps: Float64Array, values: Float64Array): number[] {
  const out: number[] = [];
  let run = 0;
  for (let i = 0; i < values.length; i++) {
    run = values[i] < THRESHOLD ? run + 1 : 0;
    const start = timestamps[i - 2];
    if (run === 3 && (out.length === 0 || start - out[out.length - 1] > DAY)) {
      out.push(start);
    }
  }
  return out;
}

export const REAL_SERIES = { key: KEY, threshold: THRESHOLD };
