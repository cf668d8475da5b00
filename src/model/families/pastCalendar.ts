/**
 * The days the `past` family leaves out of its comparisons: the holidays of `country_holidays` (with the
 * calendar window) and of custom `holidays`, as time ranges over a span. A holiday is not a normal day to
 * compare with, so its points are neither a past slot nor a residual of the band.
 */
import { ModelInputError } from '../errors';
import { countryHolidays, countryYearRange, holidayIntervals } from '../holidays';
import type { ModelParams, TimeRange } from '../types';

function zoneYear(ms: number, offsetMinutes: number): number {
  return new Date(ms + offsetMinutes * 60_000).getUTCFullYear();
}

/** Dates of each calendar's holidays between the two years, with the window they take. */
function holidayGroups(
  params: ModelParams,
  fromYear: number,
  toYear: number
): Array<{ dates: string[]; lower: number; upper: number }> {
  const groups: Array<{ dates: string[]; lower: number; upper: number }> = [];
  for (const country of params.country_holidays) {
    let dates: string[];
    try {
      // A calendar covers a bounded range of years; outside it a series simply has no holidays.
      const range = countryYearRange(country);
      const from = Math.max(fromYear, range.fromYear);
      const to = Math.min(toYear, range.toYear);
      dates = from <= to ? countryHolidays(country, from, to).map((h) => h.date) : [];
    } catch (e) {
      throw new ModelInputError(e instanceof Error ? e.message : String(e));
    }
    groups.push({ dates, lower: params.holidays_lower_window, upper: params.holidays_upper_window });
  }
  for (const h of params.holidays) {
    groups.push({ dates: h.dates, lower: h.lower_window ?? 0, upper: h.upper_window ?? 0 });
  }
  return groups;
}

/**
 * Holiday days (window days included) that meet [first, last], as inclusive ranges ending 1 ms before the
 * next local midnight (excluded ranges are inclusive; the next day's midnight point is no holiday).
 */
export function holidayRanges(params: ModelParams, first: number, last: number): TimeRange[] {
  const tz = params.holidays_tz_offset_minutes;
  const ranges: TimeRange[] = [];
  for (const g of holidayGroups(params, zoneYear(first, tz) - 1, zoneYear(last, tz) + 1)) {
    if (g.dates.length === 0) {
      continue;
    }
    for (const { intervals } of holidayIntervals(g.dates, g.lower, g.upper, tz)) {
      for (let k = 0; k + 1 < intervals.length; k += 2) {
        if (intervals[k + 1] > first && intervals[k] <= last) {
          ranges.push([intervals[k], intervals[k + 1] - 1]);
        }
      }
    }
  }
  return ranges;
}
