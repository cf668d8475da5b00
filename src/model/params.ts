import { ModelInputError } from './errors';
import type { ModelParams } from './types';

/** Prophet's defaults, plus robust fitting on. */
export const DEFAULT_PARAMS: Readonly<ModelParams> = Object.freeze({
  growth: 'linear',
  n_changepoints: 25,
  changepoint_range: 0.8,
  changepoint_prior_scale: 0.05,
  yearly_seasonality: 'auto',
  weekly_seasonality: 'auto',
  daily_seasonality: 'auto',
  seasonalities: [],
  seasonality_mode: 'additive',
  seasonality_prior_scale: 10,
  country_holidays: [],
  holidays: [],
  holidays_lower_window: 0,
  holidays_upper_window: 0,
  holidays_prior_scale: 10,
  holidays_mode: 'auto',
  holidays_tz_offset_minutes: 0,
  interval_width: 0.8,
  outlier_width: 0.995,
  nonnegative: 'auto',
  robust: true,
  exclude: [],
}) as ModelParams;

const KNOWN_KEYS = new Set<string>([...Object.keys(DEFAULT_PARAMS), 'changepoints']);

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new ModelInputError(`${name} must be a positive number, got ${String(value)}`);
  }
}

function checkSwitch(name: string, value: unknown): void {
  const ok =
    value === 'auto' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100);
  if (!ok) {
    throw new ModelInputError(
      `${name} must be "auto", true, false or a Fourier order (0-100), got ${JSON.stringify(value)}`
    );
  }
}

/** Fills defaults and validates; throws ModelInputError naming the first bad parameter. */
export function resolveParams(partial: Partial<ModelParams> = {}): ModelParams {
  for (const key of Object.keys(partial)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ModelInputError(`unknown model parameter "${key}"`);
    }
  }
  const p: ModelParams = { ...DEFAULT_PARAMS, ...stripUndefined(partial) };
  if (p.growth !== 'linear' && p.growth !== 'flat') {
    throw new ModelInputError(`growth must be "linear" or "flat", got ${JSON.stringify(p.growth)}`);
  }
  if (!(Number.isInteger(p.n_changepoints) && p.n_changepoints >= 0 && p.n_changepoints <= 1000)) {
    throw new ModelInputError(`n_changepoints must be an integer in 0..1000, got ${String(p.n_changepoints)}`);
  }
  if (!(p.changepoint_range > 0 && p.changepoint_range <= 1)) {
    throw new ModelInputError(`changepoint_range must be in (0, 1], got ${String(p.changepoint_range)}`);
  }
  requirePositive('changepoint_prior_scale', p.changepoint_prior_scale);
  requirePositive('seasonality_prior_scale', p.seasonality_prior_scale);
  requirePositive('holidays_prior_scale', p.holidays_prior_scale);
  if (!(p.interval_width > 0 && p.interval_width < 1)) {
    throw new ModelInputError(`interval_width must be in (0, 1), got ${String(p.interval_width)}`);
  }
  if (!(p.outlier_width > 0 && p.outlier_width < 1)) {
    throw new ModelInputError(`outlier_width must be in (0, 1), got ${String(p.outlier_width)}`);
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
  for (const s of p.seasonalities) {
    if (!s || typeof s.name !== 'string' || s.name === '') {
      throw new ModelInputError('every custom seasonality needs a name');
    }
    requirePositive(`seasonality "${s.name}" period_days`, s.period_days);
    if (!(Number.isInteger(s.fourier_order) && s.fourier_order > 0 && s.fourier_order <= 100)) {
      throw new ModelInputError(`seasonality "${s.name}" fourier_order must be an integer in 1..100`);
    }
    if (s.prior_scale !== undefined) {
      requirePositive(`seasonality "${s.name}" prior_scale`, s.prior_scale);
    }
  }
  if (!Number.isFinite(p.holidays_tz_offset_minutes) || Math.abs(p.holidays_tz_offset_minutes) > 18 * 60) {
    throw new ModelInputError('holidays_tz_offset_minutes must be within ±1080');
  }
  if (!(p.holidays_lower_window <= 0 && p.holidays_upper_window >= 0)) {
    throw new ModelInputError('holidays_lower_window must be <= 0 and holidays_upper_window >= 0');
  }
  for (const h of p.holidays) {
    if (!h || typeof h.name !== 'string' || h.name === '' || !Array.isArray(h.dates)) {
      throw new ModelInputError('every custom holiday needs a name and a list of dates');
    }
    for (const d of h.dates) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) {
        throw new ModelInputError(`holiday "${h.name}" date "${d}" is not YYYY-MM-DD`);
      }
    }
  }
  for (const range of p.exclude) {
    if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) {
      throw new ModelInputError('exclude ranges must be [start_ms, end_ms] pairs of numbers');
    }
    if (range[1] < range[0]) {
      throw new ModelInputError(`exclude range [${range[0]}, ${range[1]}] ends before it starts`);
    }
  }
  if (p.changepoints !== undefined && !p.changepoints.every((c) => Number.isFinite(c))) {
    throw new ModelInputError('changepoints must be finite epoch milliseconds');
  }
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== undefined) {
      (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
