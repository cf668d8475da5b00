import { checkConditions } from './conditions';
import { ModelInputError, ModelSettingsError } from './errors';
import { FAMILY_NAMES } from './families/family';
import { checkHoltWintersParams } from './families/holtWintersParams';
import { checkNeuralParams } from './families/neuralParams';
import { widestDesign } from './features';
import { supportedCountries } from './holidays';
import { parseDay } from './holidays/calendarDate';
import { checkDesignWidth, MODEL_LIMITS } from './limits';
import { parseObjective } from './selection/objective';
import { DEFAULT_SUSTAINED_POINTS, MAX_SUSTAINED_POINTS } from './sustained';
import type { ModelParams } from './types';
import { DEFAULT_UNSEEN_SCALE } from './unseenDays';

/** A list no caller can change: every resolved set shares the defaults' lists. */
function frozenList<T>(...items: T[]): T[] {
  return Object.freeze(items) as T[];
}

/** Prophet's defaults, plus robust fitting on. Frozen lists included: resolved sets share them. */
export const DEFAULT_PARAMS: Readonly<ModelParams> = Object.freeze({
  model: 'ensemble',
  selection_objective: 'violations',
  growth: 'linear',
  n_changepoints: 25,
  changepoint_range: 0.8,
  changepoint_prior_scale: 0.05,
  yearly_seasonality: 'auto',
  weekly_seasonality: 'auto',
  daily_seasonality: 'auto',
  daily_seasonality_by_day_kind: 'auto',
  seasonalities: frozenList(),
  conditions: frozenList(),
  seasonality_mode: 'additive',
  seasonality_prior_scale: 10,
  country_holidays: frozenList(),
  holidays: frozenList(),
  holidays_lower_window: 0,
  holidays_upper_window: 0,
  holidays_prior_scale: 10,
  holidays_mode: 'auto',
  unseen_days_scale: DEFAULT_UNSEEN_SCALE,
  holidays_tz_offset_minutes: 0,
  interval_width: 0.8,
  outlier_width: 0.995,
  sustained_points: DEFAULT_SUSTAINED_POINTS,
  nonnegative: 'auto',
  robust: true,
  exclude: frozenList(),
  false_alarms: frozenList(),
  past_period: 'auto',
  past_periods: 4,
  past_level: false,
  past_level_fade: 0,
  past_clean: true,
  ar_period: 'auto',
  ar_difference: 'auto',
  ar_order: 'auto',
  ensemble_members: frozenList('decomposition', 'past'),
  hw_period: 'auto',
  hw_alpha: 'auto',
  hw_beta: 'auto',
  hw_gamma: 'auto',
  hw_phi: 'auto',
  neural_hidden: 32,
  neural_steps: 3000,
}) as ModelParams;

const KNOWN_KEYS = new Set<string>([...Object.keys(DEFAULT_PARAMS), 'changepoints']);

/** A given value as a message shows it: numbers as written (NaN too, which JSON writes as null), the rest as JSON. */
function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new ModelInputError(`${name} must be a positive number, got ${shown(value)}`);
  }
}

function checkSwitch(name: string, value: unknown): void {
  const ok =
    value === 'auto' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MODEL_LIMITS.fourierOrder);
  if (!ok) {
    throw new ModelInputError(
      `${name} must be "auto", true, false or a Fourier order (0-${MODEL_LIMITS.fourierOrder}), got ${JSON.stringify(value)}`
    );
  }
}

/**
 * Parameter sets that passed validation, by their JSON text. The backend resolves the same few sets for every
 * series it fits (four times a fit of the default pair, once more per prediction), and in its interpreter the
 * checks below cost more than writing the set as JSON. Bounded in count and in the length of a text.
 */
const validatedSets = new Set<string>();
/** The widest band a model may be asked for (interval_width, outlier_width): nine nines. */
export const MAX_WIDTH = 0.999999999;
const MAX_VALIDATED_SETS = 64;
const MAX_VALIDATED_TEXT = 16_384;
/** Parameters nest three levels (holidays → a holiday → its dates); deeper data is never remembered. */
const MAX_PARAMS_DEPTH = 4;

/**
 * Deepest nesting a given value may have. Errors show a bad value as JSON, and a value nested thousands deep
 * overflows the stack writing it (a RangeError instead of the error); parameters nest four levels at most.
 */
export const MAX_NESTING = 32;

/** Whether `value` holds objects or arrays nested more than `levels` deep; stops at the limit. */
export function nestsDeeper(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (levels === 0) {
    return true;
  }
  for (const key of Object.keys(value)) {
    if (nestsDeeper((value as Record<string, unknown>)[key], levels - 1)) {
      return true;
    }
  }
  return false;
}

/** The text a set of given values (plain data: see isPlainData) is remembered by; null when too long. */
function validationKey(given: Record<string, unknown>): string | null {
  const text = JSON.stringify(given);
  return text.length > MAX_VALIDATED_TEXT ? null : text;
}

/**
 * Whether `value` is plain data: finite numbers, strings, booleans and null, in arrays and plain objects. Only such
 * sets are remembered (and returned as their JSON reads); a function, a toJSON, a boxed value or a class instance,
 * which JSON would write as something else, is validated as given and gets its own error.
 */
function isPlainData(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return true;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  if (typeof value !== 'object' || depth > MAX_PARAMS_DEPTH) {
    return false;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) {
      return false;
    }
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isPlainData(value[i], depth + 1)) {
        return false;
      }
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    return false;
  }
  for (const key of Object.keys(value)) {
    if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) {
      return false;
    }
  }
  return true;
}

/** Sets resolveParams made from their JSON (plain data it checked): only these may be handed on (handOn). */
const checkedSets = new WeakSet<object>();
/** Sets handed on to a fit, which its resolveParams takes as they are, once. */
const handedOn = new WeakSet<object>();

/**
 * `resolved`, a set resolveParams returned and nothing changed since, for the fit of family `model` to take as
 * resolved: the fit's own resolveParams would write it as JSON, parse it and check it again for the same values
 * (three times in a fit of the default ensemble, in the backend's interpreter 3% of its script time). The fit
 * gets the set itself (with `model` replaced, a copy sharing the lists), which nothing on the way changes.
 */
export function handOn(resolved: ModelParams, model: ModelParams['model'] = resolved.model): ModelParams {
  const p = model === resolved.model ? resolved : { ...resolved, model };
  if (checkedSets.has(resolved) && (FAMILY_NAMES as readonly unknown[]).includes(model)) {
    checkedSets.add(p);
    handedOn.add(p);
  }
  return p;
}

/** Fills defaults and validates; throws ModelInputError naming the first bad parameter or the limit it passes. */
export function resolveParams(partial: Partial<ModelParams> = {}): ModelParams {
  if (handedOn.delete(partial)) {
    return partial as ModelParams;
  }
  // Object.assign and a plain loop: the backend resolves the parameters several times per fit and per prediction.
  // The values given, read once (a getter is not read again), and whether they are plain data: the key is their JSON.
  const given: Record<string, unknown> = {};
  let plain = true;
  for (const key of Object.keys(partial)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ModelInputError(`unknown model parameter "${key}"`);
    }
    const value = (partial as Record<string, unknown>)[key];
    if (value !== undefined) {
      given[key] = value;
      const type = typeof value;
      plain &&=
        type === 'string' ||
        type === 'boolean' ||
        (type === 'number' && Number.isFinite(value)) ||
        (type === 'object' && isPlainData(value, 1));
    }
  }
  const key = plain ? validationKey(given) : null;
  if (key === null) {
    // Plain data is at most MAX_PARAMS_DEPTH deep: only a set that is not can nest too deep.
    for (const name of plain ? [] : Object.keys(given)) {
      if (nestsDeeper(given[name], MAX_NESTING)) {
        throw new ModelSettingsError(`model parameter "${name}" nests deeper than ${MAX_NESTING} levels`);
      }
    }
    const p = Object.assign({}, DEFAULT_PARAMS, given) as ModelParams;
    validated(p);
    return p;
  }
  // The set as its JSON has it, whether checked now or before: what was checked is exactly what is returned, even
  // for values no walk can see through (a Proxy, a toJSON the walk missed).
  const asChecked = Object.assign({}, DEFAULT_PARAMS, JSON.parse(key) as object) as ModelParams;
  if (!validatedSets.has(key)) {
    validated(asChecked);
    if (validatedSets.size >= MAX_VALIDATED_SETS) {
      validatedSets.clear();
    }
    validatedSets.add(key);
  }
  checkedSets.add(asChecked);
  return asChecked;
}

/** validateParams, its refusal a settings error: no other window of the series makes bad parameters good. */
function validated(p: ModelParams): void {
  try {
    validateParams(p);
  } catch (error) {
    throw error instanceof ModelInputError && !(error instanceof ModelSettingsError)
      ? new ModelSettingsError(error.message)
      : error;
  }
}

/** The checks of resolveParams over a filled set. */
function validateParams(p: ModelParams): void {
  if (p.model !== 'auto' && !(FAMILY_NAMES as readonly unknown[]).includes(p.model)) {
    throw new ModelInputError(
      `model must be auto or one of ${FAMILY_NAMES.join(', ')}, got ${JSON.stringify(p.model)}`
    );
  }
  parseObjective(p.selection_objective);
  if (p.growth !== 'linear' && p.growth !== 'flat') {
    throw new ModelInputError(`growth must be "linear" or "flat", got ${JSON.stringify(p.growth)}`);
  }
  checkChangepoints(p);
  requirePositive('changepoint_prior_scale', p.changepoint_prior_scale);
  requirePositive('seasonality_prior_scale', p.seasonality_prior_scale);
  requirePositive('holidays_prior_scale', p.holidays_prior_scale);
  // typeof first: a comparison would take "0.8" or [0.8] for 0.8.
  if (!(typeof p.interval_width === 'number' && p.interval_width > 0 && p.interval_width < 1)) {
    throw new ModelInputError(`interval_width must be a number in (0, 1), got ${shown(p.interval_width)}`);
  }
  if (!(typeof p.outlier_width === 'number' && p.outlier_width > 0 && p.outlier_width < 1)) {
    throw new ModelInputError(`outlier_width must be a number in (0, 1), got ${shown(p.outlier_width)}`);
  }
  for (const name of ['interval_width', 'outlier_width'] as const) {
    // Closer to 1, the band's normal quantile rounds to infinity: no value is ever outside it.
    if (p[name] > MAX_WIDTH) {
      throw new ModelInputError(`${name} must be at most ${MAX_WIDTH}, got ${shown(p[name])}`);
    }
  }
  if (typeof p.robust !== 'boolean') {
    throw new ModelInputError(`robust must be true or false, got ${shown(p.robust)}`);
  }
  if (!(
    Number.isInteger(p.sustained_points) &&
    p.sustained_points >= 0 &&
    p.sustained_points <= MAX_SUSTAINED_POINTS
  )) {
    throw new ModelInputError(
      `sustained_points must be a whole number from 0 (off) to ${MAX_SUSTAINED_POINTS}, got ${String(p.sustained_points)}`
    );
  }
  if (p.nonnegative !== 'auto' && typeof p.nonnegative !== 'boolean') {
    throw new ModelInputError(`nonnegative must be "auto", true or false, got ${JSON.stringify(p.nonnegative)}`);
  }
  if (p.seasonality_mode !== 'additive' && p.seasonality_mode !== 'multiplicative') {
    throw new ModelInputError(`seasonality_mode must be "additive" or "multiplicative"`);
  }
  if (!['auto', 'additive', 'multiplicative'].includes(p.holidays_mode)) {
    throw new ModelInputError(`holidays_mode must be "auto", "additive" or "multiplicative"`);
  }
  checkSwitch('yearly_seasonality', p.yearly_seasonality);
  checkSwitch('weekly_seasonality', p.weekly_seasonality);
  checkSwitch('daily_seasonality', p.daily_seasonality);
  checkSeasonalities(p.seasonalities);
  checkConditions(p);
  if (!Number.isFinite(p.holidays_tz_offset_minutes) || Math.abs(p.holidays_tz_offset_minutes) > 18 * 60) {
    throw new ModelInputError('holidays_tz_offset_minutes must be within ±1080');
  }
  if (!(Number.isFinite(p.unseen_days_scale) && p.unseen_days_scale >= 0 && p.unseen_days_scale <= 1)) {
    throw new ModelInputError(`unseen_days_scale must be in [0, 1], got ${String(p.unseen_days_scale)}`);
  }
  checkWindow('holidays_lower_window', 'holidays_upper_window', p.holidays_lower_window, p.holidays_upper_window);
  checkCountries(p.country_holidays);
  checkHolidays(p.holidays);
  checkRanges('exclude', p.exclude);
  checkRanges('false_alarms', p.false_alarms);
  checkPastParams(p);
  checkAutoregressive(p);
  checkHoltWintersParams(p);
  checkNeuralParams(p);
  checkEnsembleMembers(p.ensemble_members);
  // Country calendars are counted once training is known (planFeatures): which holidays get a column
  // depends on the days it covers.
  checkDesignWidth(widestDesign(p), 'the parameters allow up to');
}

function requireList(name: string, value: unknown, limit: number): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    throw new ModelInputError(`${name} must be a list`);
  }
  if (value.length > limit) {
    throw new ModelInputError(`${name} has ${value.length} entries; the limit is ${limit}`);
  }
}

function checkChangepoints(p: ModelParams): void {
  const limit = MODEL_LIMITS.changepoints;
  if (!(Number.isInteger(p.n_changepoints) && p.n_changepoints >= 0 && p.n_changepoints <= limit)) {
    throw new ModelInputError(`n_changepoints must be an integer in 0..${limit}, got ${String(p.n_changepoints)}`);
  }
  if (!(typeof p.changepoint_range === 'number' && p.changepoint_range > 0 && p.changepoint_range <= 1)) {
    throw new ModelInputError(`changepoint_range must be a number in (0, 1], got ${shown(p.changepoint_range)}`);
  }
  if (p.changepoints !== undefined) {
    requireList('changepoints', p.changepoints, limit);
    if (!p.changepoints.every((c) => Number.isFinite(c))) {
      throw new ModelInputError('changepoints must be finite epoch milliseconds');
    }
  }
}

function checkSeasonalities(seasonalities: unknown): void {
  requireList('seasonalities', seasonalities, MODEL_LIMITS.customSeasonalities);
  const maxOrder = MODEL_LIMITS.fourierOrder;
  for (const s of seasonalities as ModelParams['seasonalities']) {
    if (!s || typeof s.name !== 'string' || s.name === '') {
      throw new ModelInputError('every custom seasonality needs a name');
    }
    requirePositive(`seasonality "${s.name}" period_days`, s.period_days);
    if (!(Number.isInteger(s.fourier_order) && s.fourier_order > 0 && s.fourier_order <= maxOrder)) {
      throw new ModelInputError(`seasonality "${s.name}" fourier_order must be an integer in 1..${maxOrder}`);
    }
    if (s.prior_scale !== undefined) {
      requirePositive(`seasonality "${s.name}" prior_scale`, s.prior_scale);
    }
    if (s.mode !== undefined && s.mode !== 'additive' && s.mode !== 'multiplicative') {
      throw new ModelInputError(
        `seasonality "${s.name}" mode must be "additive" or "multiplicative", got ${JSON.stringify(s.mode)}`
      );
    }
  }
}

function checkWindow(lowerName: string, upperName: string, lower: unknown, upper: unknown): void {
  const days = MODEL_LIMITS.holidayWindowDays;
  const whole = (w: unknown): w is number => typeof w === 'number' && Number.isInteger(w) && Math.abs(w) <= days;
  if (!(whole(lower) && whole(upper) && lower <= 0 && upper >= 0)) {
    throw new ModelInputError(`${lowerName} must be whole days in -${days}..0 and ${upperName} in 0..${days}`);
  }
}

function checkCountries(countries: unknown): void {
  const supported = supportedCountries();
  if (!Array.isArray(countries)) {
    throw new ModelInputError(`"country_holidays" must be a list of country codes, e.g. ["${supported[0]}"]`);
  }
  countries.forEach((code: unknown, i) => {
    if (typeof code !== 'string' || !supported.includes(code.trim().toUpperCase())) {
      throw new ModelInputError(
        `country_holidays[${i}] ${JSON.stringify(code)} is not a supported holiday country ` +
          `(supported: ${supported.join(', ')})`
      );
    }
  });
}

function checkHolidays(holidays: unknown): void {
  requireList('holidays', holidays, MODEL_LIMITS.customHolidays);
  for (const h of holidays as ModelParams['holidays']) {
    if (!h || typeof h.name !== 'string' || h.name === '' || !Array.isArray(h.dates)) {
      throw new ModelInputError('every custom holiday needs a name and a list of dates');
    }
    requireList(`holiday "${h.name}" dates`, h.dates, MODEL_LIMITS.holidayDates);
    for (const d of h.dates) {
      if (typeof d !== 'string' || parseDay(d) === undefined) {
        throw new ModelInputError(
          `holiday "${h.name}" date ${JSON.stringify(d)} is not a real date written YYYY-MM-DD`
        );
      }
    }
    checkWindow(`holiday "${h.name}" lower_window`, 'upper_window', h.lower_window ?? 0, h.upper_window ?? 0);
    if (h.prior_scale !== undefined) {
      requirePositive(`holiday "${h.name}" prior_scale`, h.prior_scale);
    }
  }
}

/** `exclude` and `false_alarms`: lists of [start_ms, end_ms] pairs, each ending at or after its start. */
function checkRanges(name: string, ranges: unknown): void {
  if (!Array.isArray(ranges)) {
    throw new ModelInputError(`${name} must be a list of [start_ms, end_ms] pairs`);
  }
  if (ranges.length > MODEL_LIMITS.ranges) {
    // Incident labels are excluded ranges too: a labels file of many incidents meets the limit as exclude.
    const what = name === 'exclude' ? 'exclude (excluded ranges and incident labels together)' : name;
    throw new ModelSettingsError(
      `${what} has ${ranges.length} ranges; the limit is ${MODEL_LIMITS.ranges}: merge neighbouring ones or shorten the span`
    );
  }
  for (const range of ranges as unknown[]) {
    if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) {
      throw new ModelInputError(`${name} ranges must be [start_ms, end_ms] pairs of numbers`);
    }
    if (range[1] < range[0]) {
      throw new ModelInputError(`${name} range [${range[0]}, ${range[1]}] ends before it starts`);
    }
  }
}

/** Most periods the `past` family summarises: a year of weeks. */
export const MAX_PAST_PERIODS = 52;
/** Longest fade of the `past` family's level shift: a year. */
export const MAX_PAST_LEVEL_FADE_HOURS = 8760;

function checkPastParams(p: ModelParams): void {
  if (!['auto', 'week', 'day'].includes(p.past_period)) {
    throw new ModelInputError(`past_period must be "auto", "week" or "day", got ${JSON.stringify(p.past_period)}`);
  }
  if (!(Number.isInteger(p.past_periods) && p.past_periods >= 1 && p.past_periods <= MAX_PAST_PERIODS)) {
    throw new ModelInputError(
      `past_periods must be a whole number in 1..${MAX_PAST_PERIODS}, got ${JSON.stringify(p.past_periods)}`
    );
  }
  if (typeof p.past_level !== 'boolean') {
    throw new ModelInputError(`past_level must be true or false, got ${JSON.stringify(p.past_level)}`);
  }
  if (typeof p.past_clean !== 'boolean') {
    throw new ModelInputError(`past_clean must be true or false, got ${JSON.stringify(p.past_clean)}`);
  }
  const fade = p.past_level_fade;
  if (!(typeof fade === 'number' && fade >= 0 && fade <= MAX_PAST_LEVEL_FADE_HOURS)) {
    const shown = typeof fade === 'number' ? String(fade) : JSON.stringify(fade);
    throw new ModelInputError(
      `past_level_fade must be a number of hours in 0..${MAX_PAST_LEVEL_FADE_HOURS}, got ${shown}`
    );
  }
  if (fade > 0 && !p.past_level) {
    throw new ModelInputError('past_level_fade fades the level shift: it needs past_level: true');
  }
}

/** Most AR lags the autoregressive family takes on its differenced series (besides the seasonal ones). */
export const AR_MAX_ORDER = 12;

function checkAutoregressive(p: ModelParams): void {
  if (!['auto', 'day', 'week', 'none'].includes(p.ar_period)) {
    throw new ModelInputError(`ar_period must be "auto", "day", "week" or "none", got ${JSON.stringify(p.ar_period)}`);
  }
  if (!['auto', 0, 1].includes(p.ar_difference)) {
    throw new ModelInputError(`ar_difference must be "auto", 0 or 1, got ${JSON.stringify(p.ar_difference)}`);
  }
  const order = p.ar_order;
  if (order !== 'auto' && !(Number.isInteger(order) && order >= 0 && order <= AR_MAX_ORDER)) {
    throw new ModelInputError(
      `ar_order must be "auto" or an integer in 0..${AR_MAX_ORDER}, got ${JSON.stringify(order)}`
    );
  }
}

function checkEnsembleMembers(members: unknown): void {
  const allowed = FAMILY_NAMES.filter((f) => f !== 'ensemble');
  if (
    !Array.isArray(members) ||
    members.length === 0 ||
    members.some((m, i) => !allowed.includes(m) || members.indexOf(m) !== i)
  ) {
    throw new ModelInputError(
      `ensemble_members must be a non-empty list of distinct families from ${allowed.join(', ')}, got ${JSON.stringify(members)}`
    );
  }
}
