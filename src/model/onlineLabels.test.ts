import { ModelInputError } from './errors';
import { detectOnline } from './online';
import { labelParamsAt, type PastVerdicts, type TimedLabel } from './onlineLabels';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);

/** Hourly daily cycle with a small deterministic wobble, and a +60 incident for six hours on day 3. */
function seriesWithIncident(): { ts: number[]; ys: number[]; incident: [number, number] } {
  const ts: number[] = [];
  const ys: number[] = [];
  const incident: [number, number] = [START + 3 * DAY + 6 * HOUR, START + 3 * DAY + 11 * HOUR];
  for (let t = START; t < START + 6 * DAY; t += HOUR) {
    ts.push(t);
    const inIncident = t >= incident[0] && t <= incident[1];
    ys.push(100 + 20 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + ((t / HOUR) % 3) + (inIncident ? 60 : 0));
  }
  return { ts, ys, incident };
}

describe('labelParamsAt', () => {
  const incident: TimedLabel = { from: 10, to: 20, kind: 'incident', knownAt: 30 };

  it('adds an incident to exclude only once it is known', () => {
    expect(labelParamsAt({}, [incident], 29, 0)).toEqual({});
    expect(labelParamsAt({ exclude: [[1, 2]] }, [incident], 30, 0)).toEqual({
      exclude: [
        [1, 2],
        [10, 20],
      ],
    });
  });

  it('adds a false alarm to false_alarms only once it is known, beside incidents', () => {
    const falseAlarm: TimedLabel = { from: 40, to: 45, kind: 'false_alarm', knownAt: 50 };
    expect(labelParamsAt({}, [incident, falseAlarm], 49, 0)).toEqual({ exclude: [[10, 20]] });
    expect(labelParamsAt({}, [incident, falseAlarm], 50, 0)).toEqual({ exclude: [[10, 20]], false_alarms: [[40, 45]] });
  });

  it('leaves out labels that do not touch the training window', () => {
    expect(labelParamsAt({}, [incident], 100, 21)).toEqual({});
  });

  it.each([
    [{ ...incident, to: 5 }, /label 0: range \[10, 5\] ends before it starts/],
    [{ ...incident, knownAt: NaN }, /label 0: from, to and knownAt must be finite/],
    [{ ...incident, kind: 'storm' }, /label 0: kind must be/],
  ])('rejects a bad label %#', (label, message) => {
    expect(() => labelParamsAt({}, [label as TimedLabel], 100, 0)).toThrow(ModelInputError);
    expect(() => labelParamsAt({}, [label as TimedLabel], 100, 0)).toThrow(message);
  });
});

describe('detectOnline with a label feed', () => {
  const { ts, ys, incident } = seriesWithIncident();
  const knownAt = incident[1] + 12 * HOUR;
  const options = { refit_every: 1 };

  it('uses an incident label only from its known-at time, and is given only earlier verdicts', () => {
    const asked: Array<{ t: number; past: PastVerdicts }> = [];
    const label: TimedLabel = { from: incident[0], to: incident[1], kind: 'incident', knownAt };
    const plain = detectOnline(ts, ys, {}, options);
    const fed = detectOnline(ts, ys, {}, options, undefined, (t, past) => {
      asked.push({ t, past: { ...past, timestamps: past.timestamps.slice() } });
      return [label];
    });
    expect(asked.length).toBe(fed.refits);
    for (const { t, past } of asked) {
      expect(past.timestamps.every((p) => p < t)).toBe(true);
    }
    const firstKnown = ts.findIndex((t) => t >= knownAt);
    // Before the label is known, every verdict is the one given without it ...
    expect(Array.from(fed.yhat.subarray(0, firstKnown))).toEqual(Array.from(plain.yhat.subarray(0, firstKnown)));
    expect(Array.from(fed.score.subarray(0, firstKnown))).toEqual(Array.from(plain.score.subarray(0, firstKnown)));
    // ... and from then on the model has not learned the incident: the next day's same hours are expected
    // lower than by the model that trained on it, and nearer the clean cycle.
    const nextDay = ts.flatMap((t, i) => (t >= incident[0] + DAY && t <= incident[1] + DAY ? [i] : []));
    const pull = (d: { yhat: Float64Array }) =>
      nextDay.reduce((sum, i) => sum + d.yhat[i] - (ys[i] - ((ts[i] / HOUR) % 3)), 0);
    expect(pull(fed)).toBeLessThan(pull(plain) - 5);
  });

  it('ignores a label whose known-at time never comes', () => {
    const never: TimedLabel = { from: incident[0], to: incident[1], kind: 'incident', knownAt: ts[ts.length - 1] + 1 };
    const plain = detectOnline(ts, ys, {}, options);
    const fed = detectOnline(ts, ys, {}, options, undefined, () => [never]);
    expect(Array.from(fed.yhat)).toEqual(Array.from(plain.yhat));
    expect(Array.from(fed.score)).toEqual(Array.from(plain.score));
  });
});

describe('detectOnline with false-alarm labels', () => {
  /** Hourly daily cycle with a +12 bump at 03:00 on days 3 and 4: a harmless wobble the model flags. */
  const ts: number[] = [];
  const ys: number[] = [];
  for (let t = START; t < START + 5 * DAY; t += HOUR) {
    ts.push(t);
    const bump = t === START + 3 * DAY + 3 * HOUR || t === START + 4 * DAY + 3 * HOUR ? 12 : 0;
    ys.push(100 + 20 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + ((t / HOUR) % 3) + bump);
  }
  const first = ts.indexOf(START + 3 * DAY + 3 * HOUR);
  const repeat = ts.indexOf(START + 4 * DAY + 3 * HOUR);
  const label: TimedLabel = { from: ts[first], to: ts[first], kind: 'false_alarm', knownAt: ts[first] + HOUR };

  it('lowers the score of the repeat of a labelled alarm, and changes nothing before the label is known', () => {
    const plain = detectOnline(ts, ys, {}, { refit_every: 1 });
    const fed = detectOnline(ts, ys, {}, { refit_every: 1 }, undefined, () => [label]);
    expect(plain.outlier[first]).toBe(1);
    expect(plain.score[repeat]).toBeGreaterThan(0.5);
    const firstKnown = ts.indexOf(label.knownAt);
    expect(Array.from(fed.score.subarray(0, firstKnown))).toEqual(Array.from(plain.score.subarray(0, firstKnown)));
    expect(fed.score[repeat]).toBeLessThan(plain.score[repeat] - 0.02);
  });

  it('refits where a label becomes known inside a block, not at the next scheduled refit', () => {
    // One block of 60 hours would judge both the alarm and its repeat with the model fitted before either.
    const options = { refit_every: 60 };
    const plainStarts: number[] = [];
    const fedStarts: number[] = [];
    const plain = detectOnline(ts, ys, {}, options, undefined, undefined, (_f, _ts, from) => plainStarts.push(from));
    const fed = detectOnline(
      ts,
      ys,
      {},
      options,
      undefined,
      () => [label],
      (_f, _ts, from) => fedStarts.push(from)
    );
    const firstKnown = ts.indexOf(label.knownAt);
    expect(plainStarts[0]).toBeLessThan(first);
    expect(plainStarts[1]).toBeGreaterThan(repeat);
    expect(fedStarts).toEqual([plainStarts[0], firstKnown]);
    expect(fed.judged).toBe(plain.judged);
    // The verdicts before the label is known are the first model's; the repeat is judged by a model that knows it.
    expect(Array.from(fed.score.subarray(0, firstKnown))).toEqual(Array.from(plain.score.subarray(0, firstKnown)));
    expect(plain.score[repeat]).toBeGreaterThan(0.5);
    expect(fed.score[repeat]).toBeLessThan(plain.score[repeat] - 0.02);
  });

  it('refits at the earliest of two labels known inside a block, then at the other', () => {
    const starts: number[] = [];
    const asked: Array<{ t: number; past: Float64Array }> = [];
    const second: TimedLabel = { ...label, knownAt: label.knownAt + 4 * HOUR };
    detectOnline(
      ts,
      ys,
      {},
      { refit_every: 60 },
      undefined,
      (t, past) => {
        asked.push({ t, past: past.timestamps.slice() });
        return [second, label];
      },
      (_f, _ts, from) => starts.push(from)
    );
    expect(starts.slice(1)).toEqual([ts.indexOf(label.knownAt), ts.indexOf(second.knownAt)]);
    // Asked at block ends too, and always with verdicts strictly before the time it is asked at.
    expect(asked.length).toBeGreaterThan(starts.length);
    for (const { t, past } of asked) {
      expect(past.every((p) => p < t)).toBe(true);
    }
  });

  it('keeps the schedule for a label known inside a block whose range the training window does not reach', () => {
    const old: TimedLabel = { from: START - 40 * DAY, to: START - 35 * DAY, kind: 'incident', knownAt: label.knownAt };
    const starts = (feed?: () => TimedLabel[]) => {
      const from: number[] = [];
      detectOnline(ts, ys, {}, { refit_every: 60 }, undefined, feed, (_f, _ts, i) => from.push(i));
      return from;
    };
    expect(starts(() => [old])).toEqual(starts());
  });

  it('keeps the schedule when no label becomes known inside a block', () => {
    const later: TimedLabel = { ...label, knownAt: ts[ts.length - 1] + HOUR };
    const plain = detectOnline(ts, ys, {}, { refit_every: 60 });
    const fed = detectOnline(ts, ys, {}, { refit_every: 60 }, undefined, () => [later]);
    expect(fed.refits).toBe(plain.refits);
    expect(Array.from(fed.score)).toEqual(Array.from(plain.score));
  });
});
