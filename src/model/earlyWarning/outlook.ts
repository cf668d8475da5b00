/**
 * Forecast to threshold: when will the expectation cross a threshold, and how likely is a crossing within the
 * lead time, given the forecast's band.
 *
 * Probability. The band at each step says how far the series may stray from the expectation: with the model's
 * interval_width it becomes a standard deviation σ (see `bandQuantile`), on each side of the expectation. A step
 * on its own crosses `above` with probability P(Z > m), m = (above − yhat) / σ. Across the lead time the steps
 * are not independent: over hours, what a forecast gets wrong is mostly its level and slope (a trend change, a
 * shift), a shared error that moves the whole path together. Treating the path's error as one shared shift, the
 * path crosses exactly when the shift exceeds the smallest margin, so
 *
 *     P(cross above within the lead) = P(Z > min over steps of m) = the largest per-step probability,
 *
 * and likewise below; the two are disjoint events, so the outlook's probability is their sum (capped at 1).
 * Under independent step errors the chance of some single point poking over would be far higher (1 − Π(1 − pᵢ)),
 * and it would fire at every daily peak that comes near the threshold: one odd point is the outlier detector's
 * job, not a breach. With the shared-shift reading a peak whose expectation stays m σ under the threshold never
 * gives more than P(Z > m), e.g. 0.16 at one σ, and the probability passes 0.5 exactly when the expectation itself
 * crosses, so `probability > 0.5` and a non-null `eta_ms` agree.
 *
 * Anchor. A model fitted a while ago does not know how the series has moved since, and a slow drift is exactly
 * what its trend catches last. With an `anchor` (the least-squares line through the latest residuals against this
 * model, see recentLine.ts), the expectation is moved by that line, continued over the lead, and the line's own
 * uncertainty is added to the band's: σ² + var(level + slope · h) at h after fromMs. On a clean series the line
 * is flat within its noise and its variance keeps the probability down; in a drift it carries the departure
 * forward, as predict_linear would, but on top of the seasonal forecast instead of through the daily swings.
 */
import { ModelInputError } from '../errors';
import { normalUpperTail } from '../statistics';
import { bandQuantile, checkForecastArrays, checkThresholds, type ForecastArrays, type Thresholds } from './inputs';

export type BreachSide = 'above' | 'below';

export interface OutlookInput {
  /** Now: steps after it (exclusive) and up to `fromMs + leadMs` (inclusive) are read. */
  fromMs: number;
  /** How far ahead to look, ms (> 0). */
  leadMs: number;
  /** The model's forecast over the lead time, timestamps ascending; steps outside it are ignored. */
  forecast: ForecastArrays;
  /** The width of the forecast's band (the model's `interval_width`). */
  interval_width: number;
  thresholds: Thresholds;
  /** The recent departure from this forecast, continued over the lead (see the module comment). */
  anchor?: OutlookAnchor;
}

/** A line level + slope · (t − fromMs) added to the forecast, with its estimates' (co)variances. */
export interface OutlookAnchor {
  level: number;
  slope_per_ms: number;
  level_var: number;
  slope_var: number;
  covariance: number;
}

export interface BreachOutlook {
  /** Ms from `fromMs` until the expectation first crosses a threshold (linear between steps); null: no crossing. */
  eta_ms: number | null;
  /** Chance of a crossing within the lead time, in [0, 1] (see the module comment). */
  probability: number;
  /** The threshold the probability mostly concerns (the one crossed first on a tie); null when it is 0. */
  side: BreachSide | null;
  /** `fromMs + eta_ms`, or null. */
  crossing_ms: number | null;
}

interface SideState {
  threshold: number;
  /** +1 above (crossing means rising past it), −1 below. */
  sign: 1 | -1;
  /** Smallest margin to the threshold over the steps, in σ (negative once the expectation is past it). */
  margin: number;
  /** First time the expectation reaches the threshold, or null. */
  crossing: number | null;
}

export function breachOutlook(input: OutlookInput): BreachOutlook {
  const { fromMs, leadMs, forecast } = input;
  if (!Number.isFinite(fromMs)) {
    throw new ModelInputError(`the outlook's start (fromMs) must be a finite time, got ${String(fromMs)}`);
  }
  if (!(Number.isFinite(leadMs) && leadMs > 0)) {
    throw new ModelInputError(`the lead time must be a positive duration, got ${String(leadMs)} ms`);
  }
  const thresholds = checkThresholds(input.thresholds);
  const z = bandQuantile(input.interval_width);
  const n = checkForecastArrays(forecast, 'forecast');
  const sides: Record<BreachSide, SideState | null> = {
    above: thresholds.above === undefined ? null : newSide(thresholds.above, 1),
    below: thresholds.below === undefined ? null : newSide(thresholds.below, -1),
  };
  const horizon = fromMs + leadMs;
  const anchor = checkedAnchor(input.anchor);
  let previousT = NaN;
  let previousY = NaN;
  let steps = 0;
  for (let i = 0; i < n; i++) {
    const t = forecast.timestamps[i];
    if (i > 0 && !(t > forecast.timestamps[i - 1])) {
      throw new ModelInputError(`forecast timestamps must increase; index ${i} does not`);
    }
    const base = forecast.yhat[i];
    if (!(t > fromMs && t <= horizon) || !Number.isFinite(base)) {
      continue;
    }
    steps++;
    const h = t - fromMs;
    const y = anchor === null ? base : base + anchor.level + anchor.slope_per_ms * h;
    const extraVar = anchor === null ? 0 : anchor.level_var + 2 * anchor.covariance * h + anchor.slope_var * h * h;
    for (const side of [sides.above, sides.below]) {
      if (side === null) {
        continue;
      }
      const halfWidth = side.sign > 0 ? forecast.yhat_upper[i] - base : base - forecast.yhat_lower[i];
      const sigma = Math.sqrt((halfWidth / z) ** 2 + Math.max(0, extraVar));
      side.margin = Math.min(side.margin, marginInSigmas(side, y, sigma));
      if (side.crossing === null && side.sign * (y - side.threshold) >= 0) {
        side.crossing = crossingTime(side.threshold, previousT, previousY, t, y);
      }
    }
    previousT = t;
    previousY = y;
  }
  if (steps === 0) {
    throw new ModelInputError('the forecast has no finite expectation within the lead time');
  }
  return combine(sides.above, sides.below, fromMs);
}

/** The anchor when every number is finite; without one (or with an incomplete one) the forecast stands alone. */
function checkedAnchor(anchor: OutlookAnchor | undefined): OutlookAnchor | null {
  if (anchor === undefined) {
    return null;
  }
  const { level, slope_per_ms, level_var, slope_var, covariance } = anchor;
  return [level, slope_per_ms, level_var, slope_var, covariance].every(Number.isFinite) ? anchor : null;
}

function newSide(threshold: number, sign: 1 | -1): SideState {
  return { threshold, sign, margin: Infinity, crossing: null };
}

/** (threshold − yhat) / σ on the side's direction; a zero or unknown σ makes the step certain either way. */
function marginInSigmas(side: SideState, y: number, sigma: number): number {
  const gap = side.sign * (side.threshold - y);
  if (Number.isFinite(sigma) && sigma > 0) {
    return gap / sigma;
  }
  return gap > 0 ? Infinity : -Infinity;
}

/** Where the straight line between two steps meets the threshold; the step itself when there is no step before. */
function crossingTime(threshold: number, t0: number, y0: number, t1: number, y1: number): number {
  if (!Number.isFinite(y0) || y1 === y0) {
    return t1;
  }
  const share = (threshold - y0) / (y1 - y0);
  return share >= 0 && share <= 1 ? t0 + share * (t1 - t0) : t1;
}

function combine(above: SideState | null, below: SideState | null, fromMs: number): BreachOutlook {
  const pAbove = above === null ? 0 : normalUpperTail(above.margin);
  const pBelow = below === null ? 0 : normalUpperTail(below.margin);
  const probability = Math.min(1, pAbove + pBelow);
  const crossing = firstCrossing(above, below);
  let side: BreachSide | null = null;
  if (probability > 0) {
    side = pAbove > pBelow ? 'above' : pBelow > pAbove ? 'below' : (crossing?.side ?? (above ? 'above' : 'below'));
  }
  return {
    eta_ms: crossing === null ? null : crossing.at - fromMs,
    probability,
    side,
    crossing_ms: crossing === null ? null : crossing.at,
  };
}

function firstCrossing(above: SideState | null, below: SideState | null): { side: BreachSide; at: number } | null {
  const a = above?.crossing ?? null;
  const b = below?.crossing ?? null;
  if (a === null && b === null) {
    return null;
  }
  if (b === null || (a !== null && a <= b)) {
    return { side: 'above', at: a as number };
  }
  return { side: 'below', at: b };
}
