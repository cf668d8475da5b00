import { DATASETS } from './datasets';
import { evaluate, targetChecks } from './report-accuracy';
import type { WindowForecast } from './window-forecasts';

const HOUR = 3_600_000;
const subDaily = DATASETS.find((d) => d.cadence === 'sub-daily')!;
const daily = DATASETS.find((d) => d.cadence === 'daily')!;

/** One window at cutoff 0 with points 1 h and 2 h ahead, forecast = actual + error, band ± halfWidth. */
function window(errors: number[], halfWidth?: number): WindowForecast {
  const ds = [HOUR, 2 * HOUR];
  const yhat = ds.map((_, i) => 10 + errors[i]);
  return halfWidth === undefined
    ? { cutoff: 0, ds, yhat }
    : { cutoff: 0, ds, yhat, lower: yhat.map((y) => y - halfWidth), upper: yhat.map((y) => y + halfWidth) };
}

const truth = new Map([
  [HOUR, 10],
  [2 * HOUR, 10],
]);

describe('targetChecks', () => {
  it('passes MAE within 5% of Prophet, coverage nearer 0.8, and beating seasonal-naive', () => {
    const result = evaluate(
      subDaily,
      [0],
      {
        foresight: [window([1.04, -1.04], 1.5)], // MAE 1.04, both inside: coverage 1.0
        prophet: [window([1, -1], 0.5)], // MAE 1, none inside: coverage 0
        'seasonal-naive': [window([2, 2])],
      },
      truth
    );
    const checks = targetChecks(result);
    expect(checks.every((c) => c.met)).toBe(true);
    expect(checks.map((c) => c.name)).toEqual([
      'MAE ≤ 1.05 × Prophet (next hour)',
      'MAE ≤ 1.05 × Prophet (next day)',
      "coverage nearer 0.8 than Prophet's (next day)",
      'MAE below seasonal-naive (next hour)',
      'MAE below seasonal-naive (next day)',
    ]);
  });

  it('flags MAE more than 5% above Prophet and a loss to seasonal-naive', () => {
    const result = evaluate(
      subDaily,
      [0],
      { foresight: [window([1.1, 1.1], 5)], prophet: [window([1, 1], 5)], 'seasonal-naive': [window([0.5, 0.5])] },
      truth
    );
    const missed = targetChecks(result).filter((c) => !c.met);
    expect(missed.map((c) => c.name)).toContain('MAE ≤ 1.05 × Prophet (next day)');
    expect(missed.map((c) => c.name)).toContain('MAE below seasonal-naive (next hour)');
    // Equal coverage (both 1.0) is not "nearer".
    expect(missed.map((c) => c.name)).toContain("coverage nearer 0.8 than Prophet's (next day)");
  });

  it('does not hold daily data to the seasonal-naive target', () => {
    const result = evaluate(
      daily,
      [0],
      { foresight: [window([1, 1], 2)], prophet: [window([1, 1], 2)], 'seasonal-naive': [window([0, 0])] },
      truth
    );
    expect(targetChecks(result).some((c) => c.name.includes('seasonal-naive'))).toBe(false);
  });
});
