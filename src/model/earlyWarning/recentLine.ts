/**
 * The least-squares line through each point's recent past: for point i, the finite values in (tᵢ − window, tᵢ]
 * or, when that holds fewer than `minPoints`, its last `minPoints` points (the outlook's anchor asks for
 * MIN_LINE_POINTS: over a window of a step or two there was no spread, and a short lead lost its anchor),
 * as level + slope · (t − tᵢ), with the estimates' variances from the scatter about the line. This is Prometheus'
 * predict_linear(v[window], h) = level + slope · h, and the outlook's anchor: the line through the latest
 * residuals says how far, and which way, the series is departing from the model's forecast now.
 *
 * Running sums over a sliding window; x is in hours from the first point, and the values should be roughly
 * centred (residuals are) so the sums of squares do not cancel.
 */
export interface RecentLines {
  /** The line's value at tᵢ (NaN with fewer than 2 values in the window; the variances need 3). */
  level: Float64Array;
  /** Slope per ms. */
  slope: Float64Array;
  /** Variance of the level, of the slope (per ms²), and their covariance (per ms), for a line's prediction variance. */
  level_var: Float64Array;
  slope_var: Float64Array;
  covariance: Float64Array;
}

const HOUR_MS = 3_600_000;
/** The fewest points the outlook's anchor line is read from, however short its window. */
export const MIN_LINE_POINTS = 12;

export function recentLines(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  windowMs: number,
  minPoints = 0
): RecentLines {
  const n = timestamps.length;
  const out: RecentLines = {
    level: new Float64Array(n).fill(NaN),
    slope: new Float64Array(n).fill(NaN),
    level_var: new Float64Array(n).fill(NaN),
    slope_var: new Float64Array(n).fill(NaN),
    covariance: new Float64Array(n).fill(NaN),
  };
  const origin = n > 0 ? timestamps[0] : 0;
  const sums = { n: 0, x: 0, y: 0, xx: 0, xy: 0, yy: 0 };
  const add = (k: number, sign: 1 | -1) => {
    const y = values[k];
    if (!Number.isFinite(y)) {
      return;
    }
    const x = (timestamps[k] - origin) / HOUR_MS;
    sums.n += sign;
    sums.x += sign * x;
    sums.y += sign * y;
    sums.xx += sign * x * x;
    sums.xy += sign * x * y;
    sums.yy += sign * y * y;
  };
  let lo = 0;
  for (let i = 0; i < n; i++) {
    add(i, 1);
    while (timestamps[lo] <= timestamps[i] - windowMs && i - lo + 1 > minPoints) {
      add(lo, -1);
      lo++;
    }
    if (sums.n < 2) {
      continue;
    }
    const meanX = sums.x / sums.n;
    const meanY = sums.y / sums.n;
    const sxx = sums.xx - sums.n * meanX * meanX;
    if (!(sxx > 1e-12)) {
      continue;
    }
    const slope = (sums.xy - sums.n * meanX * meanY) / sxx;
    const syy = sums.yy - sums.n * meanY * meanY;
    const scatter = sums.n > 2 ? Math.max(0, syy - slope * slope * sxx) / (sums.n - 2) : NaN;
    const offset = (timestamps[i] - origin) / HOUR_MS - meanX;
    out.level[i] = meanY + slope * offset;
    out.slope[i] = slope / HOUR_MS;
    out.level_var[i] = scatter * (1 / sums.n + (offset * offset) / sxx);
    out.slope_var[i] = scatter / sxx / (HOUR_MS * HOUR_MS);
    out.covariance[i] = (scatter * offset) / sxx / HOUR_MS;
  }
  return out;
}
