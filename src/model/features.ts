import { activeCondition, countryCalendar } from './conditions';
import { holidayIntervals } from './holidays';
import { checkDesignWidth, type WidthParts } from './limits';
import type { ActiveCondition, DesignLayout, ModelParams, SeasonalitySwitch } from './types';

const DAY_MS = 86_400_000;

/** Where a component's columns sit in the design matrix and how it is regularised. */
export interface ComponentColumns {
  name: string;
  kind: 'trend' | 'seasonality' | 'holiday';
  from: number;
  to: number;
  prior_scale: number;
  multiplicative: boolean;
}

export interface FeaturePlan {
  layout: DesignLayout;
  components: ComponentColumns[];
  /** Holiday column labels, aligned with layout.indicators. */
  holiday_columns: string[];
}

/** Prophet's changepoint placement: evenly by row over the first `changepoint_range` of history. */
export function placeChangepoints(timestamps: Float64Array, params: ModelParams): number[] {
  if (params.growth === 'flat') {
    return [];
  }
  const first = timestamps[0];
  const last = timestamps[timestamps.length - 1];
  if (params.changepoints !== undefined) {
    return params.changepoints.filter((c) => c > first && c < last).sort((a, b) => a - b);
  }
  const n = timestamps.length;
  const histSize = Math.floor(n * params.changepoint_range);
  const count = Math.min(params.n_changepoints, Math.max(0, histSize - 1));
  const out: number[] = [];
  for (let j = 1; j <= count; j++) {
    const index = Math.round(((histSize - 1) * j) / count);
    const c = timestamps[index];
    // Duplicate timestamps could repeat a changepoint; a repeated hinge column adds nothing.
    if (c > first && (out.length === 0 || c > out[out.length - 1])) {
      out.push(c);
    }
  }
  return out;
}

function smallestSpacing(timestamps: Float64Array): number {
  let min = Infinity;
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i] - timestamps[i - 1];
    if (d > 0 && d < min) {
      min = d;
    }
  }
  return min;
}

function resolveOrder(setting: SeasonalitySwitch, autoOn: boolean, defaultOrder: number): number {
  if (setting === 'auto') {
    return autoOn ? defaultOrder : 0;
  }
  if (setting === true) {
    return defaultOrder;
  }
  if (setting === false) {
    return 0;
  }
  return setting;
}

interface SeasonalityPlan {
  name: string;
  period_ms: number;
  order: number;
  prior_scale: number;
  multiplicative: boolean;
  /** Where the seasonality is active (a `condition_name`); always when absent. */
  active?: ActiveCondition;
  /** With `active`: a column of its own for the level of the days it covers. */
  level?: boolean;
}

/**
 * The conditional seasonalities that replace the daily one (`daily_seasonality_by_day_kind`). Off days also get
 * a level of their own: the weekly seasonality's few Fourier pairs cannot step between a work day and a day off.
 */
export const DAY_KIND_SEASONALITIES = [
  { name: 'daily_weekday', condition: 'weekday', level: false },
  { name: 'daily_weekend', condition: 'weekend', level: true },
] as const;

/** Whether the built-in daily seasonality may be split by day kind: not when a custom `daily` replaces it. */
function dailyIsBuiltIn(params: ModelParams): boolean {
  return !params.seasonalities.some((s) => s.name === 'daily');
}

interface BuiltInSeasonality {
  name: 'yearly' | 'weekly' | 'daily';
  days: number;
  /** Prophet's Fourier order when the switch is 'auto' or true. */
  order: number;
}

const BUILT_IN_SEASONALITIES: readonly BuiltInSeasonality[] = [
  { name: 'yearly', days: 365.25, order: 10 },
  { name: 'weekly', days: 7, order: 3 },
  { name: 'daily', days: 1, order: 4 },
];

/**
 * The most columns the parameters allow whatever the data: 'auto' seasonalities counted as on, every
 * changepoint placed and every custom holiday day seen. Country calendars are left out: which of their
 * holidays get a column depends on the training window (planFeatures checks the planned total).
 */
export function widestDesign(params: ModelParams): WidthParts {
  const trend = params.growth === 'linear' ? 2 + (params.changepoints?.length ?? params.n_changepoints) : 1;
  const orders = new Map<string, number>();
  let levels = 0;
  for (const { name, order } of BUILT_IN_SEASONALITIES) {
    orders.set(name, resolveOrder(params[`${name}_seasonality`], true, order));
  }
  for (const s of params.seasonalities) {
    orders.set(s.name, s.fourier_order);
  }
  // A forced split doubles the daily columns. The 'auto' split is counted once training shows it (planFeatures),
  // as country calendars are: it depends on the data.
  if (params.daily_seasonality_by_day_kind === true && dailyIsBuiltIn(params)) {
    orders.set(DAY_KIND_SEASONALITIES[1].name, orders.get('daily') ?? 0);
    levels += 1;
  }
  const windows = new Map<string, number>();
  for (const h of params.holidays) {
    windows.set(h.name, (h.upper_window ?? 0) - (h.lower_window ?? 0) + 1);
  }
  const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
  return { trend, seasonalities: 2 * sum(orders.values()) + levels, holidays: sum(windows.values()) };
}

/**
 * Built-in seasonalities switched on by span and spacing as Prophet does (span counting the last step), then the
 * custom ones. With `splitDaily`, the built-in daily seasonality is two conditional ones, work days and off days.
 */
export function planSeasonalities(
  timestamps: Float64Array,
  params: ModelParams,
  spacing = smallestSpacing(timestamps),
  splitDaily = false
): SeasonalityPlan[] {
  const first = timestamps[0];
  const last = timestamps[timestamps.length - 1];
  // Time the data covers: the last point stands for one more step. Prophet measures last − first, so
  // two weeks of 5-minute data (4,032 points, 13.997 days) would lose its weekly cycle there.
  const span = timestamps[timestamps.length - 1] - timestamps[0] + (Number.isFinite(spacing) ? spacing : 0);
  const multiplicative = params.seasonality_mode === 'multiplicative';
  const autoOn: Record<BuiltInSeasonality['name'], boolean> = {
    yearly: span >= 730 * DAY_MS,
    weekly: span >= 14 * DAY_MS && spacing < 7 * DAY_MS,
    daily: span >= 2 * DAY_MS && spacing < DAY_MS,
  };
  const out: SeasonalityPlan[] = [];
  for (const { name, days, order } of BUILT_IN_SEASONALITIES) {
    const resolved = resolveOrder(params[`${name}_seasonality`], autoOn[name], order);
    if (resolved > 0 && name === 'daily' && splitDaily && dailyIsBuiltIn(params)) {
      for (const kind of DAY_KIND_SEASONALITIES) {
        out.push({
          name: kind.name,
          period_ms: DAY_MS,
          order: resolved,
          prior_scale: params.seasonality_prior_scale,
          multiplicative,
          active: activeCondition(kind.condition, params, first, last),
          level: kind.level,
        });
      }
    } else if (resolved > 0) {
      out.push({
        name,
        period_ms: days * DAY_MS,
        order: resolved,
        prior_scale: params.seasonality_prior_scale,
        multiplicative,
      });
    }
  }
  for (const s of params.seasonalities) {
    const index = out.findIndex((o) => o.name === s.name);
    const plan: SeasonalityPlan = {
      name: s.name,
      period_ms: s.period_days * DAY_MS,
      order: s.fourier_order,
      prior_scale: s.prior_scale ?? params.seasonality_prior_scale,
      multiplicative: (s.mode ?? params.seasonality_mode) === 'multiplicative',
      ...(s.condition_name === undefined ? {} : { active: activeCondition(s.condition_name, params, first, last) }),
    };
    if (index >= 0) {
      out[index] = plan;
    } else {
      out.push(plan);
    }
  }
  return out;
}

/** Label of the column every holiday of a country calendar shares. */
export const POOLED_LABEL = 'any holiday';

interface HolidayPlan {
  label: string;
  intervals: number[];
  prior_scale: number;
}

interface HolidayGroup {
  dates: string[];
  lower: number;
  upper: number;
  prior: number;
  /** The calendar's shared column, which every one of its holidays takes part in. */
  pooled: boolean;
}

/** Every holiday the parameters name, by column name, with dates around [first, last] (see countryCalendar). */
function holidayGroups(params: ModelParams, first: number, last: number): Map<string, HolidayGroup> {
  const tz = params.holidays_tz_offset_minutes;
  const groups = new Map<string, HolidayGroup>();
  for (const country of params.country_holidays) {
    // Calendars cover a bounded range of years; outside it a series simply gets no holiday columns.
    const list = countryCalendar(country, first, last, tz);
    // Every holiday of the calendar also shares one effect, so a holiday the window has not seen whole
    // yet (Chuseok in a 28-day window: always) takes what the calendar's other holidays showed.
    if (list.length > 0) {
      groups.set(`${country}:${POOLED_LABEL}`, {
        dates: list.map((h) => h.date),
        lower: 0,
        upper: 0,
        prior: params.holidays_prior_scale,
        pooled: true,
      });
    }
    for (const h of list) {
      const key = `${country}:${h.name}`;
      const g = groups.get(key) ?? {
        dates: [],
        lower: params.holidays_lower_window,
        upper: params.holidays_upper_window,
        prior: params.holidays_prior_scale,
        pooled: false,
      };
      g.dates.push(h.date);
      groups.set(key, g);
    }
  }
  for (const h of params.holidays) {
    groups.set(h.name, {
      dates: [...h.dates],
      lower: h.lower_window ?? 0,
      upper: h.upper_window ?? 0,
      prior: h.prior_scale ?? params.holidays_prior_scale,
      pooled: false,
    });
  }
  return groups;
}

/** A holiday window day's column name: the holiday's, with the day's offset when it is not the day itself. */
function holidayLabel(name: string, offset: number): string {
  return offset === 0 ? name : `${name}${offset > 0 ? '+' : ''}${offset}`;
}

/** One holiday window day as a column would hold it: its name, its [start, end) intervals and its prior. */
interface HolidayDayIntervals {
  label: string;
  intervals: number[];
  prior_scale: number;
  /** The calendar's shared column. */
  pooled: boolean;
}

/** Parsing a calendar's dates into intervals on every fit and prediction cost the backend's JavaScript ~1 ms each. */
const HOLIDAY_CACHE_SIZE = 64;
const holidayCache = new Map<string, readonly HolidayDayIntervals[]>();

/**
 * Every holiday window day the parameters name around [first, last], with its intervals. They depend on the times
 * only through the calendar years (countryCalendar lists a year before to two after), so they are remembered by
 * those; the lists returned are shared and must not be changed.
 */
function holidayDayIntervals(params: ModelParams, first: number, last: number): readonly HolidayDayIntervals[] {
  const tz = params.holidays_tz_offset_minutes;
  const year = (ms: number) => new Date(ms + tz * 60_000).getUTCFullYear();
  const key = [
    year(first),
    year(last),
    tz,
    params.holidays_lower_window,
    params.holidays_upper_window,
    params.holidays_prior_scale,
    params.country_holidays.join(','),
    JSON.stringify(params.holidays),
  ].join('|');
  const known = holidayCache.get(key);
  if (known !== undefined) {
    return known;
  }
  const out: HolidayDayIntervals[] = [];
  for (const [name, g] of holidayGroups(params, first, last)) {
    for (const { offset, intervals } of holidayIntervals(g.dates, g.lower, g.upper, tz)) {
      out.push({ label: holidayLabel(name, offset), intervals, prior_scale: g.prior, pooled: g.pooled });
    }
  }
  if (holidayCache.size >= HOLIDAY_CACHE_SIZE) {
    holidayCache.clear();
  }
  holidayCache.set(key, out);
  return out;
}

/**
 * One indicator column per holiday name and window day of which training holds at least one whole
 * occurrence. A holiday seen only in part (its first hours at the end of a window, or its last at the
 * start) gets no column: an effect learned from a few night hours would be applied to the whole day.
 */
export function planHolidays(
  timestamps: Float64Array,
  params: ModelParams,
  spacing = smallestSpacing(timestamps)
): HolidayPlan[] {
  const out: HolidayPlan[] = [];
  for (const day of holidayDayIntervals(params, timestamps[0], timestamps[timestamps.length - 1])) {
    if (holdsWholeOccurrence(day.intervals, timestamps, spacing)) {
      out.push({ label: day.label, intervals: day.intervals, prior_scale: day.prior_scale });
    }
  }
  return out;
}

/**
 * The [start, end) intervals (flattened) of holiday days around [first, last] whose holiday and window day has no
 * column among `learned`: days whose effect the model only guesses (from the calendar's shared column, or not at
 * all for a custom holiday). The shared column itself never counts as learning a day.
 */
export function unlearnedHolidayIntervals(
  params: ModelParams,
  learned: ReadonlySet<string>,
  first: number,
  last: number
): number[] {
  const out: number[] = [];
  for (const day of holidayDayIntervals(params, first, last)) {
    if (!day.pooled && !learned.has(day.label)) {
      out.push(...day.intervals);
    }
  }
  return out;
}

/**
 * Whether one of the [start, end) intervals lies whole within the sorted timestamps' span, one step
 * of tolerance at each edge (a day of 5-minute data ends at 23:55; daily data has one point a day),
 * and holds at least one of them.
 */
function holdsWholeOccurrence(intervals: number[], timestamps: Float64Array, spacing: number): boolean {
  const n = timestamps.length;
  const step = Number.isFinite(spacing) ? spacing : 0;
  const first = timestamps[0];
  const last = timestamps[n - 1];
  for (let k = 0; k < intervals.length; k += 2) {
    const start = intervals[k];
    const end = intervals[k + 1];
    if (first >= start + Math.max(step, 1) || last < end - Math.max(step, 1)) {
      continue;
    }
    // Inline, not d3's bisect: fit/predict code, where sobek runs a d3 search 1.6× slower (README, Libraries).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timestamps[mid] < start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < n && timestamps[lo] < end) {
      return true;
    }
  }
  return false;
}

/** What planning needs to know of the training values beyond their times. */
export interface DataTraits {
  /** Smallest positive gap between times (computed when absent). */
  spacing?: number;
  /** Every training value is ≥ 0. */
  nonNegative?: boolean;
  /**
   * Split the daily seasonality into work days and off days; by default as `daily_seasonality_by_day_kind` says
   * when it is true or false ('auto': not split; the fit decides from the data, see dayKinds.ts).
   */
  splitDaily?: boolean;
}

/** 'auto' holidays scale non-negative series and otherwise follow the seasonality mode. */
export function resolveHolidaysMode(params: ModelParams, nonNegative: boolean): 'additive' | 'multiplicative' {
  if (params.holidays_mode !== 'auto') {
    return params.holidays_mode;
  }
  return nonNegative ? 'multiplicative' : params.seasonality_mode;
}

/** Decides every column of the design matrix from the training timestamps, parameters and data traits. */
export function planFeatures(timestamps: Float64Array, params: ModelParams, traits: DataTraits = {}): FeaturePlan {
  const spacing = traits.spacing ?? smallestSpacing(timestamps);
  const t0 = timestamps[0];
  const tScale = timestamps[timestamps.length - 1] - t0;
  const linear = params.growth === 'linear';
  const changepointsMs = placeChangepoints(timestamps, params);
  const splitDaily = traits.splitDaily ?? params.daily_seasonality_by_day_kind === true;
  const seasonalities = planSeasonalities(timestamps, params, spacing, splitDaily);
  const holidays = planHolidays(timestamps, params, spacing);
  const holidaysMode = resolveHolidaysMode(params, traits.nonNegative ?? false);
  const components: ComponentColumns[] = [];
  let col = 0;
  const trendWidth = linear ? 2 + changepointsMs.length : 1;
  components.push({
    name: 'trend',
    kind: 'trend',
    from: 0,
    to: trendWidth,
    prior_scale: params.changepoint_prior_scale,
    multiplicative: false,
  });
  col = trendWidth;
  for (const s of seasonalities) {
    const width = 2 * s.order + (s.level === true ? 1 : 0);
    components.push({
      name: s.name,
      kind: 'seasonality',
      from: col,
      to: col + width,
      prior_scale: s.prior_scale,
      multiplicative: s.multiplicative,
    });
    col += width;
  }
  for (const h of holidays) {
    components.push({
      name: h.label,
      kind: 'holiday',
      from: col,
      to: col + 1,
      prior_scale: h.prior_scale,
      multiplicative: holidaysMode === 'multiplicative',
    });
    col += 1;
  }
  checkDesignWidth(
    { trend: trendWidth, seasonalities: col - trendWidth - holidays.length, holidays: holidays.length },
    'for this training window the model would have'
  );
  const layout: DesignLayout = {
    t0,
    t_scale: tScale,
    linear,
    changepoints_t: changepointsMs.map((c) => (c - t0) / tScale),
    fourier: seasonalities.map(({ period_ms, order, active, level }) => ({
      period_ms,
      order,
      ...(active === undefined ? {} : { active }),
      ...(level === true ? { level } : {}),
    })),
    indicators: holidays.map((h) => ({ intervals: h.intervals })),
  };
  return { layout, components, holiday_columns: holidays.map((h) => h.label) };
}
