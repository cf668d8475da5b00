/**
 * `--format text|json` for cv and tune, and the pieces their JSON documents share. The JSON goes to
 * standard output alone (messages then go to stderr); its shape is documented in the README under
 * "Command line" and versioned by `format_version`.
 */
import type { MetricSummary } from '../model/evaluation';
import { stringOption, type OptionSpec, type ParsedArgs } from './args';
import { CliError } from './errors';

export type ReportFormat = 'text' | 'json';

/** Raised when a field is renamed or removed or changes meaning; new fields keep it. */
export const JSON_FORMAT_VERSION = 1;

export const FORMAT_OPTION: OptionSpec = {
  name: 'format',
  kind: 'value',
  valueName: 'text|json',
  help: 'text tables (default) or one JSON document on standard output for scripts (shape in the README)',
};

export function readFormat(args: ParsedArgs, command: string): ReportFormat {
  const raw = stringOption(args, 'format') ?? 'text';
  if (raw !== 'text' && raw !== 'json') {
    throw new CliError(`${command}: --format "${raw}" is not text or json`);
  }
  return raw;
}

/** The output entry a JSON report adds to prepareFiles: standard output, which no other output may take. */
export function reportOutput(format: ReportFormat): { option: string; path: string | undefined } {
  return { option: '--format json', path: format === 'json' ? '-' : undefined };
}

/** A JSON number: null for NaN, infinities and absent values. */
export function jsonNumber(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

export function isoTimes(ms: readonly number[]): string[] {
  return ms.map((t) => new Date(t).toISOString());
}

/** A metric summary under the names the text tables use (outside_band is the share outside the band). */
export function metricsJson(m: MetricSummary): Record<string, number | null> {
  return {
    points: m.n,
    mse: jsonNumber(m.mse),
    rmse: jsonNumber(m.rmse),
    mae: jsonNumber(m.mae),
    mape: jsonNumber(m.mape),
    mdape: jsonNumber(m.mdape),
    smape: jsonNumber(m.smape),
    coverage: jsonNumber(m.coverage),
    outside_band: jsonNumber(m.violationRate),
  };
}

export function jsonDocument(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
