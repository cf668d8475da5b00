/**
 * What a decomposition fit keeps so that new points can be added and old ones dropped without refitting
 * (incremental.ts): the normal equations over the training window with the robust weights, the few rows whose
 * weight is below 1, the residual spread the band is read from and a bounded tail of recent rows judged out of
 * sample. Its size is bounded by the design (p(p+1)/2 + p doubles, p ≤ 200) and by a day of recent rows, not by
 * the history's length, except for the down-weighted rows (a few percent of the window, times and weights).
 */
import { base64ToFloat64, float64ToBase64 } from './binary';
import type { ResidualSpread } from './uncertainty';

/** The state's own version: a state of another version is dropped on reading, and the model refits to update. */
export const INCREMENTAL_VERSION = 1;

export interface IncrementalState {
  version: number;
  /** Upper triangle of Xᵀ diag(w) X over the training window (scaled y units), row by row: p(p+1)/2 values. */
  gram: Float64Array;
  /** Xᵀ diag(w) y over the training window. */
  xty: Float64Array;
  /** The residual scale (scaled units) the priors are weighed against; kept from the last full fit. */
  sigma: number;
  /** The scale new rows' robust weights are read against (scaled units); 0 when the fit was not robust. */
  weight_scale: number;
  /** Gross values (grossValues.ts): further than `gross_limit` from `gross_center` (y units). */
  gross_center: number;
  gross_limit: number;
  /** Training rows with a robust weight below 1 (ascending times) and those weights; every other row has 1. */
  light_times: Float64Array;
  light_weights: Float64Array;
  /** The band's in-sample part (uncertainty.ts), kept from the last full fit. */
  spread: ResidualSpread;
  /** The most recent rows judged by a model that had not seen them, oldest first: times, scaled values, residuals. */
  recent_times: Float64Array;
  recent_ys: Float64Array;
  recent_residuals: Float64Array;
  /** How many recent rows are kept: the last full fit's holdout length, at most a day of 5-minute points. */
  recent_capacity: number;
  /** Median |in-sample residual| of those rows at the full fit (scaled units; 0: none): the band's reference level. */
  recent_scale: number;
  /** End of the last full fit's history: updates stop some days after it (incremental.ts). */
  fitted_end: number;
}

/** The upper triangle of a full symmetric p × p matrix, row by row. */
export function packUpper(full: Float64Array, p: number): Float64Array {
  const out = new Float64Array((p * (p + 1)) / 2);
  let k = 0;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      out[k++] = full[a * p + b];
    }
  }
  return out;
}

/** The full symmetric matrix of a packed upper triangle. */
export function unpackUpper(packed: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  let k = 0;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      out[a * p + b] = packed[k];
      out[b * p + a] = packed[k];
      k++;
    }
  }
  return out;
}

const ARRAY_KEYS = [
  'gram',
  'xty',
  'light_times',
  'light_weights',
  'recent_times',
  'recent_ys',
  'recent_residuals',
] as const;
const NUMBER_KEYS = [
  'version',
  'sigma',
  'weight_scale',
  'gross_center',
  'recent_capacity',
  'recent_scale',
  'fitted_end',
] as const;
const SPREAD_KEYS: ReadonlyArray<keyof ResidualSpread> = [
  'below',
  'above',
  'outlier_below',
  'outlier_above',
  'tail',
  'burst',
  'dof_inflation',
  'floor',
  'z',
  'outlier_z',
];

/** Plain JSON data: arrays as base64 text, an infinite gross limit as null. */
export function encodeState(state: IncrementalState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    spread: state.spread,
    gross_limit: Number.isFinite(state.gross_limit) ? state.gross_limit : null,
  };
  for (const key of NUMBER_KEYS) {
    out[key] = state[key];
  }
  for (const key of ARRAY_KEYS) {
    out[key] = float64ToBase64(state[key]);
  }
  return out;
}

/**
 * The state `encodeState` wrote for a design of p columns; undefined for anything else (an older version, a
 * damaged entry): the model still predicts, and its next update refits instead.
 */
export function decodeState(data: unknown, p: number): IncrementalState | undefined {
  if (data === null || typeof data !== 'object') {
    return undefined;
  }
  const o = data as Record<string, unknown>;
  if (o.version !== INCREMENTAL_VERSION) {
    return undefined;
  }
  const state: Record<string, unknown> = {};
  for (const key of NUMBER_KEYS) {
    if (typeof o[key] !== 'number' || !Number.isFinite(o[key])) {
      return undefined;
    }
    state[key] = o[key];
  }
  for (const key of ARRAY_KEYS) {
    const values = typeof o[key] === 'string' ? base64ToFloat64(o[key]) : null;
    if (values === null) {
      return undefined;
    }
    state[key] = values;
  }
  const spread = o.spread as Record<string, unknown> | null;
  if (spread === null || typeof spread !== 'object' || !SPREAD_KEYS.every((k) => typeof spread[k] === 'number')) {
    return undefined;
  }
  state.spread = spread;
  state.gross_limit = o.gross_limit === null ? Infinity : o.gross_limit;
  const s = state as unknown as IncrementalState;
  const consistent =
    typeof s.gross_limit === 'number' &&
    s.gram.length === (p * (p + 1)) / 2 &&
    s.xty.length === p &&
    s.light_weights.length === s.light_times.length &&
    s.recent_ys.length === s.recent_times.length &&
    s.recent_residuals.length === s.recent_times.length;
  return consistent ? s : undefined;
}
