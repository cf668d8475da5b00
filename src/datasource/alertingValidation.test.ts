import type { AlertingJson, ForesightQuery } from '../shared/types';
import { alertingProblem } from './alertingValidation';
import { queryProblem } from './queryValidation';

const alert = (alerting: AlertingJson, alertField?: ForesightQuery['alertField']): ForesightQuery => ({
  refId: 'A',
  mode: 'alert',
  alertField,
  alerting,
});

describe('alertingProblem(query)', () => {
  it('accepts a query without alerting settings and a full set inside the bounds', () => {
    expect(alertingProblem({ refId: 'A' })).toBeUndefined();
    const full: AlertingJson = {
      direction: 'below',
      minAbsolute: 5,
      minRelative: 0.03,
      persistence: { window: 6, required: 4 },
      thresholdAbove: 100,
      pastWeeks: 8,
    };
    expect(alertingProblem(alert(full, 'threshold_breach'))).toBeUndefined();
  });

  it('names the setting that is out of bounds', () => {
    expect(alertingProblem(alert({ minAbsolute: -1 }))).toBe('alerting.minAbsolute: Enter a number at least 0');
    expect(alertingProblem(alert({ pastWeeks: 9 }))).toBe(
      'alerting.pastWeeks: Enter a whole number at least 1 and at most 8'
    );
    expect(alertingProblem(alert({ persistence: { window: 2.5, required: 1 } }))).toMatch(
      /^alerting\.persistence\.window: /
    );
    expect(alertingProblem(alert({ direction: 'up' as never }))).toBe(
      'alerting.direction: "up" is not one of both, above, below'
    );
  });

  it('refuses more required points than the persistence window holds', () => {
    expect(alertingProblem(alert({ persistence: { window: 2, required: 3 } }))).toBe(
      'Persistence: 3 required points cannot exceed the window of 2'
    );
  });

  it('refuses an alert on threshold_breach without a threshold, in alert mode only', () => {
    expect(alertingProblem(alert({}, 'threshold_breach'))).toBe(
      'Alert field threshold_breach needs a threshold above or below (Alerting section)'
    );
    expect(alertingProblem(alert({ thresholdBelow: 0 }, 'threshold_breach'))).toBeUndefined();
    expect(alertingProblem({ refId: 'A', mode: 'full', alertField: 'threshold_breach' })).toBeUndefined();
  });

  it('keeps such a query from being sent, after the source’s own problem', () => {
    expect(queryProblem(alert({ minRelative: -0.1 }))).toBe('alerting.minRelative: Enter a number at least 0');
    expect(queryProblem({ ...alert({ minRelative: -0.1 }), source: 'prometheus' })).toBe('Enter a PromQL expression');
  });
});
