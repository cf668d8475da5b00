/** Reading a command's input files: the series CSV and the optional parameters JSON. */
import { ModelInputError, type ModelParams } from '../model';
import { stringOption, type OptionSpec, type ParsedArgs } from './args';
import { parseParamsConfig } from './config';
import { parseCsv } from './csv';
import { CliError } from './errors';
import type { CliIO } from './io';
import { inputName, STANDARD_STREAM } from './outputs';
import { readSeries, type SeriesInput } from './series-input';

/** Reads and checks a series (from stdin for `-`); notes and warnings go to stderr. */
export function loadSeries(io: CliIO, path: string, args: ParsedArgs = {}): SeriesInput {
  const choice = { time: stringOption(args, 'time-column'), value: stringOption(args, 'value-column') };
  const text = path === STANDARD_STREAM ? io.readStdin() : io.readFile(path);
  const name = inputName(path);
  const series = readSeries(parseCsv(text, name), name, choice);
  for (const note of series.notes) {
    io.stderr(`note: ${note}\n`);
  }
  for (const warning of series.warnings) {
    io.stderr(`warning: ${warning}\n`);
  }
  return series;
}

export function loadParams(io: CliIO, path: string | undefined): Partial<ModelParams> {
  return path === undefined ? {} : parseParamsConfig(io.readFile(path), path);
}

/** The file name without folders, for titles. */
export function baseName(path: string): string {
  return path === STANDARD_STREAM ? 'stdin' : (path.split(/[\\/]/).pop() ?? path);
}

/** Runs model work on an input file; the model's user errors come out naming the file. */
export function onInput<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new CliError(`${inputName(path)}: ${error.message}`);
    }
    throw error;
  }
}

export const INPUT_OPTION: OptionSpec = {
  name: 'input',
  kind: 'value',
  valueName: 'FILE.csv',
  help: 'series: a time column and a value column; - reads standard input',
  required: true,
};

/** Column choices for files whose columns are not named timestamp/ds/time and value/y. */
export const COLUMN_OPTIONS: OptionSpec[] = [
  { name: 'time-column', kind: 'value', valueName: 'NAME', help: 'time column (default: timestamp, ds or time)' },
  { name: 'value-column', kind: 'value', valueName: 'NAME', help: 'value column (default: value or y)' },
];

export const CONFIG_OPTION: OptionSpec = {
  name: 'config',
  kind: 'value',
  valueName: 'params.json',
  help: 'model parameters (Prophet names, snake_case)',
};
