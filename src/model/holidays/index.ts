/**
 * Holiday calendars for the model. Pure TypeScript with UTC-only date arithmetic and no imports from
 * outside this folder, so it also runs in the Go backend's embedded JavaScript engine.
 */
export type { Holiday } from './holiday';
export { countryHolidays, countryYearRange, supportedCountries } from './countryHolidays';
export { holidayIntervals, MAX_WINDOW_DAYS } from './holidayIntervals';
export type { HolidayOffsetIntervals } from './holidayIntervals';
