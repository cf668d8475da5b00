/** The Markdown section comparing a plain NAB run with the same detector given simulated feedback. */
import { totalOutcome, type FileOutcome } from './outcome';
import { PROFILE_NAMES, type ProfileName } from './profiles';
import type { DetectorReport } from './report';

export interface FeedbackComparison {
  plain: DetectorReport;
  fed: DetectorReport;
  /** Alarms of the replay: rows of the feedback run scoring at or above it. */
  replayThreshold: number;
  /** The feedback run classified at the replay threshold (what the replayed user saw). */
  atReplay: FileOutcome;
  kinds: readonly string[];
  incidents: number;
  falseAlarms: number;
}

const SHORT: Record<ProfileName, string> = {
  standard: 'standard',
  reward_low_FP_rate: 'low FP',
  reward_low_FN_rate: 'low FN',
};

function row(name: string, profile: string, normalised: string, threshold: number, o: FileOutcome): string {
  return `| ${name} | ${profile} | ${normalised} | ${threshold.toPrecision(6)} | ${o.detected}/${o.windows} | ${o.fpEvents} | ${o.fpRows} |`;
}

function change(before: number, after: number): string {
  return before === 0 ? 'n/a' : `${(((after - before) / before) * 100).toFixed(1)}%`;
}

export function feedbackSection(c: FeedbackComparison): string {
  const lines = [
    `## Simulated feedback: ${c.plain.name}`,
    '',
    `Labels replayed (${c.kinds.join(', ')}): ${c.incidents} incidents (each window, known when it ends) and ` +
      `${c.falseAlarms} false alarms (each run of rows scoring >= ${c.replayThreshold.toPrecision(6)} outside the ` +
      `windows, known an hour of series time after its first row). The replay threshold is the plain run's ` +
      'standard-profile threshold; both runs are then scored the same way (one swept threshold per profile).',
    '',
    '| run | profile | normalised | threshold | windows hit | FP events | FP rows |',
    '|---|---|---|---|---|---|---|',
  ];
  const standard = { plain: totalOutcome([]), fed: totalOutcome([]) };
  for (const p of PROFILE_NAMES) {
    for (const [name, report] of [
      ['without feedback', c.plain],
      ['with feedback', c.fed],
    ] as const) {
      const result = report.results.find((r) => r.profile === p);
      if (!result) {
        throw new Error(`${report.name}: no result for profile ${p}`);
      }
      const total = totalOutcome(result.outcomes);
      if (p === 'standard') {
        standard[name === 'with feedback' ? 'fed' : 'plain'] = total;
      }
      lines.push(
        row(name, SHORT[p], result.normalised === null ? 'n/a' : result.normalised.toFixed(1), result.threshold, total)
      );
    }
  }
  lines.push(
    row('with feedback, at the replay threshold', 'standard', '', c.replayThreshold, c.atReplay),
    '',
    `Standard profile: FP events ${standard.plain.fpEvents} → ${standard.fed.fpEvents} ` +
      `(${change(standard.plain.fpEvents, standard.fed.fpEvents)}), windows hit ${standard.plain.detected} → ` +
      `${standard.fed.detected}; at the replay threshold FP events ${c.atReplay.fpEvents} ` +
      `(${change(standard.plain.fpEvents, c.atReplay.fpEvents)}), windows hit ${c.atReplay.detected}.`
  );
  return lines.join('\n') + '\n';
}
