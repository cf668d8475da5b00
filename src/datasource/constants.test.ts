import { ALERTING_ALERT_FIELDS, ALERTING_DIRECTIONS } from '../shared/alerting';
import { OUTPUT_MODES, PROMETHEUS_AUTH_MODES, SOURCE_KINDS } from '../shared/contract.gen';
import {
  ALERT_FIELD_OPTIONS,
  ALERTING_DIRECTION_OPTIONS,
  AUTH_OPTIONS,
  MODE_OPTIONS,
  SOURCE_OPTIONS,
} from './constants';

describe('editor choices', () => {
  it.each([
    ['sources', SOURCE_OPTIONS, SOURCE_KINDS],
    ['output modes', MODE_OPTIONS, OUTPUT_MODES],
    // Issue 11's alert fields and directions, from src/shared/alerting.ts until contract.gen.ts carries them.
    ['alert fields', ALERT_FIELD_OPTIONS, ALERTING_ALERT_FIELDS],
    ['alerting directions', ALERTING_DIRECTION_OPTIONS, ALERTING_DIRECTIONS],
    ['Prometheus authentication modes', AUTH_OPTIONS, PROMETHEUS_AUTH_MODES],
  ])('offer every one of the %s the backend accepts, and no other', (_name, options, accepted) => {
    expect(options.map((o) => o.value).sort()).toEqual([...accepted].sort());
  });
});
