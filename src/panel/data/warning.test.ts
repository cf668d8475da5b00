import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import { toSeriesView } from './seriesView';
import { formatEta, readWarning, warningRows } from './warning';

/** Three points of history and two of forecast, with the backend's warning fields and thresholds. */
function warnedView(custom: Record<string, unknown>, extra: Record<string, Array<number | null>>) {
  const frame = foresightFrame({ value: [10, 11, 12, null, null], extra });
  frame.meta = { custom };
  return toSeriesView(frame, 0)!;
}

const TIME = (t: number) => `t+${(t - T0) / STEP}`;

describe('the early warning of a series', () => {
  it('places the expected crossing on the threshold, ETA after the latest point, and dates the drift', () => {
    const view = warnedView(
      { warning: { above: 13.5, leadSeconds: 21_600 } },
      {
        breach_eta: [null, null, 450, null, null],
        breach_probability: [null, null, 0.9, null, null],
        drift: [0, -1, -1, null, null],
      }
    );
    expect(view.warning).toEqual({
      above: 13.5,
      below: null,
      from: T0 + 2 * STEP,
      etaSeconds: 450,
      probability: 0.9,
      crossing: { time: T0 + 3.5 * STEP, value: 13.5 },
      drift: { start: T0 + STEP, side: -1 },
    });
  });

  it('marks the threshold nearer the expectation when there are two', () => {
    const columns = { breachEta: [null, 600], breachProbability: [null, 0.7], drift: null };
    const times = [T0, T0 + STEP, T0 + 2 * STEP, T0 + 3 * STEP];
    const falling = readWarning(
      { warning: { above: 50, below: 5, leadSeconds: 3600 } },
      times,
      [20, 12, 8, 5],
      columns
    );
    expect(falling?.crossing).toEqual({ time: T0 + 3 * STEP, value: 5 });
  });

  it('has no crossing when the forecast stays inside, and nothing without the fields', () => {
    const calm = warnedView(
      { warning: { below: 2, leadSeconds: 21_600 } },
      {
        breach_eta: [null, null, null, null, null],
        breach_probability: [null, null, 0.01, null, null],
        drift: [0, 0, 0, null, null],
      }
    );
    expect(calm.warning).toMatchObject({ below: 2, etaSeconds: null, probability: 0.01, crossing: null, drift: null });
    expect(toSeriesView(foresightFrame(), 0)!.warning).toBeUndefined();
  });

  it('says in the tooltip when it crosses, how likely at the latest point, and since when it drifts', () => {
    const view = warnedView(
      { warning: { above: 13.5, leadSeconds: 21_600 } },
      {
        breach_eta: [null, null, 9000, null, null],
        breach_probability: [null, null, 0.934, null, null],
        drift: [0, 1, 1, null, null],
      }
    );
    expect(warningRows(view.warning, { time: T0 + 4 * STEP, forecast: true }, TIME)).toEqual([
      { label: 'Crossing', text: 't+32 (in 2 h 30 min)' },
    ]);
    expect(warningRows(view.warning, { time: T0 + 2 * STEP, forecast: false }, TIME)).toEqual([
      { label: 'Breach', text: '93% chance, expected in 2 h 30 min' },
      { label: 'Drift', text: 'upward since t+1' },
    ]);
    expect(warningRows(view.warning, { time: T0, forecast: false }, TIME)).toEqual([]);
    expect(warningRows(undefined, { time: T0, forecast: true }, TIME)).toEqual([]);
  });

  it('says a series already past its threshold is past it, not expected to cross in 0 min', () => {
    // The backend answers eta 0 and probability 1 when the latest value is already past (docs/backend.md).
    const view = warnedView(
      { warning: { above: 11.5, leadSeconds: 21_600 } },
      { breach_eta: [null, null, 0, null, null], breach_probability: [null, null, 1, null, null] }
    );
    expect(warningRows(view.warning, { time: T0 + 2 * STEP, forecast: false }, TIME)).toEqual([
      { label: 'Breach', text: 'already past the threshold' },
    ]);
  });

  it('formats an ETA in days, hours and minutes', () => {
    expect(formatEta(45 * 60)).toBe('in 45 min');
    expect(formatEta(3600)).toBe('in 1 h');
    expect(formatEta(27 * 3600 + 120)).toBe('in 1 d 3 h');
    expect(formatEta(-5)).toBe('in 0 min');
  });
});
