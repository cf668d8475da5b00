/**
 * Turns holiday dates (calendar days in some zone) into UTC time intervals, one list per day offset of
 * the holiday window, so the model can test "is timestamp t inside holiday day + k" with a binary search.
 */
import { MS_PER_DAY, parseDay } from './calendarDate';

export interface HolidayOffsetIntervals {
  /** Days after the holiday date (negative: before). */
  offset: number;
  /** Sorted, disjoint, merged half-open UTC intervals, flattened: start0, end0, start1, end1, … (epoch ms). */
  intervals: number[];
}

/** Widest window accepted on either side; Prophet windows are a few days. */
export const MAX_WINDOW_DAYS = 366;
/** UTC offsets in use lie within −12:00 … +14:00; ±18:00 is the ISO 8601 limit. */
const MAX_TZ_OFFSET_MINUTES = 18 * 60;

function checkWindow(lowerWindow: number, upperWindow: number): void {
  const bad = (w: number) => !Number.isInteger(w) || Math.abs(w) > MAX_WINDOW_DAYS;
  if (bad(lowerWindow) || bad(upperWindow) || lowerWindow > upperWindow) {
    throw new Error(
      `Holiday window must be whole days with lowerWindow <= upperWindow, within ±${MAX_WINDOW_DAYS}; ` +
        `got [${lowerWindow}, ${upperWindow}]`
    );
  }
}

function checkTzOffset(tzOffsetMinutes: number): void {
  if (!Number.isFinite(tzOffsetMinutes) || Math.abs(tzOffsetMinutes) > MAX_TZ_OFFSET_MINUTES) {
    throw new Error(
      `Holiday time-zone offset must be minutes within ±${MAX_TZ_OFFSET_MINUTES}; got ${tzOffsetMinutes}`
    );
  }
}

/** Distinct day numbers of the dates, ascending; throws on a malformed date. */
function distinctDays(dates: readonly string[]): number[] {
  const days: number[] = [];
  for (const date of dates) {
    const day = parseDay(date);
    if (day === undefined) {
      throw new Error(`Holiday date must be a real calendar date written YYYY-MM-DD; got ${JSON.stringify(date)}`);
    }
    days.push(day);
  }
  days.sort((a, b) => a - b);
  return days.filter((day, i) => i === 0 || day !== days[i - 1]);
}

/** Consecutive days become one interval. */
function mergedDayIntervals(sortedDays: number[], shiftMs: number): number[] {
  const intervals: number[] = [];
  for (const day of sortedDays) {
    const start = day * MS_PER_DAY + shiftMs;
    const last = intervals.length - 1;
    if (last > 0 && intervals[last] === start) {
      intervals[last] = start + MS_PER_DAY;
    } else {
      intervals.push(start, start + MS_PER_DAY);
    }
  }
  return intervals;
}

/**
 * For each offset in [lowerWindow, upperWindow], the UTC intervals covering the local calendar days
 * `date + offset`, where local days start at 00:00 in the zone UTC+`tzOffsetMinutes`
 * (KST: 540, so 2024-02-10 is [2024-02-09T15:00Z, 2024-02-10T15:00Z)).
 *
 * @throws Error for a malformed date, a non-integer or reversed window, or an impossible offset.
 */
export function holidayIntervals(
  dates: readonly string[],
  lowerWindow: number,
  upperWindow: number,
  tzOffsetMinutes: number
): HolidayOffsetIntervals[] {
  checkWindow(lowerWindow, upperWindow);
  checkTzOffset(tzOffsetMinutes);
  const days = distinctDays(dates);
  const zoneShiftMs = -tzOffsetMinutes * 60_000;
  const result: HolidayOffsetIntervals[] = [];
  for (let offset = lowerWindow; offset <= upperWindow; offset++) {
    result.push({ offset, intervals: mergedDayIntervals(days, offset * MS_PER_DAY + zoneShiftMs) });
  }
  return result;
}
