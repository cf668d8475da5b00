/**
 * NAB benchmark runner:
 *   npx tsx bench/nab/run.ts [--detector foresight,foresight-batch,gaussian,random,null] [--profile standard]
 *     [--files 'realKnownCause/*'] [--out bench/results/nab.md] [--dump bench/results/raw/]
 *     [--params '{"changepoint_prior_scale":0.05}'] [--options '{...}'] [--data <nab dir>]
 *     [--gaussian-window 1000] [--seed 42] [--feedback 'incident,false_alarm;false_alarm'] [--resample 0,3600]
 * Runs each detector over every selected file, scores the three profiles, prints the Markdown
 * report and writes it to --out when given. With --feedback, each detector runs plain, then once per
 * ';'-separated set of label kinds replayed at the plain run's standard threshold (see feedback.ts). With
 * --resample, the corpus is each file averaged into buckets of each listed number of seconds (0: as recorded),
 * all scored together (resample.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DEFAULT_NAB_DIR, listSeriesKeys, loadSeries, NabSeries, readWindowLabels, selectKeys } from './corpus';
import {
  DETECTOR_NAMES,
  DetectorConfig,
  DetectorOutput,
  isDetectorName,
  makeDetector,
  NamedDetector,
} from './detectors';
import { FALSE_ALARM_DELAY_MS, FeedbackKind, FEEDBACK_KINDS, isFeedbackKind, replayFeed } from './feedback';
import { compareFeedback, FeedbackComparison, feedbackSection } from './feedbackReport';
import type { LabelFeed } from '../../src/model';
import { isProfileName, ProfileName, PROFILE_NAMES } from './profiles';
import { DetectorReport, renderReport } from './report';
import { resampleSeries } from './resample';
import { prepareFile } from './rules';
import { scoreCorpus } from './scorer';
import { thresholdGap } from './thresholdGap';

interface Options {
  detectors: string[];
  profile: ProfileName;
  files?: string;
  out?: string;
  dump?: string;
  data: string;
  config: DetectorConfig;
  /** Sets of label kinds, each replayed in one more run of each detector. */
  feedback?: FeedbackKind[][];
  /** Buckets (ms) the corpus is averaged into, each a copy of it; 0 keeps it as recorded. */
  resampleMs?: number[];
}

const USAGE =
  'usage: npx tsx bench/nab/run.ts [--detector foresight,foresight-batch,gaussian,random,null] [--profile standard|reward_low_FP_rate|reward_low_FN_rate] ' +
  '[--files glob[,glob]] [--out file.md] [--dump dir] [--params json] [--options json] [--data dir] [--gaussian-window n] [--seed n] ' +
  `[--feedback ${FEEDBACK_KINDS.join(',')}[;kinds...]] [--resample seconds[,seconds...]]`;

function parseJsonObject(text: string, flag: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${flag} must be a JSON object, got ${text}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${flag} must be a JSON object, got ${text}`);
  }
  return parsed as Record<string, unknown>;
}

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${flag} must be a positive integer, got ${text}`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    detectors: ['foresight'],
    profile: 'standard',
    data: DEFAULT_NAB_DIR,
    config: { params: {}, options: {}, gaussianWindow: 1000, seed: 42 },
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') {
      throw new Error(USAGE);
    }
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`${flag} needs a value\n${USAGE}`);
    }
    i++;
    switch (flag) {
      case '--detector':
        options.detectors = value.split(',').map((d) => d.trim());
        for (const d of options.detectors) {
          if (!isDetectorName(d)) {
            throw new Error(`unknown detector ${d}; choose from ${DETECTOR_NAMES.join(', ')}`);
          }
        }
        break;
      case '--profile':
        if (!isProfileName(value)) {
          throw new Error(`unknown profile ${value}; choose from ${PROFILE_NAMES.join(', ')}`);
        }
        options.profile = value;
        break;
      case '--files':
        options.files = value;
        break;
      case '--out':
        options.out = value;
        break;
      case '--dump':
        options.dump = value;
        break;
      case '--data':
        options.data = path.resolve(value);
        break;
      case '--params':
        options.config.params = parseJsonObject(value, flag);
        break;
      case '--options':
        options.config.options = parseJsonObject(value, flag);
        break;
      case '--gaussian-window':
        options.config.gaussianWindow = positiveInteger(value, flag);
        break;
      case '--seed':
        options.config.seed = positiveInteger(value, flag);
        break;
      case '--resample':
        options.resampleMs = value.split(',').map((v) => {
          const seconds = Number(v.trim());
          if (!(Number.isInteger(seconds) && seconds >= 0)) {
            throw new Error(`--resample takes whole numbers of seconds ≥ 0 (0: as recorded), got ${v}`);
          }
          return seconds * 1000;
        });
        break;
      case '--feedback':
        options.feedback = value.split(';').map((set) =>
          set.split(',').map((k) => {
            if (!isFeedbackKind(k.trim())) {
              throw new Error(`unknown feedback kind ${k}; choose from ${FEEDBACK_KINDS.join(', ')}`);
            }
            return k.trim() as FeedbackKind;
          })
        );
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

function machineDescription(): string {
  let cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    cpu = match ? match[1].trim() : cpu;
  } catch {
    // not Linux: keep what os.cpus() says
  }
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

function dumpScores(dir: string, detector: string, series: NabSeries, output: DetectorOutput): void {
  const file = path.join(dir, detector, series.key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const inWindow = new Uint8Array(series.labelled.rows);
  for (const [first, last] of series.labelled.windows) {
    inWindow.fill(1, first, last + 1);
  }
  const { yhat, yhat_lower: lower, yhat_upper: upper } = output;
  const band = yhat && lower && upper ? { yhat, lower, upper } : null;
  const lines = [`timestamp,value,anomaly_score,label${band ? ',yhat,yhat_lower,yhat_upper' : ''}`];
  for (let i = 0; i < series.labelled.rows; i++) {
    const extra = band ? `,${band.yhat[i]},${band.lower[i]},${band.upper[i]}` : '';
    lines.push(
      `${new Date(series.timestamps[i]).toISOString()},${series.values[i]},${output.score[i]},${inWindow[i]}${extra}`
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

function runDetector(
  detector: NamedDetector,
  corpus: readonly NabSeries[],
  dump?: string,
  feedback?: { name: string; feedFor: (series: NabSeries) => LabelFeed }
) {
  const scored: Array<{ file: NabSeries['labelled']; scores: Float64Array }> = [];
  const name = feedback?.name ?? detector.name;
  const feedFor = feedback?.feedFor;
  let detectMs = 0;
  const cpuStart = process.cpuUsage();
  for (const series of corpus) {
    const start = performance.now();
    const output = detector.detect(series.timestamps, series.values, feedFor?.(series));
    const elapsed = performance.now() - start;
    detectMs += elapsed;
    process.stderr.write(`${name} ${series.key}: ${series.labelled.rows} rows, ${elapsed.toFixed(0)} ms\n`);
    if (dump) {
      dumpScores(dump, name, series, output);
    }
    scored.push({ file: series.labelled, scores: output.score });
  }
  const cpu = process.cpuUsage(cpuStart);
  return { scored, detectMs, detectCpuMs: (cpu.user + cpu.system) / 1000 };
}

export function main(argv: readonly string[]): void {
  const options = parseArgs(argv);
  const detectors = options.detectors.map((name) => makeDetector(name as never, options.config));
  const labels = readWindowLabels(options.data);
  const keys = selectKeys(listSeriesKeys(options.data), options.files);
  if (keys.length === 0) {
    throw new Error(`no NAB file matches --files ${options.files}`);
  }
  const read = keys.map((key) => loadSeries(options.data, key, labels));
  const corpus = (options.resampleMs ?? [0]).flatMap((bucketMs) =>
    read.map((s) => resampleSeries(s, labels, bucketMs))
  );
  const reports: DetectorReport[] = [];
  const comparisons: FeedbackComparison[] = [];
  let scoringMs = 0;
  const runAndScore = (detector: NamedDetector, feedback?: { name: string; feedFor: (s: NabSeries) => LabelFeed }) => {
    const { scored, detectMs, detectCpuMs } = runDetector(detector, corpus, options.dump, feedback);
    const start = performance.now();
    const results = scoreCorpus(scored);
    scoringMs += performance.now() - start;
    const gap = thresholdGap(scored.map(({ file, scores }) => prepareFile(file, scores)));
    const name = feedback?.name ?? detector.name;
    const description = feedback ? `${detector.description}, with simulated feedback` : detector.description;
    const report: DetectorReport = { name, description, detectMs, detectCpuMs, results, gap };
    reports.push(report);
    return { report, scored };
  };
  for (const detector of detectors) {
    const plain = runAndScore(detector);
    for (const kinds of options.feedback ?? []) {
      const replayThreshold = plain.report.results[PROFILE_NAMES.indexOf('standard')].threshold;
      const settings = { threshold: replayThreshold, kinds, falseAlarmDelayMs: FALSE_ALARM_DELAY_MS };
      const fed = runAndScore(detector, {
        name: [detector.name, ...kinds].join('+'),
        feedFor: (series) => replayFeed(series.labelled, series.timestamps, settings),
      });
      comparisons.push(compareFeedback(corpus, plain, fed, settings));
    }
  }
  const markdown = renderReport(reports, {
    date: new Date().toISOString(),
    command: ['npx tsx bench/nab/run.ts', ...argv].join(' '),
    machine: machineDescription(),
    files: corpus.length,
    rows: corpus.reduce((n, s) => n + s.labelled.rows, 0),
    windows: corpus.reduce((n, s) => n + s.labelled.windows.length, 0),
    repairedRows: corpus.reduce((n, s) => n + s.repairedRows, 0),
    detailProfile: options.profile,
    scoringMs,
  });
  const withFeedback = [markdown, ...comparisons.map(feedbackSection)].join('\n');
  process.stdout.write(withFeedback);
  if (options.out) {
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, withFeedback);
    process.stderr.write(`report written to ${options.out}\n`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
