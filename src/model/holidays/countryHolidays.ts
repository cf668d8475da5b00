/** The built-in country calendars, looked up by ISO 3166-1 alpha-2 code. */
import type { Holiday, HolidayCalendar } from './holiday';
import { SOUTH_KOREA } from './southKorea';
import { UNITED_STATES } from './unitedStates';

const CALENDARS: Record<string, HolidayCalendar> = {
  KR: SOUTH_KOREA,
  US: UNITED_STATES,
};

/** Country codes with a built-in calendar, sorted. */
export function supportedCountries(): string[] {
  return Object.keys(CALENDARS).sort();
}

function calendarOf(country: string): HolidayCalendar {
  const code = typeof country === 'string' ? country.trim().toUpperCase() : '';
  const calendar = Object.prototype.hasOwnProperty.call(CALENDARS, code) ? CALENDARS[code] : undefined;
  if (!calendar) {
    throw new Error(
      `Unknown holiday country ${JSON.stringify(country)}; supported: ${supportedCountries().join(', ')}`
    );
  }
  return calendar;
}

/** The years a country's calendar is known to be correct for (inclusive). */
export function countryYearRange(country: string): { fromYear: number; toYear: number } {
  const calendar = calendarOf(country);
  return { fromYear: calendar.firstYear, toYear: calendar.lastYear };
}

/**
 * Holidays of `country` dated from January 1 of `fromYear` to December 31 of `toYear`, sorted by date
 * (`YYYY-MM-DD` in the country's own calendar; a date may carry two holidays).
 *
 * @throws Error for an unknown country code or years outside the calendar's range.
 */
export function countryHolidays(country: string, fromYear: number, toYear: number): Holiday[] {
  const calendar = calendarOf(country);
  const code = country.trim().toUpperCase();
  if (
    !Number.isInteger(fromYear) ||
    !Number.isInteger(toYear) ||
    fromYear > toYear ||
    fromYear < calendar.firstYear ||
    toYear > calendar.lastYear
  ) {
    throw new Error(
      `Holiday calendar ${code} covers the years ${calendar.firstYear} to ${calendar.lastYear}; ` +
        `requested ${fromYear} to ${toYear}`
    );
  }
  const holidays: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    holidays.push(...yearOf(code, calendar, year));
  }
  return holidays;
}

/**
 * A year of a calendar, worked out once: every fit plans its holiday columns from the calendar, and the
 * lunar and substitute-day rules cost more than the rest of the plan. Calendars span fifty-odd years, so
 * the cache stays small; its holidays are frozen, since callers share them.
 */
const YEARS = new Map<string, readonly Holiday[]>();

function yearOf(code: string, calendar: HolidayCalendar, year: number): readonly Holiday[] {
  const key = `${code}:${year}`;
  let holidays = YEARS.get(key);
  if (holidays === undefined) {
    holidays = Object.freeze(calendar.holidaysInYear(year).map((h) => Object.freeze({ ...h })));
    YEARS.set(key, holidays);
  }
  return holidays;
}
