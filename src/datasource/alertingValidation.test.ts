import type { AlertingJson, ForesightQuery } from '../shared/types';
import { alertingProblem } from './alertingValidation';
import { queryProblem } from './queryValidation';

const alert = (alerting: AlertingJson, alertField?: ForesightQuery['alertField']): ForesightQuery => ({
  refId: 'A',
  mode: 'alert',
  alertField,
  alerting,
});

// The wording is the backend's (pkg/models/alerting.go), so the editor and a refused query say the same.
describe('alertingProblem(query)', () => {
  it('accepts a query without alerting settings and a full set inside the bounds', () => {
    expect(alertingProblem({ refId: 'A' })).toBeUndefined();
    const full: AlertingJson = {
      direction: 'below',
      minAbsolute: 5,
      minRelative: 0.03,
      persistence: { window: 6, required: 4 },
      thresholdAbove: 100,
      thresholdBelow: 10,
      pastWeeks: 8,
    };
    expect(alertingProblem(alert(full, 'threshold_breach'))).toBeUndefined();
  });

  it('takes pastWeeks 0 for the default, as the backend does (2 to 8 are the explicit weeks)', () => {
    expect(alertingProblem(alert({ pastWeeks: 0 }))).toBeUndefined();
    expect(alertingProblem(alert({ pastWeeks: 2 }))).toBeUndefined();
  });

  it('names the setting that is out of bounds, and the value', () => {
    expect(alertingProblem(alert({ minAbsolute: -1 }))).toBe(
      'alerting.minAbsolute must be a finite number >= 0, got -1'
    );
    expect(alertingProblem(alert({ pastWeeks: 9 }))).toBe(
      'alerting.pastWeeks must be a whole number between 2 and 8 (vs_past is the median of at least 2), got 9'
    );
    expect(alertingProblem(alert({ pastWeeks: 1 }))).toBe(
      'alerting.pastWeeks must be a whole number between 2 and 8 (vs_past is the median of at least 2), got 1'
    );
    expect(alertingProblem(alert({ persistence: { window: 2000, required: 1 } }))).toBe(
      'alerting.persistence.window must be between 1 and 1440 points, got 2000'
    );
    expect(alertingProblem(alert({ direction: 'up' as never }))).toBe(
      'alerting.direction "up" is not one of both, above, below'
    );
    expect(alertingProblem(alert({ thresholdAbove: Number.NaN }))).toBe(
      'alerting.thresholdAbove must be a finite number, got NaN'
    );
  });

  it('refuses more required points than the window holds, and a lower threshold above the upper one', () => {
    expect(alertingProblem(alert({ persistence: { window: 2, required: 3 } }))).toBe(
      'alerting.persistence.required must be between 1 and window (2), got 3'
    );
    expect(alertingProblem(alert({ thresholdAbove: 5, thresholdBelow: 6 }))).toBe(
      'alerting.thresholdBelow (6) must not exceed alerting.thresholdAbove (5)'
    );
  });

  it('refuses threshold_breach without a threshold, as the backend does in either mode', () => {
    const message =
      'alertField threshold_breach needs alerting.thresholdAbove or alerting.thresholdBelow: without one the rule could never fire';
    expect(alertingProblem(alert({}, 'threshold_breach'))).toBe(message);
    expect(alertingProblem({ refId: 'A', mode: 'full', alertField: 'threshold_breach' })).toBe(message);
    expect(alertingProblem(alert({ thresholdBelow: 0 }, 'threshold_breach'))).toBeUndefined();
  });

  it('keeps such a query from being sent, after the source’s own problem', () => {
    const bad = alert({ minRelative: -0.1 });
    expect(queryProblem(bad)).toBe('alerting.minRelative must be a finite number >= 0, got -0.1');
    expect(queryProblem({ ...bad, source: 'prometheus' })).toBe('Enter a PromQL expression');
  });
});
