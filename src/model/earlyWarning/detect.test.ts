import { fitModel } from '../families/registry';
import { makeSeries, seededNormal } from '../testing/synthetic';
import { detectOnlineWithOutlook, lastRowOutlook } from './detect';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEP = 10 * 60_000;
const PER_DAY = 144;

/** 12 days of a daily cycle (peak 120, noise sd 2); from day 10 a rise of 12 per day when `rising`. */
function series(rising: boolean) {
  const noise = seededNormal(21);
  return makeSeries(12 * PER_DAY, STEP, (days) => {
    const drift = rising && days > 10 ? 12 * (days - 10) : 0;
    return 100 + 20 * Math.sin(2 * Math.PI * (days - 0.25)) + drift + 2 * noise();
  });
}

const OUTLOOK = { leadMs: 6 * HOUR, stepMs: STEP, thresholds: { above: 130 } };

describe('detectOnlineWithOutlook', () => {
  it('warns before a drift carries the daily peak over the threshold, and never on the clean twin', () => {
    const rising = series(true);
    const { outlooks } = detectOnlineWithOutlook(rising.timestamps, rising.values, {}, {}, OUTLOOK);
    let crossing = -1;
    for (let i = 0; i < rising.values.length && crossing < 0; i++) {
      crossing = rising.values[i] > 130 && rising.values[i + 1] > 130 && rising.values[i + 2] > 130 ? i : -1;
    }
    expect(crossing).toBeGreaterThan(10 * PER_DAY);
    // A warning (probability > 0.8) within the 6 hours before the crossing.
    const before = Array.from(outlooks.probability.subarray(crossing - 36, crossing));
    expect(before.some((p) => p > 0.8)).toBe(true);

    const clean = series(false);
    const quiet = detectOnlineWithOutlook(clean.timestamps, clean.values, {}, {}, OUTLOOK).outlooks;
    const judged = Array.from(quiet.probability.subarray(3 * PER_DAY));
    expect(judged.every((p) => p < 0.8)).toBe(true);
    // Rows before enough history have no outlook.
    expect(quiet.probability[0]).toBeNaN();
  });

  it('calls a row already past the threshold a breach now, and gives a row without a value no outlook', () => {
    // As the backend answers a live rule; the rows had the forecast's own probability, 0 on a jump it had not seen.
    const clean = series(false);
    const values = Float64Array.from(clean.values);
    const jump = 11 * PER_DAY;
    values[jump] = 200;
    values[jump + 1] = NaN;
    const { outlooks } = detectOnlineWithOutlook(clean.timestamps, values, {}, {}, OUTLOOK);
    expect(outlooks.probability[jump]).toBe(1);
    expect(outlooks.eta_ms[jump]).toBe(0);
    expect(outlooks.probability[jump + 1]).toBeNaN();
    expect(outlooks.eta_ms[jump + 1]).toBeNaN();
  });
});

describe('lastRowOutlook', () => {
  it('sets only the last row in time, from the model fitted on all rows', () => {
    const s = series(false);
    // Input order reversed: the last in time is row 0.
    const ts = s.timestamps.slice().reverse();
    const ys = s.values.slice().reverse();
    const model = fitModel(ts, ys, {});
    const out = lastRowOutlook(model, ts, ys, { ...OUTLOOK, thresholds: { above: 95 } });
    expect(out.probability[0]).toBeGreaterThan(0);
    // The series ends at its nightly trough (80) and climbs back through 95 about 4.8 hours later.
    expect(out.eta_ms[0] / HOUR).toBeGreaterThan(4);
    expect(out.eta_ms[0] / HOUR).toBeLessThan(5.5);
    expect(Array.from(out.probability.subarray(1)).every(Number.isNaN)).toBe(true);
    expect(ts[0]).toBe(s.timestamps[0] + 12 * DAY - STEP);
  });

  it('calls a last row already past the threshold a breach now, and gives a last row without a value none', () => {
    // As online rows and the backend's live rule: the batch outlook had read 0 from a last row already at 500.
    const s = series(false);
    const model = fitModel(s.timestamps, s.values, {});
    const last = s.values.length - 1;
    const past = Float64Array.from(s.values);
    past[last] = 500;
    const breach = lastRowOutlook(model, s.timestamps, past, { ...OUTLOOK, thresholds: { above: 200 } });
    expect(breach.probability[last]).toBe(1);
    expect(breach.eta_ms[last]).toBe(0);
    // At the level itself: a breach now for a rule's >=, none for its >.
    past[last] = 200;
    const atLevel = lastRowOutlook(model, s.timestamps, past, {
      ...OUTLOOK,
      thresholds: { above: 200, above_inclusive: true },
    });
    expect(atLevel.probability[last]).toBe(1);
    expect(atLevel.eta_ms[last]).toBe(0);
    const strict = lastRowOutlook(model, s.timestamps, past, { ...OUTLOOK, thresholds: { above: 200 } });
    expect(strict.probability[last]).toBeLessThan(1);
    const missing = Float64Array.from(s.values);
    missing[last] = NaN;
    const none = lastRowOutlook(model, s.timestamps, missing, { ...OUTLOOK, thresholds: { above: 95 } });
    expect(none.probability[last]).toBeNaN();
    expect(none.eta_ms[last]).toBeNaN();
  });
});

describe('detectOnlineWithOutlook with duplicate timestamps', () => {
  it('settles each row by its own value, as every row is judged on its own (the CLI keeps duplicates)', () => {
    // Two rows at the same time, one already past the threshold: the outlook had read the first row's value for
    // both, so the order of the rows decided whether either was a breach now.
    const clean = series(false);
    const at = 11 * PER_DAY;
    for (const pastFirst of [false, true]) {
      const ts = Float64Array.from([...clean.timestamps, clean.timestamps[at]]);
      const values = Float64Array.from([...clean.values, 200]);
      if (pastFirst) {
        values[at] = 200;
        values[values.length - 1] = clean.values[at];
      }
      const { outlooks } = detectOnlineWithOutlook(ts, values, {}, {}, OUTLOOK);
      const past = pastFirst ? at : values.length - 1;
      const inside = pastFirst ? values.length - 1 : at;
      expect(outlooks.probability[past]).toBe(1);
      expect(outlooks.eta_ms[past]).toBe(0);
      expect(outlooks.probability[inside]).toBeLessThan(0.8);
    }
  });
});
