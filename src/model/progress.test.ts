import { crossValidate, tune } from './evaluation';
import { detectOnline } from './online';
import type { ProgressCallback } from './progress';
import { selectModel } from './selection';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Six days hourly: a daily cycle on a level, with a little fixed wobble. */
const ts = Float64Array.from({ length: 6 * 24 }, (_, i) => i * HOUR);
const values = Float64Array.from(ts, (t, i) => 50 + 10 * Math.sin((2 * Math.PI * t) / DAY) + (i % 5) / 5);

function recorder(): { calls: Array<[number, number]>; onProgress: ProgressCallback } {
  const calls: Array<[number, number]> = [];
  return { calls, onProgress: (done, total) => calls.push([done, total]) };
}

/** Done never goes back, never passes the total, and the last call says all is done. */
function expectSteadyToTheEnd(calls: Array<[number, number]>, total: number): void {
  expect(calls.length).toBeGreaterThan(1);
  calls.forEach(([done, reported], k) => {
    expect(reported).toBe(total);
    expect(done).toBeLessThanOrEqual(total);
    expect(done).toBeGreaterThanOrEqual(k === 0 ? 0 : calls[k - 1][0]);
  });
  expect(calls[calls.length - 1]).toEqual([total, total]);
}

describe('progress callbacks', () => {
  it('online detection reports rows behind, up to every row, and judges exactly as without a callback', () => {
    const { calls, onProgress } = recorder();
    const options = { refit_every: 12, min_history_days: 1 };
    const heard = detectOnline(ts, values, {}, { ...options, onProgress });
    expectSteadyToTheEnd(calls, ts.length);
    // One call per fit plus the final one, and one per row skipped for want of history.
    expect(calls.length).toBe(heard.refits + (ts.length - heard.judged) + 1);
    const silent = detectOnline(ts, values, {}, options);
    expect(heard.yhat).toEqual(silent.yhat);
    expect(heard.options).toEqual(silent.options);
  });

  it('cross-validation reports one fit per cutoff', () => {
    const { calls, onProgress } = recorder();
    crossValidate(ts, values, {}, { horizon: DAY, initial: 3 * DAY, period: DAY, onProgress });
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('tuning and selection count every fit of every candidate', () => {
    const grid = { changepoint_prior_scale: [0.01, 0.5] };
    const tuned = recorder();
    const result = tune(ts, values, {}, { horizon: DAY, initial: 3 * DAY, period: DAY, grid, ...tuned });
    expectSteadyToTheEnd(tuned.calls, result.fits);
    expect(tuned.calls).toHaveLength(result.fits);

    const selected = recorder();
    const selection = selectModel(ts, values, {}, { families: ['decomposition'], onProgress: selected.onProgress });
    expectSteadyToTheEnd(selected.calls, selection.fits);
  });
});
