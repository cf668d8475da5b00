/**
 * Reading and writing the series every benchmark works on. Input files are Prophet-style CSVs
 * (`ds` plus value columns, ISO dates read as UTC); the peers exchange a plain `ds_ms,y` CSV so that
 * Node and Python read byte-identical data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '../../src/cli/csv';
import { parseIsoTimestamp } from '../../src/cli/timestamps';

export interface Series {
  /** Epoch ms, strictly ascending. */
  timestamps: Float64Array;
  /** NaN marks a missing value. */
  values: Float64Array;
}

const MISSING = new Set(['', 'nan', 'na', 'null']);

/**
 * Parses CSV text with a time column (`ds` or `ds_ms`) and a value column (by name, or the first
 * column after the time column). Rows are sorted by time; duplicate timestamps are an error.
 */
export function parseSeriesCsv(text: string, name: string, valueColumn?: string): Series {
  const records = parseCsv(text, name);
  if (records.length < 2) {
    throw new Error(`${name}: needs a header and at least one data row`);
  }
  const header = records[0].fields.map((f) => f.trim());
  const timeIndex = header.findIndex((h) => h === 'ds' || h === 'ds_ms');
  if (timeIndex < 0) {
    throw new Error(`${name}: no "ds" or "ds_ms" column in header ${header.join(',')}`);
  }
  const epochMs = header[timeIndex] === 'ds_ms';
  const valueIndex = valueColumn === undefined ? (timeIndex === 0 ? 1 : 0) : header.indexOf(valueColumn);
  if (valueIndex < 0 || valueIndex >= header.length) {
    throw new Error(`${name}: value column ${valueColumn ?? '(first after ds)'} not found in ${header.join(',')}`);
  }
  const rows = records.slice(1).map((record) => {
    const timeText = (record.fields[timeIndex] ?? '').trim();
    const ts = epochMs ? Number(timeText) : parseIsoTimestamp(timeText);
    if (!Number.isFinite(ts) || timeText === '') {
      throw new Error(`${name} row ${record.row}: cannot read time "${timeText}"`);
    }
    const valueText = (record.fields[valueIndex] ?? '').trim();
    const value = MISSING.has(valueText.toLowerCase()) ? NaN : Number(valueText);
    if (!MISSING.has(valueText.toLowerCase()) && !Number.isFinite(value)) {
      throw new Error(`${name} row ${record.row}: cannot read value "${valueText}"`);
    }
    return { ts, value };
  });
  rows.sort((a, b) => a.ts - b.ts);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].ts === rows[i - 1].ts) {
      throw new Error(`${name}: duplicate timestamp ${new Date(rows[i].ts).toISOString()}`);
    }
  }
  return {
    timestamps: Float64Array.from(rows, (r) => r.ts),
    values: Float64Array.from(rows, (r) => r.value),
  };
}

export function readSeriesCsv(path: string, valueColumn?: string): Series {
  return parseSeriesCsv(readFileSync(path, 'utf8'), path, valueColumn);
}

/** `ds_ms,y` with `NaN` for missing values; integers and shortest round-trip decimals, so no precision is lost. */
export function formatSeriesCsv(series: Series): string {
  const lines = ['ds_ms,y'];
  for (let i = 0; i < series.timestamps.length; i++) {
    lines.push(`${series.timestamps[i]},${Number.isNaN(series.values[i]) ? 'NaN' : series.values[i]}`);
  }
  return lines.join('\n') + '\n';
}

export function writeSeriesCsv(path: string, series: Series): void {
  writeFileSync(path, formatSeriesCsv(series));
}
