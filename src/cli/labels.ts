/**
 * `--labels FILE.csv`: ranges people labelled, one a row under the header `start,end,kind` (any case, any
 * column order, other columns ignored). Times are ISO 8601 (no zone means UTC) or epoch seconds/milliseconds;
 * kind is `incident` or `false-alarm` (`false_alarm` too). Incidents are left out of training like `exclude`;
 * false alarms become the `false_alarms` parameter, and cv and tune report precision and recall against both.
 */
import type { ModelParams, TimeRange } from '../model';
import { labelledParams, type EvaluationLabels, type LabelMetrics } from '../model/evaluation';
import type { OptionSpec } from './args';
import { parseCsv } from './csv';
import { CliError } from './errors';
import type { CliIO } from './io';
import { formatMetric, formatUtc } from './format';
import { parseTimeText } from './timestamps';

export const LABELS_OPTION: OptionSpec = {
  name: 'labels',
  kind: 'value',
  valueName: 'FILE.csv',
  help: 'labelled ranges, header start,end,kind (kind incident or false-alarm): incidents are left out of training, false alarms raise the threshold that flagged them',
};

const COLUMNS = ['start', 'end', 'kind'] as const;
const KINDS: Record<string, keyof EvaluationLabels> = {
  incident: 'incidents',
  'false-alarm': 'false_alarms',
  false_alarm: 'false_alarms',
};

/** Reads a labels CSV; CliError naming the file, row and column of the first problem. */
export function parseLabelsCsv(text: string, fileName: string): EvaluationLabels {
  const records = parseCsv(text, fileName);
  if (records.length === 0) {
    throw new CliError(`${fileName}: file is empty (expected the header start,end,kind)`);
  }
  const header = records[0];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = COLUMNS.map((column) => {
    const at = names.indexOf(column);
    if (at < 0) {
      const found = header.fields.map((f) => `"${f.trim()}"`).join(', ');
      throw new CliError(
        `${fileName} row ${header.row}: no column "${column}" (found ${found}); the header is start,end,kind`
      );
    }
    return at;
  });
  const labels: EvaluationLabels = { incidents: [], false_alarms: [] };
  for (const record of records.slice(1)) {
    const where = `${fileName} row ${record.row}`;
    const field = (k: number) => {
      const value = record.fields[index[k]];
      if (value === undefined || value.trim() === '') {
        throw new CliError(`${where}: ${COLUMNS[k]} is empty`);
      }
      return value.trim();
    };
    const time = (k: number) => {
      const ms = parseTimeText(field(k));
      if (!Number.isFinite(ms)) {
        throw new CliError(
          `${where}, column "${COLUMNS[k]}": "${field(k)}" is not ISO 8601 or epoch seconds/milliseconds`
        );
      }
      return ms;
    };
    const range: TimeRange = [time(0), time(1)];
    if (range[1] < range[0]) {
      throw new CliError(`${where}: end is before start`);
    }
    const kind = KINDS[field(2).toLowerCase()];
    if (kind === undefined) {
      throw new CliError(`${where}, column "kind": "${field(2)}" is not incident or false-alarm`);
    }
    labels[kind].push(range);
  }
  return labels;
}

/** Reads the labels of a series; a warning on stderr when some lie wholly outside the series' time span. */
export function loadLabels(
  io: CliIO,
  path: string | undefined,
  timestamps: ArrayLike<number>
): EvaluationLabels | undefined {
  if (path === undefined) {
    return undefined;
  }
  const labels = parseLabelsCsv(io.readFile(path), path);
  const outside = labelsOutside(labels, timestamps, path);
  if (outside !== null) {
    io.stderr(`warning: ${outside}\n`);
  }
  return labels;
}

/**
 * "labels.csv: 2 of 3 labels lie outside the data (2024-05-06 00:00 UTC to 2024-05-13 23:00 UTC) and change
 * nothing", or null when every label overlaps the span from the first to the last timestamp. Such labels
 * (a wrong year, another series' file) would otherwise be ignored without a word.
 */
export function labelsOutside(
  labels: EvaluationLabels,
  timestamps: ArrayLike<number>,
  fileName: string
): string | null {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < timestamps.length; i++) {
    first = Math.min(first, timestamps[i]);
    last = Math.max(last, timestamps[i]);
  }
  const all = [...labels.incidents, ...labels.false_alarms];
  const outside = all.filter(([start, end]) => !(end >= first && start <= last)).length;
  if (outside === 0 || !(first <= last)) {
    return null;
  }
  return (
    `${fileName}: ${outside} of ${all.length} labels lie outside the data ` +
    `(${formatUtc(first)} to ${formatUtc(last)}) and change nothing`
  );
}

/** Parameters that carry the labels into a fit: incidents excluded, false alarms as `false_alarms`. */
export function paramsWithLabels(
  params: Partial<ModelParams>,
  labels: EvaluationLabels | undefined
): Partial<ModelParams> {
  return labels === undefined ? params : labelledParams(params, labels);
}

/** "labels: precision 0.5 (1 of 2 alarms in incidents), recall 1 (1 of 1 incidents found), 0 alarms on false alarms" */
export function describeLabelMetrics(m: LabelMetrics): string {
  return (
    `labels: precision ${formatMetric(m.precision)} (${m.alarms_in_incidents} of ${m.alarms} alarms in incidents), ` +
    `recall ${formatMetric(m.recall)} (${m.incidents_found} of ${m.incidents} held-out incidents found), ` +
    `${m.alarms_on_false_alarms} alarms on labelled false alarms`
  );
}
