/**
 * Prices combinations of several detectors' dumped runs (run.ts --dump) before the model combines them:
 * each alone, then the smallest, median and mean deviation across them per row (a row is unusual for a
 * combination only as far as the detectors agree).
 *   npx tsx bench/nab/combine.ts --dumps bench/results/raw/a/foresight,bench/results/raw/b/foresight
 */
import { mean, median, min } from 'd3-array';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_NAB_DIR, listSeriesKeys, loadSeries, readWindowLabels } from './corpus';
import { PROFILE_NAMES } from './profiles';
import { deviationFromScore, scoreFromDeviation } from './rescore';
import { prepareFile } from './rules';
import { scoreCorpus } from './scorer';
import { thresholdGap } from './thresholdGap';

function readScores(file: string): Float64Array {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const at = lines[0].split(',').indexOf('anomaly_score');
  if (at < 0) {
    throw new Error(`${file}: no anomaly_score column`);
  }
  return Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[at]));
}

type Combine = (deviations: number[]) => number;

const COMBINATIONS: Record<string, Combine> = {
  min: (d) => min(d) ?? NaN,
  median: (d) => median(d) ?? NaN,
  mean: (d) => mean(d) ?? NaN,
};

function main(argv: readonly string[]): void {
  const at = argv.indexOf('--dumps');
  if (at < 0 || !argv[at + 1]) {
    throw new Error('usage: npx tsx bench/nab/combine.ts --dumps dirA,dirB[,...]');
  }
  const dirs = argv[at + 1].split(',');
  const labels = readWindowLabels(DEFAULT_NAB_DIR);
  const keys = listSeriesKeys(DEFAULT_NAB_DIR);
  const files = keys.map((key) => loadSeries(DEFAULT_NAB_DIR, key, labels).labelled);
  const runs = dirs.map((dir) => keys.map((key) => readScores(path.join(dir, key))));
  const variants: Array<[string, Float64Array[]]> = dirs.map((dir, i) => [dir, runs[i]]);
  const kth =
    (k: number): Combine =>
    (d) =>
      [...d].sort((a, b) => b - a)[k - 1];
  const votes: Record<string, Combine> = {};
  for (let k = 1; k <= dirs.length; k++) {
    votes[`${k}th largest of ${dirs.length}`] = kth(k);
  }
  for (const [name, combine] of Object.entries({ ...votes, ...COMBINATIONS })) {
    variants.push([
      name,
      keys.map((_, f) =>
        scoreFromDeviation(
          Float64Array.from(runs[0][f], (_s, row) => combine(runs.map((run) => deviationFromScore(run[f][row]))))
        )
      ),
    ]);
  }
  console.log(`| scores | ${PROFILE_NAMES.join(' | ')} | F1 global | F1 per file (oracle) | gap |`);
  console.log(`|---|${PROFILE_NAMES.map(() => '---').join('|')}|---|---|---|`);
  for (const [name, scores] of variants) {
    const results = scoreCorpus(files.map((file, f) => ({ file, scores: scores[f] })));
    const gap = thresholdGap(files.map((file, f) => prepareFile(file, scores[f])));
    console.log(
      `| ${name} | ${results.map((r) => (r.normalised ?? NaN).toFixed(1)).join(' | ')} | ` +
        `${gap.globalF1.toFixed(3)} | ${gap.perFileF1.toFixed(3)} | ${(gap.perFileF1 - gap.globalF1).toFixed(3)} |`
    );
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
