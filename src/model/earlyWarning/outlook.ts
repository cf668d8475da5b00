/**
 * Forecast to threshold: when will the expectation cross a threshold, and how likely is a crossing within the
 * lead time, given the forecast's band.
 *
 * Probability. The band at each step says how far the series may stray from the expectation: with the model's
 * interval_width it becomes a standard deviation σ (see `bandQuantile`), on each side of the expectation. Part of
 * that error is shared by the whole path (over hours, what a forecast gets wrong is mostly its level and slope: a
 * shift, a trend change, a daily shape a little off) and part is each point's own noise. The outlook splits the
 * band's variance into a shared share ρ (`shared_share`, 0.5 by default: on online residuals the correlation
 * between points 5 to 30 minutes apart was 0.3–0.4 on a synthetic family and 0.5–0.85 on the demo metric) and an
 * independent rest, and adds the anchor's variance (below) to the shared part. With one shared standard normal Z,
 * step i crosses `above` when ŷᵢ + sᵢ·Z + εᵢ > above, εᵢ ~ N(0, σᵢ²(1 − ρ)) independent, so
 *
 *     P(the series crosses above within the lead) = 1 − E_Z[ Πᵢ Φ((above − ŷᵢ − sᵢ·Z) / σᵢ√(1 − ρ)) ],
 *
 * integrated over Z numerically (49 points on ±6), and likewise below; the two are nearly disjoint, so the
 * outlook's probability is their sum (capped at 1). ρ = 1 is the fully shared path, P = the largest per-step
 * probability; ρ = 0 with no anchor is independent steps, 1 − Πᵢ(1 − pᵢ). On 6 hours of 5-minute steps over a
 * daily peak (outlook.test.ts), an expectation that stays 2.5 σ under the threshold gives 0.01–0.06, well under a
 * 0.8 rule: the shared part cannot push every peak over and the independent part alone rarely reaches 3.5 of its
 * σ. Half a σ under, where the series crosses about every other day, gives 0.49–0.84. `eta_ms` is the expectation's
 * own crossing.
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
  /** ρ: the share of the band's variance the whole path shares, in [0, 1]; default SHARED_SHARE. */
  shared_share?: number;
}

export const SHARED_SHARE = 0.5;

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
  /** Reaching the threshold is a crossing (>=, <=), not only passing it. */
  inclusive: boolean;
  /** +1 above (crossing means rising past it), −1 below. */
  sign: 1 | -1;
  /** Per step: the gap to the threshold on the side's direction, the shared and the independent error scales. */
  gaps: number[];
  shared: number[];
  own: number[];
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
    above: thresholds.above === undefined ? null : newSide(thresholds.above, 1, thresholds.above_inclusive === true),
    below: thresholds.below === undefined ? null : newSide(thresholds.below, -1, thresholds.below_inclusive === true),
  };
  const horizon = fromMs + leadMs;
  const anchor = checkedAnchor(input.anchor);
  const rho = input.shared_share ?? SHARED_SHARE;
  if (!(rho >= 0 && rho <= 1)) {
    throw new ModelInputError(`shared_share must be a number in [0, 1], got ${String(input.shared_share)}`);
  }
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
      const bandVar = Number.isFinite(halfWidth) && halfWidth > 0 ? (halfWidth / z) ** 2 : 0;
      side.gaps.push(side.sign * (side.threshold - y));
      side.shared.push(Math.sqrt(rho * bandVar + Math.max(0, extraVar)));
      side.own.push(Math.sqrt((1 - rho) * bandVar));
      // As the rule compares: past the threshold for gt and lt (an expectation resting on it is no breach), at it
      // or past it for gte and lte.
      const beyond = side.sign * (y - side.threshold);
      if (side.crossing === null && (beyond > 0 || (side.inclusive && beyond === 0))) {
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

function newSide(threshold: number, sign: 1 | -1, inclusive: boolean): SideState {
  return { threshold, inclusive, sign, gaps: [], shared: [], own: [], crossing: null };
}

/** Nodes of the shared error's integral: a midpoint rule on ±6 with normal weights (they sum to 1). */
const NODE_STEP = 0.25;
const NODES = Array.from({ length: 49 }, (_, k) => -6 + k * NODE_STEP);
const NODE_WEIGHTS = (() => {
  const w = NODES.map((x) => Math.exp((-x * x) / 2));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
})();

/** The chance that the series crosses the side's threshold at some step (see the module comment). */
function crossingProbability(side: SideState): number {
  const { gaps, shared, own } = side;
  if (own.every((o) => o === 0)) {
    // Fully shared: the path crosses when Z passes the smallest gap in units of its scale.
    let margin = Infinity;
    gaps.forEach((gap, i) => {
      margin = Math.min(margin, shared[i] > 0 ? gap / shared[i] : gap > 0 ? Infinity : -Infinity);
    });
    return normalUpperTail(margin);
  }
  if (shared.every((s) => s === 0)) {
    return 1 - Math.exp(logNoCrossing(gaps, shared, own, 0));
  }
  let stay = 0;
  NODES.forEach((node, k) => {
    stay += NODE_WEIGHTS[k] * Math.exp(logNoCrossing(gaps, shared, own, node));
  });
  return Math.min(1, Math.max(0, 1 - stay));
}

/** log Πᵢ P(no crossing at step i | Z = node); steps far from the threshold add nothing and are skipped. */
function logNoCrossing(gaps: number[], shared: number[], own: number[], node: number): number {
  let sum = 0;
  for (let i = 0; i < gaps.length; i++) {
    const gap = gaps[i] - shared[i] * node;
    if (own[i] === 0) {
      if (gap <= 0) {
        return -Infinity;
      }
      continue;
    }
    const x = gap / own[i];
    if (x > 9) {
      continue;
    }
    sum += Math.log(normalUpperTail(-x));
  }
  return sum;
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
  const pAbove = above === null ? 0 : crossingProbability(above);
  const pBelow = below === null ? 0 : crossingProbability(below);
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
