import { ModelSettingsError } from './errors';

/**
 * Bounds on the model's size. A fit costs n·p² to build its normal equations, p³ to solve them and n·p
 * doubles of memory, for n training points and p design columns, so an unchecked parameter list lets one
 * request hold a core and a few hundred megabytes for minutes (15 seasonalities of order 100 took 35 s and
 * 263 MiB on one series). Prophet's defaults come to 61 columns (trend 2 + 25 changepoints, yearly 20,
 * weekly 6, daily 8) and both built-in calendars with ±1-day windows add about 75 over a year of training:
 * every limit below is well beyond what a detection model uses, and each is named in the error it raises.
 */
export const MODEL_LIMITS = Object.freeze({
  /** Columns of the design matrix: trend, changepoints, Fourier pairs and holiday days together. */
  designWidth: 200,
  /**
   * Points × columns of one design matrix (2²⁶ doubles, 512 MiB): a default-width model still takes the
   * model's full million points, a 200-column one about a third of them.
   */
  designValues: 2 ** 26,
  /** Custom seasonalities (`seasonalities`). */
  customSeasonalities: 10,
  /** Fourier order of any seasonality, built-in or custom. */
  fourierOrder: 100,
  /** `n_changepoints`, and the length of an explicit `changepoints` list. */
  changepoints: 100,
  /** Custom holidays (`holidays`). */
  customHolidays: 100,
  /** Dates of one custom holiday. */
  holidayDates: 1000,
  /** Days a holiday window reaches on either side (`lower_window`, `holidays_lower_window`, ...). */
  holidayWindowDays: 14,
  /** Custom conditions (`conditions`) for conditional seasonalities. */
  conditions: 10,
  /** Time ranges of one custom condition. */
  conditionRanges: 1000,
  /**
   * Ranges in `exclude` and in `false_alarms` each: every refit of an online run reads all of them (100,000
   * labels made a 2,880-row run take 30 times as long); the backend reads at most 5,000 annotations a query.
   */
  ranges: 10_000,
});

/** Columns of each kind, for an error that says where the width comes from. */
export interface WidthParts {
  trend: number;
  seasonalities: number;
  holidays: number;
}

/** Throws when the columns add up to more than MODEL_LIMITS.designWidth; `what` says how they were counted. */
export function checkDesignWidth(parts: WidthParts, what: string): void {
  const width = parts.trend + parts.seasonalities + parts.holidays;
  if (width > MODEL_LIMITS.designWidth) {
    throw new ModelSettingsError(
      `${what} ${width} columns (trend ${parts.trend}, seasonalities ${parts.seasonalities}, holidays ` +
        `${parts.holidays}); the limit is ${MODEL_LIMITS.designWidth}: lower the Fourier orders or use fewer ` +
        `seasonalities, changepoints, holidays or holiday window days`
    );
  }
}

/** Throws when a design matrix of `points` rows and `width` columns would pass MODEL_LIMITS.designValues. */
export function checkDesignValues(points: number, width: number): void {
  if (points * width > MODEL_LIMITS.designValues) {
    throw new ModelSettingsError(
      `${points} points × ${width} columns is more than the ${MODEL_LIMITS.designValues} design values one ` +
        `model takes (512 MiB); use fewer points (a coarser step) or a narrower model`
    );
  }
}
