/**
 * US federal holidays (5 U.S.C. 6103) with the federal observance rule: a holiday on a Saturday is
 * observed on the Friday before, one on a Sunday on the Monday after. Both the date itself and the
 * observed day are listed, the latter as "<name> (observed)". Inauguration Day (Washington, D.C. area
 * only, every four years) is left out.
 */
import {
  dayNumber,
  formatDay,
  FRIDAY,
  lastWeekdayOfMonth,
  MONDAY,
  nthWeekdayOfMonth,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  weekday,
} from './calendarDate';
import type { Holiday, HolidayCalendar } from './holiday';

// The Uniform Monday Holiday Act took effect in 1971; before that several dates differ.
const FIRST_YEAR = 1971;
const LAST_YEAR = 2100;

interface Dated {
  name: string;
  day: number;
  /** Fixed-date holidays move to a weekday when they fall on a weekend. */
  observable: boolean;
}

function holidaysOfYear(year: number): Dated[] {
  const fixed = (month: number, dayOfMonth: number, name: string): Dated => ({
    name,
    day: dayNumber(year, month, dayOfMonth),
    observable: true,
  });
  const floating = (day: number, name: string): Dated => ({ name, day, observable: false });

  const list: Dated[] = [fixed(1, 1, "New Year's Day")];
  if (year >= 1986) {
    list.push(floating(nthWeekdayOfMonth(year, 1, MONDAY, 3), 'Martin Luther King Jr. Day'));
  }
  list.push(floating(nthWeekdayOfMonth(year, 2, MONDAY, 3), "Washington's Birthday"));
  list.push(floating(lastWeekdayOfMonth(year, 5, MONDAY), 'Memorial Day'));
  if (year >= 2021) {
    list.push(fixed(6, 19, 'Juneteenth National Independence Day'));
  }
  list.push(fixed(7, 4, 'Independence Day'));
  list.push(floating(nthWeekdayOfMonth(year, 9, MONDAY, 1), 'Labor Day'));
  list.push(floating(nthWeekdayOfMonth(year, 10, MONDAY, 2), 'Columbus Day'));
  // Veterans Day sat on the 4th Monday of October from 1971 to 1977.
  list.push(
    year >= 1978 ? fixed(11, 11, 'Veterans Day') : floating(nthWeekdayOfMonth(year, 10, MONDAY, 4), 'Veterans Day')
  );
  list.push(floating(nthWeekdayOfMonth(year, 11, THURSDAY, 4), 'Thanksgiving Day'));
  list.push(fixed(12, 25, 'Christmas Day'));
  return list;
}

function observedDay(day: number): number {
  const dow = weekday(day);
  if (dow === SATURDAY) {
    return day - (SATURDAY - FRIDAY);
  }
  return dow === SUNDAY ? day + 1 : day;
}

/** Holidays and observed days of `year` (as a holiday year), before filtering by calendar year. */
function withObservedDays(year: number): Dated[] {
  const out: Dated[] = [];
  for (const holiday of holidaysOfYear(year)) {
    out.push(holiday);
    const observed = holiday.observable ? observedDay(holiday.day) : holiday.day;
    if (observed !== holiday.day) {
      out.push({ name: holiday.name + ' (observed)', day: observed, observable: false });
    }
  }
  return out;
}

function holidaysInYear(year: number): Holiday[] {
  // New Year's Day on a Saturday is observed on December 31 of the year before.
  const candidates = [...withObservedDays(year), ...withObservedDays(year + 1)];
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  const inYear = candidates.filter((h) => h.day >= first && h.day <= last);
  const order = inYear.map((_, i) => i).sort((a, b) => inYear[a].day - inYear[b].day || a - b);
  return order.map((i) => ({ name: inYear[i].name, date: formatDay(inYear[i].day) }));
}

export const UNITED_STATES: HolidayCalendar = { firstYear: FIRST_YEAR, lastYear: LAST_YEAR, holidaysInYear };
