/**
 * What a decomposition fit keeps so that new points can be added and old ones dropped without refitting
 * (incremental.ts): the normal equations over the training window with the robust weights, the few rows whose
 * weight is below 1, the residual spread the band is read from and a bounded tail of recent rows judged out of
 * sample. Its size is bounded by the design (p(p+1)/2 + p doubles, p ≤ 200) and by a day of recent rows, not by
 * the history's length, except for the down-weighted rows (a few percent of the window, times and weights).
 */
import { typescriptKernels } from './kernels';
import type { Kernels } from './types';
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
  /**
   * The most recent rows' residuals (scaled units, oldest first): out of sample, under the model before the one
   * that learned them, and in sample, under the model that first learned them.
   */
  recent_out: Float64Array;
  recent_in: Float64Array;
  /** How many recent rows are kept: the last full fit's holdout length, at most a day of 5-minute points. */
  recent_capacity: number;
  /** Median |in-sample residual| of those rows at the full fit (scaled units; 0: none): the band's reference level. */
  recent_scale: number;
  /** End of the last full fit's history: updates stop some days after it (incremental.ts). */
  fitted_end: number;
}

/** Per width p, 1 on the upper triangle of a p × p matrix and 0 below: what packUpper keeps. */
const upperMasks = new Map<number, Float64Array>();

function upperMask(p: number): Float64Array {
  let mask = upperMasks.get(p);
  if (mask === undefined) {
    mask = new Float64Array(p * p);
    for (let a = 0; a < p; a++) {
      mask.fill(1, a * p + a, (a + 1) * p);
    }
    upperMasks.set(p, mask);
  }
  return mask;
}

/** The upper triangle of a full symmetric p × p matrix, row by row (a kernel's pass, not a script loop). */
export function packUpper(full: Float64Array, p: number, kernels: Kernels = typescriptKernels): Float64Array {
  return kernels.scaled(full, 1, false, upperMask(p));
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

const ARRAY_KEYS = ['gram', 'xty', 'light_times', 'light_weights', 'recent_out', 'recent_in'] as const;
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

/** Spread keys states stored before they existed lack. */
const OPTIONAL_SPREAD_KEYS: ReadonlyArray<keyof ResidualSpread> = ['tail_below', 'tail_above'];

/** The state as plain JSON data (encodeState), as a fitted model holds it. */
export type StoredState = Record<string, unknown>;

/**
 * Plain JSON data: arrays as float64 text (float64Text.ts: exact, and one kernel call each, where writing a
 * Gram matrix's hundreds of numbers as JSON took the engine's interpreter a few percent of a fit), an infinite
 * gross limit as null.
 */
export function encodeState(state: IncrementalState, kernels: Kernels = typescriptKernels): StoredState {
  const out: StoredState = {
    spread: state.spread,
    gross_limit: Number.isFinite(state.gross_limit) ? state.gross_limit : null,
  };
  for (const key of NUMBER_KEYS) {
    out[key] = state[key];
  }
  for (const key of ARRAY_KEYS) {
    out[key] = kernels.encodeFloat64s(state[key]);
  }
  return out;
}

/** A plain loop: the typed array constructor walks the array's iterator, several times slower in the Go engine. */
function float64sOf(values: number[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i];
  }
  return out;
}

/** The values of float64 text, or undefined for text encodeFloat64s did not write. */
function float64sOfText(text: string, kernels: Kernels): Float64Array | undefined {
  try {
    return kernels.decodeFloat64s(text);
  } catch {
    return undefined;
  }
}

/**
 * The state `encodeState` wrote for a design of p columns, its arrays as float64 text or (as states were stored
 * before) as JSON numbers; undefined for anything else (an older version, a damaged entry): the model still
 * predicts, and its next update refits instead.
 */
export function decodeState(
  data: StoredState | undefined,
  p: number,
  kernels: Kernels = typescriptKernels
): IncrementalState | undefined {
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
    const stored = o[key];
    if (typeof stored === 'string') {
      const values = float64sOfText(stored, kernels);
      if (values === undefined) {
        return undefined;
      }
      state[key] = values;
    } else if (Array.isArray(stored)) {
      // Entries that are not numbers read as NaN, which the update refuses (its coefficients would not be finite).
      state[key] = float64sOf(stored as number[]);
    } else {
      return undefined;
    }
  }
  const spread = o.spread as Record<string, unknown> | null;
  if (
    spread === null ||
    typeof spread !== 'object' ||
    !SPREAD_KEYS.every((k) => typeof spread[k] === 'number') ||
    !OPTIONAL_SPREAD_KEYS.every((k) => spread[k] === undefined || typeof spread[k] === 'number')
  ) {
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
    s.recent_in.length === s.recent_out.length;
  return consistent ? s : undefined;
}
