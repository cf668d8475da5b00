import type { NabSeries } from './corpus';
import type { ReplaySettings } from './feedback';
import { compareFeedback, feedbackSection } from './feedbackReport';
import type { LabelledFile } from './rules';
import { parseArgs } from './run';
import { scoreCorpus } from './scorer';

const MIN = 60_000;
const file: LabelledFile = { name: 'catA/one.csv', rows: 40, windows: [[30, 33]] };
const timestamps = Float64Array.from({ length: file.rows }, (_, i) => i * 15 * MIN);
const corpus: NabSeries[] = [
  { key: file.name, category: 'catA', timestamps, values: new Float64Array(40), repairedRows: 0, labelled: file },
];

/** A run that flags the window's first row and the given rows outside it. */
function run(name: string, falseRows: number[]) {
  const scores = new Float64Array(file.rows);
  scores[30] = 0.9;
  falseRows.forEach((i) => (scores[i] = 0.8));
  const results = scoreCorpus([{ file, scores }]);
  return { report: { name, description: name, detectMs: 0, detectCpuMs: 0, results }, scored: [{ scores }] };
}

describe('feedbackSection(compareFeedback(...))', () => {
  it('counts the false alarms marked and shows the change at the replay threshold', () => {
    const settings: ReplaySettings = {
      threshold: 0.7,
      kinds: ['incident', 'false_alarm'],
      falseAlarmDelayMs: 3_600_000,
    };
    const c = compareFeedback(corpus, run('plain', [8, 9, 15, 20]), run('fed', [8, 9]), settings);
    expect(c.falseAlarms).toEqual([1]);
    const markdown = feedbackSection(c);
    expect(markdown).not.toMatch(/NaN/);
    expect(markdown).toContain('1 incidents');
    expect(markdown).toContain('At the replay threshold: FP events 3 → 1 (-66.7%), windows hit 1 → 1.');
    expect(markdown).toContain('| catA/one.csv | 1 → 1 of 1 | 3 → 1 | 1 |');
  });
});

describe('parseArgs --feedback', () => {
  it("reads ';'-separated sets of label kinds and rejects unknown kinds", () => {
    expect(parseArgs(['--feedback', 'incident,false_alarm;false_alarm']).feedback).toEqual([
      ['incident', 'false_alarm'],
      ['false_alarm'],
    ]);
    expect(() => parseArgs(['--feedback', 'incident,praise'])).toThrow(/unknown feedback kind praise/);
  });
});
