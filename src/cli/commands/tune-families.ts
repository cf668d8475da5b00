/** `tune --families`: the ranking automatic selection makes, printed as a table. */
import {
  selectModel,
  describeCandidate,
  DEFAULT_SELECTION_HISTORY_DAYS,
  servingOverrides,
  type RankedCandidate,
  type SelectionResult,
} from '../../model/selection';
import { integerOption, stringOption, type ParsedArgs } from '../args';
import { CliError } from '../errors';
import { formatCount, formatMetric, formatTable } from '../format';
import type { CliIO } from '../io';
import { describeLabelMetrics, loadLabels } from '../labels';
import { baseName, loadParams, loadSeries, onInput } from '../load';
import { describeOutput, inputName, messageStream, prepareFiles, writeOutput } from '../outputs';
import { parseDuration } from '../duration';
import { withProgress } from '../progress';
import { jsonDocument, readFormat, reportOutput } from '../report-format';
import { readFamilies, readObjective } from './model-options';
import { familiesJson, familiesPlot } from './tune-report';

export function rankFamilies(args: ParsedArgs, io: CliIO): number {
  for (const option of ['grid', 'extended', 'metric']) {
    if (args[option] !== undefined) {
      throw new CliError(`tune: --families ranks by --objective over each family's own grid; drop --${option}`);
    }
  }
  const families = readFamilies(stringOption(args, 'families') as string, 'tune');
  const objective = readObjective(args, 'tune');
  const duration = (name: string) => {
    const raw = stringOption(args, name);
    return raw === undefined ? undefined : parseDuration(raw, name);
  };
  const maxFits = integerOption(args, 'max-fits', 1);
  const top = integerOption(args, 'top', 1) ?? 20;
  const input = stringOption(args, 'input') as string;
  const config = stringOption(args, 'config');
  const bestOutput = stringOption(args, 'best-output');
  const format = readFormat(args, 'tune');
  const plot = stringOption(args, 'plot');
  prepareFiles(
    io,
    [
      { option: '--input', path: input },
      { option: '--config', path: config },
      { option: '--labels', path: stringOption(args, 'labels') },
    ],
    [{ option: '--best-output', path: bestOutput }, reportOutput(format), { option: '--plot', path: plot }]
  );
  const say = messageStream(io, [bestOutput, plot, reportOutput(format).path]);
  const series = loadSeries(io, input, args);
  const params = loadParams(io, config);
  const labels = loadLabels(io, stringOption(args, 'labels'), series.timestamps);
  const started = io.now();
  const result = withProgress(io, args, { task: 'tune --families', unit: 'fits' }, (onProgress) =>
    onInput(input, () =>
      selectModel(series.timestamps, series.values, params, {
        families,
        objective,
        horizon: duration('horizon'),
        initial: duration('initial'),
        period: duration('period'),
        labels,
        onProgress,
        ...(maxFits !== undefined ? { maxFits, maxCutoffs: maxFits } : {}),
      })
    )
  );
  const elapsed = io.now() - started;
  if (result.fallback !== undefined) {
    throw new CliError(
      `${inputName(input)}: no ranking: ${result.fallback} (families are ranked on the last ${DEFAULT_SELECTION_HISTORY_DAYS} days only; ` +
        'tune without --families cross-validates one family over the whole history)'
    );
  }
  say(
    `ranked ${inputName(input)}: ${result.ranking.length} candidates × ${result.cutoffs.length} cutoffs = ` +
      `${formatCount(result.fits)} fits in ${(elapsed / 1000).toFixed(1)} s, objective ${result.objective}\n\n`
  );
  if (format === 'json') {
    io.stdout(jsonDocument(familiesJson(inputName(input), result)));
  } else {
    say(`${familyTable(result, top)}\n\n${describeWinner(result)}\n`);
    const winnerLabels = result.winner.scores?.label_metrics;
    if (winnerLabels !== undefined) {
      say(`${describeLabelMetrics(winnerLabels)}\n`);
    }
  }
  if (plot !== undefined) {
    writeOutput(io, plot, familiesPlot(baseName(input), result, top));
    say(`wrote ${describeOutput(plot)}\n`);
  }
  if (bestOutput !== undefined) {
    // What `auto` would serve: a winning decomposition inside the ensemble.
    const best = { ...params, ...servingOverrides(result.winner, params) };
    writeOutput(io, bestOutput, `${JSON.stringify(best, null, 2)}\n`);
    say(`wrote ${describeOutput(bestOutput)}\n`);
  }
  return 0;
}

function familyTable(result: SelectionResult, top: number): string {
  const labelled = result.ranking.some((c) => c.scores?.label_score !== undefined);
  const row = (c: RankedCandidate, rank: number): string[] => {
    const s = c.scores;
    const figures = s
      ? [s.objective, s.violationRate, s.violationMagnitudeBand, s.mae, s.rmse, s.coverage].map(formatMetric)
      : ['failed', '', '', '', '', ''];
    const labelFigures = labelled
      ? [s?.label_score, s?.label_metrics?.precision, s?.label_metrics?.recall].map(formatMetric)
      : [];
    return [`${rank + 1}. ${describeCandidate(c)}`, ...figures, ...labelFigures];
  };
  const columns = ['model', 'objective', 'outside band', 'distance', 'mae', 'rmse', 'coverage'];
  const more =
    result.ranking.length > top ? `\n(${result.ranking.length - top} more not shown; --top to see them)` : '';
  const failures = result.ranking
    .filter((c) => c.error !== undefined)
    .map((c) => `\n${describeCandidate(c)} failed: ${c.error}`)
    .join('');
  return (
    formatTable(
      labelled ? [...columns, 'label score', 'precision', 'recall'] : columns,
      result.ranking.slice(0, top).map(row)
    ) +
    more +
    failures
  );
}

function describeWinner(result: SelectionResult): string {
  const best = describeCandidate(result.ranking[0]);
  const d = result.decision;
  if (d === undefined || !d.swapped) {
    return result.winner === result.ranking[0]
      ? `best: ${best}`
      : `best: ${best}, but within ${percent(d?.margin ?? 0)} of the defaults ${describeCandidate(result.winner)}, which keep serving`;
  }
  return `best: ${best} (beats the defaults ${describeCandidate(d.incumbent)} by more than ${percent(d.margin)})`;
}

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
