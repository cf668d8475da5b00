/**
 * Checks a decomposition model's JSON as read back from a store, field by field, before anything predicts with
 * it. A model whose numbers are off does not fail loudly later: a coefficient list one short gives NaN bands, a
 * missing residual summary flags nothing, a zero y_scale flags everything, so an alert rule reading it would be
 * silently off or always firing.
 */
import {
  allWithin,
  finiteNumbers,
  isSeriesScale,
  isTimeScale,
  MAX_COEFFICIENT,
  MAX_SERIES_MAGNITUDE,
  residualSummaryOf,
  within,
} from './families/jsonNumbers';

const COMPONENT_KINDS = ['trend', 'seasonality', 'holiday'];
/** Most columns a restored layout may describe (far above what the fit's design limits allow). */
const MAX_COLUMNS = 1_000_000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && value - value === 0;
}

function nonNegative(value: unknown): value is number {
  return finite(value) && value >= 0;
}

/** Flattened [start, end) pairs: finite, an even count. */
function pairs(value: unknown): boolean {
  const list = finiteNumbers(value);
  return list !== null && list.length % 2 === 0;
}

/** The design columns a layout describes (as features.ts builds them), or a reason it describes none. */
function layoutWidth(layout: unknown): number | string {
  if (!isObject(layout)) {
    return 'layout is not an object';
  }
  if (!finite(layout.t0) || typeof layout.linear !== 'boolean') {
    return 'layout needs finite t0 and a boolean linear';
  }
  if (!isTimeScale(layout.t_scale)) {
    return `layout's t_scale must be a time scale from 1e-6 to 1e100 ms, got ${JSON.stringify(layout.t_scale)}`;
  }
  const changepoints = finiteNumbers(layout.changepoints_t);
  if (changepoints === null || !Array.isArray(layout.fourier) || !Array.isArray(layout.indicators)) {
    return 'layout needs changepoints_t, fourier and indicators lists';
  }
  if (!allWithin(changepoints, MAX_COEFFICIENT)) {
    return `layout's changepoints_t must lie within ±${MAX_COEFFICIENT}`;
  }
  let width = layout.linear ? 2 + changepoints.length : 1;
  for (const block of layout.fourier as unknown[]) {
    if (!isObject(block) || !isTimeScale(block.period_ms)) {
      return 'a Fourier block needs a period_ms from 1e-6 to 1e100 ms';
    }
    if (!(Number.isInteger(block.order) && (block.order as number) >= 0)) {
      return 'a Fourier block needs a whole order ≥ 0';
    }
    const active = block.active;
    if (
      active !== undefined &&
      !(isObject(active) && finite(active.week_offset_ms) && pairs(active.week) && pairs(active.flip))
    ) {
      return 'a Fourier block has a malformed condition';
    }
    if (block.level !== undefined && (typeof block.level !== 'boolean' || (block.level && active === undefined))) {
      return 'a Fourier block has a level column without a condition';
    }
    width += 2 * (block.order as number) + (block.level === true ? 1 : 0);
  }
  for (const indicator of layout.indicators as unknown[]) {
    if (!isObject(indicator) || !pairs(indicator.intervals)) {
      return 'a holiday indicator needs [start, end) pairs';
    }
  }
  width += layout.indicators.length;
  return width <= MAX_COLUMNS ? width : `layout describes ${width} columns`;
}

function componentsProblem(components: unknown, width: number): string | null {
  if (!Array.isArray(components)) {
    return 'components is not a list';
  }
  // Predicting and updating read the first component as the trend, as features.ts places it.
  if (!isObject(components[0]) || components[0].kind !== 'trend') {
    return 'components must begin with the trend';
  }
  for (const c of components as unknown[]) {
    const ok =
      isObject(c) &&
      typeof c.name === 'string' &&
      COMPONENT_KINDS.includes(c.kind as string) &&
      Number.isInteger(c.from) &&
      Number.isInteger(c.to) &&
      (c.from as number) >= 0 &&
      (c.from as number) <= (c.to as number) &&
      (c.to as number) <= width &&
      nonNegative(c.prior_scale) &&
      typeof c.multiplicative === 'boolean';
    if (!ok) {
      return `component ${JSON.stringify(isObject(c) ? c.name : c)} does not fit the layout's ${width} columns`;
    }
  }
  return null;
}

function horizonGrowthProblem(growth: unknown): string | null {
  if (growth === null) {
    return null;
  }
  const horizons = isObject(growth) ? finiteNumbers(growth.horizon_ms) : null;
  const variance = isObject(growth) ? finiteNumbers(growth.variance) : null;
  if (horizons === null || variance === null || horizons.length !== variance.length || variance.some((v) => v < 0)) {
    return 'horizon_growth needs horizon_ms and variance lists of one length, variances ≥ 0';
  }
  return null;
}

function residualMemoryProblem(memory: unknown): string | null {
  if (memory === null) {
    return null;
  }
  if (!isObject(memory) || !isTimeScale(memory.step_ms) || !within(memory.last_residual, MAX_SERIES_MAGNITUDE)) {
    return `residual_memory needs a step_ms from 1e-6 to 1e100 ms and a last_residual within ±${MAX_SERIES_MAGNITUDE}`;
  }
  const lags = finiteNumbers(memory.lags);
  const rho = finiteNumbers(memory.rho);
  if (lags === null || rho === null || lags.length !== rho.length) {
    return 'residual_memory needs lags and rho lists of one length';
  }
  if (!allWithin(rho, MAX_COEFFICIENT)) {
    return `residual_memory's rho must lie within ±${MAX_COEFFICIENT}`;
  }
  const season = memory.season;
  if (season !== null) {
    const times = isObject(season) ? finiteNumbers(season.times) : null;
    const residuals = isObject(season) ? finiteNumbers(season.residuals) : null;
    if (
      !isObject(season) ||
      !isTimeScale(season.period_ms) ||
      !within(season.rho, MAX_COEFFICIENT) ||
      times === null ||
      residuals === null ||
      times.length !== residuals.length ||
      !allWithin(residuals, MAX_SERIES_MAGNITUDE)
    ) {
      return 'residual_memory has a malformed season (period_ms, rho, or residuals out of bounds)';
    }
  }
  return null;
}

/**
 * What is wrong with a decomposition model's plain JSON fields (its params aside, which resolveParams checks), or
 * null when they hold together: a layout, components inside it, one finite coefficient per column, a residual
 * summary with positive scales, a positive y_scale, ordered history bounds, and well-formed optional parts.
 */
export function decompositionProblem(o: Json): string | null {
  const width = layoutWidth(o.layout);
  if (typeof width === 'string') {
    return width;
  }
  const beta = finiteNumbers(o.beta);
  if (beta === null || beta.length !== width) {
    return `beta must hold ${width} finite coefficients, one per design column`;
  }
  if (!allWithin(beta, MAX_COEFFICIENT)) {
    return `beta must hold coefficients within ±${MAX_COEFFICIENT}`;
  }
  const components = componentsProblem(o.components, width);
  if (components !== null) {
    return components;
  }
  if (residualSummaryOf(o.residuals) === null) {
    return 'residuals need finite band, scale and outlier widths ≥ 0, with positive scales';
  }
  if (!isSeriesScale(o.y_scale)) {
    return `y_scale must be a positive normal number up to ${MAX_SERIES_MAGNITUDE}, got ${JSON.stringify(o.y_scale)}`;
  }
  if (!finite(o.history_start) || !finite(o.history_end) || o.history_start > o.history_end) {
    return 'history_start and history_end must be ordered times';
  }
  if (!(Number.isInteger(o.n_train) && (o.n_train as number) >= 0) || typeof o.nonnegative !== 'boolean') {
    return 'n_train must be a whole number and nonnegative a boolean';
  }
  const trend = o.trend_uncertainty;
  if (
    !isObject(trend) ||
    !nonNegative(trend.rate) ||
    !nonNegative(trend.laplace_scale) ||
    !within(trend.rate, MAX_COEFFICIENT) ||
    !within(trend.laplace_scale, MAX_COEFFICIENT)
  ) {
    return `trend_uncertainty needs a rate and a laplace_scale from 0 to ${MAX_COEFFICIENT}`;
  }
  return horizonGrowthProblem(o.horizon_growth ?? null) ?? residualMemoryProblem(o.residual_memory ?? null);
}
