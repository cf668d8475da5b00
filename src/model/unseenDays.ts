/**
 * Days of a kind the model has not learned widen the band: holidays without an effect of their own, and weekends
 * before training holds one. The calendar says the day is special, not how: a first Chuseok in a 28-day window,
 * or a holiday seen only for its first hours, gets at most the calendar's shared effect, and a series' first
 * Saturday gets the work days' shape; their traffic may sit tens of percent away on either side. Judged in the
 * ordinary band, such a day fires an alert; the extra variance (`unseen_days_scale` of the expectation, one
 * standard deviation) lets only what is far beyond any day's effect (an outage) through.
 */
import { activeCondition, conditionHolds } from './conditions';
import { unlearnedHolidayIntervals, type ComponentColumns } from './features';
import type { ActiveCondition, ModelParams } from './types';

const DAY_MS = 86_400_000;

/** The default of `unseen_days_scale` (params.ts). */
export const DEFAULT_UNSEEN_SCALE = 0.15;

/**
 * Which times fall on a day of a holiday the parameters name (window days included) whose holiday and window day
 * is not among `learned` (column names); null when none does. With no `learned`, every holiday day counts.
 */
export function holidayDays(
  params: ModelParams,
  ts: Float64Array,
  learned: ReadonlySet<string> = new Set()
): Uint8Array | null {
  const n = ts.length;
  if (n === 0 || (params.country_holidays.length === 0 && params.holidays.length === 0)) {
    return null;
  }
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    first = Math.min(first, ts[i]);
    last = Math.max(last, ts[i]);
  }
  const intervals = overlapping(unlearnedHolidayIntervals(params, learned, first, last), first, last);
  if (intervals.length === 0) {
    return null;
  }
  let out: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (insideAny(intervals, ts[i])) {
      out ??= new Uint8Array(n);
      out[i] = 1;
    }
  }
  return out;
}

/** Saturday and Sunday in the holiday calendar's zone (holidays left to holidayDays). */
function plainWeekend(params: ModelParams): ActiveCondition {
  return { ...activeCondition('weekend', params, 0, 0), flip: [] };
}

/** Training as a day test sees it: its first and last times and how many points lie between. */
export interface TrainingSpan {
  start: number;
  end: number;
  points: number;
}

/**
 * Whether training holds a whole weekend day (in the calendar's zone), as a holiday needs a whole occurrence for
 * an effect of its own: the first hours of a Saturday say little about its evening. As for holidays, a day's
 * first and last points stand for its edges within one step (the training's mean spacing): daily data's one
 * point is its day, 5-minute data starting at 00:05 holds it.
 */
function holdsWholeWeekendDay(weekend: ActiveCondition, tzOffsetMinutes: number, span: TrainingSpan): boolean {
  const { start: first, end: last } = span;
  if (last - first >= 8 * DAY_MS) {
    return true;
  }
  const step = span.points > 1 ? (last - first) / (span.points - 1) : DAY_MS;
  const zone = tzOffsetMinutes * 60_000;
  for (let day = Math.floor((first + zone) / DAY_MS) * DAY_MS - zone; day + DAY_MS - step <= last; day += DAY_MS) {
    if (first - step <= day && conditionHolds(weekend, day + DAY_MS / 2)) {
      return true;
    }
  }
  return false;
}

/**
 * Which times fall on a day of a kind the model has not learned (see the top of this file): holidays whose name and
 * window day are not among `learned` (every holiday when it is empty), and weekends when training (`history`,
 * [start, end]) held no whole weekend day; null when none does.
 */
export function unlearnedDays(
  params: ModelParams,
  learned: ReadonlySet<string>,
  history: TrainingSpan,
  ts: Float64Array
): Uint8Array | null {
  const holidays = holidayDays(params, ts, learned);
  if (holdsWholeWeekend(params, history)) {
    return holidays;
  }
  const weekend = plainWeekend(params);
  let out = holidays;
  for (let i = 0; i < ts.length; i++) {
    if (conditionHolds(weekend, ts[i])) {
      out ??= new Uint8Array(ts.length);
      out[i] = 1;
    }
  }
  return out;
}

/**
 * Extra variance (y units²) per time: (scale · base)² on the days unlearnedDays finds for a decomposition with
 * `components`, 0 elsewhere; null when there are none among `ts` (or the scale is 0). `base` is the expectation
 * without holiday effects, aligned with `ts`.
 */
export function unseenDayVariance(
  params: ModelParams,
  components: readonly ComponentColumns[],
  history: TrainingSpan,
  ts: Float64Array,
  base: Float64Array
): Float64Array | null {
  // Models saved before the parameter existed read it as its default.
  const scale = params.unseen_days_scale ?? DEFAULT_UNSEEN_SCALE;
  if (!(scale > 0) || ts.length === 0) {
    return null;
  }
  const learned = new Set(components.filter((c) => c.kind === 'holiday').map((c) => c.name));
  const days = unlearnedDays(params, learned, history, ts);
  if (days === null) {
    return null;
  }
  const out = new Float64Array(ts.length);
  for (let i = 0; i < out.length; i++) {
    if (days[i] === 1) {
      const spread = scale * base[i];
      out[i] = spread * spread;
    }
  }
  return out;
}

/** The intervals (flattened [start, end) pairs) that meet [first, last]. */
function overlapping(intervals: readonly number[], first: number, last: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < intervals.length; k += 2) {
    if (intervals[k] <= last && intervals[k + 1] > first) {
      out.push(intervals[k], intervals[k + 1]);
    }
  }
  return out;
}

function insideAny(intervals: readonly number[], t: number): boolean {
  for (let k = 0; k < intervals.length; k += 2) {
    if (t >= intervals[k] && t < intervals[k + 1]) {
      return true;
    }
  }
  return false;
}

/**
 * How many of the training points (sorted times) to learn from, so that a first weekend still in progress at the end
 * of training is not learned from its first hours: with no whole weekend day before it, the trend follows the
 * partial day's level and carries it on, and a first Saturday evening is expected far below anything seen (on
 * hourly clean data that alone made 42 of the 76 points scoring 0.5 or more in 20 seeds of 30 days). Those points
 * are judged in the band widened for unseen days instead, against the work days' shape. Everything is kept when
 * training holds a whole weekend day, when it does not end on a weekend, when less than a day would remain, or
 * when `unseen_days_scale` is 0 (no allowance for unseen days: the plain decomposition).
 */
export function keptBeforeUnlearnedWeekend(params: ModelParams, ts: Float64Array): number {
  const n = ts.length;
  // Most training holds a whole weekend day (any of eight days or more does): nothing to walk.
  if (
    n < 2 ||
    !((params.unseen_days_scale ?? DEFAULT_UNSEEN_SCALE) > 0) ||
    holdsWholeWeekend(params, { start: ts[0], end: ts[n - 1], points: n })
  ) {
    return n;
  }
  const weekend = plainWeekend(params);
  let keep = n;
  while (keep > 0 && conditionHolds(weekend, ts[keep - 1])) {
    keep--;
  }
  return keep === n || keep < 2 || ts[keep - 1] - ts[0] < DAY_MS ? n : keep;
}

/**
 * Whether a fit on this training leaves weekend points it meets later to a full fit (keptBeforeUnlearnedWeekend's
 * rule, for an update adding them): the allowance for unseen days is on, training holds no whole weekend day, and
 * it spans a day or more (a shorter one keeps its weekend points).
 */
export function leavesWeekendToRefit(params: ModelParams, history: TrainingSpan): boolean {
  return (
    (params.unseen_days_scale ?? DEFAULT_UNSEEN_SCALE) > 0 &&
    history.end - history.start >= DAY_MS &&
    !holdsWholeWeekend(params, history)
  );
}

/** Whether training (its span) holds a whole weekend day in the calendar's zone: weekends are learned from then on. */
export function holdsWholeWeekend(params: ModelParams, history: TrainingSpan): boolean {
  return holdsWholeWeekendDay(plainWeekend(params), params.holidays_tz_offset_minutes, history);
}

/** Whether any of the times falls on a Saturday or Sunday in the calendar's zone. */
export function anyOnWeekend(params: ModelParams, ts: Float64Array): boolean {
  const weekend = plainWeekend(params);
  return ts.some((t) => conditionHolds(weekend, t));
}
