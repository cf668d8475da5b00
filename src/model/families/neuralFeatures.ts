/**
 * Inputs of the neural family (neural.ts) for one (origin, target time) pair of a sub-daily series: what
 * seasonal-naive and the past comparison read (the same slot one and two days back, a week back), where the series
 * stands now against the same time yesterday, the horizon and the calendar. Values are centred on the last day's mean and divided by its
 * standard deviation, so one network serves any level and scale; the target is scaled the same way.
 */

import { firstAbove } from '../shortTerm';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export const FEATURES = 13;

/** Sorted observed times (no NaN values) and their values. */
export interface Observed {
  ts: Float64Array;
  ys: Float64Array;
  /**
   * `ys` with past incidents replaced (neural.ts): what the inputs a day or a week back and the last day's mean and
   * spread read, so a spike is not echoed the next days; the last value and hour read `ys` itself, so a shift is seen
   * at once.
   */
  past: Float64Array;
  /** Median spacing (ms). */
  step: number;
}

/** Sorted times and finite values (a fit's training points), with their median spacing. */
export function observed(ts: Float64Array, ys: Float64Array): Observed {
  const gaps: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] > ts[i - 1]) {
      gaps.push(ts[i] - ts[i - 1]);
    }
  }
  gaps.sort((a, b) => a - b);
  const step = gaps.length > 0 ? gaps[gaps.length >> 1] : HOUR;
  return { ts, ys, past: ys, step };
}

/** The value (of `values`) observed within half a step of `t`, at or before `limit`; NaN when there is none. */
function at(o: Observed, values: Float64Array, t: number, limit: number): number {
  if (t > limit) {
    return NaN;
  }
  const i = firstAbove(o.ts, t);
  let best = -1;
  if (i > 0 && t - o.ts[i - 1] <= o.step / 2) {
    best = i - 1;
  }
  if (i < o.ts.length && o.ts[i] <= limit && o.ts[i] - t <= o.step / 2 && (best < 0 || o.ts[i] - t < t - o.ts[best])) {
    best = i;
  }
  return best < 0 ? NaN : values[best];
}

/** Mean of `values` in (from, to]; NaN when none. */
function mean(o: Observed, values: Float64Array, from: number, to: number): number {
  const a = firstAbove(o.ts, from);
  const b = firstAbove(o.ts, to);
  let s = 0;
  for (let i = a; i < b; i++) {
    s += values[i];
  }
  return b > a ? s / (b - a) : NaN;
}

/**
 * cos(2π·phase) and sin(2π·phase) by polynomials (error under 1e-9) and exp(−x) for x ≥ 0 by a polynomial squared
 * eight times: + − × and floor alone, so the backend's script engine computes the very inputs Node does (its
 * Math.sin, cos and exp differ from V8's in the last bit, and training would carry that into the weights).
 */
function cosTurn(phase: number): number {
  // Reduced to x in [−π/4, π/4] around the nearest quarter turn q: cos(2π·phase) is ±cos x or ±sin x.
  const turns = phase * 4;
  const q = Math.floor(turns + 0.5);
  const x = (turns - q) * (Math.PI / 2);
  const x2 = x * x;
  const c = 1 + x2 * (-1 / 2 + x2 * (1 / 24 + x2 * (-1 / 720 + x2 * (1 / 40320 - x2 / 3628800))));
  const sn = x * (1 + x2 * (-1 / 6 + x2 * (1 / 120 + x2 * (-1 / 5040 + x2 * (1 / 362880 - x2 / 39916800)))));
  switch (((q % 4) + 4) % 4) {
    case 0:
      return c;
    case 1:
      return -sn;
    case 2:
      return -c;
    default:
      return sn;
  }
}

function sinTurn(phase: number): number {
  return cosTurn(phase - 0.25);
}

function expNegative(x: number): number {
  const y = x / 256;
  let e = 1 - y * (1 - (y / 2) * (1 - (y / 3) * (1 - (y / 4) * (1 - y / 5))));
  for (let i = 0; i < 8; i++) {
    e *= e;
  }
  return e;
}

/** What one origin contributes to every row forecast from it. */
export interface OriginState {
  origin: number;
  centre: number;
  scale: number;
  now: number;
  nowYesterday: number;
  hour: number;
  hourYesterday: number;
}

/** The origin's state, or null when the day before it is too thin to scale by. */
export function originState(o: Observed, origin: number): OriginState | null {
  const a = firstAbove(o.ts, origin - DAY);
  const b = firstAbove(o.ts, origin);
  if (b - a < 4) {
    return null;
  }
  let s = 0;
  for (let i = a; i < b; i++) {
    s += o.past[i];
  }
  const n = b - a;
  const centre = s / n;
  // Two passes: a level far above the spread (1e12 ± 40) keeps its spread, which Σy² − n·mean² would cancel away.
  let s2 = 0;
  for (let i = a; i < b; i++) {
    s2 += (o.past[i] - centre) * (o.past[i] - centre);
  }
  const scale = Math.max(Math.sqrt(s2 / n), 1e-12 * Math.max(1, Math.abs(centre)));
  if (!Number.isFinite(scale)) {
    return null; // a spread past 1e154 overflows its square: the stand-in judges these points
  }
  const norm = (v: number) => (Number.isFinite(v) ? (v - centre) / scale : 0);
  const last = o.ys[b - 1];
  return {
    origin,
    centre,
    scale,
    now: norm(last),
    nowYesterday: norm(at(o, o.past, o.ts[b - 1] - DAY, origin)),
    hour: norm(mean(o, o.ys, origin - HOUR, origin)),
    hourYesterday: norm(mean(o, o.past, origin - DAY - HOUR, origin - DAY)),
  };
}

/** Writes the inputs for target time `target` (after the origin) into `out` (FEATURES long). */
export function writeFeatures(o: Observed, s: OriginState, target: number, out: Float64Array): void {
  const h = target - s.origin;
  const k = Math.max(1, Math.ceil(h / DAY - 1e-9));
  const norm = (v: number, fallback: number) => (Number.isFinite(v) ? (v - s.centre) / s.scale : fallback);
  const day1 = norm(at(o, o.past, target - k * DAY, s.origin), s.now);
  const day2 = norm(at(o, o.past, target - (k + 1) * DAY, s.origin), day1);
  const week = norm(at(o, o.past, target - Math.ceil(h / WEEK - 1e-9) * WEEK, s.origin), day1);
  // Calendar phases by arithmetic (UTC): 1970-01-01 was a Thursday, day 4 of a week that starts on Sunday.
  const dayPhase = (((target % DAY) + DAY) % DAY) / DAY;
  const weekPhase = ((((Math.floor(target / DAY) + 4) % 7) + 7) % 7) / 7;
  out[0] = day1;
  out[1] = day2;
  out[2] = week;
  out[3] = s.now;
  out[4] = s.nowYesterday;
  out[5] = s.hour;
  out[6] = s.hourYesterday;
  // Training sees horizons up to a day; further out the slots k days back stand in for yesterday, and the
  // horizon inputs stay at a day, so the linear path cannot carry the horizon into a drift.
  const seen = Math.min(h, DAY);
  out[7] = seen / DAY;
  out[8] = expNegative(seen / (3 * HOUR));
  out[9] = sinTurn(dayPhase);
  out[10] = cosTurn(dayPhase);
  out[11] = sinTurn(weekPhase);
  out[12] = cosTurn(weekPhase);
}

/**
 * Training rows from the history: origins every `originEvery` ms back from the end to two days after the first
 * point (the latest maxRows / perOrigin of them), each paired with `perOrigin` target times drawn with replacement
 * from the observed points in (origin, origin + horizon] (all of them, once each, when there are no more). Returns
 * inputs (rows × FEATURES) and scaled targets.
 */
export function trainingRows(
  o: Observed,
  horizon: number,
  originEvery: number,
  perOrigin: number,
  maxRows: number,
  rand: () => number
): { X: Float64Array; y: Float64Array } {
  const first = o.ts[0] + 2 * DAY;
  const end = o.ts[o.ts.length - 1];
  const X = new Float64Array(maxRows * FEATURES);
  const y = new Float64Array(maxRows);
  let rows = 0;
  for (let origin = end - o.step; origin >= first && rows + perOrigin <= maxRows; origin -= originEvery) {
    const s = originState(o, origin);
    if (s === null) {
      continue;
    }
    const a = firstAbove(o.ts, origin);
    const b = firstAbove(o.ts, Math.min(end, origin + horizon));
    const count = b - a;
    for (let r = 0; r < Math.min(perOrigin, count); r++) {
      const i = count <= perOrigin ? a + r : a + Math.floor(rand() * count);
      writeFeatures(o, s, o.ts[i], X.subarray(rows * FEATURES, (rows + 1) * FEATURES));
      y[rows] = (o.ys[i] - s.centre) / s.scale;
      rows++;
    }
  }
  return { X: X.subarray(0, rows * FEATURES), y: y.subarray(0, rows) };
}
