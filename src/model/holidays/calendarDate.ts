/**
 * Calendar dates as whole day numbers (days since 1970-01-01), so holiday rules can do plain integer
 * arithmetic. Everything goes through `Date.UTC`; no local-time or `Intl` API is touched.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const SUNDAY = 0;
export const MONDAY = 1;
export const THURSDAY = 4;
export const FRIDAY = 5;
export const SATURDAY = 6;

/** Day number of a Gregorian date; `month` is 1-based. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
export function weekday(day: number): number {
  return (((day + THURSDAY) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const dow = weekday(day);
  return dow === SATURDAY || dow === SUNDAY;
}

function twoDigits(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `YYYY-MM-DD` of a day number (years 1000–9999). */
export function formatDay(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  return date.getUTCFullYear() + '-' + twoDigits(date.getUTCMonth() + 1) + '-' + twoDigits(date.getUTCDate());
}

/** Day number of a `YYYY-MM-DD` string, or `undefined` when it is malformed or not a real date (2023-02-30). */
export function parseDay(text: string): number | undefined {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  const day = dayNumber(year, month, dayOfMonth);
  return formatDay(day) === text ? day : undefined;
}

/** The `nth` (1-based) given weekday of a month, e.g. the 3rd Monday of January. */
export function nthWeekdayOfMonth(year: number, month: number, dayOfWeek: number, nth: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((dayOfWeek - weekday(first) + 7) % 7) + 7 * (nth - 1);
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekdayOfMonth(year: number, month: number, dayOfWeek: number): number {
  const last = dayNumber(year, month + 1, 0);
  return last - ((weekday(last) - dayOfWeek + 7) % 7);
}

export { MS_PER_DAY };
