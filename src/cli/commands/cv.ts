import {
  crossValidateLabelled,
  performanceMetrics,
  planCutoffs,
  type PerformanceMetrics,
} from '../../model/evaluation';
import { scoredSeries } from '../../model/evaluation/scoredSeries';
import { resolveParams } from '../../model';
import { formatDuration } from '../../model/evaluation/duration';
import { integerOption, parseArgs, stringOption, type OptionSpec } from '../args';
import { formatCount, formatMetric, formatTable } from '../format';
import type { CliIO } from '../io';
import { describeLabelMetrics, LABELS_OPTION, loadLabels, paramsWithLabels } from '../labels';
import { loadParams, loadSeries, onInput } from '../load';
import { inputName } from '../outputs';
import type { Command } from './command';
import { DURATION_NOTE, readWindows, skippedCutoffsNote, WINDOW_OPTIONS } from './evaluation-options';

const OPTIONS: OptionSpec[] = [
  ...WINDOW_OPTIONS,
  LABELS_OPTION,
  { name: 'rows', kind: 'value', valueName: 'N', help: 'horizons shown in the by-horizon table (default 12)' },
];

export const cvCommand: Command = {
  name: 'cv',
  summary: 'rolling-origin cross-validation: forecast error and band coverage by horizon',
  usage:
    'cv --input FILE.csv [--horizon 1d] [--initial 3d] [--period 12h] [--max-fits N] [--config params.json] [--labels labels.csv]',
  description: `Refits the model at each cutoff on the data up to it, forecasts the next horizon and
prints Prophet's metrics (mse, rmse, mae, mape, mdape, smape, coverage) overall and by horizon,
plus the share of points outside the band. On a long series only the most recent cutoffs are used,
at most --max-fits of them. With --labels (header start,end,kind; kind incident or false-alarm) the
fits leave incidents out and learn the false alarms, and the held-out points are also judged: alarms
(runs of outliers) in incidents over all alarms is the precision, incidents found over incidents
held out the recall. ${DURATION_NOTE}`,
  options: OPTIONS,
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, OPTIONS, 'cv');
    const input = stringOption(args, 'input') as string;
    const windows = readWindows(args);
    const shown = integerOption(args, 'rows', 1) ?? 12;
    const series = loadSeries(io, input, args);
    const params = loadParams(io, stringOption(args, 'config'));
    const labels = loadLabels(io, stringOption(args, 'labels'));
    const started = io.now();
    const fitted = paramsWithLabels(params, labels);
    const plan = onInput(input, () =>
      planCutoffs(scoredSeries(series.timestamps, series.values, resolveParams(fitted).exclude).timestamps, {
        ...windows,
        maxCutoffs: windows.maxFits,
      })
    );
    const { rows, label_metrics } = onInput(input, () =>
      crossValidateLabelled(series.timestamps, series.values, params, { ...windows, cutoffs: plan.cutoffs, labels })
    );
    const cutoffCount = new Set(rows.cutoff).size;
    const metrics = onInput(input, () => performanceMetrics(rows));
    const elapsed = io.now() - started;
    io.stdout(
      `cross-validation of ${inputName(input)}: ${cutoffCount} cutoffs, horizon ${formatDuration(windows.horizon)}, ` +
        `${formatCount(metrics.overall.n)} points scored in ${Math.round(elapsed)} ms\n` +
        `${skippedCutoffsNote(plan.cutoffs.length, plan.available)}\n`
    );
    io.stdout(`${overallTable(metrics)}\n\n${horizonTable(metrics, shown)}\n`);
    if (label_metrics !== null) {
      io.stdout(`\n${describeLabelMetrics(label_metrics)}\n`);
    }
    return 0;
  },
};

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
