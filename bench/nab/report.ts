/** Renders NAB benchmark results as Markdown. */
import type { ThresholdGap } from './thresholdGap';
import { ProfileName, PROFILE_NAMES, PROFILES } from './profiles';
import { ProfileResult } from './scorer';
import { categoryScores, corpusScore, filesByLoss } from './summary';

/** NAB v1.1 scoreboard as published (standard / low FP / low FN), from shared/data/README.md. */
export const PUBLISHED_SCOREBOARD: ReadonlyArray<{ detector: string; scores: [number, number, number] }> = [
  { detector: 'ARTime', scores: [74.9, 65.1, 80.4] },
  { detector: 'Numenta HTM', scores: [70.5, 62.6, 75.2] },
  { detector: 'CAD OSE', scores: [69.9, 67.0, 73.2] },
  { detector: 'earthgecko Skyline', scores: [58.2, 46.2, 63.9] },
  { detector: 'KNN CAD', scores: [58.0, 43.4, 64.8] },
  { detector: 'Relative Entropy', scores: [54.6, 47.6, 58.8] },
  { detector: 'Random Cut Forest', scores: [51.7, 38.4, 59.7] },
  { detector: 'Twitter ADVec (seasonal ESD)', scores: [47.1, 33.6, 53.5] },
  { detector: 'Windowed Gaussian', scores: [39.6, 20.9, 47.4] },
  { detector: 'Etsy Skyline', scores: [35.7, 27.1, 44.5] },
  { detector: 'Random', scores: [11.0, 1.2, 19.5] },
  { detector: 'Null', scores: [0, 0, 0] },
];

export interface DetectorReport {
  name: string;
  description: string;
  /** Wall time of detection over the corpus, scoring excluded. */
  detectMs: number;
  /** CPU time (user + system) of the same; below the wall time when other work shares the machine. */
  detectCpuMs: number;
  results: ProfileResult[];
  /** Event F1 at one global threshold against each file's best (see thresholdGap.ts). */
  gap?: ThresholdGap;
}

export interface RunContext {
  date: string;
  command: string;
  machine: string;
  files: number;
  rows: number;
  windows: number;
  /** Rows whose repeated or backward timestamp was nudged forward before detection. */
  repairedRows: number;
  /** Profile used for the per-category and per-file tables. */
  detailProfile: ProfileName;
  scoringMs: number;
}

const SHORT: Record<ProfileName, string> = {
  standard: 'standard',
  reward_low_FP_rate: 'low FP',
  reward_low_FN_rate: 'low FN',
};

function fixed(value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(100 * value).toFixed(1)}%`;
}

/** Small shares of rows: two decimals of a percent. */
function share(value: number): string {
  return `${(100 * value).toFixed(2)}%`;
}

function threshold(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(6) : 'none (flag nothing)';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}

function resultFor(report: DetectorReport, profile: ProfileName): ProfileResult {
  const result = report.results.find((r) => r.profile === profile);
  if (!result) {
    throw new Error(`${report.name}: no result for profile ${profile}`);
  }
  return result;
}

export function scoreboardTable(reports: readonly DetectorReport[]): string {
  const rows = [
    ...PUBLISHED_SCOREBOARD.map(({ detector, scores }) => ({
      standard: scores[0],
      cells: [detector, ...scores.map((s) => s.toFixed(1)), 'published'],
    })),
    ...reports.map((report) => {
      const scores = PROFILE_NAMES.map((p) => resultFor(report, p).normalised);
      return {
        standard: scores[0] ?? -Infinity,
        cells: [`**${report.name}** (ours)`, ...scores.map((s) => `**${fixed(s)}**`), 'this run'],
      };
    }),
  ].sort((a, b) => b.standard - a.standard);
  return table(
    ['detector', 'standard', 'low FP', 'low FN', 'source'],
    rows.map((r) => r.cells)
  );
}

function profileTable(report: DetectorReport): string {
  return table(
    [
      'profile',
      'normalised',
      'raw',
      'null',
      'perfect',
      'threshold',
      'windows hit',
      'FP rows',
      'FP events',
      'precision',
      'recall',
      'F1',
      'mean delay',
    ],
    PROFILE_NAMES.map((p) => {
      const r = resultFor(report, p);
      const corpus = corpusScore(r);
      const o = corpus.outcome;
      return [
        SHORT[p],
        fixed(r.normalised),
        fixed(r.score, 2),
        fixed(r.nullScore, 1),
        fixed(r.perfectScore, 1),
        threshold(r.threshold),
        `${o.detected}/${o.windows}`,
        String(o.fpRows),
        String(o.fpEvents),
        percent(corpus.events.precision),
        percent(corpus.events.recall),
        percent(corpus.events.f1),
        percent(corpus.events.meanDelay),
      ];
    })
  );
}

export function categoryTable(report: DetectorReport, detail: ProfileName): string {
  const byProfile = PROFILE_NAMES.map((p) => categoryScores(resultFor(report, p)));
  const detailGroups = byProfile[PROFILE_NAMES.indexOf(detail)];
  return table(
    [
      'category',
      'files',
      ...PROFILE_NAMES.map((p) => SHORT[p]),
      'windows hit',
      'FP rows',
      'FP events',
      'precision',
      'recall',
    ],
    detailGroups.map((group, k) => [
      group.name,
      String(group.files),
      ...byProfile.map((groups) => fixed(groups[k].normalised)),
      `${group.outcome.detected}/${group.outcome.windows}`,
      String(group.outcome.fpRows),
      String(group.outcome.fpEvents),
      percent(group.events.precision),
      percent(group.events.recall),
    ])
  );
}

export function worstFilesTable(report: DetectorReport, detail: ProfileName, count: number): string {
  return table(
    ['file', 'loss', 'missed', 'late', 'FP', 'windows hit', 'FP rows', 'FP events'],
    filesByLoss(resultFor(report, detail))
      .slice(0, count)
      .map((f) => [
        f.outcome.name,
        fixed(f.loss, 2),
        fixed(f.missedCost, 2),
        fixed(f.lateCost, 2),
        fixed(f.fpCost, 2),
        `${f.outcome.detected}/${f.outcome.windows}`,
        String(f.outcome.fpRows),
        String(f.outcome.fpEvents),
      ])
  );
}

/** One line: how far one global threshold is from each file's best, in mean per-file event F1. */
export function gapSentence(gap: ThresholdGap): string {
  return (
    `One threshold for every file against the best threshold per file (event F1, mean over the ${gap.files} ` +
    `files with windows; the per-file optimum is an oracle, for diagnosis only): ${fixed(gap.globalF1, 3)} at ` +
    `${fixed(gap.globalThreshold, 6)} against ${fixed(gap.perFileF1, 3)}, a gap of ` +
    `${fixed(gap.perFileF1 - gap.globalF1, 3)}; pooled event F1 at that threshold ${fixed(gap.pooledF1, 3)}. ` +
    `What a score means, the share of rows outside windows scoring ≥ 0.5 per file: median ${share(gap.quietAtHalf.median)}, ` +
    `90th percentile ${share(gap.quietAtHalf.p90)}, max ${share(gap.quietAtHalf.max)}; at the global threshold: ` +
    `${share(gap.quietAtGlobal.median)}, ${share(gap.quietAtGlobal.p90)}, ${share(gap.quietAtGlobal.max)}.`
  );
}

export function renderReport(reports: readonly DetectorReport[], context: RunContext): string {
  const parts = [
    '# NAB detection benchmark',
    '',
    `- date: ${context.date}`,
    `- command: \`${context.command}\``,
    `- machine: ${context.machine}`,
    `- corpus: ${context.files} files, ${context.rows} rows, ${context.windows} windows; ${context.repairedRows} rows with a repeated or backward timestamp were given the previous time + 1 ms`,
    `- profiles (tp / fp / fn): ${PROFILE_NAMES.map((p) => `${SHORT[p]} ${PROFILES[p].tp} / ${PROFILES[p].fp} / ${PROFILES[p].fn}`).join('; ')}`,
    `- scoring time (all detectors, all profiles): ${seconds(context.scoringMs)}`,
    '',
    '## Normalised scores beside the published scoreboard',
    '',
    scoreboardTable(reports),
    '',
    'Scores are normalised so that the null detector (flags nothing) scores 0 and the perfect one (each',
    "window's first row) 100; one threshold per profile for the whole corpus, chosen to maximise the",
    'total. Event metrics: a window is hit if any row of it is flagged; a false-positive event is a run',
    'of consecutive flagged rows outside every window. Mean delay is where in the window the first',
    'detection fell (0% = first row). Rows in the probationary period are ignored throughout.',
  ];
  for (const report of reports) {
    parts.push(
      '',
      `## ${report.name}`,
      '',
      `${report.description}. Detection time: ${seconds(report.detectMs)} wall, ${seconds(report.detectCpuMs)} CPU.`,
      '',
      profileTable(report),
      '',
      ...(report.gap === undefined ? [] : [gapSentence(report.gap), '']),
      `### Per category (${SHORT[context.detailProfile]} threshold for the counts)`,
      '',
      categoryTable(report, context.detailProfile),
      '',
      `### Files that lose most (${SHORT[context.detailProfile]}): perfect − score, split into its causes`,
      '',
      worstFilesTable(report, context.detailProfile, 12)
    );
  }
  return parts.join('\n') + '\n';
}
