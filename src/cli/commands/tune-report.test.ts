import type { MetricSummary, TuneCandidate, TuneResult } from '../../model/evaluation';
import { tunePlot } from './tune-report';

function candidate(cps: number, violationMagnitude: number, violationMagnitudeBand: number): TuneCandidate {
  const metrics: MetricSummary = {
    n: 100,
    mse: 1,
    rmse: 1,
    mae: 1,
    mape: 0.1,
    mdape: 0.1,
    smape: 0.1,
    coverage: 0.8,
    violations: 20,
    violationRate: 0.2,
    violationMagnitude,
    violationMagnitudeBand,
  };
  return {
    combination: { changepoint_prior_scale: cps },
    params: { changepoint_prior_scale: cps },
    metrics,
    gridIndex: 0,
  };
}

describe('tunePlot', () => {
  it('draws violationMagnitude as the ranking reads it: in band widths, not in the series units', () => {
    // Ranked by distance in band widths (0.25 before 0.75); in y units the order is the other way round.
    const ranking = [candidate(0.01, 9, 0.25), candidate(0.1, 2, 0.75)];
    const result: TuneResult = {
      ranking,
      best: ranking[0],
      metric: 'violationMagnitude',
      cutoffs: [0],
      cutoffsAvailable: 1,
      fits: 2,
    };
    const svg = tunePlot('in.csv', result, 20);
    expect(svg).toContain('band widths');
    expect(svg).toMatch(/>0\.25</);
    expect(svg).toMatch(/>0\.75</);
    expect(svg).not.toMatch(/>9</);
  });
});
