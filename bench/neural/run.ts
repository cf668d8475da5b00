/**
 * Does the neural family earn its place beside the others (issue 10)? It is fitted per cutoff on the series' own
 * history (src/model/families/neural.ts) and scored on the sub-daily examples'
 * cross-validation windows of bench/accuracy (same cutoffs, truth and horizon buckets), beside seasonal-naive
 * computed in the same run. The families' MAE on the same windows is in bench/results/accuracy-auto.md and
 * bench/results/family-past.md.
 *
 *   npx tsx bench/neural/run.ts [--files yosemite,pedestrians] [--hidden 32] [--steps 3000]
 *     [--out FILE.md]
 */
import * as fs from 'fs';
import * as os from 'os';
import { join } from 'path';
import { crossValidationCutoffs } from '../../src/model/evaluation/cutoffs';
import { DATASETS } from '../accuracy/datasets';
import { bucketMetrics } from '../accuracy/metrics';
import {
  history,
  scoreForecasts,
  seasonalNaiveForecasts,
  windowTimestamps,
  type WindowForecast,
} from '../accuracy/window-forecasts';
import { readSeriesCsv } from '../lib/series-csv';
import { fitModel, predictModel } from '../../src/model';

const DATA = join(__dirname, '..', '..', '..', 'shared', 'data', 'prophet-examples');

interface Options {
  files: string[];
  hidden: number;
  steps: number;
  out: string | null;
}

/** A whole number of at least 1, or an error naming the option. */
function count(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${option} must be a whole number of at least 1, got ${value}`);
  }
  return n;
}

function parse(argv: string[]): Options {
  const options: Options = {
    files: ['yosemite', 'pedestrians_multivariate'],
    hidden: 32,
    steps: 3000,
    out: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) {
      throw new Error(`${argv[i]} needs a value`);
    }
    switch (argv[i]) {
      case '--files':
        options.files = value.split(',');
        break;
      case '--hidden':
        options.hidden = count(argv[i], value);
        break;
      case '--steps':
        options.steps = count(argv[i], value);
        break;
      case '--out':
        options.out = value;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return options;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[s.length >> 1];
}

/** The neural family's forecast of `targets` from a fit on the history up to `cutoff`. */
function neuralForecast(
  timestamps: Float64Array,
  values: Float64Array,
  targets: number[],
  options: Options
): { yhat: Float64Array; wallMs: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const params = { model: 'neural' as const, neural_hidden: options.hidden, neural_steps: options.steps };
  const fitted = fitModel(timestamps, values, params);
  const { yhat } = predictModel(fitted, targets);
  const used = process.cpuUsage(cpu);
  return { yhat, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function main(): void {
  const options = parse(process.argv.slice(2));
  const lines: string[] = [
    '# Neural forecaster on the sub-daily examples',
    '',
    `- date: ${new Date().toISOString()}`,
    `- command: \`npx tsx bench/neural/run.ts ${process.argv.slice(2).join(' ')}\``,
    `- machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    `- model: the neural family, {"neural_hidden": ${options.hidden}, "neural_steps": ${options.steps}} ` +
      `(13 inputs, softsign units and a linear path, Adam steps of 64 rows, a fixed seed)`,
    '',
    '| file | horizon | cutoffs | points | neural MAE | seasonal-naive MAE | neural / naive | ' +
      'fit + forecast ms per cutoff (median) | CPU ms (median) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const key of options.files) {
    const ds = DATASETS.find((d) => d.label.startsWith(key) && d.cadence === 'sub-daily');
    if (ds === undefined) {
      throw new Error(`no sub-daily example named ${key}`);
    }
    const series = readSeriesCsv(join(DATA, ds.file), ds.valueColumn);
    const seen = series.timestamps.filter((_, i) => !Number.isNaN(series.values[i]));
    const cutoffs = crossValidationCutoffs(seen, ds);
    const truth = new Map<number, number>();
    series.timestamps.forEach((t, i) => truth.set(t, series.values[i]));
    const times: number[] = [];
    const cpus: number[] = [];
    const forecasts: WindowForecast[] = cutoffs.map((cutoff) => {
      const targets = windowTimestamps(series, cutoff, ds.horizon);
      const train = history(series, cutoff);
      const net = neuralForecast(train.timestamps, train.values, targets, options);
      times.push(net.wallMs);
      cpus.push(net.cpuMs);
      return { cutoff, ds: targets, yhat: Array.from(net.yhat) };
    });
    // Scored as bench/accuracy scores every method: the same truth, points and horizon buckets.
    const neural = scoreForecasts(forecasts, truth);
    const naive = scoreForecasts(seasonalNaiveForecasts(series, cutoffs, ds.horizon, ds.season), truth);
    for (const b of ds.buckets) {
      const ours = bucketMetrics(neural, b.upTo);
      const peer = bucketMetrics(naive, b.upTo);
      if (ours === undefined || peer === undefined) {
        continue;
      }
      lines.push(
        `| ${ds.label} | ${b.label} | ${cutoffs.length} | ${ours.count} | ${ours.mae.toPrecision(4)} | ` +
          `${peer.mae.toPrecision(4)} | ${(ours.mae / peer.mae).toFixed(2)} | ${median(times).toFixed(0)} | ` +
          `${median(cpus).toFixed(0)} |`
      );
    }
    console.error(`${ds.label}: ${cutoffs.length} cutoffs done`);
  }
  const text = lines.join('\n') + '\n';
  if (options.out !== null) {
    fs.writeFileSync(options.out, text);
  }
  process.stdout.write(text);
}

main();
