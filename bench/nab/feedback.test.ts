import { falseAlarmsBy, incidentLabels, replayFeed, windowMask } from './feedback';
import type { LabelledFile } from './rules';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Rows every 15 minutes from 0; a window over rows 10-13. */
const rows = 24;
const timestamps = Float64Array.from({ length: rows }, (_, i) => i * 15 * MIN);
const file: LabelledFile = { name: 'f.csv', rows, windows: [[10, 13]] };

function scoresFlagging(flagged: number[]): Float64Array {
  const score = new Float64Array(rows).fill(0.1);
  for (const i of flagged) {
    score[i] = 0.9;
  }
  return score;
}

describe('incidentLabels', () => {
  it('turns each window into an incident known when it ends', () => {
    expect(incidentLabels(file, timestamps)).toEqual([
      { from: 150 * MIN, to: 195 * MIN, kind: 'incident', knownAt: 195 * MIN },
    ]);
  });
});

describe('falseAlarmsBy', () => {
  const inWindow = windowMask(file);

  it('marks each alarm outside the windows an hour after it was raised, covering what was seen by then', () => {
    // Rows 2-7 are one alarm of 6 rows (raised at 30 min); rows 11 and 12 are inside the window.
    const past = { timestamps, score: scoresFlagging([2, 3, 4, 5, 6, 7, 11, 12]) };
    expect(falseAlarmsBy(90 * MIN - 1, past, inWindow, 0.5, HOUR)).toEqual([]);
    expect(falseAlarmsBy(90 * MIN, past, inWindow, 0.5, HOUR)).toEqual([
      { from: 30 * MIN, to: 75 * MIN, knownAt: 90 * MIN },
    ]);
  });

  it('splits a run that a window interrupts, and counts only the part outside', () => {
    const past = { timestamps, score: scoresFlagging([8, 9, 10, 11, 12, 13, 14, 15]) };
    expect(falseAlarmsBy(10 * HOUR, past, inWindow, 0.5, HOUR)).toEqual([
      { from: 120 * MIN, to: 135 * MIN, knownAt: 180 * MIN },
      { from: 210 * MIN, to: 225 * MIN, knownAt: 270 * MIN },
    ]);
  });

  it('gives the same labels whenever it is asked once they are known', () => {
    const score = scoresFlagging([16, 17, 18, 19, 20, 21, 22]);
    const knownAt = 16 * 15 * MIN + HOUR;
    const early = falseAlarmsBy(knownAt, { timestamps: timestamps.subarray(0, 20), score }, inWindow, 0.5, HOUR);
    const late = falseAlarmsBy(knownAt + 2 * HOUR, { timestamps, score }, inWindow, 0.5, HOUR);
    expect(early).toEqual(late);
    expect(late).toEqual([{ from: 16 * 15 * MIN, to: 19 * 15 * MIN, knownAt }]);
  });
});

describe('replayFeed', () => {
  const past = { timestamps, score: scoresFlagging([2, 3]), outlier: new Int8Array(rows) };
  const settings = { threshold: 0.5, falseAlarmDelayMs: HOUR };

  it('answers only the kinds it was asked to replay', () => {
    const t = 10 * HOUR;
    expect(replayFeed(file, timestamps, { ...settings, kinds: ['incident'] })(t, past).map((l) => l.kind)).toEqual([
      'incident',
    ]);
    expect(replayFeed(file, timestamps, { ...settings, kinds: ['false_alarm'] })(t, past)).toEqual([
      { from: 30 * MIN, to: 45 * MIN, kind: 'false_alarm', knownAt: 90 * MIN },
    ]);
    expect(replayFeed(file, timestamps, { ...settings, kinds: [] })(t, past)).toEqual([]);
  });
});
