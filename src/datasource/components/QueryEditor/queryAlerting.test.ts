import type { ForesightQuery } from '../../../shared/types';
import { withAlerting, withPersistence } from './queryAlerting';

const query: ForesightQuery = { refId: 'A' };

describe('withAlerting(query, key, value)', () => {
  it('sets a setting and keeps the others', () => {
    const next = withAlerting(withAlerting(query, 'direction', 'below'), 'minAbsolute', 5);
    expect(next.alerting).toEqual({ direction: 'below', minAbsolute: 5 });
  });

  it('removes a cleared setting, and the object once nothing is left', () => {
    const set = withAlerting(query, 'thresholdAbove', 100);
    expect(withAlerting(set, 'thresholdAbove', undefined)).toEqual({ refId: 'A' });
  });
});

describe('withPersistence(query, window, required)', () => {
  it('writes both numbers, a blank box taking 1', () => {
    expect(withPersistence(query, 5, 3).alerting).toEqual({ persistence: { window: 5, required: 3 } });
    expect(withPersistence(query, 5, undefined).alerting).toEqual({ persistence: { window: 5, required: 1 } });
  });

  it('drops the rule when both boxes are blank', () => {
    const set = withAlerting(withPersistence(query, 4, 2), 'pastWeeks', 6);
    expect(withPersistence(set, undefined, undefined).alerting).toEqual({ pastWeeks: 6 });
  });
});
