/**
 * Re-scores a dumped detector run (from run.ts --dump) in several causal ways and prints the NAB
 * scores of each, to measure a proposed change to the model's score without rerunning the model:
 *   npx tsx bench/nab/explore.ts --dump bench/results/raw/foresight [--files glob] [--detail 'variant name']
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_NAB_DIR, listSeriesKeys, loadSeries, readWindowLabels, selectKeys } from './corpus';
import { PROFILE_NAMES } from './profiles';
import { categoryTable, DetectorReport, worstFilesTable } from './report';
import {
  capByTrailingTail,
  dampRepeats,
  deviationFromScore,
  kthOfLast,
  ewmaDeviation,
  scoreFromDeviation,
  trailingTailScore,
} from './rescore';
import { prepareFile } from './rules';
import { thresholdGap } from './thresholdGap';
import { scoreCorpus } from './scorer';

interface DumpedRun {
  score: Float64Array;
  residual: Float64Array;
}

function readDump(file: string): DumpedRun {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const column = (name: string) => header.indexOf(name);
  const [scoreAt, valueAt, yhatAt] = [column('anomaly_score'), column('value'), column('yhat')];
  if (scoreAt < 0 || yhatAt < 0) {
    throw new Error(`${file}: needs anomaly_score and yhat columns (dump a detector that has a band)`);
  }
  const rows = lines.slice(1).map((line) => line.split(','));
  return {
    score: Float64Array.from(rows, (r) => Number(r[scoreAt])),
    residual: Float64Array.from(rows, (r) => Number(r[valueAt]) - Number(r[yhatAt])),
  };
}

type Variant = (run: DumpedRun) => Float64Array;

const deviations = (run: DumpedRun) => Array.from(run.score, (s) => deviationFromScore(s));

function tailCap(window: number, quantile: number): (run: DumpedRun) => Float64Array {
  const normalQuantile = quantile === 0.99 ? 2.576 : quantile === 0.999 ? 3.291 : 1.96;
  return (run) => capByTrailingTail(deviations(run), run.residual, { window, quantile, normalQuantile });
}

const VARIANTS: Record<string, Variant> = {
  'model score': (run) => run.score,
  'damp repeats (288 rows, x0.5)': (run) => scoreFromDeviation(dampRepeats(deviations(run), 288, 0.5)),
};
for (const [window, label] of [
  [288, '1 day'],
  [2016, '1 week'],
  [8064, '4 weeks'],
] as const) {
  for (const quantile of [0.95, 0.99, 0.999]) {
    const cap = tailCap(window, quantile);
    VARIANTS[`tail cap (${label}, q${quantile})`] = (run) => scoreFromDeviation(cap(run));
  }
}
for (const [lookback, factor] of [
  [50, 0.5],
  [288, 0.5],
  [288, 0],
  [576, 0.5],
  [576, 0.8],
] as const) {
  for (const quantile of [0.99, 0.999]) {
    const cap = tailCap(2016, quantile);
    VARIANTS[`tail cap (1 week, q${quantile}) + damp (${lookback} rows, x${factor})`] = (run) =>
      scoreFromDeviation(dampRepeats(cap(run), lookback, factor));
  }
}

for (const [window, label] of [
  [2016, '1 week'],
  [8064, '4 weeks'],
  [100000, 'all past'],
] as const) {
  VARIANTS[`trailing Pareto tails (${label}, refit daily)`] = (run) =>
    trailingTailScore(deviations(run), run.residual, window, 288);
}

const persistence = (run: DumpedRun, mix: (d: Float64Array) => Float64Array) =>
  scoreFromDeviation(mix(Float64Array.from(deviations(run))));
for (const [n, k] of [
  [3, 2],
  [6, 3],
  [12, 4],
  [12, 6],
] as const) {
  for (const weight of [1, 1.5, 2]) {
    VARIANTS[`max(d, ${weight} x ${k}th of last ${n})`] = (run) =>
      persistence(run, (d) => {
        const p = kthOfLast(d, n, k);
        return d.map((v, i) => Math.max(v, weight * p[i]));
      });
  }
}
for (const alpha of [0.1, 0.3]) {
  for (const weight of [1, 2, 3]) {
    VARIANTS[`max(d, ${weight} x ewma ${alpha})`] = (run) =>
      persistence(run, (d) => {
        const p = ewmaDeviation(d, alpha);
        return d.map((v, i) => Math.max(v, weight * p[i]));
      });
  }
}

function main(argv: readonly string[]): void {
  const dumpIndex = argv.indexOf('--dump');
  const filesIndex = argv.indexOf('--files');
  if (dumpIndex < 0 || !argv[dumpIndex + 1]) {
    throw new Error('usage: npx tsx bench/nab/explore.ts --dump <dir of one detector> [--files glob]');
  }
  const dumpDir = argv[dumpIndex + 1];
  const labels = readWindowLabels(DEFAULT_NAB_DIR);
  const keys = selectKeys(listSeriesKeys(DEFAULT_NAB_DIR), filesIndex >= 0 ? argv[filesIndex + 1] : undefined);
  const corpus = keys.map((key) => ({
    labelled: loadSeries(DEFAULT_NAB_DIR, key, labels).labelled,
    run: readDump(path.join(dumpDir, key)),
  }));
  const detail = argv.indexOf('--detail') >= 0 ? argv[argv.indexOf('--detail') + 1] : undefined;
  if (detail !== undefined && !VARIANTS[detail]) {
    throw new Error(`no variant named "${detail}"; choose from: ${Object.keys(VARIANTS).join('; ')}`);
  }
  console.log(`| variant | ${PROFILE_NAMES.join(' | ')} | F1 global | F1 per file (oracle) | gap |`);
  console.log(`|---|${PROFILE_NAMES.map(() => '---').join('|')}|---|---|---|`);
  let detailed: DetectorReport | undefined;
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const results = scoreCorpus(corpus.map(({ labelled, run }) => ({ file: labelled, scores: variant(run) })));
    const gap = thresholdGap(corpus.map(({ labelled, run }) => prepareFile(labelled, variant(run))));
    console.log(
      `| ${name} | ${results.map((r) => (r.normalised ?? NaN).toFixed(1)).join(' | ')} | ` +
        `${gap.globalF1.toFixed(3)} | ${gap.perFileF1.toFixed(3)} | ${(gap.perFileF1 - gap.globalF1).toFixed(3)} |`
    );
    if (name === detail) {
      detailed = { name, description: name, detectMs: 0, detectCpuMs: 0, results };
    }
  }
  if (detailed) {
    console.log(`\n### ${detailed.name}: per category\n\n${categoryTable(detailed, 'standard')}`);
    console.log(`\n### ${detailed.name}: files that lose most\n\n${worstFilesTable(detailed, 'standard', 15)}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
