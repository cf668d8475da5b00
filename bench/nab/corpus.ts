/**
 * Reads the NAB corpus from shared/data/nab (never copied into the project): each CSV's timestamps
 * (`YYYY-MM-DD HH:MM:SS`, read as UTC) and values, and its labelled windows mapped to row ranges.
 *
 * NAB scores rows, so every row is kept in file order. A few files repeat a timestamp (daylight-saving
 * artefacts) and one steps back 55 minutes; those rows get the previous time + 1 ms, so detectors see
 * strictly increasing times without any row moving.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LabelledFile } from './rules';
import { bisectLeft } from 'd3-array';

/** shared/ sits beside the repository: <repo>/bench/nab → <repo>/../shared/data/nab. */
export const DEFAULT_NAB_DIR = path.resolve(__dirname, '../../../shared/data/nab');

export interface NabSeries {
  /** `<category>/<file>.csv`, the key used by the label files. */
  key: string;
  category: string;
  /** Strictly increasing epoch ms (see the note above on repaired rows). */
  timestamps: Float64Array;
  /** Rows whose timestamp was repeated or went back and was nudged forward. */
  repairedRows: number;
  /** NaN where a value is missing or not a number. */
  values: Float64Array;
  labelled: LabelledFile;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** Epoch ms of a NAB timestamp read as UTC; NaN when it does not parse. */
export function parseUtcTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) {
    return NaN;
  }
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0) + Math.round(fraction);
}

/** Parses a two-column `timestamp,value` CSV with a header, rows in file order; throws on an unreadable timestamp. */
export function parseSeriesCsv(text: string, name: string): { timestamps: Float64Array; values: Float64Array } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const rows = lines.slice(1);
  const timestamps = new Float64Array(rows.length);
  const values = new Float64Array(rows.length);
  rows.forEach((line, i) => {
    const comma = line.indexOf(',');
    const t = parseUtcTimestamp(comma < 0 ? line : line.slice(0, comma));
    if (Number.isNaN(t)) {
      throw new Error(`${name} line ${i + 2}: cannot read the timestamp in "${line}"`);
    }
    timestamps[i] = t;
    const valueText = comma < 0 ? '' : line.slice(comma + 1).trim();
    values[i] = valueText === '' ? NaN : Number(valueText);
  });
  return { timestamps, values };
}

/** Each timestamp raised to at least the previous one + 1 ms; returns how many rows changed. */
export function strictlyIncreasing(timestamps: Float64Array): { timestamps: Float64Array; repaired: number } {
  const out = Float64Array.from(timestamps);
  let repaired = 0;
  for (let i = 1; i < out.length; i++) {
    if (out[i] <= out[i - 1]) {
      out[i] = out[i - 1] + 1;
      repaired++;
    }
  }
  return { timestamps: out, repaired };
}

/** Maps [start, end] times to the inclusive row range they cover; null when no row falls inside. */
export function windowRows(timestamps: Float64Array, start: number, end: number): [number, number] | null {
  const first = bisectLeft(timestamps, start);
  const last = bisectLeft(timestamps, end + 1) - 1;
  return first <= last ? [first, last] : null;
}

export type WindowLabels = Record<string, Array<[string, string]>>;

export function readWindowLabels(nabDir: string): WindowLabels {
  const file = path.join(nabDir, 'labels', 'combined_windows.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as WindowLabels;
}

/** Every `<category>/<file>.csv` key under data/, sorted. */
export function listSeriesKeys(nabDir: string): string[] {
  const dataDir = path.join(nabDir, 'data');
  if (!fs.existsSync(dataDir)) {
    throw new Error(`NAB data not found at ${dataDir}; pass --data <dir holding data/ and labels/>`);
  }
  const keys: string[] = [];
  for (const category of fs.readdirSync(dataDir).sort()) {
    const categoryDir = path.join(dataDir, category);
    if (!fs.statSync(categoryDir).isDirectory()) {
      continue;
    }
    for (const file of fs.readdirSync(categoryDir).sort()) {
      if (file.endsWith('.csv')) {
        keys.push(`${category}/${file}`);
      }
    }
  }
  return keys;
}

export function loadSeries(nabDir: string, key: string, labels: WindowLabels): NabSeries {
  const text = fs.readFileSync(path.join(nabDir, 'data', key), 'utf8');
  const parsed = parseSeriesCsv(text, key);
  const { timestamps, repaired } = strictlyIncreasing(parsed.timestamps);
  const windows: Array<[number, number]> = [];
  for (const [start, end] of labels[key] ?? []) {
    const rows = windowRows(timestamps, parseUtcTimestamp(start), parseUtcTimestamp(end));
    if (rows) {
      windows.push(rows);
    }
  }
  return {
    key,
    category: key.split('/')[0],
    timestamps,
    repairedRows: repaired,
    values: parsed.values,
    labelled: { name: key, rows: timestamps.length, windows },
  };
}

/** A shell-style pattern (`*`, `?`, `**`) as a RegExp over `<category>/<file>.csv` keys. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Keys matching any of the comma-separated patterns; every key when the patterns are empty. */
export function selectKeys(keys: readonly string[], patterns: string | undefined): string[] {
  if (!patterns) {
    return [...keys];
  }
  const regexps = patterns.split(',').map((p) => globToRegExp(p.trim()));
  return keys.filter((key) => regexps.some((re) => re.test(key)));
}
