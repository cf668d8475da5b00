import { DEFAULT_PARAMS, FAMILY_NAMES } from '../../model';
import { MAX_NESTING, nestsDeeper } from '../../model/params';
import {
  DEFAULT_TUNING_GRID,
  EXTENDED_TUNING_GRID,
  tune,
  type MetricSummary,
  type ParamGrid,
  type TuneMetric,
  type TuneResult,
} from '../../model/evaluation';
import { integerOption, parseArgs, stringOption, type OptionSpec } from '../args';
import { CliError } from '../errors';
import { formatCount, formatMetric, formatTable, formatValue } from '../format';
import type { CliIO } from '../io';
import { describeLabelMetrics, LABELS_OPTION, loadLabels } from '../labels';
import { baseName, loadParams, loadSeries, onInput } from '../load';
import { describeOutput, inputName, messageStream, prepareFiles, writeOutput } from '../outputs';
import { QUIET_OPTION, withProgress } from '../progress';
import { FORMAT_OPTION, readFormat, reportOutput, jsonDocument } from '../report-format';
import type { Command } from './command';
import { tuneJson, tunePlot } from './tune-report';
import { rankFamilies } from './tune-families';
import { OBJECTIVE_OPTION } from './model-options';
import { DURATION_NOTE, readWindows, skippedCutoffsNote, WINDOW_OPTIONS } from './evaluation-options';

const METRICS: TuneMetric[] = [
  'rmse',
  'mse',
  'mae',
  'mape',
  'mdape',
  'smape',
  'coverage',
  'violations',
  'violationMagnitude',
];

const OPTIONS: OptionSpec[] = [
  ...WINDOW_OPTIONS,
  LABELS_OPTION,
  {
    name: 'grid',
    kind: 'value',
    valueName: 'grid.json',
    help: 'values to try per parameter, e.g. {"changepoint_prior_scale":[0.01,0.1]}',
  },
  {
    name: 'extended',
    kind: 'flag',
    help: 'also try seasonality_mode, holidays_prior_scale and changepoint_range (8× the combinations, sharing the same --max-fits, so each is scored on fewer cutoffs)',
  },
  { name: 'metric', kind: 'value', valueName: 'NAME', help: `ranking criterion: ${METRICS.join(', ')} (default rmse)` },
  { name: 'top', kind: 'value', valueName: 'N', help: 'rows of the ranking to print and to --plot (default 20)' },
  {
    name: 'families',
    kind: 'value',
    valueName: 'LIST',
    help: `rank model families instead: all, or names separated by commas (${FAMILY_NAMES.join(', ')}), each with its own small grid`,
  },
  OBJECTIVE_OPTION,
  {
    name: 'best-output',
    kind: 'value',
    valueName: 'best.json',
    help: 'write the best parameters as a --config file (- for standard output)',
  },
  FORMAT_OPTION,
  {
    name: 'plot',
    kind: 'value',
    valueName: 'OUT.svg',
    help: 'also draw the ranking as a dot plot, best first, the --top best (- for standard output)',
  },
  QUIET_OPTION,
];

export const tuneCommand: Command = {
  name: 'tune',
  summary: 'grid search over model parameters, ranked by cross-validation',
  usage:
    'tune --input FILE.csv [--horizon 1d] [--initial 3d] [--period 12h] [--max-fits N] [--grid grid.json | --extended | --families all [--objective violations]] [--metric rmse] [--labels labels.csv] [--format text|json] [--plot OUT.svg] [--quiet]',
  description: `Cross-validates every combination of the grid on the same cutoffs and prints them best
first. The default grid is Prophet's: changepoint_prior_scale {0.001, 0.01, 0.1, 0.5} ×
seasonality_prior_scale {0.01, 0.1, 1, 10}; --config gives the parameters the grid varies from.
Each combination gets the most recent --max-fits / combinations cutoffs.
--families ranks model families as --model auto does (auto's are decomposition, past, autoregressive and
holt_winters; all adds neural and ensemble): each family times its own small grid (the
decomposition: changepoint_prior_scale × seasonality_mode), cross-validated on the same cutoffs over
the last 28 days (--horizon, --initial, --period and --max-fits place the cutoffs within those 28 days;
they do not lengthen them) and ranked by
--objective: violations (share of points outside one band shared by all candidates, first),
magnitude (distance outside it first) or weighted:W. With --labels (header start,end,kind; kind
incident or false-alarm) every fit leaves incidents out and learns the false alarms, each row shows
precision and recall against the labels on held-out points (as cv), and --families ranks by the labels
first: +2 per incident found, -1 per alarm on a labelled false alarm. --format json prints the whole
ranking as one JSON document instead; --plot draws the ranking. On a terminal a progress line shows
the fits done, their rate and the time left (--quiet hides it). ${DURATION_NOTE}`,
  options: OPTIONS,
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, OPTIONS, 'tune');
    if (args.families !== undefined) {
      return rankFamilies(args, io);
    }
    if (args.objective !== undefined) {
      throw new CliError('tune: --objective ranks families; give --families too');
    }
    const input = stringOption(args, 'input') as string;
    const windows = readWindows(args);
    const metric = readMetric(stringOption(args, 'metric'));
    const top = integerOption(args, 'top', 1) ?? 20;
    const gridPath = stringOption(args, 'grid');
    if (gridPath !== undefined && args.extended === true) {
      throw new CliError('tune: give either --grid or --extended, not both');
    }
    const grid =
      gridPath !== undefined
        ? parseGrid(io.readFile(gridPath), gridPath)
        : args.extended === true
          ? EXTENDED_TUNING_GRID
          : DEFAULT_TUNING_GRID;
    const config = stringOption(args, 'config');
    const bestOutput = stringOption(args, 'best-output');
    const format = readFormat(args, 'tune');
    const plot = stringOption(args, 'plot');
    prepareFiles(
      io,
      [
        { option: '--input', path: input },
        { option: '--config', path: config },
        { option: '--grid', path: gridPath },
        { option: '--labels', path: stringOption(args, 'labels') },
      ],
      [{ option: '--best-output', path: bestOutput }, reportOutput(format), { option: '--plot', path: plot }]
    );
    const say = messageStream(io, [bestOutput, plot, reportOutput(format).path]);
    const series = loadSeries(io, input, args);
    const params = loadParams(io, config);
    const labels = loadLabels(io, stringOption(args, 'labels'), series.timestamps);
    const started = io.now();
    const result = withProgress(io, args, { task: 'tune', unit: 'fits' }, (onProgress) =>
      onInput(input, () =>
        tune(series.timestamps, series.values, params, { ...windows, grid, metric, labels, onProgress })
      )
    );
    const elapsed = io.now() - started;
    say(
      `tuned ${inputName(input)}: ${result.ranking.length} combinations × ${result.cutoffs.length} cutoffs = ` +
        `${formatCount(result.fits)} fits in ${(elapsed / 1000).toFixed(1)} s, ranked by ${result.metric}\n` +
        `${skippedCutoffsNote(result.cutoffs.length, result.cutoffsAvailable)}\n`
    );
    if (format === 'json') {
      io.stdout(jsonDocument(tuneJson(inputName(input), result)));
    } else {
      say(`${rankingTable(result, top)}\n\nbest: ${JSON.stringify(result.best.combination)}\n`);
      if (result.label_metrics !== undefined) {
        say(`${describeLabelMetrics(result.label_metrics)}\n`);
      }
    }
    if (plot !== undefined) {
      writeOutput(io, plot, tunePlot(baseName(input), result, top));
      say(`wrote ${describeOutput(plot)}\n`);
    }
    if (bestOutput !== undefined) {
      writeOutput(io, bestOutput, `${JSON.stringify(result.best.params, null, 2)}\n`);
      say(`wrote ${describeOutput(bestOutput)}\n`);
    }
    return 0;
  },
};

function readMetric(raw: string | undefined): TuneMetric {
  if (raw === undefined) {
    return 'rmse';
  }
  if (!(METRICS as string[]).includes(raw)) {
    throw new CliError(`tune: --metric "${raw}" is not one of ${METRICS.join(', ')}`);
  }
  return raw as TuneMetric;
}

function parseGrid(text: string, path: string): ParamGrid {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) {
    throw new CliError(`${path}: expected an object mapping parameter names to lists of values`);
  }
  // Each combination is named as JSON, which a value nested thousands deep overflows the stack writing.
  if (nestsDeeper(raw, MAX_NESTING)) {
    throw new CliError(`${path}: the values nest deeper than ${MAX_NESTING} levels`);
  }
  const known = Object.keys(DEFAULT_PARAMS);
  for (const [key, values] of Object.entries(raw)) {
    if (!known.includes(key)) {
      throw new CliError(`${path}: unknown parameter "${key}"`);
    }
    if (!Array.isArray(values) || values.length === 0) {
      throw new CliError(`${path}: "${key}" must be a non-empty list of values`);
    }
  }
  return raw as ParamGrid;
}

function rankingTable(result: TuneResult, top: number): string {
  const keys = Object.keys(result.ranking[0].combination);
  const labelled = result.label_metrics !== undefined;
  const ranked = rankedColumn(result.metric);
  const rows = result.ranking
    .slice(0, top)
    .map((c, rank) => [
      String(rank + 1),
      ...keys.map((k) => formatValue((c.combination as Record<string, unknown>)[k])),
      ...[c.metrics.rmse, c.metrics.mae, c.metrics.smape, c.metrics.coverage, c.metrics.violationRate].map(
        formatMetric
      ),
      ...(ranked === null ? [] : [formatMetric(ranked.value(c.metrics))]),
      ...(labelled ? [c.label_metrics?.precision, c.label_metrics?.recall].map(formatMetric) : []),
    ]);
  const more =
    result.ranking.length > top ? `\n(${result.ranking.length - top} more not shown; --top to see them)` : '';
  const columns = ['rank', ...keys, 'rmse', 'mae', 'smape', 'coverage', 'outside band'];
  if (ranked !== null) {
    columns.push(ranked.name);
  }
  return formatTable(labelled ? [...columns, 'precision', 'recall'] : columns, rows) + more;
}

/**
 * The column a ranking by `metric` needs beside the fixed ones, so the table shows what it was ranked by; null
 * when a fixed column shows it. violationMagnitude ranks by the distance in band widths, as --families shows it.
 */
function rankedColumn(metric: TuneMetric): { name: string; value: (m: MetricSummary) => number | null } | null {
  switch (metric) {
    case 'mse':
    case 'mape':
    case 'mdape':
      return { name: metric, value: (m) => m[metric] };
    case 'violationMagnitude':
      return { name: 'distance', value: (m) => m.violationMagnitudeBand };
    default:
      return null;
  }
}
