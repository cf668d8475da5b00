/**
 * Gregorian dates of the Korean lunar-calendar holidays, one row per year:
 * [year, Seollal (lunar 1/1), Buddha's Birthday (lunar 4/8), Chuseok (lunar 8/15)], as `MM-DD`.
 *
 * These follow the Korean lunar calendar (computed for KST, UTC+9, as published by the Korea Astronomy and
 * Space Science Institute), which differs from the Chinese one in some years: e.g. Seollal 2027 is 02-07 here
 * but 02-06 in China, Buddha's Birthday 2023 is 05-27 (China 05-26), Chuseok 2040 is 09-21 (China 09-20).
 * Derived once from two independent KASI-based converters (korean-lunar-calendar 0.4.0, kor-lunar 1.4.0),
 * which agree on every row, and checked against the official holiday lists for 2018–2027.
 * Both converters end at lunar 2050-11-18, hence the table ends in 2050.
 */
export type LunarHolidayRow = readonly [year: number, seollal: string, buddhasBirthday: string, chuseok: string];

export const KOREAN_LUNAR_HOLIDAYS: readonly LunarHolidayRow[] = [
  [2000, '02-05', '05-11', '09-12'],
  [2001, '01-24', '05-01', '10-01'],
  [2002, '02-12', '05-19', '09-21'],
  [2003, '02-01', '05-08', '09-11'],
  [2004, '01-22', '05-26', '09-28'],
  [2005, '02-09', '05-15', '09-17'],
  [2006, '01-29', '05-05', '10-06'],
  [2007, '02-18', '05-24', '09-25'],
  [2008, '02-07', '05-12', '09-14'],
  [2009, '01-26', '05-02', '10-03'],
  [2010, '02-14', '05-21', '09-22'],
  [2011, '02-03', '05-10', '09-12'],
  [2012, '01-23', '05-28', '09-30'],
  [2013, '02-10', '05-17', '09-19'],
  [2014, '01-31', '05-06', '09-08'],
  [2015, '02-19', '05-25', '09-27'],
  [2016, '02-08', '05-14', '09-15'],
  [2017, '01-28', '05-03', '10-04'],
  [2018, '02-16', '05-22', '09-24'],
  [2019, '02-05', '05-12', '09-13'],
  [2020, '01-25', '04-30', '10-01'],
  [2021, '02-12', '05-19', '09-21'],
  [2022, '02-01', '05-08', '09-10'],
  [2023, '01-22', '05-27', '09-29'],
  [2024, '02-10', '05-15', '09-17'],
  [2025, '01-29', '05-05', '10-06'],
  [2026, '02-17', '05-24', '09-25'],
  [2027, '02-07', '05-13', '09-15'],
  [2028, '01-27', '05-02', '10-03'],
  [2029, '02-13', '05-20', '09-22'],
  [2030, '02-03', '05-09', '09-12'],
  [2031, '01-23', '05-28', '10-01'],
  [2032, '02-11', '05-16', '09-19'],
  [2033, '01-31', '05-06', '09-08'],
  [2034, '02-19', '05-25', '09-27'],
  [2035, '02-08', '05-15', '09-16'],
  [2036, '01-28', '05-03', '10-04'],
  [2037, '02-15', '05-22', '09-24'],
  [2038, '02-04', '05-11', '09-13'],
  [2039, '01-24', '04-30', '10-02'],
  [2040, '02-12', '05-18', '09-21'],
  [2041, '02-01', '05-07', '09-10'],
  [2042, '01-22', '05-26', '09-28'],
  [2043, '02-10', '05-16', '09-17'],
  [2044, '01-30', '05-05', '10-05'],
  [2045, '02-17', '05-24', '09-25'],
  [2046, '02-06', '05-13', '09-15'],
  [2047, '01-26', '05-02', '10-04'],
  [2048, '02-14', '05-20', '09-22'],
  [2049, '02-02', '05-09', '09-11'],
  [2050, '01-23', '05-28', '09-30'],
];

export const FIRST_LUNAR_YEAR = KOREAN_LUNAR_HOLIDAYS[0][0];
export const LAST_LUNAR_YEAR = KOREAN_LUNAR_HOLIDAYS[KOREAN_LUNAR_HOLIDAYS.length - 1][0];

/** The row for `year`, or `undefined` outside the table. */
export function koreanLunarHolidays(year: number): LunarHolidayRow | undefined {
  return KOREAN_LUNAR_HOLIDAYS[year - FIRST_LUNAR_YEAR];
}
