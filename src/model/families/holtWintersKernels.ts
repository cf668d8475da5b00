/**
 * The TypeScript side of the Holt-Winters kernels (HoltWintersKernels in types.ts); pkg/engine/holtwinters.go
 * is the Go side, with the same operation order, and testdata/fixtures/kernels holds both to the same numbers.
 *
 * The filter is additive Holt-Winters with a damped trend (ETS(A,Ad,A)) in error-correction form, on a
 * regular grid of slots:
 *   ŷ = level + φ·trend + season[slot mod m],  e = y − ŷ,  ẽ = e clipped to ±clip·scale
 *   level ← level + φ·trend + α·ẽ,  trend ← φ·trend + α·β·ẽ,  season[slot mod m] ← season + γ·(1 − α)·ẽ
 * A slot without a usable value only advances: level ← level + φ·trend, trend ← φ·trend.
 */
import { quantile } from '../statistics';
import type { HoltWintersGrid, HoltWintersSettings, HoltWintersTrace } from '../types';

/** Entries of the state before the season: next slot, last updated slot, level, trend, scale, run. */
export const STATE_HEADER = 6;
/** A normal error's standard deviation over its mean absolute value, √(π/2). */
const SD_PER_MEAN_ABS = 1.2533141373155003;
/** A normal standard deviation over the median absolute value. */
const SD_PER_MEDIAN_ABS = 1.4826;

/** The slot of a time on the grid: the nearest, halves up. */
function slotOf(t: number, origin: number, step: number): number {
  return Math.floor((t - origin) / step + 0.5);
}

export function holtWintersStart(
  timestamps: Float64Array,
  values: Float64Array,
  grid: HoltWintersGrid,
  initSlots: number
): Float64Array {
  const m = grid.season_slots;
  if (!(m >= 1)) {
    throw new Error(`season_slots must be at least 1, got ${m}`);
  }
  const state = new Float64Array(STATE_HEADER + m);
  state[1] = -1;
  const half = Math.floor(initSlots / 2);
  // Points of the first initSlots slots (times are sorted), their slots, and the size of the first half.
  let n = 0;
  let firstHalf = 0;
  const slots = new Float64Array(timestamps.length);
  const ys = new Float64Array(timestamps.length);
  for (let i = 0; i < timestamps.length; i++) {
    const slot = slotOf(timestamps[i], grid.origin, grid.step);
    if (slot >= initSlots) {
      break;
    }
    const v = values[i];
    if (slot < 0 || v !== v || v === Infinity || v === -Infinity) {
      continue;
    }
    slots[n] = slot;
    ys[n] = v;
    if (slot < half) {
      firstHalf++;
    }
    n++;
  }
  if (n === 0) {
    return state;
  }
  const all = ys.subarray(0, n);
  const center = quantile(all, 0.5);
  let trend = 0;
  if (firstHalf > 0 && firstHalf < n) {
    const early = quantile(all.subarray(0, firstHalf), 0.5);
    const late = quantile(all.subarray(firstHalf, n), 0.5);
    trend = (late - early) / (initSlots - half);
  }
  const middle = (initSlots - 1) / 2;
  // Departures from level and trend, grouped by season slot (counting sort), then each group's median.
  const counts = new Float64Array(m + 1);
  for (let k = 0; k < n; k++) {
    counts[(slots[k] % m) + 1]++;
  }
  for (let j = 0; j < m; j++) {
    counts[j + 1] += counts[j];
  }
  const grouped = new Float64Array(n);
  const fill = counts.slice(0, m);
  for (let k = 0; k < n; k++) {
    const j = slots[k] % m;
    grouped[fill[j]++] = ys[k] - (center + trend * (slots[k] - middle));
  }
  const season = new Float64Array(m);
  let mean = 0;
  for (let j = 0; j < m; j++) {
    const from = counts[j];
    const to = counts[j + 1];
    season[j] = to > from ? quantile(grouped.subarray(from, to), 0.5) : 0;
    mean += season[j];
  }
  mean /= m;
  // The remainder's median absolute value, read as a normal scale.
  for (let k = 0; k < n; k++) {
    const r = ys[k] - (center + trend * (slots[k] - middle)) - season[slots[k] % m];
    grouped[k] = r < 0 ? -r : r;
  }
  const scale = SD_PER_MEDIAN_ABS * quantile(grouped, 0.5, grouped);
  state[0] = 0;
  state[2] = center - trend * (middle + 1);
  state[3] = trend;
  state[4] = scale;
  state[5] = 0;
  for (let j = 0; j < m; j++) {
    state[STATE_HEADER + j] = season[j] - mean;
  }
  return state;
}

export function holtWintersFilter(
  timestamps: Float64Array,
  values: Float64Array,
  exclude: Float64Array,
  s: HoltWintersSettings,
  state: Float64Array,
  out: HoltWintersTrace
): number {
  const m = s.season_slots;
  if (!(m >= 1) || state.length !== STATE_HEADER + m) {
    throw new Error(`a state of ${state.length} entries for ${m} season slots`);
  }
  const { alpha, phi, clip, scale_smoothing: lambda, scale_floor: floor, score_from: scoreFrom } = s;
  const trendGain = alpha * s.beta;
  const seasonGain = s.gamma * (1 - alpha);
  const shiftPoints = s.shift_points;
  let next = state[0];
  let lastUpdate = state[1];
  let level = state[2];
  let trend = state[3];
  let scale = state[4];
  let run = state[5];
  let sse = 0;
  // Errors of the points in slot `next`, applied when the filter leaves it.
  let sum = 0;
  let count = 0;
  // Σ c_j² for j = 1..steps since the last update, with φ^steps and φ + … + φ^steps.
  let variance = 0;
  let steps = 0;
  let phiPower = 1;
  let phiSum = 0;

  const leave = (): void => {
    const base = level + phi * trend;
    if (count === 0) {
      level = base;
      trend = phi * trend;
      return;
    }
    const e = sum / count;
    const limit = clip * (scale > floor ? scale : floor);
    let clipped = e;
    if (e > limit) {
      clipped = limit;
      run = run > 0 ? run + 1 : 1;
    } else if (e < -limit) {
      clipped = -limit;
      run = run < 0 ? run - 1 : -1;
    } else {
      run = 0;
    }
    let levelStep = alpha * clipped;
    if (run >= shiftPoints || -run >= shiftPoints) {
      // A level shift: the level takes the whole error, trend and season only the clipped one.
      levelStep = e;
      run = 0;
    }
    level = base + levelStep;
    trend = phi * trend + trendGain * clipped;
    const j = STATE_HEADER + (next % m);
    state[j] = state[j] + seasonGain * clipped;
    const a = e < 0 ? -e : e;
    scale = (1 - lambda) * scale + lambda * SD_PER_MEAN_ABS * (a < limit ? a : limit);
    if (next >= scoreFrom) {
      sse += clipped * clipped;
    }
    lastUpdate = next;
    sum = 0;
    count = 0;
    variance = 0;
    steps = 0;
    phiPower = 1;
    phiSum = 0;
  };

  const n = timestamps.length;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    let slot = slotOf(t, s.origin, s.step);
    if (slot < next) {
      slot = next;
    }
    while (slot > next) {
      leave();
      next++;
    }
    while (steps < next - lastUpdate - 1) {
      steps++;
      phiPower = phiPower * phi;
      phiSum = phiSum + phiPower;
      const c = alpha + trendGain * phiSum + (m > 1 && steps % m === 0 ? seasonGain : 0);
      variance = variance + c * c;
    }
    const base = level + phi * trend;
    const yhat = base + state[STATE_HEADER + (next % m)];
    out.yhat[i] = yhat;
    out.level[i] = base;
    out.horizon_variance[i] = variance;
    const v = values[i];
    let usable = !(v !== v || v === Infinity || v === -Infinity);
    for (let e = 0; usable && e + 1 < exclude.length; e += 2) {
      if (t >= exclude[e] && t <= exclude[e + 1]) {
        usable = false;
      }
    }
    if (!usable) {
      out.error[i] = NaN;
      out.weight[i] = 0;
      continue;
    }
    const e = v - yhat;
    out.error[i] = e;
    const limit = clip * (scale > floor ? scale : floor);
    out.weight[i] = e > limit || e < -limit ? 0 : 1;
    sum += e;
    count++;
  }
  if (n > 0) {
    leave();
    next++;
  }
  state[0] = next;
  state[1] = lastUpdate;
  state[2] = level;
  state[3] = trend;
  state[4] = scale;
  state[5] = run;
  return sse;
}
