import { countryHolidays, countryYearRange, supportedCountries } from './index';

describe('countryHolidays', () => {
  it('lists the supported countries', () => {
    expect(supportedCountries()).toEqual(['KR', 'US']);
  });

  it('joins several years in date order and accepts lower-case codes', () => {
    const holidays = countryHolidays('kr', 2024, 2025);
    expect(holidays[0]).toEqual({ name: "New Year's Day", date: '2024-01-01' });
    expect(holidays[holidays.length - 1]).toEqual({ name: 'Christmas Day', date: '2025-12-25' });
    expect(holidays.every((h, i) => i === 0 || h.date >= holidays[i - 1].date)).toBe(true);
  });

  it('lists an observed day that falls in the range once, in the year it falls in', () => {
    const dates = countryHolidays('US', 2021, 2022).map((h) => h.date);
    expect(dates.filter((d) => d === '2021-12-31')).toHaveLength(1);
    expect(countryHolidays('US', 2022, 2022).some((h) => h.date === '2021-12-31')).toBe(false);
  });

  it('rejects an unknown country and names the supported ones', () => {
    expect(() => countryHolidays('XX', 2024, 2024)).toThrow('Unknown holiday country "XX"; supported: KR, US');
    expect(() => countryYearRange('')).toThrow(/Unknown holiday country/);
  });

  it('rejects years outside the calendar or a reversed range', () => {
    expect(countryYearRange('KR')).toEqual({ fromYear: 2000, toYear: 2050 });
    expect(() => countryHolidays('KR', 1999, 2024)).toThrow('Holiday calendar KR covers the years 2000 to 2050');
    expect(() => countryHolidays('KR', 2024, 2051)).toThrow(/covers the years/);
    expect(() => countryHolidays('US', 2025, 2024)).toThrow(/requested 2025 to 2024/);
    expect(() => countryHolidays('US', NaN, 2024)).toThrow(/requested NaN to 2024/);
    expect(() => countryHolidays('US', 2024.5, 2025)).toThrow(/covers the years/);
  });
});
