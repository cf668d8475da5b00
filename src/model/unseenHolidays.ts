/**
 * A holiday the model has not learned widens the band. The calendar says the day is special, not how: a first
 * Chuseok in a 28-day window, or a holiday seen only for its first hours, gets at most the calendar's shared
 * effect, and its traffic may sit tens of percent away from it on either side. Judged in the ordinary band, such
 * a day fires an alert per holiday; the extra variance (`holidays_unseen_scale` of the expectation, one standard
 * deviation) lets only what is far beyond any holiday's effect (an outage) through.
 */
import { unlearnedHolidayIntervals, type ComponentColumns } from './features';
import type { ModelParams } from './types';

/** The default of `holidays_unseen_scale` (params.ts). */
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

/**
 * Extra variance (y units²) per time: (scale · base)² on the days of holidays without a column of their own in
 * `components`, 0 elsewhere; null when there are none among `ts` (or the scale is 0). `base` is the expectation
 * without holiday effects, aligned with `ts`.
 */
export function unseenHolidayVariance(
  params: ModelParams,
  components: readonly ComponentColumns[],
  ts: Float64Array,
  base: Float64Array
): Float64Array | null {
  // Models saved before the parameter existed read it as its default.
  const scale = params.holidays_unseen_scale ?? DEFAULT_UNSEEN_SCALE;
  if (!(scale > 0)) {
    return null;
  }
  const learned = new Set(components.filter((c) => c.kind === 'holiday').map((c) => c.name));
  const days = holidayDays(params, ts, learned);
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
