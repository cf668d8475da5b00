import {
  ALERT_DIRECTIONS,
  ALERT_FIELDS,
  OUTPUT_MODES,
  PROMETHEUS_AUTH_MODES,
  SOURCE_KINDS,
} from '../shared/contract.gen';
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
    ['alert fields', ALERT_FIELD_OPTIONS, ALERT_FIELDS],
    ['alerting directions', ALERTING_DIRECTION_OPTIONS, ALERT_DIRECTIONS],
    ['Prometheus authentication modes', AUTH_OPTIONS, PROMETHEUS_AUTH_MODES],
  ])('offer every one of the %s the backend accepts, and no other', (_name, options, accepted) => {
    expect(options.map((o) => o.value).sort()).toEqual([...accepted].sort());
  });
});
