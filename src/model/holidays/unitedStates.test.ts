import { UNITED_STATES } from './unitedStates';

const list = (year: number) => UNITED_STATES.holidaysInYear(year).map((h) => `${h.date} ${h.name}`);

describe('US federal holidays', () => {
  it('lists 2021 with Saturday and Sunday holidays moved to Friday and Monday', () => {
    expect(list(2021)).toEqual([
      "2021-01-01 New Year's Day",
      '2021-01-18 Martin Luther King Jr. Day',
      "2021-02-15 Washington's Birthday",
      '2021-05-31 Memorial Day',
      '2021-06-18 Juneteenth National Independence Day (observed)',
      '2021-06-19 Juneteenth National Independence Day',
      '2021-07-04 Independence Day',
      '2021-07-05 Independence Day (observed)',
      '2021-09-06 Labor Day',
      '2021-10-11 Columbus Day',
      '2021-11-11 Veterans Day',
      '2021-11-25 Thanksgiving Day',
      '2021-12-24 Christmas Day (observed)',
      '2021-12-25 Christmas Day',
      // New Year's Day 2022 is a Saturday.
      "2021-12-31 New Year's Day (observed)",
    ]);
  });

  it('lists 2023 with Sunday New Year and Saturday Veterans Day observed', () => {
    expect(list(2023)).toEqual([
      "2023-01-01 New Year's Day",
      "2023-01-02 New Year's Day (observed)",
      '2023-01-16 Martin Luther King Jr. Day',
      "2023-02-20 Washington's Birthday",
      '2023-05-29 Memorial Day',
      '2023-06-19 Juneteenth National Independence Day',
      '2023-07-04 Independence Day',
      '2023-09-04 Labor Day',
      '2023-10-09 Columbus Day',
      '2023-11-10 Veterans Day (observed)',
      '2023-11-11 Veterans Day',
      '2023-11-23 Thanksgiving Day',
      '2023-12-25 Christmas Day',
    ]);
  });

  it('keeps the observed New Year of a Saturday in the year before', () => {
    expect(list(2022).slice(0, 2)).toEqual(["2022-01-01 New Year's Day", '2022-01-17 Martin Luther King Jr. Day']);
  });

  it('adds Juneteenth from 2021 and Martin Luther King Jr. Day from 1986', () => {
    expect(list(2020).some((h) => h.includes('Juneteenth'))).toBe(false);
    expect(list(1985).some((h) => h.includes('King'))).toBe(false);
    expect(list(1986)).toContain('1986-01-20 Martin Luther King Jr. Day');
  });

  it('puts Veterans Day on the 4th Monday of October from 1971 to 1977', () => {
    expect(list(1975)).toContain('1975-10-27 Veterans Day');
    expect(list(1978)).toContain('1978-11-11 Veterans Day');
  });

  it('finds the last Monday of May and the 4th Thursday of November at month edges', () => {
    expect(list(2026)).toEqual(expect.arrayContaining(['2026-05-25 Memorial Day', '2026-11-26 Thanksgiving Day']));
    expect(list(2027)).toEqual(expect.arrayContaining(['2027-05-31 Memorial Day', '2027-11-25 Thanksgiving Day']));
  });
});
