/**
 * Conditions for conditional seasonalities, Prophet's `condition_name`: a seasonality with a condition is
 * active only where the condition holds, and zero elsewhere. Prophet reads a boolean column of the data frame
 * (history and future); here a condition is a rule of the calendar, so it holds at any time, past or future:
 *
 * - `weekday`: Monday to Friday, and `weekend`: Saturday and Sunday, in the holiday calendar's zone
 *   (`holidays_tz_offset_minutes`). The days of `country_holidays` (substitute and observed days included)
 *   are off days: a holiday on a Wednesday is `weekend`, not `weekday`.
 * - custom `conditions`: `{ name, weekdays: ['sat', 'sun'] }` (days of the week in the same zone) or
 *   `{ name, ranges: [[start_ms, end_ms], ...] }` (half-open epoch-ms ranges).
 *
 * The design kernel reads a condition as an ActiveCondition (types.ts): week ranges plus the intervals where
 * their answer flips.
 */
import { ModelInputError } from './errors';
import { countryHolidays, countryYearRange, type Holiday } from './holidays';
import { parseDay, weekday as dayOfWeek } from './holidays/calendarDate';
import { WEEK_MS } from './kernels';
import { MODEL_LIMITS } from './limits';
import type { ActiveCondition, CustomCondition, ModelParams, WeekdayName } from './types';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The built-in conditions: work days and off days. */
export const BUILT_IN_CONDITIONS = ['weekday', 'weekend'] as const;

/** Day names in week-phase order: the phase starts on Monday 00:00 in the calendar's zone. */
const WEEKDAY_NAMES: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Work days are the first five days of the phase, off days the last two. */
const WORK_WEEK = [0, 5 * DAY_MS];
const OFF_WEEK = [5 * DAY_MS, 7 * DAY_MS];

/** Years of a calendar worth listing for times from `first` to `last`: one before, two after (predictions ahead). */
function calendarYears(first: number, last: number, tzOffsetMinutes: number): { from: number; to: number } {
  const year = (ms: number) => new Date(ms + tzOffsetMinutes * MINUTE_MS).getUTCFullYear();
  return { from: year(first) - 1, to: year(last) + 2 };
}

/**
 * A country's holidays dated around [first, last] (see calendarYears), within the years its calendar covers:
 * outside them a series simply has no holidays.
 */
export function countryCalendar(country: string, first: number, last: number, tzOffsetMinutes: number): Holiday[] {
  const years = calendarYears(first, last, tzOffsetMinutes);
  try {
    const range = countryYearRange(country);
    const from = Math.max(years.from, range.fromYear);
    const to = Math.min(years.to, range.toYear);
    return from <= to ? countryHolidays(country, from, to) : [];
  } catch (e) {
    throw new ModelInputError(e instanceof Error ? e.message : String(e));
  }
}

/** Local day numbers (days since 1970-01-01 in the calendar's zone) of `country_holidays` that fall Monday to Friday. */
function holidaysOnWorkDays(params: ModelParams, first: number, last: number): number[] {
  const days = new Set<number>();
  for (const country of params.country_holidays) {
    for (const h of countryCalendar(country, first, last, params.holidays_tz_offset_minutes)) {
      const day = parseDay(h.date);
      const dow = day === undefined ? 0 : dayOfWeek(day);
      if (day !== undefined && dow >= 1 && dow <= 5) {
        days.add(day);
      }
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** Consecutive local days as merged [start, end) epoch-ms intervals, flattened. */
function dayIntervals(days: number[], tzOffsetMinutes: number): number[] {
  const out: number[] = [];
  for (const day of days) {
    const start = day * DAY_MS - tzOffsetMinutes * MINUTE_MS;
    if (out.length > 0 && out[out.length - 1] === start) {
      out[out.length - 1] = start + DAY_MS;
    } else {
      out.push(start, start + DAY_MS);
    }
  }
  return out;
}

/** Sorted, merged [start, end) ranges, flattened. */
function mergedRanges(ranges: Array<[number, number]>): number[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of sorted) {
    if (out.length > 0 && start <= out[out.length - 1]) {
      out[out.length - 1] = Math.max(out[out.length - 1], end);
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/** The week ranges of the listed days, merged. */
function weekdayRanges(names: WeekdayName[]): number[] {
  return mergedRanges(
    names.map((name) => {
      const start = WEEKDAY_NAMES.indexOf(name) * DAY_MS;
      return [start, start + DAY_MS] as [number, number];
    })
  );
}

/**
 * The condition `name` (built in or from `params.conditions`) as the design kernel reads it, for a model
 * trained from `first` to `last` (holidays are listed around that span, as the holiday columns are).
 */
export function activeCondition(name: string, params: ModelParams, first: number, last: number): ActiveCondition {
  const tz = params.holidays_tz_offset_minutes;
  // Phase 0 is Monday 00:00 in the zone; the epoch fell on a Thursday, four days after a Monday.
  const weekOffset = tz * MINUTE_MS - 4 * DAY_MS;
  if (name === 'weekday' || name === 'weekend') {
    return {
      week_offset_ms: weekOffset,
      week: name === 'weekday' ? WORK_WEEK : OFF_WEEK,
      flip: dayIntervals(holidaysOnWorkDays(params, first, last), tz),
    };
  }
  const custom = params.conditions.find((c) => c.name === name);
  if (custom === undefined) {
    throw new ModelInputError(`condition_name "${name}" is not a condition (weekday, weekend or one of conditions)`);
  }
  if (custom.weekdays !== undefined) {
    return { week_offset_ms: weekOffset, week: weekdayRanges(custom.weekdays), flip: [] };
  }
  // Never in the week, reversed inside the ranges: active exactly there.
  return { week_offset_ms: 0, week: [], flip: mergedRanges(custom.ranges ?? []) };
}

/** Whether the condition holds at `ms`: the design kernel's rule, for a few times (days, not points). */
export function conditionHolds(condition: ActiveCondition, ms: number): boolean {
  let phase = (ms + condition.week_offset_ms) % WEEK_MS;
  if (phase < 0) {
    phase += WEEK_MS;
  }
  let inWeek = false;
  for (let j = 0; j < condition.week.length; j += 2) {
    inWeek = inWeek || (condition.week[j] <= phase && phase < condition.week[j + 1]);
  }
  let inFlip = false;
  for (let j = 0; j < condition.flip.length; j += 2) {
    inFlip = inFlip || (condition.flip[j] <= ms && ms < condition.flip[j + 1]);
  }
  return inWeek !== inFlip;
}

function checkCondition(c: CustomCondition, names: Set<string>): void {
  if (!c || typeof c.name !== 'string' || c.name === '') {
    throw new ModelInputError('every condition needs a name');
  }
  if ((BUILT_IN_CONDITIONS as readonly string[]).includes(c.name) || names.has(c.name)) {
    throw new ModelInputError(`condition "${c.name}" is defined twice (weekday and weekend are built in)`);
  }
  names.add(c.name);
  if ((c.weekdays === undefined) === (c.ranges === undefined)) {
    throw new ModelInputError(`condition "${c.name}" needs exactly one of weekdays and ranges`);
  }
  if (c.weekdays !== undefined) {
    if (!Array.isArray(c.weekdays) || c.weekdays.length === 0 || c.weekdays.length > WEEKDAY_NAMES.length) {
      throw new ModelInputError(`condition "${c.name}" weekdays must list 1 to 7 days, e.g. ["sat", "sun"]`);
    }
    for (const d of c.weekdays) {
      if (!WEEKDAY_NAMES.includes(d)) {
        throw new ModelInputError(
          `condition "${c.name}" weekday ${JSON.stringify(d)} is not one of ${WEEKDAY_NAMES.join(', ')}`
        );
      }
    }
    return;
  }
  if (!Array.isArray(c.ranges)) {
    throw new ModelInputError(`condition "${c.name}" ranges must be a list of [start_ms, end_ms] pairs`);
  }
  if (c.ranges.length > MODEL_LIMITS.conditionRanges) {
    throw new ModelInputError(
      `condition "${c.name}" ranges has ${c.ranges.length} entries; the limit is ${MODEL_LIMITS.conditionRanges}`
    );
  }
  for (const r of c.ranges as unknown[]) {
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[1] > r[0])) {
      throw new ModelInputError(
        `condition "${c.name}" ranges must be [start_ms, end_ms] pairs of numbers with end after start, got ${JSON.stringify(r)}`
      );
    }
  }
}

/** Validates `conditions`, `daily_seasonality_by_day_kind` and the seasonalities' `condition_name`. */
export function checkConditions(params: ModelParams): void {
  const byDayKind = params.daily_seasonality_by_day_kind;
  if (byDayKind !== 'auto' && typeof byDayKind !== 'boolean') {
    throw new ModelInputError(
      `daily_seasonality_by_day_kind must be "auto", true or false, got ${JSON.stringify(byDayKind)}`
    );
  }
  if (!Array.isArray(params.conditions)) {
    throw new ModelInputError('conditions must be a list');
  }
  if (params.conditions.length > MODEL_LIMITS.conditions) {
    throw new ModelInputError(
      `conditions has ${params.conditions.length} entries; the limit is ${MODEL_LIMITS.conditions}`
    );
  }
  const names = new Set<string>();
  for (const c of params.conditions) {
    checkCondition(c, names);
  }
  for (const s of params.seasonalities) {
    const name = s.condition_name;
    if (name !== undefined && !(BUILT_IN_CONDITIONS as readonly string[]).includes(name) && !names.has(name)) {
      throw new ModelInputError(
        `seasonality "${s.name}" condition_name ${JSON.stringify(name)} is not weekday, weekend or one of conditions`
      );
    }
  }
}
