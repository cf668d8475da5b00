/**
 * Incremental update of a decomposition fit: new points are added to the training window and points leaving it
 * are dropped, at a cost in proportion to those points and the design's width, not to the history.
 *
 * What the update keeps from the last full fit (the design, frozen): time scaling, changepoint positions, the
 * Fourier layout and the day-kind split; y_scale; the residual scale σ the priors are weighed against; the robust
 * weights of the rows already in the window; the gross-value rule; the residual memory; the in-sample part of the
 * band (`ResidualSpread`, rescaled by the recent rows' level: see recentBand). Those refresh with a full refit, which the caller runs when `update` refuses: a week
 * after the last full fit, or once the window has slid a quarter of the trend's scaled range (whichever comes
 * first), or when the parameters, the model's version or its family do not allow an update.
 *
 * What the update changes: the normal equations (new rows added with robust weights read from their residuals
 * under the current model against the full fit's weight scale, dropped rows subtracted with the weights they
 * were added with, so the result is exactly the window's), the coefficients (the Laplace prior's reweighting
 * iterates on the p × p system alone), the trend's uncertainty, and the band from the most recent rows: the
 * full fit measures out-of-sample error on its last 10% of rows under a fit of the rows before; an update keeps
 * up to a day of the most recent rows, each judged by the model current when it arrived (the previous one for
 * the rows of this update), and compares them with their residuals under the updated model.
 */
import { ModelInputError } from './errors';
import type { FittedModel } from './forecaster';
import { flatRanges } from './input';
import {
  decodeState,
  encodeState,
  INCREMENTAL_VERSION,
  packUpper,
  unpackUpper,
  type IncrementalState,
} from './incrementalState';
import { layoutWidth, typescriptKernels } from './kernels';
import { resolveParams } from './params';
import { addPriors, type RegressionResult } from './regression';
import { HAMPEL_KNEES } from './robust';
import type { ComponentColumns } from './features';
import type { DesignLayout, Kernels, ModelParams, TimeRange } from './types';
import { anyOnWeekend, leavesWeekendToRefit } from './unseenDays';
import {
  bandFromSpread,
  holdoutInflation,
  holdoutTailScale,
  trendUncertainty,
  type ResidualSpread,
} from './uncertainty';

const DAY_MS = 86_400_000;
/** A full refit at least this often: old rows' weights, σ, the band's in-sample part and the design refresh. */
export const FULL_REFIT_MS = 7 * DAY_MS;
/** How far past the full fit's scaled time range (1) the window may end before the design is refit. */
const MAX_SLIDE = 0.25;
/** The prior's reweighting: at most this many solves, stopping when the coefficients move less than this × σ. */
const MAX_SOLVES = 10;
const TOLERANCE = 1e-4;

/**
 * Most recent rows kept for the band (a day of 5-minute points): three doubles each in every stored model, so
 * not the full fit's whole holdout (10% of the window).
 */
const MAX_RECENT_ROWS = 288;

/** An update the model cannot take; the caller fits from scratch instead. */
export class UpdateRefused extends ModelInputError {
  constructor(reason: string) {
    super(`cannot update the model (${reason}); fit it again`);
    this.name = 'UpdateRefused';
  }
}

/** Points in time order, as the caller holds them (NaN and excluded values are left out here). */
export interface Points {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** How a training window moves: points added after its end, and its new start with the points before it. */
export interface WindowChange {
  added: Points;
  /** The new window's start (ms); the model's history starts there after the update. */
  windowStart: number;
  /** Every point of the old window before `windowStart`, with the values it was fitted on. */
  dropped: Points;
}

/** Why a fit with these parameters and design cannot be updated; null when it can. */
export function updateRefusal(
  params: ModelParams,
  layout: DesignLayout,
  components: ComponentColumns[]
): string | null {
  if (layout.indicators.length > 0 || params.holidays.length > 0 || params.country_holidays.length > 0) {
    return 'holiday effects are fitted apart from the rest';
  }
  if (components.some((c) => c.multiplicative)) {
    return 'multiplicative seasonality depends on the trend';
  }
  if (params.conditions.length > 0 || layout.fourier.some((f) => (f.active?.flip.length ?? 0) > 0)) {
    return 'conditional seasonalities are placed by the training window';
  }
  if (params.false_alarms.length > 0) {
    return 'labelled false alarms are judged against the whole history';
  }
  return null;
}

/** The state a full fit leaves for updates (forecaster.ts). */
export function initialState(
  kernels: Kernels,
  result: RegressionResult & { normal: NonNullable<RegressionResult['normal']> },
  p: number,
  timestamps: Float64Array,
  spread: ResidualSpread,
  gross: { center: number; limit: number }
): IncrementalState {
  // The light rows (robust weight below 1) picked by kernels: as a JavaScript loop over every row this was 12% of
  // a cold fit's time in the backend's engine. deficit = 1 − w is positive exactly where w < 1.
  const weights = result.weights;
  const deficit = new Float64Array(weights.length).fill(1);
  kernels.addScaled(deficit, weights, -1);
  const lightTimes = kernels.scaled(timestamps, 1, false, deficit);
  const lightWeights = kernels.scaled(weights, 1, false, deficit);
  const holdoutStart = result.holdout?.start ?? timestamps.length;
  const start = Math.max(holdoutStart, timestamps.length - MAX_RECENT_ROWS);
  return {
    version: INCREMENTAL_VERSION,
    gram: packUpper(result.normal.gram, p, kernels),
    xty: result.normal.xty.slice(),
    sigma: result.sigma,
    weight_scale: result.normal.weightScale,
    gross_center: gross.center,
    gross_limit: gross.limit,
    light_times: lightTimes,
    light_weights: lightWeights,
    spread,
    recent_out: result.holdout?.outOfSample.slice(start - holdoutStart) ?? new Float64Array(0),
    recent_in: result.holdout?.inSample.slice(start - holdoutStart) ?? new Float64Array(0),
    recent_capacity: timestamps.length - start,
    recent_scale:
      result.holdout === null ? 0 : medianAbs(kernels, result.holdout.inSample.subarray(start - holdoutStart)),
    fitted_end: timestamps[timestamps.length - 1],
  };
}

/**
 * The coefficients for normal equations A β = b under the priors: the Laplace prior on rate changes is
 * reweighted by the last coefficients (regression.ts), from `start`, until they settle. p³ per solve.
 */
export function solveWithPriors(
  kernels: Kernels,
  gram: Float64Array,
  xty: Float64Array,
  p: number,
  components: ComponentColumns[],
  sigma: number,
  start: Float64Array
): Float64Array {
  let beta = start;
  for (let solve = 0; solve < MAX_SOLVES; solve++) {
    const A = gram.slice();
    addPriors(A, p, components, beta, sigma, false);
    const next = kernels.solveSpd(A, xty, p);
    let moved = 0;
    for (let j = 0; j < p; j++) {
      moved += Math.abs(next[j] - beta[j]);
    }
    beta = next;
    if (moved < TOLERANCE * sigma) {
      break;
    }
  }
  return beta;
}

/** Training rows of `points`: finite values outside the excluded ranges, in time order. */
function trainingPoints(
  points: Points,
  exclude: TimeRange[],
  kernels: Kernels
): { times: Float64Array; ys: Float64Array } {
  if (points.timestamps.length !== points.values.length) {
    throw new ModelInputError(
      `the update has ${points.timestamps.length} timestamps but ${points.values.length} values`
    );
  }
  // The engine passes Float64Arrays; trainingRows writes only into outT and outV, so they are read as they are.
  const ts = points.timestamps instanceof Float64Array ? points.timestamps : Float64Array.from(points.timestamps);
  const bad = kernels.firstNonFinite(ts);
  if (bad >= 0) {
    throw new ModelInputError(`the update's timestamp at index ${bad} is not a finite number`);
  }
  const outT = new Float64Array(ts.length);
  const outV = new Float64Array(ts.length);
  const ys = points.values instanceof Float64Array ? points.values : Float64Array.from(points.values);
  const kept = kernels.trainingRows(ts, ys, flatRanges(exclude), outT, outV);
  return { times: outT.subarray(0, kept), ys: outV.subarray(0, kept) };
}

/** 1 for rows the fit learns from, 0 for gross values (the full fit's rule, grossValues.ts), in y units. */
function grossMask(values: Float64Array, state: IncrementalState): Float64Array {
  const keep = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    keep[i] = state.gross_limit - Math.abs(values[i] - state.gross_center) > 0 ? 1 : 0;
  }
  return keep;
}

/** Adds factor × the weighted Gram of rows (and their right-hand side) to the packed normal equations. */
function accumulate(
  kernels: Kernels,
  X: Float64Array,
  ys: Float64Array,
  weights: Float64Array,
  p: number,
  factor: number,
  gram: Float64Array,
  xty: Float64Array
): void {
  const part = kernels.weightedGram(X, ys.length, p, ys, weights);
  kernels.addScaled(gram, part.gram, factor);
  kernels.addScaled(xty, part.xty, factor);
}

/** Each dropped row's weight: its down-weighted entry (matched in time order), else 1; 0 for gross rows. */
function droppedWeights(times: Float64Array, keep: Float64Array, state: IncrementalState): Float64Array {
  const w = new Float64Array(times.length);
  let k = 0;
  for (let i = 0; i < times.length; i++) {
    while (k < state.light_times.length && state.light_times[k] < times[i]) {
      k++;
    }
    if (keep[i] === 0) {
      continue;
    }
    if (k < state.light_times.length && state.light_times[k] === times[i]) {
      w[i] = state.light_weights[k++];
    } else {
      w[i] = 1;
    }
  }
  return w;
}

/** Rows the mask keeps (an indexed loop: `for…of` is several times slower in the backend's engine). */
function count(mask: Float64Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    n += mask[i] > 0 ? 1 : 0;
  }
  return n;
}

function checkChange(
  fitted: FittedModel,
  state: IncrementalState,
  added: Float64Array,
  dropped: Float64Array,
  windowStart: number
): void {
  if (added.length > 0 && !(added[0] > fitted.history_end)) {
    throw new ModelInputError(
      `the update's new points must come after the model's history, which ends at ${fitted.history_end} ms`
    );
  }
  if (!Number.isFinite(windowStart) || windowStart < fitted.history_start) {
    throw new ModelInputError(
      `the update's window start must be at or after the history's start (${fitted.history_start} ms)`
    );
  }
  const end = added.length > 0 ? added[added.length - 1] : fitted.history_end;
  // A window starting after its last point would be written as a history ending before it starts: unreadable.
  if (windowStart > end) {
    throw new ModelInputError(`the update's window start must be at or before the history's end (${end} ms)`);
  }
  if (dropped.length > 0 && !(dropped[0] >= fitted.history_start && dropped[dropped.length - 1] < windowStart)) {
    throw new ModelInputError('the update drops points outside the history before the new window start');
  }
  if (end - state.fitted_end > FULL_REFIT_MS) {
    throw new UpdateRefused('a full refit is due: the last one ended more than 7 days before the new points');
  }
  if ((end - fitted.layout.t0) / fitted.layout.t_scale > 1 + MAX_SLIDE) {
    throw new UpdateRefused("the window has moved past the range the trend's changepoints were placed for");
  }
  // A full fit leaves a first weekend in progress out of training (keptBeforeUnlearnedWeekend); an update must not
  // learn it either.
  const history = { start: fitted.history_start, end: fitted.history_end, points: fitted.n_train };
  if (anyOnWeekend(fitted.params, added) && leavesWeekendToRefit(fitted.params, history)) {
    throw new UpdateRefused('a first weekend is learned by a full fit, once training holds a whole weekend day');
  }
}

/**
 * The model with `change` applied: equal (within rounding) to solving the window's normal equations from
 * scratch with the same frozen design, weights and σ (incremental.test.ts). Throws UpdateRefused when the model
 * cannot take the update (refit it), ModelInputError for malformed points.
 */
export function update(
  fitted: FittedModel,
  change: WindowChange,
  params?: Partial<ModelParams>,
  kernels: Kernels = typescriptKernels
): FittedModel {
  const p = layoutWidth(fitted.layout);
  const state = decodeState(fitted.incremental, p, kernels);
  if (state === undefined) {
    throw new UpdateRefused('the model carries no update statistics of this version');
  }
  if (params !== undefined && JSON.stringify(resolveParams(params)) !== JSON.stringify(fitted.params)) {
    throw new UpdateRefused('the parameters differ from the fit');
  }
  const reason = updateRefusal(fitted.params, fitted.layout, fitted.components);
  if (reason !== null) {
    throw new UpdateRefused(reason);
  }
  const exclude = fitted.params.exclude;
  const added = trainingPoints(change.added, exclude, kernels);
  const dropped = trainingPoints(change.dropped, exclude, kernels);
  checkChange(fitted, state, added.times, dropped.times, change.windowStart);

  const yScale = fitted.y_scale;
  const gram = unpackUpper(state.gram, p);
  const xty = state.xty.slice();

  // New rows: judged out of sample by the current model, weighted by Hampel's rule against the fit's scale.
  const addedKeep = grossMask(added.ys, state);
  const addedYs = kernels.scaled(added.ys, 1 / yScale, false, null);
  const Xa = kernels.designMatrix(added.times, fitted.layout);
  const outOfSample = new Float64Array(added.times.length);
  kernels.updateResiduals(addedYs, kernels.multiply(Xa, added.times.length, p, fitted.beta), outOfSample);
  const addedWeights = new Float64Array(added.times.length).fill(1);
  if (state.weight_scale > 0) {
    kernels.hampelWeights(
      outOfSample,
      state.weight_scale,
      addedWeights,
      new Float64Array(added.times.length),
      HAMPEL_KNEES
    );
  }
  for (let i = 0; i < addedWeights.length; i++) {
    addedWeights[i] *= addedKeep[i];
  }
  accumulate(kernels, Xa, addedYs, addedWeights, p, 1, gram, xty);

  // Rows leaving the window: subtracted with the weights they were added with.
  const droppedKeep = grossMask(dropped.ys, state);
  const Xd = kernels.designMatrix(dropped.times, fitted.layout);
  const droppedYs = kernels.scaled(dropped.ys, 1 / yScale, false, null);
  accumulate(kernels, Xd, droppedYs, droppedWeights(dropped.times, droppedKeep, state), p, -1, gram, xty);

  const addedKept = count(addedKeep);
  const droppedKept = count(droppedKeep);
  const nTrain = fitted.n_train + addedKept - droppedKept;
  if (nTrain < 3 * p) {
    throw new UpdateRefused(`the window would keep ${nTrain} points for ${p} features`);
  }
  const beta = solveWithPriors(kernels, gram, xty, p, fitted.components, state.sigma, fitted.beta);
  if (kernels.firstNonFinite(beta) >= 0) {
    throw new UpdateRefused('its update statistics are damaged');
  }
  const inSample = new Float64Array(added.times.length);
  kernels.updateResiduals(addedYs, kernels.multiply(Xa, added.times.length, p, beta), inSample);
  const next = nextState(kernels, state, { gram: packUpper(gram, p, kernels), xty }, change.windowStart, added, {
    keep: addedKeep,
    weights: addedWeights,
    outOfSample,
    inSample,
  });
  return {
    ...fitted,
    beta,
    history_start: change.windowStart,
    history_end: added.times.length > 0 ? added.times[added.times.length - 1] : fitted.history_end,
    n_train: nTrain,
    n_gross: (fitted.n_gross ?? 0) + (added.ys.length - addedKept) - (dropped.ys.length - droppedKept),
    residuals: recentBand(kernels, fitted, next),
    trend_uncertainty: trendUncertainty(beta, fitted.components[0]),
    incremental: encodeState(next, kernels),
  };
}

/** The state after the update: new normal equations, down-weighted rows and recent rows. */
function nextState(
  kernels: Kernels,
  state: IncrementalState,
  normal: { gram: Float64Array; xty: Float64Array },
  windowStart: number,
  added: { times: Float64Array },
  rows: { keep: Float64Array; weights: Float64Array; outOfSample: Float64Array; inSample: Float64Array }
): IncrementalState {
  // Kept rows below full weight: keep − weight > 0 (weights of gross rows are 0, as their keep).
  const light = rows.keep.slice();
  kernels.addScaled(light, rows.weights, -1);
  let stays = 0;
  while (stays < state.light_times.length && state.light_times[stays] < windowStart) {
    stays++;
  }
  const recent = (old: Float64Array, values: Float64Array) =>
    joined(old, kernels.scaled(values, 1, false, rows.keep), state.recent_capacity);
  return {
    ...state,
    gram: normal.gram,
    xty: normal.xty,
    light_times: joined(state.light_times.subarray(stays), kernels.scaled(added.times, 1, false, light), Infinity),
    light_weights: joined(state.light_weights.subarray(stays), kernels.scaled(rows.weights, 1, false, light), Infinity),
    recent_out: recent(state.recent_out, rows.outOfSample),
    recent_in: recent(state.recent_in, rows.inSample),
  };
}

/** The last `most` values of `a` followed by `b`. */
function joined(a: Float64Array, b: Float64Array, most: number): Float64Array {
  const all = new Float64Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all.length > most ? all.slice(all.length - most) : all;
}

function medianAbs(kernels: Kernels, values: Float64Array): number {
  return values.length > 0 ? kernels.quantile(kernels.scaled(values, 1, true, null), 0.5) : 0;
}

/** Most the recent rows may scale the full fit's in-sample spread, either way. */
const MAX_LEVEL_CHANGE = 4;

/**
 * The band after an update. The full fit's in-sample spread is scaled by the recent rows' in-sample residual
 * level over what it was on the same share of rows at the full fit (a full fit would read it from every row of
 * the window, so the band follows a change of noise sooner here), then inflated by the recent rows' out-of-sample
 * against in-sample errors as the full fit's holdout does (there, both under one prefix fit and the final fit;
 * here, each row's under the models before and after it was learned).
 */
function recentBand(kernels: Kernels, fitted: FittedModel, state: IncrementalState) {
  if (state.recent_out.length === 0) {
    return bandFromSpread(state.spread, 1, 0);
  }
  const inSample = state.recent_in;
  const ratio = medianAbs(kernels, inSample) / state.recent_scale;
  const level =
    Number.isFinite(ratio) && ratio > 0 ? Math.min(MAX_LEVEL_CHANGE, Math.max(1 / MAX_LEVEL_CHANGE, ratio)) : 1;
  const s = state.spread;
  const spread: ResidualSpread = {
    ...s,
    below: s.below * level,
    above: s.above * level,
    outlier_below: s.outlier_below * level,
    outlier_above: s.outlier_above * level,
    tail: s.tail * level,
    ...(s.tail_below === undefined ? {} : { tail_below: s.tail_below * level }),
    ...(s.tail_above === undefined ? {} : { tail_above: s.tail_above * level }),
    burst: s.burst * level,
  };
  const inflation = holdoutInflation(kernels, { outOfSample: state.recent_out, inSample });
  return bandFromSpread(spread, inflation, holdoutTailScale(kernels, state.recent_out, fitted.y_scale));
}
