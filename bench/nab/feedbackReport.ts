/** The Markdown section comparing a plain NAB run with the same detector given simulated feedback. */
import type { NabSeries } from './corpus';
import { falseAlarmsBy, windowMask, type ReplaySettings } from './feedback';
import { classifyAtThreshold, totalOutcome, type FileOutcome } from './outcome';
import { PROFILE_NAMES, type ProfileName } from './profiles';
import type { DetectorReport } from './report';
import { prepareFile } from './rules';
import type { ProfileResult } from './scorer';

interface ScoredRun {
  report: DetectorReport;
  scored: ReadonlyArray<{ scores: Float64Array }>;
}

export interface FeedbackComparison {
  plain: DetectorReport;
  fed: DetectorReport;
  settings: ReplaySettings;
  /** Per file, both runs classified at the replay threshold (what the replayed user saw). */
  plainAtReplay: FileOutcome[];
  fedAtReplay: FileOutcome[];
  /** Per file: false alarms the replay marked (known by the file's last row). */
  falseAlarms: number[];
  incidents: number;
}

export function compareFeedback(
  corpus: readonly NabSeries[],
  plain: ScoredRun,
  fed: ScoredRun,
  settings: ReplaySettings
): FeedbackComparison {
  const atReplay = (run: ScoredRun) =>
    run.scored.map(({ scores }, k) => classifyAtThreshold(prepareFile(corpus[k].labelled, scores), settings.threshold));
  const falseAlarms = corpus.map((series, k) => {
    if (!settings.kinds.includes('false_alarm')) {
      return 0;
    }
    const ts = series.timestamps;
    const past = { timestamps: ts, score: fed.scored[k].scores };
    const last = ts[ts.length - 1];
    return falseAlarmsBy(last, past, windowMask(series.labelled), settings.threshold, settings.falseAlarmDelayMs)
      .length;
  });
  return {
    plain: plain.report,
    fed: fed.report,
    settings,
    plainAtReplay: atReplay(plain),
    fedAtReplay: atReplay(fed),
    falseAlarms,
    incidents: settings.kinds.includes('incident') ? corpus.reduce((n, s) => n + s.labelled.windows.length, 0) : 0,
  };
}

const SHORT: Record<ProfileName, string> = {
  standard: 'standard',
  reward_low_FP_rate: 'low FP',
  reward_low_FN_rate: 'low FN',
};

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function change(before: number, after: number): string {
  return before === 0 ? 'n/a' : `${after > before ? '+' : ''}${(((after - before) / before) * 100).toFixed(1)}%`;
}

function resultOf(report: DetectorReport, profile: ProfileName): ProfileResult {
  const result = report.results.find((r) => r.profile === profile);
  if (!result) {
    throw new Error(`${report.name}: no result for profile ${profile}`);
  }
  return result;
}

function outcomeCells(o: FileOutcome): string[] {
  return [`${o.detected}/${o.windows}`, String(o.fpEvents), String(o.fpRows)];
}

/** Files whose windows hit or FP events moved between the runs at the replay threshold, most windows lost first. */
function changedFilesTable(c: FeedbackComparison): string[] {
  const changed = c.plainAtReplay
    .map((before, k) => ({ before, after: c.fedAtReplay[k], falseAlarms: c.falseAlarms[k] }))
    .filter(({ before, after }) => before.detected !== after.detected || before.fpEvents !== after.fpEvents)
    .sort(
      (a, b) =>
        a.after.detected - a.before.detected - (b.after.detected - b.before.detected) ||
        a.after.fpEvents - a.before.fpEvents - (b.after.fpEvents - b.before.fpEvents)
    );
  return [
    '| file | windows hit | FP events | false alarms marked |',
    '|---|---|---|---|',
    ...changed.map(({ before, after, falseAlarms }) =>
      row([
        before.name,
        `${before.detected} → ${after.detected} of ${before.windows}`,
        `${before.fpEvents} → ${after.fpEvents}`,
        String(falseAlarms),
      ])
    ),
  ];
}

export function feedbackSection(c: FeedbackComparison): string {
  const threshold = c.settings.threshold.toPrecision(6);
  const falseAlarms = c.falseAlarms.reduce((a, b) => a + b, 0);
  const lines = [
    `## Simulated feedback: ${c.fed.name}`,
    '',
    `Labels replayed (${c.settings.kinds.join(', ')}): ${c.incidents} incidents (each window, known when it ends) and ` +
      `${falseAlarms} false alarms (each run of rows scoring >= ${threshold} outside the windows, known an hour of ` +
      "series time after its first row). The replay threshold is the plain run's standard-profile threshold; both " +
      'runs are scored the same way (one swept threshold per profile), and also both at the replay threshold.',
    '',
    '| run | profile | normalised | threshold | windows hit | FP events | FP rows |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const p of PROFILE_NAMES) {
    for (const [name, report] of [
      ['without feedback', c.plain],
      ['with feedback', c.fed],
    ] as const) {
      const result = resultOf(report, p);
      const n = result.normalised === null ? 'n/a' : result.normalised.toFixed(1);
      lines.push(
        row([name, SHORT[p], n, result.threshold.toPrecision(6), ...outcomeCells(totalOutcome(result.outcomes))])
      );
    }
  }
  const plainAt = totalOutcome(c.plainAtReplay);
  const fedAt = totalOutcome(c.fedAtReplay);
  const plainStd = totalOutcome(resultOf(c.plain, 'standard').outcomes);
  const fedStd = totalOutcome(resultOf(c.fed, 'standard').outcomes);
  lines.push(
    row(['without feedback, at the replay threshold', '', '', threshold, ...outcomeCells(plainAt)]),
    row(['with feedback, at the replay threshold', '', '', threshold, ...outcomeCells(fedAt)]),
    '',
    `Standard profile, each run at its own threshold: FP events ${plainStd.fpEvents} → ${fedStd.fpEvents} ` +
      `(${change(plainStd.fpEvents, fedStd.fpEvents)}), windows hit ${plainStd.detected} → ${fedStd.detected}. ` +
      `At the replay threshold: FP events ${plainAt.fpEvents} → ${fedAt.fpEvents} ` +
      `(${change(plainAt.fpEvents, fedAt.fpEvents)}), windows hit ${plainAt.detected} → ${fedAt.detected}.`,
    '',
    'Files that changed at the replay threshold (windows lost first):',
    '',
    ...changedFilesTable(c)
  );
  return lines.join('\n') + '\n';
}
