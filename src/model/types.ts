/**
 * Public contracts of the Foresight model. Parameter and output names follow Prophet's
 * (snake_case) so that a Prophet user, a JSON config file and the Go backend all speak the same
 * words. Times are epoch milliseconds (UTC) everywhere.
 */

import type { FamilyName } from './families/family';

export type SeasonalityMode = 'additive' | 'multiplicative';

/** How `model: 'auto'` ranks candidates (see `selection_objective`). */
export type SelectionObjectiveText = 'violations' | 'magnitude' | `weighted:${number}`;

/** 'auto' switches a seasonality on by span and spacing as Prophet does; a number sets the Fourier order. */
export type SeasonalitySwitch = 'auto' | boolean | number;

export interface CustomSeasonality {
  name: string;
  /** Period in days (e.g. 7 for weekly, 1/24 for hourly). */
  period_days: number;
  /** Number of Fourier pairs. */
  fourier_order: number;
  prior_scale?: number;
  mode?: SeasonalityMode;
  /**
   * Prophet's `condition_name`: the seasonality is active only where this condition holds (zero elsewhere).
   * `weekday` and `weekend` are built in (see conditions.ts); other names refer to `conditions`.
   */
  condition_name?: string;
}

/** Day of the week, in the holiday calendar's zone. */
export type WeekdayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A named condition for `condition_name`: either the listed days of the week (in the holiday calendar's zone,
 * `holidays_tz_offset_minutes`) or the [start_ms, end_ms) ranges, never both.
 */
export interface CustomCondition {
  name: string;
  weekdays?: WeekdayName[];
  ranges?: Array<[number, number]>;
}

export interface CustomHoliday {
  name: string;
  /** Calendar dates, `YYYY-MM-DD`, in the holiday calendar's zone (see `holidays_tz_offset_minutes`). */
  dates: string[];
  /** Days before the date that share the effect (≤ 0, Prophet's meaning). */
  lower_window?: number;
  /** Days after the date that share the effect (≥ 0). */
  upper_window?: number;
  prior_scale?: number;
}

/** A time range excluded from training: [start, end] in epoch ms, inclusive. */
export type TimeRange = [number, number];

export interface ModelParams {
  /**
   * Which model family fits the series (see families/); 'decomposition' is the Prophet-like model, 'auto'
   * chooses a family and its variant per series by cross-validation (see selection/).
   */
  model: FamilyName | 'auto';
  /**
   * What 'auto' minimises over its cross-validation: 'violations' (share of points outside the band
   * first), 'magnitude' (how far outside, in band widths, first) or 'weighted:W' (W × share + (1 − W) ×
   * distance, W in [0, 1]).
   */
  selection_objective: SelectionObjectiveText;
  growth: 'linear' | 'flat';
  /** Explicit changepoint times (epoch ms); when set, `n_changepoints` is ignored. */
  changepoints?: number[];
  n_changepoints: number;
  changepoint_range: number;
  changepoint_prior_scale: number;
  yearly_seasonality: SeasonalitySwitch;
  weekly_seasonality: SeasonalitySwitch;
  daily_seasonality: SeasonalitySwitch;
  /**
   * Replace the daily seasonality by two conditional ones, work days (`weekday`) and off days (`weekend`:
   * Saturdays, Sundays and `country_holidays`' days). 'auto' (default) does so when the history shows off days
   * with another daily shape (dayKinds.ts says the rule); true or false force it.
   */
  daily_seasonality_by_day_kind: 'auto' | boolean;
  seasonalities: CustomSeasonality[];
  /** Named conditions the custom seasonalities' `condition_name` may refer to, besides `weekday` and `weekend`. */
  conditions: CustomCondition[];
  seasonality_mode: SeasonalityMode;
  seasonality_prior_scale: number;
  /** Built-in calendars by ISO country code, e.g. ['KR'] or ['US']. */
  country_holidays: string[];
  holidays: CustomHoliday[];
  /** Window applied to built-in calendar holidays. */
  holidays_lower_window: number;
  holidays_upper_window: number;
  holidays_prior_scale: number;
  /**
   * How a holiday changes the series: 'additive' adds a constant over the holiday, 'multiplicative' scales
   * the expectation the day would otherwise have (trend and seasonality) by a learned factor. 'auto'
   * (default) is multiplicative for series that never go below zero (counts, rates: a day off scales
   * traffic, it does not subtract a constant from the night) and otherwise follows `seasonality_mode`,
   * Prophet's default.
   */
  holidays_mode: SeasonalityMode | 'auto';
  /**
   * How far (one standard deviation, a share of the expectation without holiday effects) a day of a kind the model
   * has not learned may move the series: days of `country_holidays` and custom `holidays` (window days included)
   * with no effect of their own, and weekends until training holds a whole weekend day, widen the band by it
   * (unseenDays.ts). 0 turns it off.
   */
  unseen_days_scale: number;
  /** Offset of the holiday calendar's zone from UTC in minutes (540 for Korea). */
  holidays_tz_offset_minutes: number;
  /** Share of normal points the drawn band (yhat_lower, yhat_upper) covers: Prophet's meaning, 0.8 by default. */
  interval_width: number;
  /**
   * The detector's band: a point is an outlier when it falls outside the band of this width (0.995 by
   * default, so about 1 normal point in 200 is flagged on clean data). Wider than `interval_width`,
   * which keeps its forecasting meaning.
   */
  outlier_width: number;
  /**
   * Points whose running median is the sustained deviation (sustained.ts): a shift that holds raises the score
   * where it sets in. 12 by default; 0 turns it off. Read by the decomposition, and by an ensemble it leads.
   */
  sustained_points: number;
  /**
   * Keep the expectation and band at or above zero. 'auto' (default) learns it from history: on when
   * every training value is ≥ 0 (counts, rates, latencies); true or false force it.
   */
  nonnegative: 'auto' | boolean;
  /** Down-weight large residuals while fitting (Huber), so outliers in history do not bend the fit. */
  robust: boolean;
  /** Ranges left out of training (incidents, maintenance). */
  exclude: TimeRange[];
  /**
   * Ranges people said were false alarms: their points stay in training as normal behaviour, and the fitted
   * model raises its outlier threshold on the side(s) those alarms were raised to just above their largest
   * deviation, at most to twice the larger of the outlier threshold and the deviation scoring 0.5 (see
   * families/falseAlarms.ts), so the same alarm is less likely again while a clearly larger deviation is still
   * flagged; a held shift no larger than one they held is not raised by the sustained step.
   */
  false_alarms: TimeRange[];
  /** `past` family: the period whose same slot is compared ('auto': a week once training spans two weeks, else a day). */
  past_period: 'auto' | 'week' | 'day';
  /** `past` family: how many past periods the same-slot median summarises. */
  past_periods: number;
  /** `past` family: shift forecasts by the last day's median departure from its own past (a slow trend's lag). */
  past_level: boolean;
  /**
   * `past` family, with `past_level`: hours over which the shift fades (it is the last hour's departure, times
   * e^(−hours past the history / past_level_fade)); 0 holds the last day's departure at every horizon.
   */
  past_level_fade: number;
  /** `past` family: skip past points judged anomalous against their own past (false: keep them as they were). */
  past_clean: boolean;
  /** autoregressive: the seasonal difference's period; 'auto' picks the one the history shows best, or none. */
  ar_period: 'auto' | 'day' | 'week' | 'none';
  /** autoregressive: a first difference on top of the seasonal one; 'auto' takes it when the series has a unit root. */
  ar_difference: 'auto' | 0 | 1;
  /** autoregressive: AR lags on the differenced series (0-12); 'auto' picks them by BIC. */
  ar_order: 'auto' | number;
  /** ensemble: the families that judge together (each fitted with these parameters); a majority decides. */
  ensemble_members: Array<Exclude<FamilyName, 'ensemble'>>;
  /** holt_winters: the season, 'auto' the shortest of a day or a week the history covers twice (else none). */
  hw_period: 'auto' | 'day' | 'week' | 'none';
  /** holt_winters smoothing (see families/holtWinters.ts): 'auto' chooses by one-step error, a number fixes it. */
  hw_alpha: 'auto' | number;
  hw_beta: 'auto' | number;
  hw_gamma: 'auto' | number;
  hw_phi: 'auto' | number;
  /** neural: softsign hidden units of the network (1-128). */
  neural_hidden: number;
  /** neural: Adam steps of 64 rows that train it (100-20,000); training costs in proportion to units × steps. */
  neural_steps: number;
}

/** Column layout of the design matrix, plain data so a kernel in another language can build it. */
export interface DesignLayout {
  /** Time scaling: t = (ms - t0) / t_scale. */
  t0: number;
  t_scale: number;
  /** 1 for linear growth (intercept + slope + hinge columns), 0 for flat growth (intercept only). */
  linear: boolean;
  /** Changepoints in scaled time; one hinge column max(0, t - c) each. */
  changepoints_t: number[];
  /**
   * Fourier blocks: columns sin(2πk·phase), cos(2πk·phase) for k = 1..order, phase = (ms mod period) / period;
   * a block with `active` is zero wherever its condition does not hold, and with `level` (only with `active`)
   * has one more column first, 1 wherever it is active: the level of the days it covers.
   */
  fourier: Array<{ period_ms: number; order: number; active?: ActiveCondition; level?: boolean }>;
  /** Indicator columns: 1 when the point lies in any [start, end) interval (epoch ms), sorted, non-overlapping. */
  indicators: Array<{ intervals: number[] }>;
}

/**
 * Where a conditional Fourier block is active: at time ms, take the week phase (ms + week_offset_ms) mod 7 days;
 * the block is active when the phase lies in one of the `week` ranges, except inside the `flip` intervals,
 * where the answer is reversed (holidays on work days).
 */
export interface ActiveCondition {
  week_offset_ms: number;
  /** Sorted, disjoint [start, end) pairs of week phase within [0, 7 days), flattened. */
  week: number[];
  /** Sorted, disjoint [start, end) epoch-ms intervals, flattened. */
  flip: number[];
}

/** The per-point result of `predict`. Arrays align with the requested timestamps. */
export interface Prediction {
  timestamps: Float64Array;
  yhat: Float64Array;
  yhat_lower: Float64Array;
  yhat_upper: Float64Array;
  /** −1 below the band, 0 inside (or no value), +1 above. */
  outlier: Int8Array;
  /** In [0, 1]; grows with the deviation in units of the series' robust residual scale; 0 without a value. */
  score: Float64Array;
  trend: Float64Array;
  /** Each seasonality's contribution, by name (in y units; multiplicative ones already multiplied by trend). */
  seasonal: Record<string, Float64Array>;
  /** Sum of holiday effects. */
  holidays: Float64Array;
}

/** Hampel's redescending weights, in residual scales: 1 up to `a`, a/|z| up to `b`, falling linearly to 0 at `c`. */
export interface HampelKnees {
  a: number;
  b: number;
  c: number;
}

/** Which residuals `lagCorrelation` pairs: times `lag_ms` apart (± `tolerance_ms`), at least `min_pairs` of them. */
export interface LagPairing {
  lag_ms: number;
  tolerance_ms: number;
  min_pairs: number;
}

/** What `seasonalRemainder` removes: `rho` × the residual one `period_ms` earlier (± `tolerance_ms`). */
export interface SeasonalCarry {
  period_ms: number;
  tolerance_ms: number;
  rho: number;
}

/**
 * Which points `slotSummaries` compares a time t with: the point nearest t − k·`period_ms` (within
 * `tolerance_ms`) for k = first, first + 1, ..., where first is 1, or for t past `end_ms` the first k that lands
 * in the history (so a forecast reads the last periods there are).
 */
export interface SlotSpec {
  /** The period; a negative one looks forward instead (t + |period|, t + 2|period|, ...). */
  period_ms: number;
  tolerance_ms: number;
  /** Most slots summarised: the first `count` found with a usable point. */
  count: number;
  /** Most periods walked: a slot without a usable point is passed over, up to this many periods away. */
  max_lags: number;
  /** The history's last time. */
  end_ms: number;
  /** Added to the summary of a time past `end_ms` (a forecast's level adjustment). */
  shift: number;
}

/** What `slotSummaries` writes per time. */
export interface SlotSummaries {
  /** Median of the slots' values; the fallback's entry (NaN without one) where no slot had a usable point. */
  summary: Float64Array;
  /** How many slots the median summarises (0: none). */
  used: Float64Array;
}

/** The band `judge` draws and the scales it scores with, in y units. */
export interface JudgeBand {
  /** Half-widths of the drawn band (interval_width) below and above the expectation. */
  band_below: number;
  band_above: number;
  /** Normal quantile of the interval: extra variance v widens a half-width h to √(h² + z²v). */
  z: number;
  /** Half-widths of the outlier band (outlier_width) below and above, and its normal quantile. */
  outlier_below: number;
  outlier_above: number;
  outlier_z: number;
  /** Residual scales (a standard deviation's worth) below and above, for scores. */
  scale_below: number;
  scale_above: number;
  /** score = d / (d + score_half), d the deviation in residual scales. */
  score_half: number;
  /** Lowest value the expectation and the band may take (0 for a series that never goes below zero; −Infinity: none). */
  floor: number;
}

/** What `judge` writes per point. */
export interface Judgement {
  /** The expectation, raised to the floor where it fell below. */
  yhat: Float64Array;
  /** The drawn band. */
  lower: Float64Array;
  upper: Float64Array;
  /** −1 below the outlier band, +1 above, 0 inside or without a value. */
  outlier: Int8Array;
  score: Float64Array;
}

/** The design matrix: the one kernel that reads a layout. */
export interface DesignKernels {
  /** n × p design matrix for the layout; columns listed in `multiplicative` are multiplied by `row_scale` per row. */
  designMatrix(
    timestamps: Float64Array,
    layout: DesignLayout,
    multiplicative?: { columns: Int32Array; row_scale: Float64Array }
  ): Float64Array;
}

/** Dense linear algebra over row-major Float64Array matrices. */
export interface LinearAlgebraKernels {
  /** Xᵀ diag(w) X (p × p, full symmetric) and Xᵀ diag(w) y; w null means all ones; rows with w = 0 are skipped. */
  weightedGram(
    X: Float64Array,
    n: number,
    p: number,
    y: Float64Array,
    w: Float64Array | null
  ): { gram: Float64Array; xty: Float64Array };
  /** Solves A x = b for symmetric positive definite A (p × p). */
  solveSpd(A: Float64Array, b: Float64Array, p: number): Float64Array;
  /**
   * Least squares of a target on some of a design's columns, from the design's Gram matrix (`width` × `width`,
   * the target its last column): the coefficients of `columns`, then the residual sum of squares. The normal
   * equations' diagonal gets `ridge` × their mean diagonal (at least `diagonalFloor`), so collinear columns
   * stay solvable.
   */
  solveColumns(
    gram: Float64Array,
    width: number,
    columns: Int32Array,
    ridge: number,
    diagonalFloor: number
  ): Float64Array;
  /** X β restricted to columns [from, to) (defaults: all). */
  multiply(X: Float64Array, n: number, p: number, beta: Float64Array, from?: number, to?: number): Float64Array;
}

/**
 * Loops over the points of a fit or a prediction that are not points × features products
 * (src/model/pointKernels.ts documents each). Arrays named as outputs are written in place; the model's
 * constants (Hampel's knees, the MAD's consistency factor, the score's half-point) come in as arguments.
 */
export interface PointKernels {
  /**
   * Quantile (type 7, numpy's default) of unsorted values; `values` is not modified. Order statistics
   * are the other per-point cost of a fit (residual scales each iteration, band quantiles).
   */
  quantile(values: Float64Array, q: number): number;
  /** Several quantiles of the same values, in the order of `qs`, from one copy of them. */
  quantiles(values: Float64Array, qs: Float64Array): Float64Array;
  /** `consistency` × the median absolute deviation from the median (1.4826 makes it a normal sd); 0 for no values. */
  madSigma(values: Float64Array, consistency: number): number;
  updateResiduals(ys: Float64Array, fitted: Float64Array, residuals: Float64Array): number;
  hampelWeights(
    residuals: Float64Array,
    scale: number,
    weights: Float64Array,
    deficit: Float64Array,
    knees: HampelKnees
  ): number;
  scaled(values: Float64Array, factor: number, abs: boolean, keep: Float64Array | null): Float64Array;
  addScaled(target: Float64Array, values: Float64Array, factor: number): void;
  differences(values: Float64Array, sort: boolean, positiveOnly: boolean): Float64Array;
  firstNonFinite(values: Float64Array): number;
  trainingRows(
    timestamps: Float64Array,
    values: Float64Array,
    exclude: Float64Array,
    outTimes: Float64Array,
    outValues: Float64Array
  ): number;
  lagCorrelation(timestamps: Float64Array, residuals: Float64Array, weights: Float64Array, pairing: LagPairing): number;
  seasonalRemainder(
    timestamps: Float64Array,
    residuals: Float64Array,
    weights: Float64Array,
    carry: SeasonalCarry
  ): Float64Array;
  judge(
    yhat: Float64Array,
    values: Float64Array | null,
    extraVariance: Float64Array | null,
    band: JudgeBand,
    out: Judgement
  ): void;
  /**
   * Weighted sums of values by time bin: bin b holds the rows with origin_ms + b·bin_ms ≤ time < origin_ms +
   * (b + 1)·bin_ms and a positive weight. Returns 2·bins numbers: the bins' Σ w·v, then their Σ w.
   */
  binnedSums(
    timestamps: Float64Array,
    values: Float64Array,
    weights: Float64Array,
    origin_ms: number,
    bin_ms: number,
    bins: number
  ): Float64Array;
  /**
   * The day-kind rule's loops over binnedSums of `days` × `bins_per_day` bins (src/model/dayKindKernels.ts):
   * [whole work days, whole off days, shape difference, bar], the last two NaN when a kind has under two days.
   */
  dayKindDifference(
    sums: Float64Array,
    bins_per_day: number,
    days: number,
    off_day: Int8Array,
    significance: number,
    min_bar: number
  ): Float64Array;
  /** The `past` family's same-slot summaries (src/model/families/pastKernels.ts). */
  slotSummaries(
    queries: Float64Array,
    times: Float64Array,
    values: Float64Array,
    usable: Float64Array | null,
    fallback: Float64Array | null,
    spec: SlotSpec,
    out: SlotSummaries
  ): void;
}

/** A regular grid of times: cell c is origin_ms + c × step_ms; a time belongs to its nearest cell. */
export interface GridSpec {
  origin_ms: number;
  step_ms: number;
}

/**
 * A lag recursion over a grid: prediction_t = constant + Σ coefficients_j × cleaned_{t − lags_j}, from cell `start`.
 * A value further from its prediction than limit_below/limit_above (times √ of its horizon's variance multiplier)
 * is replaced by the prediction in `cleaned`, up to `max_run` such values in a row (after that they are kept: a
 * new level); a missing value is replaced too. `horizon_variance[h − 1]` is the forecast error variance h steps
 * ahead in one-step variances (1 at h = 1); horizons past its end take its last entry. Predictions are held
 * within [lowest, highest], so a recursion running on its own predictions (a gap, an incident) cannot run away.
 *
 * Lags of `seasonal_from` or more (a season back; 0: none) read a replaced cell's own value in a second
 * prediction: a value outside the first prediction's limits but inside the second's repeats what was replaced a
 * season before, so that was a level the series keeps, not an incident. It is kept and predicted by the second;
 * replaced, it would come back every season (an echo: a wrong prediction, replaced by itself, season after season).
 */
export interface ArRecursion {
  lags: Int32Array;
  coefficients: Float64Array;
  constant: number;
  start: number;
  seasonal_from: number;
  limit_below: number;
  limit_above: number;
  max_run: number;
  horizon_variance: Float64Array;
  lowest: number;
  highest: number;
}

/** What `arRecursion` writes per cell. */
export interface ArFiltered {
  /** The value where it was kept, else the prediction; before `start`, the value carried forward. */
  cleaned: Float64Array;
  /** The one-step prediction from cleaned lags (NaN before `start`). */
  predicted: Float64Array;
  /** Variance beyond one step's, in one-step variances, from the cells replaced just before (NaN before `start`). */
  extra_variance: Float64Array;
  /** 1 where the cell's own value was kept, else 0. */
  kept: Float64Array;
}

/** Loops of the autoregressive family (src/model/families/autoregressiveKernels.ts documents each). */
export interface AutoregressiveKernels {
  gridSeries(timestamps: Float64Array, values: Float64Array, grid: GridSpec, out: Float64Array): number;
  gridLookup(timestamps: Float64Array, grid: GridSpec, table: Float64Array, fallback: number): Float64Array;
  lagDesign(
    values: Float64Array,
    lags: Int32Array,
    from: number,
    to: number,
    intercept: boolean,
    keep: Float64Array | null
  ): Float64Array;
  arRecursion(values: Float64Array, recursion: ArRecursion, out: ArFiltered): number;
  arPsiVariance(lags: Int32Array, coefficients: Float64Array, steps: number): Float64Array;
  /** The ensemble's verdict from its members' judgements (src/model/families/ensembleKernels.ts). */
  combineVerdicts(
    stacked: Judgement,
    members: number,
    k: number,
    alone: Int8Array | null,
    lead: number,
    out: Judgement
  ): void;
}

/**
 * Every loop over points, as the model calls it. `typescriptKernels` serves Node and the browser; the Go
 * backend injects its own (src/engine/goKernels.ts and pkg/engine), and testdata/fixtures/kernels holds the
 * two to the same numbers.
 */
export type Kernels = DesignKernels &
  LinearAlgebraKernels &
  PointKernels &
  SustainedKernels &
  AutoregressiveKernels &
  HoltWintersKernels &
  NeuralKernels &
  TextKernels;

/** Loops of the sustained-deviation score (src/model/sustainedKernels.ts documents each), and the stuck-run scan. */
export interface SustainedKernels {
  /** Equal consecutive pairs, then [start, end) of each run of at least `minRun` equal values (stuckRuns.ts). */
  equalRuns(values: Float64Array, minRun: number): Float64Array;
  rollingMedians(values: Float64Array, k: number): Float64Array;
  raiseSustained(
    values: Float64Array,
    yhat: Float64Array,
    score: Float64Array,
    skip: Int8Array | null,
    k: number,
    scaleBelow: number,
    scaleAbove: number,
    half: number
  ): void;
}

/**
 * Float64 arrays as text inside a model's JSON (float64Text.ts, valueSteps.ts): the past model's points and the
 * autoregressive model's tail, read back in one call.
 */
export interface TextKernels {
  encodeFloat64s(values: Float64Array): string;
  /** Throws for any text encodeFloat64s did not write. */
  decodeFloat64s(text: string): Float64Array;
  /**
   * Times from runs of equal steps, [first, step, count, step, count, ...] (the past model's JSON): first, then
   * each time the one before plus its run's step. The caller checks the runs (whole counts, at most MAX_POINTS).
   */
  expandRuns(runs: Float64Array): Float64Array;
  /** The runs expandRuns gives `times` back from: a new run wherever the step between two times changes. */
  collapseRuns(times: Float64Array): Float64Array;
  /**
   * The largest power of two every value is a whole multiple of (the grid they are on without loss); Infinity
   * when every value is 0 or there are none, 0 when one is not finite.
   */
  coarsestBinaryStep(values: Float64Array): number;
  /**
   * The values rounded to the nearest multiple of `step` (ties up), as value-steps text (valueSteps.ts). Throws
   * when `step` is not a power of two of at least 2⁻¹⁰²², or a value is 2⁵¹ steps or more from 0.
   */
  encodeValueSteps(values: Float64Array, step: number): string;
  /** The values encodeValueSteps wrote with this step; throws for any other text. */
  decodeValueSteps(text: string, step: number): Float64Array;
}

/** One training run of the neural family's network (src/model/families/neuralKernels.ts). */
export interface NetworkSettings {
  /** Inputs per row (1-64). */
  inputs: number;
  /** Softsign hidden units (1-256). */
  hidden: number;
  /** Adam steps (1-100,000). */
  steps: number;
  /** Rows drawn with replacement per step (1-1,024). */
  batch: number;
  /** Adam's starting step size; it decays linearly to a tenth. */
  learning_rate: number;
  /** Seeds the first layer's start and the rows drawn (read as a 32-bit unsigned integer). */
  seed: number;
}

/**
 * The neural family's loops (src/model/families/neuralKernels.ts): training, and outputs for many rows. Weights
 * are packed: w1 (hidden × inputs, row-major), b1 (hidden), w2 (hidden), skip (inputs), b2.
 */
export interface NeuralKernels {
  /** Trains on `rows` (rows × settings.inputs, row-major) and their targets; returns the packed weights. */
  trainNetwork(rows: Float64Array, targets: Float64Array, settings: NetworkSettings): Float64Array;
  /** The network's output for each row of `rows` (rows × inputs). */
  networkOutputs(weights: Float64Array, rows: Float64Array, inputs: number, hidden: number): Float64Array;
}

/** The regular grid a Holt-Winters filter runs on: slot k is `origin + k × step` (ms); `season_slots` 1 is no season. */
export interface HoltWintersGrid {
  origin: number;
  step: number;
  season_slots: number;
}

/** One Holt-Winters filter run: the grid, the smoothing parameters and the robust update's constants. */
export interface HoltWintersSettings extends HoltWintersGrid {
  /** Level smoothing, in (0, 1]. */
  alpha: number;
  /** Trend smoothing as a share of alpha (the trend moves by alpha × beta × error), in [0, 1]. */
  beta: number;
  /** Season smoothing as a share of 1 − alpha, in [0, 1]. */
  gamma: number;
  /** Trend damping per step, in (0, 1]. */
  phi: number;
  /** A one-step error beyond this many robust scales is clipped before it updates the state. */
  clip: number;
  /** This many clipped errors in a row on one side are a level shift: the level takes the whole error. */
  shift_points: number;
  /** Weight of each new absolute error in the running robust scale. */
  scale_smoothing: number;
  /** Lowest robust scale (y units): a constant stretch must not make every change a clipped one. */
  scale_floor: number;
  /** Slots before this one (the start's warm-up) do not count in the returned squared error. */
  score_from: number;
}

/** What a Holt-Winters filter writes per point. */
export interface HoltWintersTrace {
  /** One-step expectation from the state before the point's slot. */
  yhat: Float64Array;
  /** Its level and damped trend part (yhat less the season). */
  level: Float64Array;
  /** value − yhat; NaN where the value is missing or excluded. */
  error: Float64Array;
  /** Σ c_j² over the slots since the last update (ETS's variance growth), in one-step variances. */
  horizon_variance: Float64Array;
  /** 1 where the error updated the state unclipped, 0 where it was clipped, missing or excluded. */
  weight: Float64Array;
}

/**
 * The Holt-Winters family's loops over points (src/model/families/holtWintersKernels.ts). The state is one
 * Float64Array: [next slot, last updated slot, level, trend, robust scale, signed run of clipped errors,
 * season_0 … season_{m−1}].
 */
export interface HoltWintersKernels {
  /**
   * The state before slot 0 from the points of the first `init_slots` slots (sorted times): medians of the
   * two halves give level and trend, medians per season slot of what they leave give the season (centred),
   * and the median absolute remainder gives the robust scale.
   */
  holtWintersStart(
    timestamps: Float64Array,
    values: Float64Array,
    grid: HoltWintersGrid,
    init_slots: number
  ): Float64Array;
  /**
   * Runs the additive damped Holt-Winters filter over points in time order from `state` (written with the
   * state after the last point's slot) and writes each point's one-step expectation into `out`. Points of one
   * slot share the expectation and update once with their mean error; slots without a usable value (missing,
   * NaN, inside an `exclude` [start, end] pair) are predicted, not updated. Returns the sum of squared clipped
   * errors of the updated slots from `score_from` on.
   */
  holtWintersFilter(
    timestamps: Float64Array,
    values: Float64Array,
    exclude: Float64Array,
    settings: HoltWintersSettings,
    state: Float64Array,
    out: HoltWintersTrace
  ): number;
}
