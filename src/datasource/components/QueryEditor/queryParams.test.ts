import { holidayCountry, seasonalityChoice, seasonalityValue, withHolidayCountry, withParam } from './queryParams';

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
