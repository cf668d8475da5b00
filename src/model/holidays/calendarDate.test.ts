import { dayNumber, formatDay, lastWeekdayOfMonth, MONDAY, nthWeekdayOfMonth, parseDay, weekday } from './calendarDate';

describe('calendarDate', () => {
  it('numbers days from 1970-01-01 and round-trips them, also before 1970', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(formatDay(dayNumber(2024, 2, 29))).toBe('2024-02-29');
    expect(parseDay('1969-12-31')).toBe(-1);
    expect(weekday(parseDay('1969-12-31')!)).toBe(3); // Wednesday
    expect(weekday(parseDay('2024-02-10')!)).toBe(6); // Saturday
  });

  it('parseDay rejects impossible or malformed dates', () => {
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(parseDay('2024-13-01')).toBeUndefined();
    expect(parseDay(' 2024-01-01')).toBeUndefined();
    expect(parseDay('2024-01-01T00:00Z')).toBeUndefined();
  });

  it('finds nth and last weekdays of a month', () => {
    expect(formatDay(nthWeekdayOfMonth(2024, 1, MONDAY, 3))).toBe('2024-01-15');
    expect(formatDay(nthWeekdayOfMonth(2024, 4, MONDAY, 1))).toBe('2024-04-01');
    expect(formatDay(lastWeekdayOfMonth(2024, 5, MONDAY))).toBe('2024-05-27');
    expect(formatDay(lastWeekdayOfMonth(2021, 5, MONDAY))).toBe('2021-05-31');
  });
});
