/**
 * How many repeat alarms a false-alarm label removes: a small deterministic experiment on the demo metric and
 * the NAB corpus (read in place from ../shared/data/nab).
 *
 * Per series: the first half is the past a user has seen and labelled, the second half the future. The past's
 * incidents (the demo's injected incidents, NAB's labelled windows) are labelled incidents, left out of
 * training; the model fitted on the past flags its own past, and every alarm (run of outlier points) outside an
 * incident is labelled a false alarm. Two models are fitted on the past, with the incident labels only and with
 * the false-alarm labels too, and both judge the future with its values. Counted per model: alarms outside
 * incidents (false positives), incidents with a flagged point (found), and, in the past itself, the labelled
 * false alarms the labelled model still flags (those beyond the 2× cap).
 *
 *   npx tsx bench/labels/repeatAlarms.ts [--data DIR] [--files PATTERN] [--model NAME] [--out FILE.md]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoSeries } from '../../src/demo/messagingMetric';
import { fitModel, predictModel, type ModelParams, type TimeRange } from '../../src/model';
import { DEFAULT_NAB_DIR, listSeriesKeys, loadSeries, readWindowLabels, selectKeys } from '../nab/corpus';

interface Case {
  name: string;
  timestamps: Float64Array;
  values: Float64Array;
  incidents: TimeRange[];
  params: Partial<ModelParams>;
}

interface Counts {
  falseAlarms: number;
  found: number;
}

interface Outcome {
  name: string;
  labelled: number;
  stillFlagged: number;
  incidentsInFuture: number;
  plain: Counts;
  withLabels: Counts;
}

/** Runs of consecutive outlier points as [first ms, last ms]. */
function alarmRuns(timestamps: Float64Array, outlier: Int8Array): TimeRange[] {
  const runs: TimeRange[] = [];
  let start = -1;
  for (let i = 0; i <= outlier.length; i++) {
    const flagged = i < outlier.length && outlier[i] !== 0;
    if (flagged && start < 0) {
      start = i;
    } else if (!flagged && start >= 0) {
      runs.push([timestamps[start], timestamps[i - 1]]);
      start = -1;
    }
  }
  return runs;
}

const overlaps = (a: TimeRange, b: TimeRange) => a[0] <= b[1] && b[0] <= a[1];

function count(runs: TimeRange[], incidents: TimeRange[], future: TimeRange): Counts {
  return {
    falseAlarms: runs.filter((r) => !incidents.some((w) => overlaps(r, w))).length,
    found: incidents.filter((w) => overlaps(w, future) && runs.some((r) => overlaps(r, w))).length,
  };
}

function runCase(c: Case): Outcome {
  const n = c.timestamps.length;
  const half = Math.floor(n / 2);
  const past = { timestamps: c.timestamps.subarray(0, half), values: c.values.subarray(0, half) };
  const future = { timestamps: c.timestamps.subarray(half), values: c.values.subarray(half) };
  const futureSpan: TimeRange = [future.timestamps[0], future.timestamps[future.timestamps.length - 1]];
  const pastIncidents = c.incidents.filter((w) => w[0] <= past.timestamps[half - 1]);
  const base = { ...c.params, exclude: pastIncidents };
  const plain = fitModel(past.timestamps, past.values, base);
  const pastJudged = predictModel(plain, past.timestamps, past.values);
  const falseAlarms = alarmRuns(past.timestamps, pastJudged.outlier).filter(
    (r) => !c.incidents.some((w) => overlaps(r, w))
  );
  const labelled = fitModel(past.timestamps, past.values, { ...base, false_alarms: falseAlarms });
  const stillFlagged = alarmRuns(past.timestamps, predictModel(labelled, past.timestamps, past.values).outlier).filter(
    (r) => falseAlarms.some((f) => overlaps(r, f))
  ).length;
  const judge = (fitted: typeof plain) =>
    count(
      alarmRuns(future.timestamps, predictModel(fitted, future.timestamps, future.values).outlier),
      c.incidents,
      futureSpan
    );
  return {
    name: c.name,
    labelled: falseAlarms.length,
    stillFlagged,
    incidentsInFuture: c.incidents.filter((w) => overlaps(w, futureSpan)).length,
    plain: judge(plain),
    withLabels: judge(labelled),
  };
}

function demoCase(): Case {
  const demo = generateDemoSeries();
  return {
    name: 'demo (messaging, 8 weeks)',
    timestamps: demo.timestamps,
    values: demo.values,
    incidents: demo.incidents.map((i): TimeRange => [i.start, i.end]),
    params: demo.modelHints,
  };
}

function nabCases(dir: string, pattern: string | undefined): Case[] {
  const labels = readWindowLabels(dir);
  return selectKeys(listSeriesKeys(dir), pattern).map((key) => {
    const s = loadSeries(dir, key, labels);
    return {
      name: key,
      timestamps: s.timestamps,
      values: s.values,
      incidents: s.labelled.windows.map(([a, b]): TimeRange => [s.timestamps[a], s.timestamps[b]]),
      params: {},
    };
  });
}

/** The command's options; a misspelt one is an error rather than a silent default (`--file` for `--files`). */
function options(): Partial<Record<'model' | 'data' | 'files' | 'out', string>> {
  const text = { type: 'string' } as const;
  return parseArgs({ options: { model: text, data: text, files: text, out: text } }).values;
}

function main(): void {
  const opts = options();
  const option = (name: keyof typeof opts) => opts[name];
  const model = option('model');
  const extra: Partial<ModelParams> = model === undefined ? {} : { model: model as ModelParams['model'] };
  const cases = [demoCase(), ...nabCases(option('data') ?? DEFAULT_NAB_DIR, option('files'))];
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    try {
      outcomes.push(runCase({ ...c, params: { ...c.params, ...extra } }));
    } catch (error) {
      console.error(`${c.name}: skipped: ${(error as Error).message}`);
    }
  }
  const rows = outcomes.map(
    (o) =>
      `| ${o.name} | ${o.labelled} | ${o.stillFlagged} | ${o.plain.falseAlarms} | ${o.withLabels.falseAlarms} | ` +
      `${o.plain.found} / ${o.incidentsInFuture} | ${o.withLabels.found} / ${o.incidentsInFuture} |`
  );
  const nab = outcomes.filter((o) => !o.name.startsWith('demo'));
  const sum = (f: (o: Outcome) => number) => nab.reduce((s, o) => s + f(o), 0);
  const total =
    `| NAB total (${nab.length} files) | ${sum((o) => o.labelled)} | ${sum((o) => o.stillFlagged)} | ` +
    `${sum((o) => o.plain.falseAlarms)} | ${sum((o) => o.withLabels.falseAlarms)} | ` +
    `${sum((o) => o.plain.found)} / ${sum((o) => o.incidentsInFuture)} | ` +
    `${sum((o) => o.withLabels.found)} / ${sum((o) => o.incidentsInFuture)} |`;
  const report = [
    `# Repeat alarms a false-alarm label removes (${model ?? 'the default model'})`,
    '',
    'Generated by `npx tsx bench/labels/repeatAlarms.ts`; method in the script header. Past = first half,',
    'future = second half of each series; false alarms = alarm runs outside incidents.',
    '',
    '| series | past false alarms labelled | still flagged in the past | future false alarms, no labels | with labels | incidents found, no labels | with labels |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    total,
    '',
  ].join('\n');
  const out = option('out');
  if (out !== undefined) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, report);
  }
  process.stdout.write(report);
}

main();
