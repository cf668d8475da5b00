import { describeCandidate, servingOverrides } from '../../model/selection';
import type { SelectionSummary, SwapTrailEntry } from '../../model/selection';
import { detectOnlineWithOutlook, lastRowOutlook } from '../../model/earlyWarning/detect';
import type { RowOutlooks } from '../../model/earlyWarning/rows';
import type { FittedFamily, ModelParams } from '../../model';
import { detectBatch, detectOnline, type Detection, type OnlineOptions } from '../../model/online';
import { integerOption, numberOption, parseArgs, stringOption, type OptionSpec, type ParsedArgs } from '../args';
import { detectionCsv, hasVerdict } from '../detection-csv';
import { CliError } from '../errors';
import { formatCount, formatMetric, formatUtc } from '../format';
import type { CliIO } from '../io';
import { baseName, COLUMN_OPTIONS, CONFIG_OPTION, INPUT_OPTION, loadParams, loadSeries, onInput } from '../load';
import { describeOutput, inputName, messageStream, prepareFiles, writeOutput } from '../outputs';
import { LABELS_OPTION, loadLabels, paramsWithLabels } from '../labels';
import { outlookOptions, readWarningOptions, WARNING_OPTIONS } from '../warning-options';
import { plotHolidays } from '../plot/holidays';
import { renderPlotSvg } from '../plot/svg';
import { QUIET_OPTION, withProgress } from '../progress';
import { PLOT_WINDOW_OPTIONS, readPlotWindow, windowSpan } from '../plot/window';
import type { Command } from './command';
import { MODEL_OPTION, OBJECTIVE_OPTION, refuseUnlessAuto, withModelOptions } from './model-options';

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
  LABELS_OPTION,
  MODEL_OPTION,
  OBJECTIVE_OPTION,
  { name: 'online', kind: 'flag', help: 'judge each point with a model fitted only on earlier points' },
  QUIET_OPTION,
  {
    name: 'plot',
    kind: 'value',
    valueName: 'OUT.svg',
    help: 'also draw the series, band, outliers, excluded ranges and modelled holidays (- for standard output)',
  },
  ...PLOT_WINDOW_OPTIONS,
  ...WARNING_OPTIONS,
  { name: 'refit-every', kind: 'value', valueName: 'N', help: 'online: refit every N points (default: adaptive)' },
  { name: 'max-history-days', kind: 'value', valueName: 'DAYS', help: 'online: training window (default 28)' },
  { name: 'min-history-points', kind: 'value', valueName: 'N', help: 'online: values needed first (default 24)' },
  { name: 'min-history-days', kind: 'value', valueName: 'DAYS', help: 'online: span of them needed (default 2)' },
  {
    name: 'select-every-days',
    kind: 'value',
    valueName: 'DAYS',
    help: 'online with --model auto: days of series time between selections (default 1)',
  },
  {
    name: 'swap-margin',
    kind: 'value',
    valueName: 'SHARE',
    help: 'online with --model auto: how much better a challenger must score to replace the serving model (default 0.3)',
  },
];

/** Options only automatic selection reads, refused with any other model. */
const AUTO_ONLY_OPTIONS = ['objective', 'select-every-days', 'swap-margin'];

const DESCRIPTION = `Fits the model and writes, for every input row in input order, the columns
timestamp,value,yhat,yhat_lower,yhat_upper,outlier,score. yhat_lower and yhat_upper are the drawn band
at interval_width (0.8 by default, Prophet's meaning). outlier is -1 below the outlier band, +1 above
it, 0 inside: that band has its own width, outlier_width (0.995 by default), so on clean data about
one row in 200 is flagged. score is in [0, 1]. For a series that never goes below zero, expectation
and band stay at or above zero (nonnegative: "auto"). The time column is named timestamp, ds or
time (any case) and holds ISO 8601 times (no zone means UTC) or epoch seconds/milliseconds; the value column is value or y.
Empty, NaN, null and infinite (inf, -Infinity, ...) values are missing; infinities get a warning.
Without --online the model is fitted once on all rows (minus "exclude" ranges of the config and
incidents of --labels) and
judges them all; with --online each row is judged by a model fitted only on earlier rows. A row
without a verdict (a missing value, or online before enough history) has empty outlier and score;
online rows before enough history also have empty yhat, yhat_lower and yhat_upper. Outputs are
checked before any work; an output that is the input (under any spelling or link) is refused.
--model auto chooses the family and its variant per series by rolling-origin cross-validation on the
last 28 days, ranked by --objective; with --online it chooses again every day of series time on the
past only, and the serving model changes only when a challenger scores better by the swap margin.
--objective, --select-every-days and --swap-margin apply only to auto (from --model or the config's "model"):
with any other model, the default ensemble included, they are refused.
--labels FILE.csv (header start,end,kind; kind incident or false-alarm) leaves incidents out of training
and keeps false alarms in it as normal: the threshold on the side that flagged them rises to just above
their largest deviation (at most to twice the larger of the outlier threshold and the deviation scoring 0.5),
so the same alarm is less likely again.
--above V and/or --below V (with --lead, 6h by default) append breach_eta_minutes,breach_probability:
minutes until the expectation crosses a threshold within the lead (empty when it does not) and the chance,
from the band, that the series crosses within the lead. With --online every judged row has them, from the
row's time with the model that judged it, its forecast moved by the line through that model's residuals over
the last lead time (a warning history, as a live rule would have seen it); other rows are empty. Without
--online only the last row (in time) has them, from the model fitted on all rows: earlier rows' outlooks from
a model that has seen their future would mean nothing.`;

export const detectCommand: Command = {
  name: 'detect',
  summary: 'fit the model to a CSV series and write expectations, bands and outliers',
  usage:
    'detect --input FILE.csv --output OUT.csv [--config params.json] [--labels labels.csv] [--model auto|NAME] [--objective violations] [--online] [--above V] [--below V] [--lead 6h] [--plot OUT.svg [--from TIME] [--to TIME]]',
  description: DESCRIPTION,
  options: OPTIONS,
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, OPTIONS, 'detect');
    const input = stringOption(args, 'input') as string;
    const output = stringOption(args, 'output') as string;
    const plot = stringOption(args, 'plot');
    const config = stringOption(args, 'config');
    const labelsPath = stringOption(args, 'labels');
    const online = args.online === true;
    const onlineOptions = readOnlineOptions(args, online);
    const warning = readWarningOptions(args);
    const window = readPlotWindow(args, plot !== undefined, '--plot OUT.svg');
    prepareFiles(
      io,
      [
        { option: '--input', path: input },
        { option: '--config', path: config },
        { option: '--labels', path: labelsPath },
      ],
      [
        { option: '--output', path: output },
        { option: '--plot', path: plot },
      ]
    );
    const say = messageStream(io, [output, plot]);
    const series = loadSeries(io, input, args);
    const modelParams = withModelOptions(loadParams(io, config), args, 'detect');
    refuseUnlessAuto(modelParams, args, AUTO_ONLY_OPTIONS, 'detect', config);
    const params = paramsWithLabels(modelParams, loadLabels(io, labelsPath, series.timestamps));
    const plotSpan = plot === undefined ? null : windowSpan(series.timestamps, window, inputName(input));

    const started = io.now();
    let outlooks: RowOutlooks | undefined;
    let fitted: FittedFamily | null = null;
    const onlineResult = online
      ? withProgress(io, args, { task: 'detect --online', unit: 'rows' }, (onProgress) =>
          onInput(input, () => {
            if (warning === null) {
              return detectOnline(series.timestamps, series.values, params, { ...onlineOptions, onProgress });
            }
            const result = detectOnlineWithOutlook(
              series.timestamps,
              series.values,
              params,
              { ...onlineOptions, onProgress },
              outlookOptions(series.timestamps, warning)
            );
            outlooks = result.outlooks;
            return result.detection;
          })
        )
      : null;
    const detection =
      onlineResult ??
      onInput(input, () =>
        detectBatch(series.timestamps, series.values, params, undefined, (model) => {
          fitted = model;
        })
      );
    if (warning !== null && fitted !== null) {
      const model: FittedFamily = fitted;
      outlooks = onInput(input, () =>
        lastRowOutlook(model, series.timestamps, series.values, outlookOptions(series.timestamps, warning))
      );
    }
    const elapsed = io.now() - started;
    const verdicts = verdictCounts(series.values, detection);
    if (onlineResult) {
      say(
        `online: ${formatCount(onlineResult.refits)} fits, ${formatCount(verdicts.judged)} of ${formatCount(series.values.length)} rows judged\n`
      );
      if (params.model === 'auto') {
        say(describeOnlineSelection(onlineResult.selections, onlineResult.trail));
      }
      if (onlineResult.judged === 0) {
        const { min_history_points, min_history_days } = onlineResult.options;
        io.stderr(
          `warning: ${inputName(input)}: no row had enough history to be judged (needs ${min_history_points} values over ${min_history_days} days)\n`
        );
      }
    }
    if ('selection' in detection && detection.selection !== undefined) {
      say(describeSelection(detection.selection, params));
    }
    writeOutput(io, output, detectionCsv(series, detection, outlooks));
    if (outlooks !== undefined) {
      say(describeOutlook(series.timestamps, outlooks, online));
    }
    say(`${describeVerdicts(verdicts)}; ${online ? 'online' : 'batch'} detection took ${Math.round(elapsed)} ms\n`);
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

/** "outlook from 2024-05-08 23:00 UTC: breach in 95 min (probability 0.93)", or the number of warning rows online. */
function describeOutlook(timestamps: Float64Array, outlooks: RowOutlooks, online: boolean): string {
  if (online) {
    const warned = outlooks.probability.filter((p) => p > 0.8).length;
    return `outlook: ${formatCount(warned)} rows with breach_probability > 0.8\n`;
  }
  const last = outlooks.probability.findIndex((p) => Number.isFinite(p));
  if (last < 0) {
    return 'outlook: none\n';
  }
  const eta = outlooks.eta_ms[last];
  // The live rule's answer for a last value already past a threshold: eta 0, probability 1 (rows.ts).
  const when =
    eta === 0 && outlooks.probability[last] === 1
      ? 'already past the threshold'
      : Number.isFinite(eta)
        ? `expected crossing in ${Math.round(eta / 60_000)} min`
        : 'no expected crossing';
  return `outlook from ${formatUtc(timestamps[last])}: ${when}, breach_probability ${formatMetric(outlooks.probability[last])}\n`;
}

function readOnlineOptions(args: ParsedArgs, online: boolean): Partial<OnlineOptions> {
  const options: Partial<OnlineOptions> = {
    refit_every: integerOption(args, 'refit-every', 1),
    max_history_days: numberOption(args, 'max-history-days'),
    min_history_points: integerOption(args, 'min-history-points', 2),
    min_history_days: numberOption(args, 'min-history-days'),
    select_every_days: numberOption(args, 'select-every-days'),
    swap_margin: numberOption(args, 'swap-margin'),
  };
  const given = Object.entries(options).filter(([, v]) => v !== undefined);
  if (!online && given.length > 0) {
    throw new CliError(`detect: --${given[0][0].replace(/_/g, '-')} applies only with --online`);
  }
  return options;
}

/** Rows with a verdict (a value, judged by a model) and the outliers among them, above and below the band. */
function verdictCounts(values: Float64Array, d: Detection): { judged: number; above: number; below: number } {
  let judged = 0;
  let above = 0;
  let below = 0;
  for (let i = 0; i < values.length; i++) {
    if (hasVerdict(values, d, i)) {
      judged += 1;
      above += d.outlier[i] === 1 ? 1 : 0;
      below += d.outlier[i] === -1 ? 1 : 0;
    }
  }
  return { judged, above, below };
}

/** "2 outliers (0.4% of judged rows): 1 above, 1 below the band"; judged rows are those with a verdict. */
function describeVerdicts({ judged, above, below }: { judged: number; above: number; below: number }): string {
  const share = judged > 0 ? ` (${(((above + below) / judged) * 100).toFixed(1)}% of judged rows)` : '';
  return `${formatCount(above + below)} outliers${share}: ${formatCount(above)} above, ${formatCount(below)} below the band`;
}

/**
 * "auto: chose decomposition {…} of 6 candidates (18 fits on 3 cutoffs), objective violations (score 0.16),
 * serving inside the ensemble"
 */
function describeSelection(s: SelectionSummary, params: Partial<ModelParams>): string {
  const model = servingOverrides(s.winner, params).model;
  const inside = model !== s.winner.family ? `, serving inside the ${String(model)}` : '';
  if (s.fallback !== undefined) {
    return `auto: ${describeCandidate(s.winner)} serves untested${inside}: ${s.fallback}\n`;
  }
  return (
    `auto: chose ${describeCandidate(s.winner)} of ${s.candidates} candidates ` +
    `(${formatCount(s.fits)} fits on ${s.cutoffs} cutoffs), objective ${s.objective} (score ${formatMetric(s.winner.score)})${inside}\n`
  );
}

function describeOnlineSelection(selections: number, trail: SwapTrailEntry[]): string {
  const swaps = trail.map(
    (e) =>
      `  ${formatUtc(e.at)}: ${describeCandidate(e.challenger)} (${formatMetric(e.challenger.score)}) replaced ` +
      `${describeCandidate(e.incumbent)} (${formatMetric(e.incumbent.score)})\n`
  );
  return `auto: ${formatCount(selections)} selections, ${formatCount(trail.length)} swaps\n${swaps.join('')}`;
}
