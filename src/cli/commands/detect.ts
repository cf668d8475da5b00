import { detectBatch, detectOnline, type Detection, type OnlineOptions } from '../../model/online';
import { integerOption, numberOption, parseArgs, stringOption, type OptionSpec, type ParsedArgs } from '../args';
import { detectionCsv } from '../detection-csv';
import { CliError } from '../errors';
import { formatCount } from '../format';
import type { CliIO } from '../io';
import { baseName, COLUMN_OPTIONS, CONFIG_OPTION, INPUT_OPTION, loadParams, loadSeries, onInput } from '../load';
import { describeOutput, inputName, messageStream, prepareFiles, writeOutput } from '../outputs';
import { plotHolidays } from '../plot/holidays';
import { renderPlotSvg } from '../plot/svg';
import { PLOT_WINDOW_OPTIONS, readPlotWindow, windowSpan } from '../plot/window';
import type { Command } from './command';

const OPTIONS: OptionSpec[] = [
  INPUT_OPTION,
  ...COLUMN_OPTIONS,
  {
    name: 'output',
    kind: 'value',
    valueName: 'OUT.csv',
    help: 'where to write the per-row verdicts; - writes them to standard output (messages go to stderr)',
    required: true,
  },
  CONFIG_OPTION,
  { name: 'online', kind: 'flag', help: 'judge each point with a model fitted only on earlier points' },
  {
    name: 'plot',
    kind: 'value',
    valueName: 'OUT.svg',
    help: 'also draw the series, band, outliers, excluded ranges and modelled holidays (- for standard output)',
  },
  ...PLOT_WINDOW_OPTIONS,
  { name: 'refit-every', kind: 'value', valueName: 'N', help: 'online: refit every N points (default: adaptive)' },
  { name: 'max-history-days', kind: 'value', valueName: 'DAYS', help: 'online: training window (default 28)' },
  { name: 'min-history-points', kind: 'value', valueName: 'N', help: 'online: values needed first (default 24)' },
  { name: 'min-history-days', kind: 'value', valueName: 'DAYS', help: 'online: span of them needed (default 2)' },
];

const DESCRIPTION = `Fits the model and writes, for every input row in input order, the columns
timestamp,value,yhat,yhat_lower,yhat_upper,outlier,score. yhat_lower and yhat_upper are the drawn band
at interval_width (0.8 by default, Prophet's meaning). outlier is -1 below the outlier band, +1 above
it, 0 inside: that band has its own width, outlier_width (0.995 by default), so on clean data about
one row in 200 is flagged. score is in [0, 1]. For a series that never goes below zero, expectation
and band stay at or above zero (nonnegative: "auto"). The time column is named timestamp, ds or
time (any case) and holds ISO 8601 times (no zone means UTC) or epoch seconds/milliseconds; the value column is value or y.
Empty, NaN, null and infinite (inf, -Infinity, ...) values are missing; infinities get a warning.
Without --online the model is fitted once on all rows (minus "exclude" ranges of the config) and
judges them all; with --online each row is judged by a model fitted only on earlier rows. A row
without a verdict (a missing value, or online before enough history) has empty outlier and score;
online rows before enough history also have empty yhat, yhat_lower and yhat_upper. Outputs are
checked before any work; an output that is the input (under any spelling or link) is refused.`;

export const detectCommand: Command = {
  name: 'detect',
  summary: 'fit the model to a CSV series and write expectations, bands and outliers',
  usage:
    'detect --input FILE.csv --output OUT.csv [--config params.json] [--online] [--plot OUT.svg [--from TIME] [--to TIME]]',
  description: DESCRIPTION,
  options: OPTIONS,
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, OPTIONS, 'detect');
    const input = stringOption(args, 'input') as string;
    const output = stringOption(args, 'output') as string;
    const plot = stringOption(args, 'plot');
    const config = stringOption(args, 'config');
    const online = args.online === true;
    const onlineOptions = readOnlineOptions(args, online);
    const window = readPlotWindow(args, plot !== undefined, '--plot OUT.svg');
    prepareFiles(
      io,
      [
        { option: '--input', path: input },
        { option: '--config', path: config },
      ],
      [
        { option: '--output', path: output },
        { option: '--plot', path: plot },
      ]
    );
    const say = messageStream(io, [output, plot]);
    const series = loadSeries(io, input, args);
    const params = loadParams(io, config);
    const plotSpan = plot === undefined ? null : windowSpan(series.timestamps, window, inputName(input));

    const started = io.now();
    const onlineResult = online
      ? onInput(input, () => detectOnline(series.timestamps, series.values, params, onlineOptions))
      : null;
    const detection = onlineResult ?? onInput(input, () => detectBatch(series.timestamps, series.values, params));
    const elapsed = io.now() - started;
    const judged = onlineResult?.judged ?? series.values.length;
    if (onlineResult) {
      say(
        `online: ${formatCount(onlineResult.refits)} fits, ${formatCount(judged)} of ${formatCount(series.values.length)} rows judged\n`
      );
      if (judged === 0) {
        const { min_history_points, min_history_days } = onlineResult.options;
        io.stderr(
          `warning: ${inputName(input)}: no row had enough history to be judged (needs ${min_history_points} values over ${min_history_days} days)\n`
        );
      }
    }
    writeOutput(io, output, detectionCsv(series, detection));
    say(
      `${describeVerdicts(detection, judged)}; ${online ? 'online' : 'batch'} detection took ${Math.round(elapsed)} ms\n`
    );
    say(`wrote ${describeOutput(output)} (${formatCount(series.values.length)} rows)\n`);
    if (plot !== undefined && plotSpan !== null) {
      const svg = renderPlotSvg({
        ...detection,
        title: `${baseName(input)}: ${online ? 'online' : 'batch'} detection`,
        values: series.values,
        excluded: params.exclude,
        holidays: plotHolidays(params, ...plotSpan),
        window,
      });
      writeOutput(io, plot, svg);
      say(`wrote ${describeOutput(plot)}\n`);
    }
    return 0;
  },
};

function readOnlineOptions(args: ParsedArgs, online: boolean): Partial<OnlineOptions> {
  const options: Partial<OnlineOptions> = {
    refit_every: integerOption(args, 'refit-every', 1),
    max_history_days: numberOption(args, 'max-history-days'),
    min_history_points: integerOption(args, 'min-history-points', 2),
    min_history_days: numberOption(args, 'min-history-days'),
  };
  const given = Object.entries(options).filter(([, v]) => v !== undefined);
  if (!online && given.length > 0) {
    throw new CliError(`detect: --${given[0][0].replace(/_/g, '-')} applies only with --online`);
  }
  return options;
}

function describeVerdicts(d: Detection, judged: number): string {
  let above = 0;
  let below = 0;
  for (const o of d.outlier) {
    above += o === 1 ? 1 : 0;
    below += o === -1 ? 1 : 0;
  }
  const share = judged > 0 ? ` (${(((above + below) / judged) * 100).toFixed(1)}% of judged rows)` : '';
  return `${formatCount(above + below)} outliers${share}: ${formatCount(above)} above, ${formatCount(below)} below the band`;
}
