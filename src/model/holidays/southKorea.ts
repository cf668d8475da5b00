/**
 * Public holidays of South Korea (Regulations on Holidays of Government Offices / Public Holidays Act).
 *
 * Not included: election days and one-off temporary holidays (임시공휴일, e.g. 2023-10-02, 2024-10-01,
 * 2025-01-27), which are declared case by case; Sundays, which the law also counts as holidays.
 */
import { dayNumber, formatDay, SATURDAY, SUNDAY, weekday, isWeekend } from './calendarDate';
import { FIRST_LUNAR_YEAR, koreanLunarHolidays, LAST_LUNAR_YEAR } from './koreanLunarDates';
import type { Holiday, HolidayCalendar } from './holiday';

/**
 * When a holiday lost to a weekend or to another holiday earns a substitute day:
 * - `none`: never (New Year's Day, Memorial Day, …);
 * - `sunday-or-overlap`: Seollal and Chuseok from 2014, when a day of the three falls on a Sunday or
 *   on another holiday (a Saturday does not count);
 * - `weekend-or-overlap`: Children's Day from 2014, the national days from 2021, Buddha's Birthday and
 *   Christmas from 2023, Labor Day and Constitution Day from 2026: on a Saturday, Sunday or another holiday.
 */
type SubstituteRule = 'none' | 'sunday-or-overlap' | 'weekend-or-overlap';

interface Occurrence {
  name: string;
  day: number;
  rule: SubstituteRule;
  /** The substitute comes after this day: the last day of a three-day Seollal/Chuseok block, else `day`. */
  substituteAfter: number;
  /** Name used for the substitute day. */
  substituteName: string;
}

const FIRST_YEAR = FIRST_LUNAR_YEAR;
const LAST_YEAR = LAST_LUNAR_YEAR;

function fixed(year: number, month: number, dayOfMonth: number, name: string, rule: SubstituteRule): Occurrence {
  const day = dayNumber(year, month, dayOfMonth);
  return { name, day, rule, substituteAfter: day, substituteName: name };
}

/** Day before, day of and day after a lunar festival; `mmdd` is the Gregorian date of its middle day. */
function threeDayBlock(year: number, mmdd: string, name: string, rule: SubstituteRule): Occurrence[] {
  const middle = dayNumber(year, Number(mmdd.slice(0, 2)), Number(mmdd.slice(3, 5)));
  const names = [name + ' (day before)', name, name + ' (day after)'];
  return names.map((dayName, i) => ({
    name: dayName,
    day: middle - 1 + i,
    rule,
    substituteAfter: middle + 1,
    substituteName: name,
  }));
}

/** The holidays of `year` before substitutes, in a fixed order (which one keeps a shared date). */
function baseHolidays(year: number): Occurrence[] {
  const lunar = koreanLunarHolidays(year);
  if (!lunar || lunar[0] !== year) {
    throw new Error(`Korean lunar dates are not known for ${year}`);
  }
  const [, seollal, buddhasBirthday, chuseok] = lunar;
  const from = (firstYear: number, rule: SubstituteRule): SubstituteRule => (year >= firstYear ? rule : 'none');
  const festival = from(2014, 'sunday-or-overlap');
  const national = from(2021, 'weekend-or-overlap');
  const occurrences: Occurrence[] = [
    fixed(year, 1, 1, "New Year's Day", 'none'),
    ...threeDayBlock(year, seollal, 'Seollal', festival),
    fixed(year, 3, 1, 'Independence Movement Day', national),
  ];
  if (year <= 2005) {
    occurrences.push(fixed(year, 4, 5, 'Arbor Day', 'none'));
  }
  if (year >= 2026) {
    occurrences.push(fixed(year, 5, 1, 'Labor Day', 'weekend-or-overlap'));
  }
  occurrences.push(fixed(year, 5, 5, "Children's Day", from(2014, 'weekend-or-overlap')));
  const [buddhaMonth, buddhaDay] = [Number(buddhasBirthday.slice(0, 2)), Number(buddhasBirthday.slice(3, 5))];
  occurrences.push(fixed(year, buddhaMonth, buddhaDay, "Buddha's Birthday", from(2023, 'weekend-or-overlap')));
  occurrences.push(fixed(year, 6, 6, 'Memorial Day', 'none'));
  if (year <= 2007 || year >= 2026) {
    occurrences.push(fixed(year, 7, 17, 'Constitution Day', from(2026, 'weekend-or-overlap')));
  }
  occurrences.push(fixed(year, 8, 15, 'Liberation Day', national));
  occurrences.push(...threeDayBlock(year, chuseok, 'Chuseok', festival));
  occurrences.push(fixed(year, 10, 3, 'National Foundation Day', national));
  if (year >= 2013) {
    occurrences.push(fixed(year, 10, 9, 'Hangeul Day', national));
  }
  occurrences.push(fixed(year, 12, 25, 'Christmas Day', from(2023, 'weekend-or-overlap')));
  return occurrences;
}

/**
 * The occurrences that lose their day and earn a substitute. On a Sunday every holiday is lost, on a
 * Saturday too (but only `weekend-or-overlap` ones earn a substitute for it); on a weekday shared by several
 * holidays one of them keeps the day — one without substitute rights if there is one, else the first.
 */
function lostOccurrences(onOneDay: Occurrence[]): Occurrence[] {
  const dow = weekday(onOneDay[0].day);
  if (dow === SUNDAY) {
    return onOneDay.filter((o) => o.rule !== 'none');
  }
  if (dow === SATURDAY) {
    return onOneDay.filter((o) => o.rule === 'weekend-or-overlap');
  }
  const keeperIndex = Math.max(
    0,
    onOneDay.findIndex((o) => o.rule === 'none')
  );
  return onOneDay.filter((o, i) => i !== keeperIndex && o.rule !== 'none');
}

function groupByDay(occurrences: Occurrence[]): Occurrence[][] {
  const groups: Record<number, Occurrence[]> = {};
  const days: number[] = [];
  for (const o of occurrences) {
    if (!groups[o.day]) {
      groups[o.day] = [];
      days.push(o.day);
    }
    groups[o.day].push(o);
  }
  return days.sort((a, b) => a - b).map((day) => groups[day]);
}

/**
 * Substitute days: each lost holiday gets the first day after it (after the whole block for
 * Seollal/Chuseok) that is neither a weekend nor a holiday nor an earlier substitute.
 */
function substituteHolidays(occurrences: Occurrence[]): Occurrence[] {
  const taken: Record<number, true> = {};
  for (const o of occurrences) {
    taken[o.day] = true;
  }
  const lost: Occurrence[] = [];
  for (const group of groupByDay(occurrences)) {
    lost.push(...lostOccurrences(group));
  }
  // Like linear probing, the set of days handed out does not depend on this order; it only decides which
  // name goes on which day, and the earlier holiday taking the earlier day reads naturally.
  const byStart = lost.map((_, i) => i).sort((a, b) => lost[a].substituteAfter - lost[b].substituteAfter || a - b);
  const substitutes: Occurrence[] = [];
  for (const o of byStart.map((i) => lost[i])) {
    let day = o.substituteAfter + 1;
    while (taken[day] || isWeekend(day)) {
      day++;
    }
    taken[day] = true;
    const name = `Substitute Holiday (${o.substituteName})`;
    substitutes.push({ name, day, rule: 'none', substituteAfter: day, substituteName: name });
  }
  return substitutes;
}

function holidaysInYear(year: number): Holiday[] {
  const base = baseHolidays(year);
  const all = [...base, ...substituteHolidays(base)];
  // Explicit tie-break on list order: the sort must not rely on engine sort stability (goja).
  const order = all.map((_, i) => i).sort((a, b) => all[a].day - all[b].day || a - b);
  return order.map((i) => ({ name: all[i].name, date: formatDay(all[i].day) }));
}

export const SOUTH_KOREA: HolidayCalendar = { firstYear: FIRST_YEAR, lastYear: LAST_YEAR, holidaysInYear };
