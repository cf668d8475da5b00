/**
 * Turns parsed CSV records into a time series: finds the time and value columns, reads each row's
 * timestamp and value, and reports problems as one-line errors naming the file, row and column.
 */
import type { CsvRecord } from './csv';
import { CliError } from './errors';
import { EpochUnit, epochToMs, epochUnitFor, isEpochText, parseIsoTimestamp } from './timestamps';

export const TIME_COLUMN_NAMES = ['timestamp', 'ds', 'time'];
export const VALUE_COLUMN_NAMES = ['value', 'y'];

/** Value texts read as missing (case-insensitive), besides the empty cell. */
const MISSING_VALUE_TEXTS = new Set(['nan', 'null', 'na', 'n/a', 'none']);
/** Infinities (inf, -Inf, +Infinity, ...) are read as missing with a warning, as the backend reads them. */
const INFINITE_VALUE_PATTERN = /^[+-]?inf(inity)?$/i;

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface SeriesInput {
  /** Timestamp cells exactly as written, in input order. */
  timestampText: string[];
  /** Value cells as written (trimmed), in input order. */
  valueText: string[];
  timestamps: Float64Array;
  /** NaN marks a missing value. */
  values: Float64Array;
  /** Row number of each data row, for messages. */
  rows: number[];
  timeColumn: string;
  valueColumn: string;
  /** Facts worth telling the user (epoch unit chosen, input sorted internally). */
  notes: string[];
  /** Doubtful input that still gives a defined result (duplicate timestamps, epoch values near 1970). */
  warnings: string[];
}

/** Column names chosen by the user instead of the standard ones (matched in any case). */
export interface ColumnChoice {
  time?: string;
  value?: string;
}

export function readSeries(records: CsvRecord[], fileName: string, choice: ColumnChoice = {}): SeriesInput {
  if (records.length === 0) {
    throw new CliError(`${fileName}: file is empty (expected a header row and data rows)`);
  }
  const header = records[0];
  const timeIndex = findColumn(header, { kind: 'time', chosen: choice.time, standard: TIME_COLUMN_NAMES }, fileName);
  const valueIndex = findColumn(
    header,
    { kind: 'value', chosen: choice.value, standard: VALUE_COLUMN_NAMES },
    fileName
  );
  const timeColumn = header.fields[timeIndex].trim();
  const valueColumn = header.fields[valueIndex].trim();
  const data = records.slice(1);
  if (data.length === 0) {
    throw new CliError(`${fileName}: no data rows after the header`);
  }
  const n = data.length;
  const timestampText: string[] = new Array(n);
  const valueText: string[] = new Array(n);
  const values = new Float64Array(n);
  const rows: number[] = new Array(n);
  const timeReader = new TimestampReader(fileName, `column "${timeColumn}"`, n);
  const needed = Math.max(timeIndex, valueIndex) + 1;
  let finiteCount = 0;
  const infinite = { count: 0, first: '' };
  for (let i = 0; i < n; i++) {
    const record = data[i];
    rows[i] = record.row;
    if (record.fields.length < needed) {
      throw new CliError(
        `${fileName} row ${record.row}: has ${record.fields.length} field(s), needs at least ${needed} ` +
          `to reach columns "${timeColumn}" and "${valueColumn}"`
      );
    }
    timestampText[i] = record.fields[timeIndex];
    timeReader.read(i, timestampText[i], record.row);
    valueText[i] = record.fields[valueIndex].trim();
    if (INFINITE_VALUE_PATTERN.test(valueText[i])) {
      infinite.first ||= `row ${record.row}, "${valueText[i]}"`;
      infinite.count++;
    }
    values[i] = parseValue(valueText[i], `${fileName} row ${record.row}, column "${valueColumn}"`);
    if (!Number.isNaN(values[i])) {
      finiteCount++;
    }
  }
  if (finiteCount === 0) {
    throw new CliError(`${fileName}: all ${n} values in column "${valueColumn}" are missing`);
  }
  const column = timeReader.finish();
  const { timestamps } = column;
  const epoch = epochNotes(column);
  const notes = [...epoch.notes, ...orderNotes(timestamps)];
  const warnings = [...epoch.warnings, ...duplicateWarnings(timestamps, rows, fileName)];
  if (infinite.count > 0) {
    warnings.push(`${fileName}: ${infinite.count} infinite value(s) read as missing (first: ${infinite.first})`);
  }
  return { timestampText, valueText, timestamps, values, rows, timeColumn, valueColumn, notes, warnings };
}

interface ColumnWanted {
  kind: 'time' | 'value';
  /** The name given with --time-column / --value-column, if any. */
  chosen?: string;
  standard: string[];
}

function findColumn(header: CsvRecord, wanted: ColumnWanted, fileName: string): number {
  const { kind, chosen } = wanted;
  const names = (chosen !== undefined ? [chosen] : wanted.standard).map((name) => name.trim());
  const lowered = names.map((name) => name.toLowerCase());
  const normalized = header.fields.map((f) => f.trim().toLowerCase());
  const matches = normalized.map((name, i) => (lowered.includes(name) ? i : -1)).filter((i) => i >= 0);
  if (matches.length > 1) {
    const found = matches.map((i) => `"${header.fields[i].trim()}"`).join(' and ');
    throw new CliError(`${fileName} row ${header.row}: two ${kind} columns (${found}); keep only one`);
  }
  if (matches.length === 0) {
    const where = `${fileName} row ${header.row}`;
    const option = `--${kind}-column`;
    const looksLikeData = header.fields.some((f) => isEpochText(f) || !Number.isNaN(parseIsoTimestamp(f)));
    if (looksLikeData && chosen === undefined) {
      throw new CliError(
        `${where}: no header row (the first row looks like data); expected a header naming a ${kind} column ` +
          `${names.map((name) => `"${name}"`).join(', ')} (any case)`
      );
    }
    const found = header.fields.map((f) => `"${f.trim()}"`).join(', ');
    if (chosen !== undefined) {
      throw new CliError(`${where}: no column "${names[0]}" as given by ${option} (found ${found})`);
    }
    throw new CliError(
      `${where}: no ${kind} column (found ${found}); name one ${names.map((name) => `"${name}"`).join(', ')} ` +
        `(any case) or pick one with ${option} NAME`
    );
  }
  return matches[0];
}

function parseValue(text: string, where: string): number {
  if (text === '' || MISSING_VALUE_TEXTS.has(text.toLowerCase()) || INFINITE_VALUE_PATTERN.test(text)) {
    return NaN;
  }
  if (!NUMBER_PATTERN.test(text)) {
    throw new CliError(`${where}: value "${text}" is not a number`);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new CliError(`${where}: value "${text}" is too large`);
  }
  return value;
}

interface TimestampColumn {
  timestamps: Float64Array;
  epochCount: number;
  epochUnit: EpochUnit | null;
}

/** Reads a time column row by row; epoch numbers are scaled at the end, once their unit is known. */
class TimestampReader {
  private readonly timestamps: Float64Array;
  private readonly isEpoch: Uint8Array;
  private maxEpoch = 0;
  private epochCount = 0;

  constructor(
    private readonly fileName: string,
    private readonly column: string,
    size: number
  ) {
    this.timestamps = new Float64Array(size);
    this.isEpoch = new Uint8Array(size);
  }

  read(i: number, raw: string, row: number): void {
    const text = raw.trim();
    if (text === '') {
      throw new CliError(`${this.fileName} row ${row}, ${this.column}: timestamp is empty`);
    }
    if (isEpochText(text)) {
      this.isEpoch[i] = 1;
      this.epochCount++;
      this.timestamps[i] = Number(text);
      this.maxEpoch = Math.max(this.maxEpoch, Math.abs(this.timestamps[i]));
      return;
    }
    this.timestamps[i] = parseIsoTimestamp(text);
    if (Number.isNaN(this.timestamps[i])) {
      throw new CliError(`${this.fileName} row ${row}, ${this.column}: timestamp "${raw}" is not ISO 8601 or epoch`);
    }
  }

  finish(): TimestampColumn {
    const { timestamps, epochCount } = this;
    if (epochCount === 0) {
      return { timestamps, epochCount, epochUnit: null };
    }
    const epochUnit = epochUnitFor(this.maxEpoch);
    if (epochUnit === null) {
      throw new CliError(
        `${this.fileName}, ${this.column}: epoch timestamps up to ${this.maxEpoch} are too large for seconds or milliseconds`
      );
    }
    for (let i = 0; i < timestamps.length; i++) {
      if (this.isEpoch[i]) {
        timestamps[i] = epochToMs(timestamps[i], epochUnit);
      }
    }
    return { timestamps, epochCount, epochUnit };
  }
}

function epochNotes(column: TimestampColumn): { notes: string[]; warnings: string[] } {
  if (column.epochUnit === null) {
    return { notes: [], warnings: [] };
  }
  const notes = [`read ${column.epochCount} numeric timestamp(s) as epoch ${column.epochUnit}`];
  const earliest = column.timestamps.reduce((a, b) => Math.min(a, b), Infinity);
  const warnings =
    earliest < Date.UTC(1990, 0, 1)
      ? [`epoch timestamps start at ${new Date(earliest).toISOString()}; is the time column really epoch time?`]
      : [];
  return { notes, warnings };
}

function duplicateWarnings(timestamps: Float64Array, rows: number[], fileName: string): string[] {
  const firstRowOf = new Map<number, number>();
  let duplicates = 0;
  let example = '';
  for (let i = 0; i < timestamps.length; i++) {
    const first = firstRowOf.get(timestamps[i]);
    if (first === undefined) {
      firstRowOf.set(timestamps[i], rows[i]);
    } else {
      if (duplicates === 0) {
        example = ` (first: row ${rows[i]} repeats the time of row ${first})`;
      }
      duplicates++;
    }
  }
  if (duplicates === 0) {
    return [];
  }
  return [`${fileName}: ${duplicates} row(s) repeat an earlier timestamp${example}; all rows are kept and judged`];
}

function orderNotes(timestamps: Float64Array): string[] {
  for (let i = 1; i < timestamps.length; i++) {
    if (timestamps[i] < timestamps[i - 1]) {
      return ['rows are not in time order: sorted for the model, output keeps the input order'];
    }
  }
  return [];
}
