import {
  crossValidateLabelled,
  performanceMetrics,
  planCutoffs,
  type PerformanceMetrics,
} from '../../model/evaluation';
import { scoredSeries } from '../../model/evaluation/scoredSeries';
import { resolveParams } from '../../model';
import type { LabelMetrics } from '../../model/evaluation';
import { formatDuration } from '../../model/evaluation/duration';
import { integerOption, parseArgs, stringOption, type OptionSpec } from '../args';
import { formatCount, formatMetric, formatTable } from '../format';
import type { CliIO } from '../io';
import { describeLabelMetrics, LABELS_OPTION, loadLabels, paramsWithLabels } from '../labels';
import { baseName, loadParams, loadSeries, onInput } from '../load';
import { describeOutput, inputName, messageStream, prepareFiles, writeOutput } from '../outputs';
import { renderCvPlotSvg } from '../plot/cv-plot';
import { QUIET_OPTION, withProgress } from '../progress';
import {
  FORMAT_OPTION,
  isoTimes,
  jsonDocument,
  jsonNumber,
  JSON_FORMAT_VERSION,
  metricsJson,
  readFormat,
  reportOutput,
} from '../report-format';
import type { Command } from './command';
import { DURATION_NOTE, readWindows, skippedCutoffsNote, WINDOW_OPTIONS } from './evaluation-options';

const OPTIONS: OptionSpec[] = [
  ...WINDOW_OPTIONS,
  LABELS_OPTION,
  { name: 'rows', kind: 'value', valueName: 'N', help: 'horizons shown in the by-horizon table (default 12)' },
  FORMAT_OPTION,
  {
    name: 'plot',
    kind: 'value',
    valueName: 'OUT.svg',
    help: 'also draw error and band coverage by horizon, as Prophet plots them (- for standard output)',
  },
  QUIET_OPTION,
];

export const cvCommand: Command = {
  name: 'cv',
  summary: 'rolling-origin cross-validation: forecast error and band coverage by horizon',
  usage:
    'cv --input FILE.csv [--horizon 1d] [--initial 3d] [--period 12h] [--max-fits N] [--config params.json] [--labels labels.csv] [--format text|json] [--plot OUT.svg] [--quiet]',
  description: `Refits the model at each cutoff on the data up to it, forecasts the next horizon and
prints Prophet's metrics (mse, rmse, mae, mape, mdape, smape, coverage) overall and by horizon,
plus the share of points outside the band. On a long series only the most recent cutoffs are used,
at most --max-fits of them. With --labels (header start,end,kind; kind incident or false-alarm) the
fits leave incidents out and learn the false alarms, and the held-out points are also judged: alarms
(runs of outliers) in incidents over all alarms is the precision, incidents found over incidents
held out the recall. --format json prints the same as one JSON document instead (every horizon, not
only --rows of them); --plot draws the error and coverage by horizon. On a terminal a progress line
shows the fits done, their rate and the time left (--quiet hides it). ${DURATION_NOTE}`,
  options: OPTIONS,
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, OPTIONS, 'cv');
    const input = stringOption(args, 'input') as string;
    const windows = readWindows(args);
    const shown = integerOption(args, 'rows', 1) ?? 12;
    const format = readFormat(args, 'cv');
    const plot = stringOption(args, 'plot');
    const config = stringOption(args, 'config');
    prepareFiles(
      io,
      [
        { option: '--input', path: input },
        { option: '--config', path: config },
        { option: '--labels', path: stringOption(args, 'labels') },
      ],
      [reportOutput(format), { option: '--plot', path: plot }]
    );
    const say = messageStream(io, [plot, reportOutput(format).path]);
    const series = loadSeries(io, input, args);
    const params = loadParams(io, config);
    const labels = loadLabels(io, stringOption(args, 'labels'), series.timestamps);
    const started = io.now();
    const fitted = paramsWithLabels(params, labels);
    const plan = onInput(input, () =>
      planCutoffs(scoredSeries(series.timestamps, series.values, resolveParams(fitted).exclude).timestamps, {
        ...windows,
        maxCutoffs: windows.maxFits,
      })
    );
    const { rows, label_metrics } = withProgress(io, args, { task: 'cv', unit: 'fits' }, (onProgress) =>
      onInput(input, () =>
        crossValidateLabelled(series.timestamps, series.values, params, {
          ...windows,
          cutoffs: plan.cutoffs,
          labels,
          onProgress,
        })
      )
    );
    const cutoffCount = new Set(rows.cutoff).size;
    const metrics = onInput(input, () => performanceMetrics(rows));
    const elapsed = io.now() - started;
    say(
      `cross-validation of ${inputName(input)}: ${cutoffCount} cutoffs, horizon ${formatDuration(windows.horizon)}, ` +
        `${formatCount(metrics.overall.n)} points scored in ${Math.round(elapsed)} ms\n` +
        `${skippedCutoffsNote(plan.cutoffs.length, plan.available)}\n`
    );
    if (format === 'json') {
      const report = { input: inputName(input), horizon_ms: windows.horizon, metrics, label_metrics };
      io.stdout(jsonDocument(cvJson({ ...report, cutoffs: plan.cutoffs, cutoffsAvailable: plan.available })));
    } else {
      say(`${overallTable(metrics)}\n\n${horizonTable(metrics, shown)}\n`);
      if (label_metrics !== null) {
        say(`\n${describeLabelMetrics(label_metrics)}\n`);
      }
    }
    if (plot !== undefined) {
      const title = `${baseName(input)}: cross-validation, horizon ${formatDuration(windows.horizon)}`;
      const intervalWidth = resolveParams(params).interval_width;
      writeOutput(io, plot, renderCvPlotSvg({ title, rows, metrics, intervalWidth }));
      say(`wrote ${describeOutput(plot)}\n`);
    }
    return 0;
  },
};

/** The `cv --format json` document (see the README). */
function cvJson(r: {
  input: string;
  horizon_ms: number;
  cutoffs: number[];
  cutoffsAvailable: number;
  metrics: PerformanceMetrics;
  label_metrics: LabelMetrics | null;
}): object {
  const h = r.metrics.byHorizon;
  return {
    command: 'cv',
    format_version: JSON_FORMAT_VERSION,
    input: r.input,
    horizon_ms: r.horizon_ms,
    cutoffs: isoTimes(r.cutoffs),
    cutoffs_available: r.cutoffsAvailable,
    overall: metricsJson(r.metrics.overall),
    rolling_window_points: r.metrics.window,
    by_horizon: Array.from(h.horizon, (horizon, i) => ({
      horizon_ms: horizon,
      mse: jsonNumber(h.mse[i]),
      rmse: jsonNumber(h.rmse[i]),
      mae: jsonNumber(h.mae[i]),
      mape: jsonNumber(h.mape?.[i]),
      mdape: jsonNumber(h.mdape?.[i]),
      smape: jsonNumber(h.smape[i]),
      coverage: jsonNumber(h.coverage[i]),
    })),
    label_metrics: r.label_metrics,
  };
}

function overallTable(m: PerformanceMetrics): string {
  const o = m.overall;
  return formatTable(
    ['overall', 'mse', 'rmse', 'mae', 'mape', 'mdape', 'smape', 'coverage', 'outside band'],
    [
      [
        'all horizons',
        ...[o.mse, o.rmse, o.mae, o.mape, o.mdape, o.smape, o.coverage, o.violationRate].map(formatMetric),
      ],
    ]
  );
}

/** At most `shown` horizons, evenly spread and always including the last. */
function horizonTable(m: PerformanceMetrics, shown: number): string {
  const h = m.byHorizon;
  const count = h.horizon.length;
  const picks = new Set<number>();
  for (let k = 1; k <= Math.min(shown, count); k++) {
    picks.add(Math.round((k * count) / Math.min(shown, count)) - 1);
  }
  const rows = [...picks]
    .sort((a, b) => a - b)
    .map((i) => [
      formatDuration(h.horizon[i]),
      ...[h.mse[i], h.rmse[i], h.mae[i], h.mape?.[i], h.mdape?.[i], h.smape[i], h.coverage[i]].map(formatMetric),
    ]);
  const title = `by horizon (rolling window of ${formatCount(m.window)} rows; ${rows.length} of ${count} horizons shown)`;
  return `${title}\n${formatTable(['horizon', 'mse', 'rmse', 'mae', 'mape', 'mdape', 'smape', 'coverage'], rows)}`;
}
