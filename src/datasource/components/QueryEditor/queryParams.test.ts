import { parseObjective } from '../../../model/selection/objective';
import {
  holidayCountry,
  objectiveValue,
  seasonalityChoice,
  seasonalityValue,
  withHolidayCountry,
  withParam,
} from './queryParams';

describe('withParam(query, key, value)', () => {
  it('sets a parameter and keeps the others', () => {
    const next = withParam({ refId: 'A', params: { robust: false } }, 'interval_width', 0.95);
    expect(next).toEqual({ refId: 'A', params: { robust: false, interval_width: 0.95 } });
  });

  it('removes a parameter when the value is undefined, so the model default applies', () => {
    const next = withParam({ refId: 'A', params: { interval_width: 0.9 } }, 'interval_width', undefined);
    expect(next.params).toEqual({});
  });
});

describe('seasonality choices', () => {
  it('map auto to an absent key and on/off to booleans', () => {
    expect(seasonalityValue('auto')).toBeUndefined();
    expect(seasonalityValue('on')).toBe(true);
    expect(seasonalityValue('off')).toBe(false);
  });

  it('read a Fourier order as on and zero as off', () => {
    expect(seasonalityChoice(undefined)).toBe('auto');
    expect(seasonalityChoice(6)).toBe('on');
    expect(seasonalityChoice(0)).toBe('off');
  });
});

describe('withHolidayCountry(query, country)', () => {
  it('sets the calendar with its zone, and clears both', () => {
    const kr = withHolidayCountry({ refId: 'A' }, 'KR');
    expect(kr.params).toEqual({ country_holidays: ['KR'], holidays_tz_offset_minutes: 540 });
    expect(holidayCountry(kr)).toBe('KR');
    const none = withHolidayCountry(kr, '');
    expect(none.params).toEqual({});
    expect(holidayCountry(none)).toBe('');
  });
});

describe('objectiveValue(choice, weight)', () => {
  it('writes the weight in plain decimals the model parses, never in exponent notation', () => {
    expect(objectiveValue('weighted', 1e-7)).toBe('weighted:0');
    expect(objectiveValue('weighted', 0.0000015)).toBe('weighted:0.000002');
    expect(objectiveValue('weighted', 0.25)).toBe('weighted:0.25');
    expect(objectiveValue('weighted', 1)).toBe('weighted:1');
    expect(objectiveValue('weighted', undefined)).toBe('weighted:0.5');
    expect(objectiveValue('weighted', Number.NaN)).toBe('weighted:0.5');
    expect(objectiveValue('violations', 0.3)).toBe('violations');
    for (const weight of [1e-7, 5e-7, 1e-6, 0.1 + 0.2, 1 / 3, 0, 1, -1e-9, 1 + 1e-12]) {
      expect(() => parseObjective(objectiveValue('weighted', weight))).not.toThrow();
    }
  });
});
