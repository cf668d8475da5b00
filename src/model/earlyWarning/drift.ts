/**
 * Drift: a sustained departure from the expectation that no single point makes an outlier (a slow fall, a
 * creeping latency), found by a two-sided CUSUM on standardised residuals.
 *
 * Each point's residual is divided by the band's standard deviation on its side (band → σ via interval_width,
 * as in the outlook) and clipped to ±`clip`, so one spike adds at most `clip − allowance` and cannot raise a
 * drift alone (the outlier detector is there for it). From it is taken the median of the same (clipped) values at
 * the same time on up to `reference_days` previous days, rescaled to unit variance: a misfit the model repeats
 * every day at the same hour (an evening peak a little higher than it learnt) cancels, a departure that is new
 * today does not, and a slow multi-day drift shows as today against the previous days. Two sums then grow with
 * every departure r beyond the allowance k and drain otherwise:
 *
 *     S⁺ ← max(0, S⁺ + r − k),   S⁻ ← max(0, S⁻ − r − k)
 *
 * A drift starts when a sum passes the decision level h; it is dated back to where that sum last left zero (the
 * CUSUM's estimate of the change point). Reset: the sum is capped at 1.5 h, and the drift ends when it falls back
 * to h / 2 or below (so at most h / k clean points after the departure stops); the sum then restarts from zero, so
 * a new drift needs the full evidence again. Missing values (or expectations) leave the sums as they are.
 *
 * False alarms: on independent N(0, 1) residuals the defaults (k 0.75, h 10, clip 3, 7 reference days) raised one
 * drift in 1.2 million points (three seeds; none without the reference; with k 0.5, about one per 67,000), so
 * practically none: what raises drifts on clean data is the model's own persistent error. On the online
 * detector's residuals the benchmark measured about 2 false drifts per series-week on a synthetic family with
 * abrupt weekend switches, and 1 a week on the demo metric (holidays included); bench/results/early-warning.md.
 * k and h trade that against speed: k 0.5 detects a degradation about 15 minutes sooner with 2–3x the false drifts.
 */
import { ModelInputError } from '../errors';
import { bandQuantile, checkForecastArrays, type ForecastArrays } from './inputs';
import { sameTimeMedian } from './sameTime';

export interface DriftOptions {
  /** k: departures smaller than this many σ are not accumulated (half the shift to detect fastest). */
  allowance: number;
  /** h: the sum, in σ, at which a drift is declared. */
  decision: number;
  /** Standardised residuals are clipped to ±clip before they are summed. */
  clip: number;
  /**
   * Compare each residual with the median residual at the same time on up to this many previous days (0: with
   * zero), so a misfit the model repeats daily is not a drift.
   */
  reference_days: number;
}

export const DEFAULT_DRIFT_OPTIONS: Readonly<DriftOptions> = Object.freeze({
  allowance: 0.75,
  decision: 10,
  clip: 3,
  reference_days: 7,
});

export interface DriftInput extends ForecastArrays {
  /** Observed values, aligned with `timestamps` (ascending); NaN is missing. */
  values: ArrayLike<number>;
  /** The width of the band (the model's `interval_width`). */
  interval_width: number;
}

export interface DriftResult {
  /** Per point: −1 in a drift below the expectation, +1 above, 0 none (from the point the drift is declared). */
  drift: Int8Array;
  /** Start of the drift still on at the last point (where its sum last left zero), or null. */
  drift_start_ms: number | null;
}

const MAX_REFERENCE_DAYS = 28;

/** What each option accepts, for its check and its error message. */
const OPTION_RULES: Record<keyof DriftOptions, { ok: (v: number) => boolean; what: string }> = {
  allowance: { ok: (v) => v >= 0, what: 'a number >= 0' },
  decision: { ok: (v) => v > 0, what: 'a positive number' },
  clip: { ok: (v) => v > 0, what: 'a positive number' },
  reference_days: {
    ok: (v) => Number.isInteger(v) && v >= 0 && v <= MAX_REFERENCE_DAYS,
    what: `a whole number from 0 to ${MAX_REFERENCE_DAYS}`,
  },
};
export function resolveDriftOptions(options: Partial<DriftOptions> = {}): DriftOptions {
  const known = Object.keys(OPTION_RULES);
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ModelInputError(`unknown drift option "${unknown}" (known: ${known.join(', ')})`);
  }
  const resolved = { ...DEFAULT_DRIFT_OPTIONS };
  for (const key of known as Array<keyof DriftOptions>) {
    const value = options[key];
    if (value === undefined) {
      continue;
    }
    const rule = OPTION_RULES[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || !rule.ok(value)) {
      throw new ModelInputError(`drift option ${key} must be ${rule.what}, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  if (!(resolved.clip > resolved.allowance)) {
    throw new ModelInputError(`drift option clip (${resolved.clip}) must exceed allowance (${resolved.allowance})`);
  }
  return resolved;
}

/** One side's sum and where its current run began. */
interface Side {
  sum: number;
  runStart: number;
  /** Start of the drift on this side, or NaN when there is none. */
  driftStart: number;
}

export function detectDrift(input: DriftInput, options: Partial<DriftOptions> = {}): DriftResult {
  const { allowance, decision, clip, reference_days } = resolveDriftOptions(options);
  const z = bandQuantile(input.interval_width);
  const n = checkForecastArrays(input, 'drift');
  if (input.values.length !== n) {
    throw new ModelInputError(`drift: values has ${input.values.length} values for ${n} timestamps`);
  }
  const departures = departuresFrom(input, z, clip, reference_days);
  const cap = 1.5 * decision;
  const up: Side = { sum: 0, runStart: NaN, driftStart: NaN };
  const down: Side = { sum: 0, runStart: NaN, driftStart: NaN };
  const drift = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const t = input.timestamps[i];
    const r = departures[i];
    if (Number.isFinite(r)) {
      step(up, r - allowance, t, decision, cap);
      step(down, -r - allowance, t, decision, cap);
    }
    // Both sides cannot both be on for long; the later start names the current direction.
    const upOn = !Number.isNaN(up.driftStart);
    const downOn = !Number.isNaN(down.driftStart);
    drift[i] = upOn && (!downOn || up.driftStart >= down.driftStart) ? 1 : downOn ? -1 : 0;
  }
  const last = n > 0 ? drift[n - 1] : 0;
  return {
    drift,
    drift_start_ms: last === 1 ? up.driftStart : last === -1 ? down.driftStart : null,
  };
}

/**
 * Per point, the clipped standardised residual minus the median of those at the same time on the previous
 * `referenceDays` days, rescaled to unit variance (a median of K independent unit normals has variance about
 * π / 2K, and 1 / K for K ≤ 2), clipped again; NaN where the residual is missing.
 */
function departuresFrom(input: DriftInput, z: number, clip: number, referenceDays: number): Float64Array {
  const n = input.timestamps.length;
  const standard = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = input.timestamps[i];
    if (!Number.isFinite(t) || (i > 0 && t < input.timestamps[i - 1])) {
      throw new ModelInputError(`drift: timestamps must be finite and ascending; index ${i} is not`);
    }
    const r = standardised(input.values[i], input.yhat[i], input.yhat_lower[i], input.yhat_upper[i], z);
    standard[i] = Math.max(-clip, Math.min(clip, r));
  }
  const { reference, count } = sameTimeMedian(input.timestamps, standard, referenceDays);
  return standard.map((r, i) => {
    const k = count[i];
    if (k === 0) {
      return r;
    }
    const scale = Math.sqrt(1 + (k <= 2 ? 1 / k : Math.PI / (2 * k)));
    return Math.max(-clip, Math.min(clip, (r - reference[i]) / scale));
  });
}

/** Advances one side's CUSUM by `increment` at time t: start, hold or end its drift. */
function step(side: Side, increment: number, t: number, decision: number, cap: number): void {
  if (side.sum === 0 && increment > 0) {
    side.runStart = t;
  }
  side.sum = Math.min(cap, Math.max(0, side.sum + increment));
  if (Number.isNaN(side.driftStart)) {
    if (side.sum > decision) {
      side.driftStart = side.runStart;
    }
  } else if (side.sum <= decision / 2) {
    side.driftStart = NaN;
    side.sum = 0;
  }
}

/** (value − yhat) / σ of the band's side, NaN when either is missing or the band has no width there. */
function standardised(value: number, yhat: number, lower: number, upper: number, z: number): number {
  const residual = value - yhat;
  const halfWidth = residual >= 0 ? upper - yhat : yhat - lower;
  const sigma = halfWidth / z;
  return sigma > 0 && Number.isFinite(sigma) ? residual / sigma : NaN;
}
