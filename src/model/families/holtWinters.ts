/**
 * `holt_winters`: additive Holt-Winters with a damped trend and one season (ETS(A,Ad,A)), for level shifts
 * and short histories. The filter (holtWintersKernels.ts) runs on a regular grid at the series' median
 * spacing; each point is judged by the state before it, so its one-step errors are out of sample and set the
 * band (bandFromResiduals), which widens past the last update as ETS's variance grows with the horizon.
 *
 * Robust updates: an error beyond CLIP running robust scales is clipped before it updates the state, so one
 * spike barely moves the level; SHIFT_POINTS clipped errors in a row on one side are a level shift, which
 * the level then takes whole.
 *
 * Smoothing parameters not fixed by `hw_alpha`, `hw_beta`, `hw_gamma`, `hw_phi` are chosen by coordinate
 * descent over small grids, minimising the squared clipped one-step error after the warm-up: at most
 * MAX_SEARCH_RUNS filter passes over the training points (33).
 */
import { ModelInputError } from '../errors';
import { screenGrossValues } from '../grossValues';
import { halfResolution } from '../forecaster';
import { flatRanges, selectTrainingData, toTimestamps } from '../input';
import { resolveParams } from '../params';
import { bandFromResiduals, type ResidualSummary } from '../uncertainty';
import type {
  HoltWintersGrid,
  HoltWintersSettings,
  HoltWintersTrace,
  Kernels,
  ModelParams,
  Prediction,
} from '../types';
import type { FittedFamily, ModelFamily } from './family';
import { withFalseAlarms } from './falseAlarms';
import { allWithin, isTimeScale, MAX_SERIES_MAGNITUDE, residualSummaryOf, within } from './jsonNumbers';
import { checkStoredParams } from './storedParams';
import { STATE_HEADER } from './holtWintersKernels';
import { judgedPrediction, valuesToJudge } from '../judgedPrediction';

const DAY_MS = 86_400_000;
const PERIOD_MS = { day: DAY_MS, week: 7 * DAY_MS } as const;
const SEASON_NAMES = { day: 'daily', week: 'weekly' } as const;

/** Most slots in a season: a week of minutes. The model holds two states of this size. */
export const MAX_SEASON_SLOTS = 10_080;
/** Most grid slots a fit spans or a prediction walks past the history (each slot is a filter step). */
export const MAX_GRID_SLOTS = 4_194_304;
/** Slots that start a series without a season (two halves give level and trend). */
const NONSEASONAL_INIT_SLOTS = 24;

/** Robust updates: clip at this many running scales; this many clipped errors in a row on one side are a shift. */
const CLIP = 3;
const SHIFT_POINTS = 3;
/** Weight of each new absolute error in the running robust scale (about the last 20 updates). */
const SCALE_SMOOTHING = 0.05;
interface Smoothing {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** The search's start and grids; beta is a share of alpha, gamma a share of 1 − alpha. */
const SEARCH_START: Smoothing = { alpha: 0.2, beta: 0.02, gamma: 0.15, phi: 0.9 };
const SEARCH_GRID: { [K in keyof Smoothing]: number[] } = {
  alpha: [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9],
  gamma: [0, 0.05, 0.15, 0.35, 0.6],
  beta: [0, 0.02, 0.1, 0.3],
  phi: [0.8, 0.9, 0.98],
};
const SEARCH_ROUNDS = 2;
/** The start, then each round tries every other grid value of each free parameter. */
export const MAX_SEARCH_RUNS =
  1 + SEARCH_ROUNDS * Object.values(SEARCH_GRID).reduce((sum, grid) => sum + grid.length - 1, 0);

export type HoltWintersPeriod = 'day' | 'week' | 'none';

export interface FittedHoltWinters extends FittedFamily {
  family: 'holt_winters';
  version: 1;
  grid: HoltWintersGrid;
  /** The season used: 'none' when `hw_period` asked for none or the history does not cover two. */
  period: HoltWintersPeriod;
  smoothing: Smoothing;
  scale_floor: number;
  /** The state before the history's first slot, from which predict replays points within the history. */
  start_state: Float64Array;
  /** The state after the history's last slot, from which predict continues past it. */
  state: Float64Array;
  residuals: ResidualSummary;
  /** The one-step errors' standard deviation (y units), which the horizon variance multiplies. */
  sigma: number;
  nonnegative: boolean;
  /** Filter passes the parameter search made and its mean squared clipped error. */
  search: { runs: number; objective: number };
}

export const HOLT_WINTERS_VERSION = 1;

/** The season: 'auto' takes the shortest of a day or a week the history covers twice with two slots or more. */
function choosePeriod(requested: ModelParams['hw_period'], step: number, spanMs: number): HoltWintersPeriod {
  const fits = (period: 'day' | 'week') => {
    const slots = Math.round(PERIOD_MS[period] / step);
    return slots >= 2 && slots <= MAX_SEASON_SLOTS && spanMs >= 2 * PERIOD_MS[period];
  };
  if (requested === 'none') {
    return 'none';
  }
  if (requested === 'auto') {
    return fits('day') ? 'day' : fits('week') ? 'week' : 'none';
  }
  const slots = Math.round(PERIOD_MS[requested] / step);
  if (slots > MAX_SEASON_SLOTS) {
    throw new ModelInputError(
      `hw_period "${requested}" at this series' spacing of ${step} ms needs ${slots} season slots; the limit is ${MAX_SEASON_SLOTS}`
    );
  }
  // Less than two periods of history (or a spacing of half a period or more): no season.
  return fits(requested) ? requested : 'none';
}

function slotOf(t: number, grid: HoltWintersGrid): number {
  return Math.floor((t - grid.origin) / grid.step + 0.5);
}

/**
 * First index of sorted `ts` at or after `t` (or, `after`, past it).
 * Inline, not d3's bisect: fit/predict code, where sobek runs a d3 search 1.6× slower (README, Libraries).
 */
function lowerBound(ts: Float64Array, t: number, after = false): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < t || (after && ts[mid] === t)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function upperBound(ts: Float64Array, t: number): number {
  return lowerBound(ts, t, true);
}

function newTrace(n: number): HoltWintersTrace {
  return {
    yhat: new Float64Array(n),
    level: new Float64Array(n),
    error: new Float64Array(n),
    horizon_variance: new Float64Array(n),
    weight: new Float64Array(n),
  };
}

function traceSlice(trace: HoltWintersTrace, from: number, to: number): HoltWintersTrace {
  return {
    yhat: trace.yhat.subarray(from, to),
    level: trace.level.subarray(from, to),
    error: trace.error.subarray(from, to),
    horizon_variance: trace.horizon_variance.subarray(from, to),
    weight: trace.weight.subarray(from, to),
  };
}

function settingsOf(
  grid: HoltWintersGrid,
  smoothing: Smoothing,
  scaleFloor: number,
  scoreFrom: number
): HoltWintersSettings {
  return {
    ...grid,
    ...smoothing,
    clip: CLIP,
    shift_points: SHIFT_POINTS,
    scale_smoothing: SCALE_SMOOTHING,
    scale_floor: scaleFloor,
    score_from: scoreFrom,
  };
}

/** The smoothing parameters `hw_*` fix, or null where the search chooses. */
function fixedSmoothing(p: ModelParams): { [K in keyof Smoothing]: number | null } {
  const fixed = (v: 'auto' | number) => (v === 'auto' ? null : v);
  return { alpha: fixed(p.hw_alpha), beta: fixed(p.hw_beta), gamma: fixed(p.hw_gamma), phi: fixed(p.hw_phi) };
}

/**
 * Coordinate descent over SEARCH_GRID from SEARCH_START: each round tries every grid value of each free
 * parameter with the others held, keeping strict improvements. Deterministic; at most MAX_SEARCH_RUNS runs.
 */
function searchSmoothing(
  fixed: { [K in keyof Smoothing]: number | null },
  seasonal: boolean,
  objective: (s: Smoothing) => number
): { best: Smoothing; value: number; runs: number } {
  const best: Smoothing = {
    alpha: fixed.alpha ?? SEARCH_START.alpha,
    beta: fixed.beta ?? SEARCH_START.beta,
    gamma: seasonal ? (fixed.gamma ?? SEARCH_START.gamma) : 0,
    phi: fixed.phi ?? SEARCH_START.phi,
  };
  const free = (Object.keys(SEARCH_GRID) as Array<keyof Smoothing>).filter(
    (k) => fixed[k] === null && (k !== 'gamma' || seasonal)
  );
  // Each combination runs once: a round re-meets the value a parameter had when the round began.
  const seen = new Map<string, number>();
  const evaluate = (s: Smoothing): number => {
    const key = `${s.alpha} ${s.beta} ${s.gamma} ${s.phi}`;
    let v = seen.get(key);
    if (v === undefined) {
      v = objective(s);
      seen.set(key, v);
    }
    return v;
  };
  let value = evaluate(best);
  for (let round = 0; round < SEARCH_ROUNDS && free.length > 0; round++) {
    let improved = false;
    for (const key of free) {
      for (const candidate of SEARCH_GRID[key]) {
        const v = evaluate({ ...best, [key]: candidate });
        if (v < value) {
          value = v;
          best[key] = candidate;
          improved = true;
        }
      }
    }
    if (!improved) {
      break;
    }
  }
  const runs = seen.size;
  return { best, value, runs };
}

export function fitHoltWinters(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  kernels: Kernels
): FittedHoltWinters {
  const resolved = resolveParams(params);
  const train = screenGrossValues(selectTrainingData(timestamps, values, resolved.exclude, kernels), kernels);
  const ts = train.timestamps;
  const ys = train.values;
  const n = ts.length;
  if (n < 2 || !(ts[n - 1] > ts[0])) {
    throw new ModelInputError('the series needs at least two distinct timestamps with ordinary values');
  }
  const step = kernels.quantile(kernels.differences(ts, false, true), 0.5);
  const origin = ts[0];
  const totalSlots = Math.floor((ts[n - 1] - origin) / step + 0.5) + 1;
  if (totalSlots > MAX_GRID_SLOTS) {
    throw new ModelInputError(
      `the series spans ${totalSlots} steps of its median spacing (${step} ms); holt_winters takes at most ${MAX_GRID_SLOTS}: resample it`
    );
  }
  const period = choosePeriod(resolved.hw_period, step, ts[n - 1] - origin + step);
  const m = period === 'none' ? 1 : Math.round(PERIOD_MS[period] / step);
  const grid: HoltWintersGrid = { origin, step, season_slots: m };
  const initSlots = m > 1 ? 2 * m : Math.min(totalSlots, NONSEASONAL_INIT_SLOTS);
  // The first slots shaped the start state: their errors are not out of sample, unless they are all there is.
  const scoreFrom = totalSlots >= 2 * initSlots ? initSlots : 0;
  const startState = kernels.holtWintersStart(ts, ys, grid, initSlots);
  const abs = kernels.scaled(ys, 1, true, null);
  const scaleFloor = Math.max(halfResolution(ys, kernels), 1e-9 * kernels.quantile(abs, 1));
  const noExclusions = new Float64Array(0);
  const trace = newTrace(n);
  const run = (smoothing: Smoothing, from: number): { state: Float64Array; sse: number } => {
    const state = startState.slice();
    const sse = kernels.holtWintersFilter(
      ts,
      ys,
      noExclusions,
      settingsOf(grid, smoothing, scaleFloor, from),
      state,
      trace
    );
    return { state, sse };
  };
  const search = searchSmoothing(fixedSmoothing(resolved), m > 1, (s) => run(s, scoreFrom).sse);
  const final = run(search.best, scoreFrom);

  // The band from the one-step errors after the warm-up (all of them when that leaves too few).
  let first = lowerBound(ts, origin + (scoreFrom - 0.5) * step);
  if (n - first < 2) {
    first = 0;
  }
  const residuals = bandFromResiduals(
    kernels,
    trace.error.subarray(first),
    trace.weight.subarray(first),
    halfResolution(ys, kernels),
    1,
    { interval_width: resolved.interval_width, outlier_width: resolved.outlier_width, n_features: 0 }
  );
  const scored = n - first;
  return {
    family: 'holt_winters',
    version: HOLT_WINTERS_VERSION,
    params: resolved,
    history_start: origin,
    history_end: ts[n - 1],
    n_train: n,
    grid,
    period,
    smoothing: search.best,
    scale_floor: scaleFloor,
    start_state: startState,
    state: final.state,
    residuals,
    sigma: (residuals.band_below + residuals.band_above) / (2 * residuals.z),
    nonnegative: resolved.nonnegative === 'auto' ? train.min >= 0 : resolved.nonnegative,
    search: { runs: search.runs, objective: scored > 0 ? search.value / scored : 0 },
  };
}

/**
 * Runs the filter over sorted points: those within the history from the start state (a replay of the fit
 * when they are its points), those after it from the final state. Values update the state as the filter
 * goes (each point judged by the state before it); without values it is a forecast.
 */
function replay(fitted: FittedHoltWinters, ts: Float64Array, vs: Float64Array, kernels: Kernels): HoltWintersTrace {
  const n = ts.length;
  const trace = newTrace(n);
  const split = upperBound(ts, fitted.history_end);
  const settings = settingsOf(fitted.grid, fitted.smoothing, fitted.scale_floor, 0);
  const exclude = flatRanges(fitted.params.exclude);
  if (split > 0) {
    const state = fitted.start_state.slice();
    kernels.holtWintersFilter(
      ts.subarray(0, split),
      vs.subarray(0, split),
      exclude,
      settings,
      state,
      traceSlice(trace, 0, split)
    );
  }
  if (split < n) {
    const steps = slotOf(ts[n - 1], fitted.grid) - fitted.state[0];
    if (steps > MAX_GRID_SLOTS) {
      throw new ModelInputError(
        `holt_winters predicts at most ${MAX_GRID_SLOTS} steps of ${fitted.grid.step} ms past its history, asked for ${steps}`
      );
    }
    const state = fitted.state.slice();
    kernels.holtWintersFilter(
      ts.subarray(split),
      vs.subarray(split),
      exclude,
      settings,
      state,
      traceSlice(trace, split, n)
    );
  }
  return trace;
}

export function predictHoltWinters(
  fitted: FittedHoltWinters,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  kernels: Kernels
): Prediction {
  const ts = toTimestamps(timestamps, kernels);
  const n = ts.length;
  const given = valuesToJudge(values, n);
  if (n > 1 && kernels.quantile(kernels.differences(ts, false, false), 0) < 0) {
    throw new ModelInputError('holt_winters predicts points in time order: sort them first');
  }
  const trace = replay(fitted, ts, given ?? new Float64Array(n).fill(NaN), kernels);
  const seasonal: Record<string, Float64Array> = {};
  if (fitted.period !== 'none') {
    const season = trace.yhat.slice();
    kernels.addScaled(season, trace.level, -1);
    seasonal[SEASON_NAMES[fitted.period]] = season;
  }
  const horizonVariance = kernels.scaled(trace.horizon_variance, fitted.sigma * fitted.sigma, false, null);
  return judgedPrediction(kernels, fitted, ts, trace.yhat, given, horizonVariance, () => ({
    trend: trace.level,
    seasonal,
  }));
}

function toJson(fitted: FittedHoltWinters): Record<string, unknown> {
  return { ...fitted, start_state: Array.from(fitted.start_state), state: Array.from(fitted.state) };
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function fromJson(data: Record<string, unknown>): FittedHoltWinters {
  if (data.family !== 'holt_winters') {
    throw new ModelInputError(`serialized model is a ${String(data.family)} model, not holt_winters`);
  }
  if (data.version !== HOLT_WINTERS_VERSION) {
    throw new ModelInputError(
      `serialized holt_winters model version ${String(data.version)} is not supported (this Foresight reads version ${HOLT_WINTERS_VERSION}); fit the model again`
    );
  }
  // JSON writes a missing part as null too: both read as absent.
  const grid = (data.grid ?? undefined) as HoltWintersGrid | undefined;
  const smoothing = (data.smoothing ?? undefined) as Smoothing | undefined;
  const residuals = data.residuals as ResidualSummary | undefined;
  const m = grid?.season_slots;
  const stateOk = (s: unknown) =>
    Array.isArray(s) && s.length === STATE_HEADER + (m ?? 0) && s.every((v) => isFiniteNumber(v));
  const ok =
    grid !== undefined &&
    isFiniteNumber(grid.origin) &&
    isFiniteNumber(grid.step) &&
    grid.step > 0 &&
    Number.isInteger(m) &&
    m! >= 1 &&
    m! <= MAX_SEASON_SLOTS &&
    smoothing !== undefined &&
    [smoothing.alpha, smoothing.beta, smoothing.gamma, smoothing.phi].every(isFiniteNumber) &&
    residualSummaryOf(residuals) !== null &&
    stateOk(data.start_state) &&
    stateOk(data.state) &&
    isFiniteNumber(data.sigma) &&
    isFiniteNumber(data.scale_floor) &&
    isFiniteNumber(data.history_end) &&
    typeof data.params === 'object' &&
    data.params !== null &&
    (data.period === 'day' || data.period === 'week' || data.period === 'none');
  if (!ok) {
    throw new ModelInputError('serialized holt_winters model is incomplete');
  }
  const bounds = holtWintersBoundsProblem(data, grid, smoothing);
  if (bounds !== null) {
    throw new ModelInputError(`serialized holt_winters model: ${bounds}`);
  }
  const params = checkStoredParams(data.params, 'serialized holt_winters model');
  const { format: _format, ...rest } = data;
  return {
    ...(rest as unknown as FittedHoltWinters),
    params,
    start_state: Float64Array.from(data.start_state as number[]),
    state: Float64Array.from(data.state as number[]),
  };
}

/**
 * The field of a complete holt_winters model whose number is out of bounds (jsonNumbers.ts), or null: the
 * smoothing parameters in [0, 1] as a fit chooses them, a grid step a time scale, states and scales on the
 * series' scale. A state replayed with an alpha of 1e50 or a sigma of 1e300 squared overflows to Infinity.
 */
function holtWintersBoundsProblem(
  data: Record<string, unknown>,
  grid: HoltWintersGrid,
  smoothing: Smoothing
): string | null {
  if (!isTimeScale(grid.step)) {
    return `grid step must be a time scale from 1e-6 to 1e100 ms, got ${grid.step}`;
  }
  for (const key of ['alpha', 'beta', 'gamma', 'phi'] as const) {
    if (!(smoothing[key] >= 0 && smoothing[key] <= 1)) {
      return `smoothing ${key} must be in [0, 1], got ${smoothing[key]}`;
    }
  }
  for (const key of ['start_state', 'state'] as const) {
    if (!allWithin(data[key] as number[], MAX_SERIES_MAGNITUDE)) {
      return `${key} must lie within ±${MAX_SERIES_MAGNITUDE}`;
    }
  }
  for (const key of ['sigma', 'scale_floor'] as const) {
    if (!(within(data[key], MAX_SERIES_MAGNITUDE) && (data[key] as number) >= 0)) {
      return `${key} must be from 0 to ${MAX_SERIES_MAGNITUDE}`;
    }
  }
  return null;
}

export const holtWintersFamily: ModelFamily<FittedHoltWinters> = withFalseAlarms({
  name: 'holt_winters',
  version: HOLT_WINTERS_VERSION,
  fit: fitHoltWinters,
  predict: predictHoltWinters,
  toJson,
  fromJson,
  selectionGrid: { hw_period: ['auto', 'week'] },
});
