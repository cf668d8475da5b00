/** One holiday on one calendar date (`YYYY-MM-DD`, in the calendar's own zone). */
export interface Holiday {
  name: string;
  date: string;
}

/** A country's calendar: the years it is correct for and the holidays dated in one year. */
export interface HolidayCalendar {
  firstYear: number;
  lastYear: number;
  /** Holidays whose date falls in `year`, sorted by date. */
  holidaysInYear(year: number): Holiday[];
}
